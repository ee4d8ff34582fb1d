"""Actor mentions in a sentence: gazetteer look-up, then the shapes around it.

Finding candidates (the longest gazetteer entry at each token) is separate
from assembling them into mentions ("Ukrainian President" + "Volodymyr
Zelensky" is one mention of one person; "Chinese officials" is China).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from itertools import compress, count, islice, repeat
from operator import attrgetter
from typing import NamedTuple, Sequence

from contacts.extract.tokens import JOINERS, Token, Tokens
from contacts.kb import Actor, Kind, KnowledgeBase, name_key, slug

MAX_NGRAM = 6
# State nouns the tokenizer splits at an apostrophe ("charge d ' affaires").
_ELIDED_NOUNS = frozenset({"charged'affaires", "chargéd'affaires", "charged’affaires", "chargéd’affaires"})
# Words that make a title someone else's than the office holder's: "deputy foreign minister".
_NOT_THE_HOLDER = frozenset({"deputy", "vice", "assistant", "former", "ex", "junior", "under", "first-deputy"})
_FUNCTION_WORDS = frozenset({"of", "the", "for", "and", "'s", "s"})


@cache
def rules() -> dict:
    text = resources.files("contacts.extract").joinpath("rules/actors.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {k: {name_key(w) if k != "title_words" else w for w in v} for k, v in data.items()}


@cache
def _word_cues() -> frozenset[str]:
    """Plain words that may stand for actors: pronouns and the first words of pair phrases."""
    return frozenset(rules()["pronouns"]) | frozenset(_pair_phrases())


@cache
def _pair_phrases() -> dict[str, list[tuple[str, ...]]]:
    """The pair phrases ("the two leaders") by their first word, longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(rules()["pair_phrases"], key=lambda p: (-len(p.split()), p)):
        words = tuple(phrase.split())
        by_first.setdefault(words[0], []).append(words)
    return by_first


class ActorMention(NamedTuple):
    """One actor mention in a sentence (a tuple: thousands are made per article)."""

    first: int          # token positions, inclusive
    last: int
    actors: tuple[Actor, ...]
    via: str            # name | surname | title | state | demonym | pronoun | pair | pattern
    posting: str | None = None   # country an envoy/ambassador is posted to


@dataclass
class ArticleActors:
    """What the article has said so far: who was introduced, in what order."""

    kb: KnowledgeBase
    on: date | None
    seen: dict[str, Actor] = field(default_factory=dict)          # by id, most recent last
    introduced: dict[str, Actor] = field(default_factory=dict)   # surname key -> person
    new_actors: dict[str, Actor] = field(default_factory=dict)
    last_group: tuple[Actor, ...] = ()      # the people last named together ("A, B and C"): "the envoys"
    times: dict[str, int] = field(default_factory=dict)            # how often each actor was named
    acting_for: dict[str, str] = field(default_factory=dict)        # person id -> organisation ("the AU envoys")


    def note(self, actor: Actor) -> None:
        self.times[actor.id] = self.times.get(actor.id, 0) + 1
        if self.seen.pop(actor.id, None) is not None:
            self.seen[actor.id] = actor         # introduced already: only the order changes
            return
        self.seen[actor.id] = actor
        if actor.kind is Kind.person:
            for part in {actor.name.split()[0], actor.name.split()[-1]}:
                self.introduced.setdefault(name_key(part), actor)
            for key in self.kb.surnames_of.get(actor.id, ()):
                self.introduced.setdefault(key, actor)

    def forget(self, actor: Actor) -> None:
        """Take back one naming of `actor` (a mention the phrase layer found was part of another
        name: "Ellen Sirleaf Johnson" is not Boris Johnson)."""
        left = self.times.get(actor.id, 0) - 1
        if left > 0:
            self.times[actor.id] = left
            return
        self.times.pop(actor.id, None)
        self.seen.pop(actor.id, None)
        for key in [k for k, a in self.introduced.items() if a.id == actor.id]:
            del self.introduced[key]

    def salient(self, people: list[Actor], among: int = 3) -> Actor | None:
        """Of `people` (most recent first), the one the article named most among the first few:
        "he" and "the minister" are usually the article's protagonist, not the last name read."""
        recent = people[:among]
        if not recent:
            return None
        # On a tie the one named earlier wins: the subject of "Wang met Lavrov. He also met Putin."
        most = max(self.times.get(p.id, 0) for p in recent)
        return [p for p in recent if self.times.get(p.id, 0) == most][-1]

    def recent_people(self, n: int = 12) -> list[Actor]:
        """The last `n` people the article named, the most recent first."""
        return list(islice((a for a in reversed(self.seen.values()) if a.kind is Kind.person), n))


class _Chunk(NamedTuple):
    first: int
    last: int
    kind: str            # name | surname | demonym | title | word
    value: str | tuple | frozenset | list | set      # actor ids, country code, office, or token key


_POSITION, _KEY = attrgetter("i"), attrgetter("key")


class _Gazetteer(NamedTuple):
    """The knowledge base's names as the chunker looks them up."""

    lookup: dict[str, tuple[tuple[str, object, bool], ...]]   # key -> (kind, value, needs a capital)
    starts: dict[str, int]          # an n-gram's first two words -> the most words an entry they begin has
    candidates: frozenset[str]      # every word that can begin an entry, alone or as an n-gram
    uncapitalised: frozenset[str]   # the candidates that can begin an entry in lower case (a title's)


_GAZETTEERS: dict[str, _Gazetteer] = {}


def _gazetteer(kb: KnowledgeBase) -> _Gazetteer:
    digest = kb.digest()
    if digest not in _GAZETTEERS:
        lookup, starts = _lookup_table(kb), _phrase_starts(kb)
        firsts = frozenset(key.split(" ")[0] for key in starts)
        _GAZETTEERS[digest] = _Gazetteer(lookup, starts, frozenset(lookup) | firsts, _uncapitalised(lookup))
    return _GAZETTEERS[digest]


def _lookup_table(kb: KnowledgeBase) -> dict[str, tuple[tuple[str, object, bool], ...]]:
    """Every gazetteer key with what it may be, in order of preference: (kind, value,
    needs a capital). One dictionary probe per n-gram instead of four."""
    table: dict[str, list[tuple[str, object, bool]]] = {}
    for kind, source, cap in (("name", kb.names, True), ("surname", kb.surnames, True),
                              ("demonym", kb.demonyms, True), ("title", kb.titles, False)):
        for key, value in source.items():
            if kind == "title" and key in ("head", "chief", "pm"):
                continue       # too common alone; "head of state", "PM Modi" come as longer keys
            table.setdefault(key, []).append((kind, value, cap))
    return {k: tuple(v) for k, v in table.items()}


def _uncapitalised(lookup: dict[str, tuple[tuple[str, object, bool], ...]]) -> frozenset[str]:
    """First words of the entries that match without a capital: a lower-case word that begins
    none ("to", "a": "To Lam", "A P J Abdul Kalam") is a plain word."""
    return frozenset(key.split(" ")[0] for key, entries in lookup.items()
                     if any(not needs_cap for _, _, needs_cap in entries))


def _phrase_starts(kb: KnowledgeBase) -> dict[str, int]:
    """First two words of every multi-word name, surname, demonym and title, with the most
    words an entry they begin has: only these can begin an n-gram, and no longer one.
    (Two words, not one: "a" begins "a p j abdul kalam", but "a p" is rare.)"""
    longest: dict[str, int] = {}
    for words in (key.split(" ") for table in (kb.names, kb.surnames, kb.demonyms, kb.titles)
                  for key in table if " " in key):
        pair = " ".join(words[:2])
        longest[pair] = max(longest.get(pair, 0), len(words))
    return longest


def _gazetteer_chunks(tokens: Tokens, kb: KnowledgeBase) -> list[_Chunk]:
    """The sentence as chunks, longest match first: known names, surnames, demonyms
    and titles (names must be capitalised), and plain words between them."""
    stream: list[Token]
    keys: list[str]
    positions: Sequence[int]
    if JOINERS.isdisjoint(tokens.texts):
        stream, keys, positions = tokens, tokens.keys, range(len(tokens))
    else:
        stream = [t for t in tokens if t.text not in JOINERS]
        keys, positions = list(map(_KEY, stream)), list(map(_POSITION, stream))
    lookup, starts, candidates, uncapitalised = _gazetteer(kb)
    chunks: list[_Chunk] = []
    done = 0                     # stream positions before this are chunked
    # Most words begin no entry: they stay word chunks, made in bulk without a look-up each.
    words = list(map(tuple.__new__, repeat(_Chunk), zip(positions, positions, repeat("word"), keys)))
    for i in compress(count(), map(candidates.__contains__, keys)):
        head, key, found = stream[i], keys[i], None
        if i < done or (key not in uncapitalised and not head.text[:1].isupper()):
            continue
        chunks += words[done:i]
        longest = starts.get(f"{key} {keys[i + 1]}", 0) if i + 1 < len(keys) else 0
        if longest:
            for n in range(min(MAX_NGRAM, longest, len(stream) - i), 1, -1):
                found = _match(lookup.get(" ".join(keys[i:i + n])), head, stream[i + n - 1].i)
                if found:
                    break
        found = found or _match(lookup.get(key), head, head.i) or words[i]
        chunks.append(found)
        done = i + 1
        while done < len(stream) and stream[done].i <= found.last:    # the tokens the chunk covered
            done += 1
    chunks += words[done:]
    return chunks


def _match(entries, head: Token, last: int) -> _Chunk | None:
    for kind, value, needs_cap in entries or ():
        if not needs_cap or head.text[:1].isupper():
            return _Chunk(head.i, last, kind, value)
    return None


class _Assembler:
    """Turns the chunks of one sentence into actor mentions."""

    def __init__(self, tokens: list[Token], chunks: list[_Chunk], ctx: ArticleActors) -> None:
        self.tokens, self.chunks, self.ctx, self.kb = tokens, chunks, ctx, ctx.kb
        self.out: list[ActorMention] = []
        self._org_words: bool | None = None       # does the sentence hold one ("Ministry", "Institute")?

    # -- helpers ---------------------------------------------------------
    def _country_of_chunk(self, c: _Chunk) -> str | None:
        if c.kind == "demonym":
            return c.value
        if c.kind == "name":
            actors = [self.kb.actors[i] for i in c.value]
            states = [a for a in actors if a.kind is not Kind.person]
            return states[0].country if len(states) == 1 else None
        return None

    def _person(self, c: _Chunk, titled: bool = False) -> Actor | None:
        """The person a name chunk stands for. A bare surname needs the article to
        have introduced its holder, a title before it ("President Davis"), or a
        holder famous enough to go by surname alone."""
        ids = c.value if c.kind in ("name", "surname") else ()
        people = [self.kb.actors[i] for i in ids if self.kb.actors[i].kind is Kind.person]
        if c.kind == "surname" or len(people) > 1:
            key = " ".join(t.key for t in self.tokens[c.first:c.last + 1] if t.text not in JOINERS)
            if key in self.ctx.introduced:
                return self.ctx.introduced[key]
            if c.kind == "surname" and not titled:
                people = [p for p in people if p.id in self.kb.well_known]
            if self.ctx.on and len(people) > 1:
                people = [p for p in people if self.kb.roles_on(p.id, self.ctx.on)] or people
        return people[0] if len(people) == 1 else None

    def _name_goes_on(self, c: _Chunk) -> bool:
        """"US envoy Robert Kessler": a known surname followed by another capitalised word is the
        first word of a longer name, not that person."""
        nxt = c.last + 1
        return c.kind == "surname" and nxt < len(self.tokens) and self.tokens[nxt].capitalised \
            and self.tokens[nxt].text.isalpha() and self.tokens[nxt].key not in rules()["title_words"]

    def _possessive(self, c: _Chunk) -> int:
        """Index of the last token of "X's" / "X’" when X is followed by it, else -1."""
        t = self.tokens
        if c.last + 1 < len(t) and t[c.last + 1].text in ("'", "’"):
            if c.last + 2 < len(t) and t[c.last + 2].key == "s":
                return c.last + 2
            return c.last + 1
        return -1

    def _words_after(self, index: int, n: int) -> list[Token]:
        return self.tokens[index + 1:index + 1 + n]

    def _new_person(self, first: int, last: int, country: str, title: str) -> Actor | None:
        while first < last and self.tokens[first].key in rules()["honorifics"]:
            first += 1                                    # "Prince Faisal bin Farhan" is Faisal bin Farhan
        words = [t for t in self.tokens[first:last + 1] if t.text not in JOINERS and not self._initial_dot(t.i)]
        particles = rules()["name_particles"]
        if not (2 <= len(words) <= 5) or not all(w.text.isalpha() and (w.capitalised or w.key in particles)
                                                 for w in words):
            return None
        if not (words[0].capitalised and words[-1].capitalised) or len(words) - sum(
                w.key in particles for w in words) > 4:
            return None
        if any(w.key in rules()["org_words"] for w in words) or all(w.key in rules()["title_words"] for w in words):
            return None         # "National Security Council" names a body; "Foreign Minister" no one
        name = " ".join(self.tokens[i].text for i in range(first, last + 1)).replace(" - ", "-").replace(" .", ".")
        known = self.kb.resolve_titled(name, title=title, country=country, on=self.ctx.on)
        if known:
            return known
        actor = self.ctx.new_actors.get(slug(name)) or Actor(slug(name), name, Kind.person, country, ())
        self.ctx.new_actors[actor.id] = actor
        return actor

    def _capitalised_run(self, start: int) -> int:
        """Last index of the run of capitalised name words starting at `start` (or start-1); a particle
        ("bin", "al-", "da") or a joiner stays in the run when a capitalised word follows it."""
        end = start - 1
        i = start
        while i < len(self.tokens):
            tok = self.tokens[i]
            if tok.capitalised and tok.text.isalpha():
                end = i
                i += 1
                continue
            j = i
            while j < len(self.tokens) and (self.tokens[j].text in JOINERS or self._initial_dot(j) or (
                    self.tokens[j].key in rules()["name_particles"] and self.tokens[j].text.isalpha())):
                j += 1
            if j == i or i == start or j >= len(self.tokens) or not self.tokens[j].capitalised:
                break
            i = j
        return end

    def _after_portfolio(self, first: int) -> int:
        """Where the name begins in "<title> for International Economics Daleep Singh": the run's last
        two words (three with a particle), when the run is longer than a name alone."""
        last = self._capitalised_run(first)
        if last - first + 1 < 3:
            return first
        start = last - 1
        if start - 1 > first and self.tokens[start - 1].key in rules()["name_particles"]:
            start -= 2
        return start

    def _initial_dot(self, j: int) -> bool:
        """The full stop of an initial inside a name ("Malcolm B. Turnbull")."""
        return self.tokens[j].text == "." and j > 0 and len(self.tokens[j - 1].text) == 1 \
            and self.tokens[j - 1].text.isupper()

    def emit(self, first: int, last: int, actors: tuple[Actor, ...], via: str, posting: str | None = None) -> None:
        self.out.append(ActorMention(first, last, actors, via, posting))
        for a in actors:
            self.ctx.note(a)

    # -- the shapes --------------------------------------------------------
    def run(self) -> list[ActorMention]:
        cues = _word_cues()
        # Plain words that are not cues start nothing; the shapes look at them from their neighbours.
        i = 0
        for k in [k for k, c in enumerate(self.chunks) if c.kind != "word" or c.value in cues]:
            if k >= i:
                i = self._at(k)
        return self.out

    def _title_run(self, i: int) -> int:
        """Last chunk index of a run of title words starting at chunk i (or i-1)."""
        j = i
        words = rules()["title_words"]
        while j < len(self.chunks) and (self.chunks[j].kind == "title" or (
                self.chunks[j].kind == "word" and self.tokens[self.chunks[j].first].key in words)):
            j += 1
        # Function words may join title words but never make a title alone.
        while j > i and self.chunks[j - 1].kind == "word" and \
                self.tokens[self.chunks[j - 1].first].key in _FUNCTION_WORDS:
            j -= 1
        if j > i and self.chunks[i].kind == "word" and self.tokens[self.chunks[i].first].key in _FUNCTION_WORDS:
            return i - 1
        return j - 1

    def _at(self, i: int) -> int:
        c = self.chunks[i]
        if c.kind == "word":                       # run() brings only pronouns and pair words here
            return self._pronoun_or_pair(i)
        tok = self.tokens[c.first]
        country = self._country_of_chunk(c)
        if country and c.kind in ("demonym", "name"):
            return self._after_country(i, country)
        if c.kind == "title":
            return self._after_title(i, None, c.first)
        person = self._person(c)
        if person:
            self.emit(c.first, c.last, (person,), c.kind)
        elif c.kind == "name" and len(c.value) > 1 and tok.capitalised:
            pass  # an ambiguous name that the article never introduced: no guess
        return i + 1

    def _after_country(self, i: int, country: str) -> int:
        c = self.chunks[i]
        nxt = i + 1
        pos = self._possessive(c)
        if pos >= 0:
            while nxt < len(self.chunks) and self.chunks[nxt].first <= pos:
                nxt += 1
        if self._inside_other_name(c):
            return nxt
        pair = self._coordinated_officials(i, country)
        if pair is not None:
            return pair
        run_end = self._title_run(nxt)
        if run_end >= nxt:
            return self._after_title(nxt, country, c.first)
        if nxt < len(self.chunks):
            n = self.chunks[nxt]
            noun = self.tokens[n.first].key
            if "".join(t.text for t in self.tokens[n.first:n.first + 4]).lower() in _ELIDED_NOUNS:
                self._emit_state(c.first, n.first + 3, country)   # "the Afghan charge d'affaires"
                return self._chunk_after(n.first + 3)
            two = noun + " " + self.tokens[n.first + 1].key if n.first + 1 < len(self.tokens) else ""
            if two in rules()["state_nouns"] or noun in rules()["state_nouns"]:
                last = n.first + (1 if two in rules()["state_nouns"] else 0)
                self._emit_state(c.first, last, country)
                return nxt + 1 + (1 if two in rules()["state_nouns"] else 0)
        if c.kind == "name":
            self._emit_state(c.first, c.last, country)
        return nxt

    def _coordinated_officials(self, i: int, country: str) -> int | None:
        """"the Chinese and Russian leaders": each state's office holder on the article's date."""
        if i + 2 >= len(self.chunks) or not self.ctx.on:
            return None
        c, joiner, other = self.chunks[i], self.chunks[i + 1], self.chunks[i + 2]
        if self.tokens[joiner.first].key != "and" or other.kind not in ("demonym", "name"):
            return None
        other_country = self._country_of_chunk(other)
        at = other.last + 1
        title = self.tokens[at].key if at < len(self.tokens) else ""
        after = self.tokens[at + 1].key if at + 1 < len(self.tokens) else ""
        if not other_country:
            return None
        office, last = None, at
        if after.endswith("s"):                                 # "foreign ministers"
            office, last = self.kb.titles.get(f"{title} {after[:-1]}"), at + 1
        if not office and title.endswith("s"):                  # "leaders"
            office, last = self.kb.titles.get(title[:-1]), at
        if not office:
            return None
        # each state's office holder on the date; the state itself where the knowledge base has none
        found = [self.kb.holder(k, office, self.ctx.on) or self.kb.state(k) for k in (country, other_country)]
        if not all(found):
            return None
        self.emit(c.first, c.last, (found[0],), "title")
        self.emit(other.first, last, (found[1],), "title")
        return self._chunk_after(last)

    def _inside_other_name(self, c: _Chunk) -> bool:
        t = self.tokens
        if c.last + 2 < len(t) and t[c.last + 1].text == "-" and t[c.last + 2].key in ("based", "backed", "led"):
            return True
        if self._org_words is None:
            self._org_words = not rules()["org_words"].isdisjoint(t.keys)
        if not self._org_words:
            return False
        lo = c.first
        while lo > 0 and (t[lo - 1].capitalised or t[lo - 1].key in ("for", "of", "on")):
            lo -= 1
        hi = c.last
        while hi + 1 < len(t) and (t[hi + 1].capitalised or t[hi + 1].key in ("for", "of", "on")):
            hi += 1
        return any(t[k].key in rules()["org_words"] and t[k].capitalised for k in range(lo, hi + 1))

    def _emit_state(self, first: int, last: int, country: str) -> None:
        state = self.kb.state(country)
        if state:
            self.emit(first, last, (state,), "state")

    def _after_title(self, i: int, country: str | None, start_tok: int) -> int:
        """Chunks i.. are title words after an optional country: find the name."""
        end = self._title_run(i)
        title_chunks = self.chunks[i:end + 1]
        # (A reversed copy, not reversed(): mypyc 2.4 fails to compile that generator.)
        office = next((c.value for c in title_chunks[::-1] if c.kind == "title"), None)
        title_text = " ".join(t.key for t in self.tokens[title_chunks[0].first:title_chunks[-1].last + 1])
        nxt = end + 1
        posting = self._posting(title_text, nxt)
        if posting:
            nxt = posting[1]
        # A known person right after the title ("President Volodymyr Zelensky")
        if nxt < len(self.chunks) and self.chunks[nxt].kind in ("name", "surname") \
                and not self._name_goes_on(self.chunks[nxt]):
            person = self._person(self.chunks[nxt], titled=True)
            if person:
                self.emit(start_tok, self.chunks[nxt].last, (person,), "name",
                          posting[0] if posting else None)
                return nxt + 1
        # "King Abdullah II of Jordan": a title, an unknown name, and its country after "of"
        if not country and nxt < len(self.chunks):
            found = self._name_of_country(self.chunks[nxt].first, title_text)
            if found:
                return found
        # An unknown capitalised name after a country and a title: a new official
        if country and nxt < len(self.chunks):
            first = self.chunks[nxt].first
            if self.tokens[first].key in ("for", "on") and first + 1 < len(self.tokens):
                first = self._after_portfolio(first + 1)     # "Adviser for International Economics Daleep Singh"
            last = self._capitalised_run(first)
            person = self._new_person(first, last, country, title_text) if last >= first else None
            if person:
                self.emit(start_tok, last, (person,), "pattern", posting[0] if posting else None)
                return self._chunk_after(last)
        # "the Chinese leader": the office holder on the article's date
        if country and office and not posting and self.ctx.on and _NOT_THE_HOLDER.isdisjoint(title_text.split()):
            holder = self.kb.holder(country, office, self.ctx.on, title=title_text)
            if holder:
                self.emit(start_tok, self.chunks[end].last, (holder,), "title")
                return nxt
        if country and self.tokens[self.chunks[end].last].key in rules()["state_nouns"]:
            self._emit_state(start_tok, self.chunks[end].last, country)
        return max(nxt, i + 1)

    def _name_of_country(self, first: int, title_text: str) -> int | None:
        """A capitalised name then "of <state>": a new official of that state; the chunk after it, or None."""
        last = self._capitalised_run(first)
        of = last + 1
        if last < first or of >= len(self.tokens) or self.tokens[of].key != "of":
            return None
        k = self._chunk_after(of)
        if k >= len(self.chunks) or self.chunks[k].first != of + 1:
            return None
        country = self._country_of_chunk(self.chunks[k])
        person = self._new_person(first, last, country, title_text) if country else None
        if not person:
            return None
        self.emit(first, self.chunks[k].last, (person,), "pattern")
        return k + 1

    def _posting(self, title_text: str, nxt: int) -> tuple[str, int] | None:
        """'ambassador to France' / 'top diplomat in Paris': the posting country and the chunk after it."""
        if not any(p in title_text for p in rules()["posting_titles"]) or nxt + 1 >= len(self.chunks):
            return None
        prep = self.tokens[self.chunks[nxt].first].key
        where = self.chunks[nxt + 1]
        code = self._country_of_chunk(where) if where.kind == "name" else None
        if prep in ("to", "in") and code:
            j = nxt + 2
            if j < len(self.chunks) and self.tokens[self.chunks[j].first].text == ",":
                j += 1
            return code, j
        return None

    def _two_people(self) -> tuple[Actor, ...]:
        """"the two ministers": the article's protagonist and the last other person named (in the
        order they were named); the last two when no one stands out."""
        people = self.ctx.recent_people()
        lead = self.ctx.salient(people, among=6)
        other = next((p for p in people if p is not lead), None)
        if lead is None or other is None:
            return ()
        return (lead, other) if people.index(lead) > people.index(other) else (other, lead)

    def _last_two_states(self) -> tuple[Actor, ...]:
        states: list[Actor] = []
        for actor in reversed(self.ctx.seen.values()):
            state = self.kb.state(self.kb.country_of(actor, self.ctx.on) or "")
            if state and state not in states:
                states.append(state)
            if len(states) == 2:
                return tuple(reversed(states))
        return ()

    def _chunk_after(self, tok_index: int) -> int:
        for k, c in enumerate(self.chunks):
            if c.first > tok_index:
                return k
        return len(self.chunks)

    def _pronoun_or_pair(self, i: int) -> int:
        c = self.chunks[i]
        key = self.tokens[c.first].key
        for words in _pair_phrases().get(key, ()):
            phrase = " ".join(words)
            keys = tuple(self.tokens[k].key for k in range(c.first, min(c.first + len(words), len(self.tokens))))
            if words == ("two",) and (c.first == 0 or self.tokens[c.first - 1].key != "the"):
                continue        # "the two" (its key drops "the"), not "two meetings"
            if keys == words:
                people = ("leader", "president", "men", "women", "head", "minister", "diplomat", "envoy")
                kind = Kind.person if any(w in phrase for w in people) or phrase in ("two", "the two") else None
                pair = self._two_people() if kind else self._last_two_states()
                if pair:
                    self.emit(c.first, c.first + len(words) - 1, pair, "pair")
                return self._chunk_after(c.first + len(words) - 1)
        if key in rules()["pronouns"]:
            person = self.ctx.salient(self.ctx.recent_people(), among=6)
            if person:
                self.out.append(ActorMention(c.first, c.first, (person,), "pronoun"))
        return i + 1


def official(tokens: list[Token], first: int, last: int, country: str, title: str,
             ctx: ArticleActors) -> Actor | None:
    """The person tokens[first..last] name, an official of `country`: the knowledge base's, or one
    found in text (kept in `ctx.new_actors`); None when the words are not a person's name."""
    return _Assembler(tokens, [], ctx)._new_person(first, last, country, title)


def find_mentions(tokens: Tokens, ctx: ArticleActors) -> list[ActorMention]:
    """The actor mentions of one sentence, in order; updates the article context."""
    chunks = _gazetteer_chunks(tokens, ctx.kb)
    return _Assembler(tokens, chunks, ctx).run()
