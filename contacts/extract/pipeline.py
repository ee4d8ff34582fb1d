"""Article → sentences → actors → triggers → modality → frames → merged mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from contacts.dates import DateInterval
from contacts.extract import dating, timing
from contacts.extract.actors import ArticleActors, find_mentions
from contacts.extract.discourse import Discourse
from contacts.extract.frames import Frame, SentenceFrames
from contacts.extract.merge import Evidence, Mention, Merger
from contacts.extract.phrases import phrases
from contacts.extract.places import situate
from contacts.extract.modality import NOT_A_CONTACT, TALLY, classify, tally_count
from contacts.extract.prefilter import compile_guarded
from contacts.extract.sentences import Sentence, split
from contacts.extract.tokens import tokenize
from contacts.extract.triggers import find_triggers
from contacts.kb import Actor, Kind, KnowledgeBase, default
from contacts.models import ALWAYS_DIRECTED, Article, ExtractedContact, ExtractedTally

_SINCE = re.compile(r"\bsince\b", re.I)


@dataclass(frozen=True)
class Tally:
    who: Actor
    whom: Actor
    mode: str
    count: int
    since: DateInterval
    evidence: Evidence


@dataclass
class Extraction:
    article: Article
    mentions: list[Mention] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    new_actors: list[Actor] = field(default_factory=list)
    # people the article shows acting for an organisation ("the AU envoys"): person id -> its code
    acting_for: dict[str, str] = field(default_factory=dict)


def _evidence(sentence: Sentence) -> Evidence:
    return Evidence(sentence.index, sentence.start, sentence.end, sentence.text.strip())


def _to_mention(f: Frame, ev: Evidence) -> Mention:
    return Mention(f.mode, f.who, f.whom, f.directed, f.status, f.date, f.location, (ev,))


_ANOTHER = compile_guarded(r"\b(?:another|a second|a third|other|one more)\s+(?:\S+\s+){0,2}$", re.I)


def _complete(frames: list[Frame], text: str = "") -> list[Frame]:
    """Incomplete frames borrow: a same-mode frame's pair gets their date; a
    frame listed after a complete one ("including one face-to-face …") takes
    that one's actors."""
    own = [f for f in frames if f.complete]
    done = list(own)          # done[k] is own[k], dated anew, for k < len(own)
    for f in frames:
        if f.complete:
            continue
        distinct = bool(_ANOTHER.search(text[max(0, f.start - 30):f.start]))
        twin = None if distinct else next((k for k, d in enumerate(own) if d.mode == f.mode), None)
        if twin is not None and f.who is None and f.whom is not None and f.whom != own[twin].whom:
            # "Wang is expected in Tonga on Wednesday, and Vanuatu … are to follow": the twin's visitor
            done.append(f._replace(who=own[twin].who, complete=True, date=f.date if f.date.known else own[twin].date))
        elif twin is not None:
            if f.date.more_precise_than(done[twin].date):
                done[twin] = done[twin]._replace(date=f.date)
        elif own and own[0].start < f.start and (distinct or (f.who is None and f.whom is None)):
            # "including one face-to-face … and another face-to-face meeting …": listed after it (a frame with
            # a subject of its own takes another's parties only when so listed)
            main = own[0]
            done.append(f._replace(who=main.who, whom=main.whom, complete=True,
                                   directed=f.mode in ALWAYS_DIRECTED or f.mode == "message"))
        elif f.who is not None or f.whom is not None:
            done.append(f)          # one side named: the article may name the other (discourse.py)
    return sorted(done, key=lambda f: f.start)


def _sentence_tallies(sf: SentenceFrames, sentence: Sentence, trig, frames: list[Frame],
                      article_text: str = "") -> list[Tally]:
    count = tally_count(sentence.text, trig.end)
    since = DateInterval.unknown()
    m = _SINCE.search(sentence.text, trig.end)
    if m:
        after = [d for d in sf.dates if d.start >= m.end() and d.start - m.end() < 60]
        if after:
            since = dating.resolve(after[0], sf.published)
        else:       # "since the invasion": a named event's date
            start = m.end() + len(sentence.text[m.end():]) - len(sentence.text[m.end():].lstrip())
            since = dating.anchor_at(sentence.text, start, sf.published, article_text)
    ev = _evidence(sentence)
    return [Tally(f.who, f.whom, "contact" if trig.mode in ("call", "talks") else trig.mode, count, since, ev)
            for f in frames if f.complete and count]


def extract(article: Article, kb: KnowledgeBase | None = None) -> Extraction:
    """Every contact one article reports, merged within the article."""
    kb = kb or default()
    ctx = ArticleActors(kb, article.published)
    merger = Merger(kb, article.published, article.text)
    discourse = Discourse()
    result = Extraction(article)
    mentions: list[Mention] = []
    anchor = timing.article_anchor(article.text, article.published)     # the dateline's day, else the stamp
    scene = None        # the day the narrative is at ("On June 19, Cavusoglu met …"), for "that day"
    for sentence in split(article.text):
        scene, scene_before = timing.scene_after(sentence.text, scene, anchor), scene
        tokens = tokenize(sentence.text)
        named = find_mentions(tokens, ctx)
        triggers = find_triggers(sentence.text, tokens.keys) if named else []
        if triggers or sentence.index == 0:       # places matter where a contact may be, and in a dateline
            named = situate(tokens, named, kb)
        if not _worth_reading(named, tokens, ctx):
            triggers = []
        actors = phrases(tokens, named, ctx, triggered=bool(triggers))
        merger.observe(sentence.index, tokens, actors)      # where the sentence puts its subject
        if not actors or not triggers:
            continue            # a contact needs an actor named in its sentence (the other may be earlier)
        statuses = [classify(sentence.text, t.start, t.end, t.rule) for t in triggers]
        live = [t for t, s in zip(triggers, statuses) if s != NOT_A_CONTACT]
        if not live:
            continue
        sf = SentenceFrames(sentence.text, tokens, actors, kb, anchor)
        sf.timing.set_scene(scene_before)
        frames: list[Frame] = []
        for trig, status in zip(triggers, statuses):
            if status == NOT_A_CONTACT:
                continue
            if status == TALLY:
                built = sf.frame(trig, "occurred", live)
                once = list({(f.who, f.whom): f for f in built}.values())     # one frame a pair per date listed
                result.tallies += _sentence_tallies(sf, sentence, trig, once, article.text)
                frames += timing.listed(built)      # "four times: in July, August, …": the contacts counted
                # kept as the sentence's main frame, for the contacts it lists
                frames += [f._replace(mode="_tally") for f in built if f.complete]
                continue
            frames += sf.frame(trig, status, live)
        ev = _evidence(sentence)
        completed = discourse.complete(_complete(frames, sentence.text), sentence.index, frozenset(tokens.keys))
        usable = timing.trip_legs([f for f in completed if f.mode != "_tally" and _valid(f, merger)])
        mentions += merger.sentence([_to_mention(f, ev) for f in usable], actors)
    mentions = timing.carry(mentions, merger)      # a dated trip's or occasion's date to its undated contacts
    result.mentions = [_normalise(m, merger) for m in merger.article(mentions)]
    result.new_actors = list(ctx.new_actors.values())
    result.acting_for = dict(ctx.acting_for)
    return result


def _worth_reading(named: list, tokens, ctx: ArticleActors) -> bool:
    """Whether a sentence may report a contact: two actors named, or one and a definite description,
    pronoun, group or introduced surname that the phrase layer may resolve ("the minister", "the
    envoys", "Dahl"), or one in the passive (the summoner of "… had been summoned" is in an earlier
    sentence)."""
    actors = {a.id for m in named for a in m.actors}
    if len(actors) >= 2:
        return True
    return bool(actors) and not (_ONE_ACTOR_CUES.isdisjoint(tokens.keys) and ctx.introduced.keys().isdisjoint(tokens.keys))


_ONE_ACTOR_CUES = frozenset({"the", "he", "she", "his", "her", "was", "were", "been"})


def _valid(f: Frame, merger: Merger) -> bool:
    if f.who is None or f.whom is None or f.who.id == f.whom.id:
        return False
    same_country = merger.country(f.who, f.date) == merger.country(f.whom, f.date)
    return not same_country   # a contact is between two states' actors


def _normalise(m: Mention, merger: Merger) -> Mention:
    """Summons are between states; an envoy goes to a state; talks a person held, and no call or
    visit took in, are a meeting (the annotation guide keeps `talks` for negotiations between
    states or governments)."""
    if m.mode == "talks" and Kind.person in (m.who.kind, m.whom.kind):
        return replace(m, mode="meeting")
    if m.mode == "summons":
        return replace(m, who=_state(m.who, merger, m), whom=_state(m.whom, merger, m))
    if m.mode == "envoy":
        return replace(m, whom=_state(m.whom, merger, m))
    return m


def _state(actor: Actor, merger: Merger, m: Mention) -> Actor:
    if actor.kind is not Kind.person:
        return actor
    return merger.kb.state(merger.country(actor, m.date) or "") or actor


def contract_lines(extraction: Extraction, kb: KnowledgeBase | None = None) -> list[ExtractedContact]:
    """The JSONL records of `contacts extract`."""
    kb = kb or default()
    pub = extraction.article.published
    out = []
    country = lambda actor, on: extraction.acting_for.get(actor.id) or kb.country_of(actor, on)  # noqa: E731
    for m in extraction.mentions:
        on = m.date.start or pub
        out.append(ExtractedContact(
            article=extraction.article.name, who=m.who.name, who_country=country(m.who, on),
            whom=m.whom.name, whom_country=country(m.whom, on), mode=m.mode, directed=m.directed,
            date=m.date.iso(), status=m.status, evidence=m.evidence[0].text))
    return out


def tally_lines(extraction: Extraction) -> list[ExtractedTally]:
    pub = extraction.article.published
    return [ExtractedTally(article=extraction.article.name, who=t.who.name, whom=t.whom.name, mode=t.mode,
                           count=t.count, since=t.since.iso() if t.since.known else None,
                           until=pub.isoformat() if pub else None, evidence=t.evidence.text)
            for t in extraction.tallies]
