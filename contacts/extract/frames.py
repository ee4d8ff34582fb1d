"""Who and whom of each trigger, its direction, location and date.

A frame is one trigger with its actors filled in. Arguments come from the
actor mentions nearest the trigger: the group before it (its subject, or a
possessive "Xi's visit"), the group after it (its object, a destination after
"to", a pair after "between"), and "the two leaders" style pairs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from collections.abc import Sequence
from typing import NamedTuple

from contacts.dates import DateInterval
from contacts.extract.timing import SentenceTiming
from contacts.extract.actors import ActorMention
from contacts.extract.places import PARTY_CUES
from contacts.extract.tokens import Token
from contacts.extract.triggers import Trigger
from contacts.kb import Actor, Kind, KnowledgeBase
from contacts.models import ALWAYS_DIRECTED

LEFT_WINDOW, RIGHT_WINDOW = 16, 12
_GROUP_GLUE = {",", "and", "&", "-", "‐"}
# Between the members of a list of partners: "with A, with B, and with C", "A as well as B".
_LIST_GLUE = _GROUP_GLUE | {"the", "with", "as", "well", "also", "along", "separately", "from"}
_HARD_STOP = {";", "said", "says", "told", "according", "—", "who", "which", "because"}
_TOPIC_PREPS = {"of", "about", "on", "against", "over", "for", "from", "toward", "towards", "regarding"}
_PLACE_PREPS = {"in", "at"}
_SPEECH = {"said", "says", "told", "announced", "reported", "noted", "stated", "added", "confirmed", "reports",
           "tweeted", "posted", "declared", "stressed", "claimed", "insisted", "argued", "warned", "explained",
           "revealed", "disclosed", "commented", "remarked", "asserted", "emphasised", "emphasized", "underlined",
           "acknowledged", "admitted", "quoted", "cited", "tells", "tweets", "writes", "wrote"}
# Words between a speaker's name and its verb: "Russia's foreign ministry said", "Kremlin spokesman Peskov told"
_SPEAKER_HEADS = {"'", "’", "s", "foreign", "ministry", "spokesman", "spokeswoman", "spokesperson", "office", "press",
                  "service", "embassy", "government", "official", "officials", "source", "sources", "media",
                  "agency", "news", "state", "presidential", "secretary", "mission", "in", "a", "statement"}
_TEMPORAL = {"since", "until", "till", "before", "after", "prior"}
_FRONTING = {"after", "following", "during", "before", "upon", "on", "while", "ahead", "at", "in"}
_ADJUNCT = {"in", "during"}
_PASSIVE = {"was", "were", "been", "being", "is", "are", "be"}         # "thanked Scholz … in a phone call": the call is the clause's event


_AUXILIARIES = {"will", "would", "shall", "is", "are", "was", "were", "has", "have", "had", "to", "set", "due",
                "expected", "then", "be", "been", "later"}
# Triggers that are nouns: after a comma they open an aside, with no subject before the comma.
_NOUN_TRIGGERS = {"visit", "visits", "meeting", "meetings", "talks", "call", "calls", "trip", "trips", "summit",
                  "conversation", "conversations", "message", "messages", "letter", "letters", "tour"}
_DATE_OPENERS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                 "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
                 "december", "last", "this", "next", "week", "month", "year", "morning", "evening", "afternoon",
                 "night", "the", "same", "day"}
# "on the sidelines of the summit", "a round of meetings with": the noun's own party is the clause's
_NOT_BARE = {"sidelines", "margins", "side", "course", "round", "rounds", "series", "number", "string", "flurry",
             "host", "day", "week", "couple", "pair"}
# "a meeting attended by X and Y": the participants, not another act's agent
_ATTENDED = {"attended", "joined", "accompanied"}
_DASHES = {"–", "—", "-", "--"}
_DATELINE_WORDS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_ADVERBS = {"also", "then", "later", "first", "already", "warmly", "separately", "jointly", "personally"}
_COPULA = {"was", "were", "is", "are"}
_COPULA_FILLER = {"another", "one", "of", "the", "among", "some", "first", "last", "only", "those", "all", "each"}
_POSSESSIVES = {"his", "her", "its", "their"}
# People who stand for a state: "the ambassadors of X" is X.
_REPRESENTATIVES = {"ambassador", "ambassadors", "envoy", "envoys", "representative", "representatives",
                    "diplomat", "diplomats", "affaires", "officials", "official", "delegation", "delegations",
                    "delegates", "counterpart", "counterparts", "ministers", "leaders", "heads", "presidents",
                    "governments", "authorities", "emissaries", "emissary", "negotiators"}
_DETERMINERS = {"the", "a", "an"} | _POSSESSIVES      # "from his French counterpart": the preposition is "from"


def _possessive(m: ActorMention, following: list[ActorMention]) -> bool:
    """"his Russian counterpart Sergei Lavrov": a possessive pronoun is part of the next mention, not an actor."""
    return m.via == "pronoun" and bool(following) and following[0].first == m.last + 1


class Frame(NamedTuple):
    """One trigger with its actors filled in (a tuple: tens are made per article)."""

    mode: str
    who: Actor | None
    whom: Actor | None
    directed: bool
    status: str
    date: DateInterval
    location: Actor | None
    start: int            # character span of the trigger in the sentence
    end: int
    complete: bool
    rule: str = ""        # the id of the trigger rule that made it


class SentenceFrames:
    """Builds the frames of one sentence."""

    def __init__(self, text: str, tokens: list[Token], mentions: list[ActorMention],
                 kb: KnowledgeBase, published: date | None) -> None:
        self.text, self.tokens, self.kb, self.published = text, tokens, kb, published
        self._starts, self._ends = [t.start for t in tokens], [t.end for t in tokens]
        self.mentions = [m for k, m in enumerate(mentions) if not _possessive(m, mentions[k + 1:k + 2])]
        self.timing = SentenceTiming(text, tokens, published)   # which date is whose (timing.py)
        self.dates = self.timing.dates
        self.relatives = self._relative_clauses()
        self.opening = self._opening()
        # the comma closing a fronted phrase ("After his visit to Myanmar, Lavrov will …"), else -1
        inside = {i for m in self.mentions for i in range(m.first, m.last + 1)}   # "X's crown prince, Sheikh Y"
        self.fronted_end = next((t.i for t in tokens if t.text == "," and t.i > self.opening and t.i not in inside),
                                -1) if self._key(self.opening) in _FRONTING and not self._dated_opening() else -1

    def _relative_clauses(self) -> list[tuple[int, int]]:
        """", who last visited China in 2009," : token spans (the comma to the closing comma)."""
        spans = []
        for t in self.tokens:
            if t.text == "," and self._key(t.i + 1) in ("who", "which"):
                end = next((u.i for u in self.tokens if u.i > t.i + 1 and u.text == ","), len(self.tokens))
                spans.append((t.i, end))
        return spans

    def _clause_of(self, tok: int) -> tuple[int, int] | None:
        return next(((a, b) for a, b in self.relatives if a < tok <= b), None)

    # -- token helpers -----------------------------------------------------
    def _tok_span(self, start: int, end: int) -> tuple[int, int]:
        """The first and last tokens overlapping the characters [start, end) ((0, 0) if none)."""
        first = bisect_right(self._ends, start)         # the first token ending after `start`
        last = bisect_left(self._starts, end) - 1       # the last token starting before `end`
        return (first, last) if first <= last else (0, 0)

    def _key(self, i: int) -> str:
        return self.tokens[i].key if 0 <= i < len(self.tokens) else ""

    def _prep_index(self, m: ActorMention) -> int:
        """The word before a mention, past its determiners ("from his French counterpart": "from")."""
        i = m.first - 1
        while i >= 0 and self._key(i) in _DETERMINERS:
            i -= 1
        return i

    def _prep_before(self, m: ActorMention) -> str:
        return self._key(self._prep_index(m))

    def is_speaker(self, m: ActorMention) -> bool:
        """"…, the Kremlin said", "…, Russia's foreign ministry said in a statement", "…, said
        Peskov", "according to Tass": who reports it, not who took part."""
        after = m.last + 1
        while after - m.last <= 4 and self._key(after) in _SPEAKER_HEADS:
            after += 1
        if self._key(after) in _SPEECH and not (self._key(after) in ("wrote", "writes") and self._key(after + 1) == "to"):
            return True
        before = self._prep_index(m)
        return ((self._key(before) == "to" and self._key(before - 1) == "according")
                or (self._key(before) in _SPEECH and self._key(before - 1) == ","))

    def is_place(self, m: ActorMention) -> bool:
        """Where, not whom: a state after "in"/"at", a dateline, or a place (places.py) unless a
        visit goes to it ("travelled to Sochi": Russia is the host)."""
        if any(a.kind is Kind.person for a in m.actors) or self._key(m.last + 1) in ("'", "’"):
            return False            # "at Iran's suggestion", "in Russia's view": an owner, not a place
        prep = self._prep_before(m)
        return prep in _PLACE_PREPS or m.via == "dateline" or (m.via == "place" and prep not in PARTY_CUES)

    # -- argument groups ---------------------------------------------------
    def left_group(self, t_first: int) -> list[ActorMention]:
        inside = self._clause_of(t_first)
        if inside:          # "Lula, who last visited China": the relative clause's subject is before it
            antecedent = [m for m in self.mentions if m.last < inside[0] and inside[0] - m.last <= 2]
            return antecedent[-1:]
        skipped = {i for a, b in self.relatives for i in range(a, b + 1) if b < t_first}
        floor = self.fronted_end if 0 <= self.fronted_end < t_first else self.opening - 1   # not a dateline, nor
        # a fronted phrase's words for the main clause ("After his visit to X, Y will …")
        before = [m for m in self.mentions if floor < m.first and m.last < t_first and m.first not in skipped]
        group: list[ActorMention] = []
        window = LEFT_WINDOW if not self._bare_noun(t_first) else 3
        for m in reversed(before):
            if not group and t_first - m.last - len(skipped) > window:
                break                       # the window bounds the nearest party; a list goes on
            gap = [self._key(i) for i in range(m.last + 1, (group[0].first if group else t_first))
                   if i not in skipped]
            if any(k in _HARD_STOP for k in gap):
                break
            if not group and gap and gap[-1] == "," and self._key(t_first) in _NOUN_TRIGGERS:
                break                               # "…, visits meant to invite both countries": an aside
            if not group and gap[:2] in (["'", "s"], ["’", "s"]) and len(gap) <= 4:
                group.insert(0, m)                  # "ahead of Xi's state visit": the owner, whatever before him
                break
            if group and not all(k in _GROUP_GLUE | {"the"} for k in gap):
                break
            if self.is_place(m) or (self._prep_before(m) in _TOPIC_PREPS - {"for"} and not self._represented(m)):
                if group and all(k in _GROUP_GLUE for k in gap):
                    group = []          # "talks over Taiwan and North Korea on the sidelines": a topic list
                    continue
                if group:
                    break
                continue
            group.insert(0, m)
        return group

    def _bare_noun(self, t_first: int) -> bool:
        """A noun trigger no light verb governs ("details of the agenda for Monday's meeting"): only a
        possessor or a name right before it is its party, not the clause's subject far before."""
        if self._key(t_first) not in _NOUN_TRIGGERS:
            return False
        i = t_first - 1         # back over the noun phrase: "the", "Monday's", "G20", "planned"
        while i > 0 and (self._key(i) in _DETERMINERS or self._key(i) in ("'", "’", "s") or
                         self.tokens[i].text[:1].isupper() or self._key(i).isdigit()):
            i -= 1
        # "the agenda for Monday's meeting" (a noun before the preposition), not "greeted Macron for a
        # morning meeting" (the verb's object) nor "on the sidelines of the summit"
        return self._key(i) in ("for", "about", "of", "over", "regarding") and i > 0 and \
            self.tokens[i - 1].text.islower() and self._key(i - 1) not in _NOT_BARE

    def right_group(self, t_last: int) -> tuple[list[ActorMention], str]:
        ceiling = self.fronted_end if self.fronted_end > t_last else len(self.tokens)   # the fronted phrase ends
        # "meetings, which he called fruitful, with …": a relative clause after the trigger is skipped
        aside = {i for a, b in self.relatives if a > t_last for i in range(a, b + 1)}
        after = [m for m in self.mentions if t_last < m.first < ceiling and m.first not in aside
                 and not (m.via == "pronoun" and self._key(m.first) in ("his", "its", "their"))]   # determiners
        group: list[ActorMention] = []
        prep = ""
        topic_end = -1                      # the last mention of a topic list ("talks over Taiwan and North Korea")
        for m in after:
            if not group and m.first - t_last - sum(t_last < i < m.first for i in aside) > RIGHT_WINDOW:
                break                       # the window bounds the first partner; a list goes on
            if topic_end >= 0 and all(self._key(i) in _GROUP_GLUE for i in range(topic_end + 1, m.first)):
                topic_end = m.last
                continue
            own_prep = self._prep_index(m) <= t_last      # "arrived in Beijing": the trigger's own "in"
            gap = [self._key(i) for i in range((group[-1].last if group else t_last) + 1, m.first) if i not in aside]
            if any(k in _HARD_STOP for k in gap) or (not group and "that" in gap):
                break
            if group:
                if (all(k in _LIST_GLUE for k in gap) or self._list_of_representatives(gap)) \
                        and not self.is_place(m):
                    group.append(m)
                    continue
                break
            p = self._prep_before(m)
            if p == "from" and not group:
                group.append(m)                          # "a call from Raisi": the initiator
                prep = p
                continue
            if p == "by" and not own_prep and self._prep_index(m) != t_last + 1 \
                    and self._key(self._prep_index(m) - 1) not in _ATTENDED:
                continue                                 # "talks mediated by China": another verb's agent
            if p == "between" and self._prep_index(m) > t_last + 1:
                continue                                 # "underlined the relations between X and Y"
            if "," in gap and not self._np_gap(gap):
                break                                    # "at their meeting on Monday, among them …, Syria"
            if p in _TOPIC_PREPS and not self._represented(m):
                topic_end = m.last
                continue
            if (p in _PLACE_PREPS and self.is_place(m) and not own_prep) or self.is_speaker(m):
                continue
            group.append(m)
            prep = self._prep_of_represented(m) if p in ("of", "from") else p
        return group, prep

    def fronted_subject(self, t_first: int) -> list[ActorMention]:
        """"After a trip to Beijing, von der Leyen said …": the subject after the comma."""
        if self._key(self.opening) not in _FRONTING:
            return []
        comma = self.fronted_end if self.fronted_end > t_first else \
            next((t.i for t in self.tokens if t.text == "," and t.i > t_first), None)
        if comma is None:
            return []
        after = [m for m in self.mentions if m.first > comma]
        return after[:1] if after and after[0].first - comma <= 6 else []

    # A place before one of these belongs to another clause's event ("at the Kremlin when … and another meeting").
    _CLAUSE_LINKS = frozenset({"that", "and", "but", "or", "when", "while", "whereas", "then", "where"})

    def location(self, t_last: int) -> Actor | None:
        """The place after the trigger ("met … in Sochi"), else one before it in its clause ("In
        Beijing, Wang met …", "Hochstein, after landing in Israel, sat down for talks"); not a dateline."""
        for m in self.mentions:
            if m.first > t_last and m.first - t_last <= RIGHT_WINDOW and self.is_place(m) and m.via != "dateline":
                return m.actors[0]
        before = [m for m in self.mentions if m.last < t_last and t_last - m.last <= LEFT_WINDOW
                  and m.via != "dateline" and self._prep_before(m) in _PLACE_PREPS and self.is_place(m)
                  and not any(self._key(i) in _HARD_STOP or self._key(i) in self._CLAUSE_LINKS
                              for i in range(m.last + 1, t_last))]
        return before[-1].actors[0] if before else None

    # -- frames ------------------------------------------------------------
    def frame(self, trig: Trigger, status: str, rivals: Sequence[Trigger] = ()) -> list[Frame]:
        t_first, t_last = self._tok_span(trig.start, trig.end)
        shared = self._shared_subject(t_first, rivals, trig)
        left = shared if shared is not None else self.left_group(t_first) or self.fronted_subject(t_first)
        right, prep = self.right_group(t_last)
        inside = [m for m in self.mentions if t_first <= m.first and m.last < t_last]
        if not left and inside and inside[0].first == t_first:
            left, inside = inside[:1], inside[1:]     # "Zelenskyy's call with Xi": the owner opens the trigger
        if not right:       # "spoke with Biden by phone": the object inside the trigger's words
            right = [m for m in inside if m.first > t_first][:1]
        if prep == "between" and len(right) >= 2:
            left = []
        if trig.mode == "visit" and self.text[trig.start:trig.end].strip().lower() == "visiting" \
                and right and right[0].first == t_last + 1:
            left, right = right, left        # "received the visiting Polish president": he is the visitor
        agent = self._passive_agent(t_first, t_last)
        if agent is not None and trig.mode != "summons":
            # "Hamas officials were met in Doha by Adam Boehler": the agent after "by" acts; a reversing
            # trigger keeps its subject as the visitor ("the envoys were received by Abiy Ahmed")
            left, right, prep = (left, [agent], "by") if trig.reverse else ([agent], left, "")
        if left and not right:
            right = self._copula_partner(left[0])
        lefts = self._officials(left)
        if trig.mode == "envoy" and right and self._own_envoy(right[0], lefts):
            right, prep = self.right_group(right[0].last)   # "send his adviser Celso Amorim to Moscow"
        rights = self._counterparts(right, lefts)
        where = self.location(t_last)
        if trig.mode == "summons" and right and self._key(right[0].first - 1) in _POSSESSIVES:
            right, rights = [], []      # "summoned his Security Council": his own body, not a foreign envoy
        if trig.mode == "summons" and self._key(t_first - 1) in _PASSIVE:
            # "Russia's ambassador was summoned (by Poland | in Warsaw)": the summoned come first
            summoner = self._officials([agent]) if agent else \
                rights or ([where] if where and where.kind is not Kind.person else [])
            lefts, rights, prep = summoner, lefts, ""
        if len(set(lefts + rights)) < 2:
            pair: list[Actor] = []
            if self._key(t_first - 1) == "their":
                pair = self._their(t_first)      # "during their meeting": the two named before
            if not pair and (self._adjunct(t_first) or self._purpose(t_first)):
                pair = self._clause_pair(self.opening, t_first)
            if not pair and self._fronted(t_first):
                subject = self._officials(self.fronted_subject(t_first))
                if rights and subject and not set(subject) & set(rights):
                    lefts = subject     # "In a later call with X, Trump …": the main clause's subject
                else:
                    comma = self.fronted_end if self.fronted_end > t_first else \
                        next(t.i for t in self.tokens if t.text == "," and t.i > t_first)
                    pair = self._clause_pair(comma, len(self.tokens))
            if pair:
                lefts, rights = pair, []
        # one frame per date of a list ("spoke four times: in July, August and November")
        whens = self.timing.dates_for(trig, future=(status == "planned"), rivals=rivals)
        rule = getattr(trig, "rule", "")
        return [Frame(trig.mode, who, whom, directed, status, when, where, trig.start, trig.end,
                      who is not None and whom is not None, rule)
                for when in whens for who, whom, directed in self._pairs(trig, lefts, rights, prep)] or \
            [Frame(trig.mode, None, None, False, status, when, where, trig.start, trig.end, False, rule)
             for when in whens[:1]]

    def _shared_subject(self, t_first: int, rivals: Sequence[Trigger], trig: Trigger) -> list[ActorMention] | None:
        """"Kerry will meet Zarif on Sunday and will also meet Mogherini": a verb coordinated with
        an earlier trigger shares that trigger's subject (None when the trigger is not so coordinated)."""
        i = t_first - 1
        while i >= 0 and self._key(i) in _AUXILIARIES | _ADVERBS and self._key(i) != "to":
            i -= 1
        if self._key(i) not in ("and", "to"):
            return None     # "and will also meet", or a purpose: "travelling to X to meet Y"
        earlier = [r for r in rivals if r.end <= trig.start and r != trig]
        if not earlier:
            return None
        first = self._tok_span(earlier[-1].start, earlier[-1].end)[0]
        if any(self._key(k) in _HARD_STOP for k in range(first, t_first)):
            return None
        return self.left_group(first) or self.fronted_subject(first)

    @staticmethod
    def _np_gap(gap: list[str]) -> bool:
        """A gap with a comma that still leads to the trigger's object: "talks on Monday, with X"."""
        return gap[-1:] in (["with"], ["to"]) or gap[-2:] in (["with", "the"], ["to", "the"])

    @staticmethod
    def _list_of_representatives(gap: list[str]) -> bool:
        """", as well as with diplomats from <m>": list glue, then people standing for m."""
        return len(gap) >= 2 and gap[-1] in ("from", "of") and gap[-2] in _REPRESENTATIVES and \
            all(k in _LIST_GLUE or k in _REPRESENTATIVES for k in gap[:-1])

    def _passive_agent(self, t_first: int, t_last: int) -> ActorMention | None:
        """The agent of a passive trigger ("were met … by X", "was received by X"), or None."""
        before = self._key(t_first - 1)
        if before not in _PASSIVE and not (before in _ADVERBS and self._key(t_first - 2) in _PASSIVE):
            return None
        for m in self.mentions:
            if m.first <= t_last:
                continue
            between = {self._key(i) for i in range(t_last + 1, m.first)}
            if between & _HARD_STOP or m.first - t_last > RIGHT_WINDOW + 8:
                return None
            if self._prep_before(m) == "by":
                return m
        return None

    def _copula_partner(self, subject: ActorMention) -> list[ActorMention]:
        """"Yusuf Alawi was another of the ministers Jaishankar spoke to": the trigger's clause
        qualifies the noun after the copula, whose subject is the partner."""
        i = subject.first - 1
        while i >= 0 and subject.first - i <= 6 and self._key(i) not in _COPULA:
            if self._key(i) not in _COPULA_FILLER and not self._key(i).endswith("s"):
                return []
            i -= 1
        partner = [m for m in self.mentions if m.last == i - 1]
        return partner if self._key(i) in _COPULA else []

    def _prep_of_represented(self, m: ActorMention) -> str:
        """"between the governments of X and Y": the preposition before the representatives' noun."""
        i = self._prep_index(m) - 2          # past "of" and the noun
        while i >= 0 and self._key(i) in _DETERMINERS:
            i -= 1
        found = self._key(i)
        return found if found == "between" else self._key(self._prep_index(m))

    def _represented(self, m: ActorMention) -> bool:
        """"the ambassadors of <m>", "envoys from <m>", "the foreign ministers of <m>": m is the party
        its representatives stand for, not a topic."""
        i = self._prep_index(m)
        if self._key(i) not in ("of", "from"):
            return False
        noun = self._key(i - 1)
        return noun in _REPRESENTATIVES or bool(self._office_of(m))

    def _office_of(self, m: ActorMention) -> str | None:
        """The office in "the leaders of <m>", "the foreign ministers of <m>" (plural title, then "of")."""
        i = self._prep_index(m)
        title = self._key(i - 1)
        if self._key(i) != "of" or not title.endswith("s") or len(title) < 4:
            return None
        return self.kb.titles.get(title[:-1]) or self.kb.titles.get(f"{self._key(i - 2)} {title[:-1]}")

    def _own_envoy(self, m: ActorMention, senders: list[Actor]) -> bool:
        """The person sent, named after the trigger: of the sender's own country ("his adviser Celso
        Amorim", "a representative of the Chinese government")."""
        when = self.published
        own = all(a.kind is Kind.person for a in m.actors) or self._represented(m)
        return own and any(
            self.kb.country_of(a, when) == self.kb.country_of(s, when) for a in m.actors for s in senders)

    def _counterparts(self, group: list[ActorMention], others: list[Actor]) -> list[Actor]:
        """"his French counterpart": the holder, in that state, of the office the other party holds."""
        actors = self._officials(group)
        person = next((a for a in others if a.kind is Kind.person), None)
        if not person or not self.published:
            return actors
        roles = self.kb.roles_on(person.id, self.published)
        office = next((r.office for r in roles if r.office in ("hos", "hog", "fm")), None)
        out = []
        for m, actor in zip([m for m in group for _ in m.actors], actors):
            if office and actor.kind is Kind.state and self._key(m.last) in ("counterpart", "counterparts"):
                actor = self.kb.holder(actor.country, office, self.published) or actor
            out.append(actor)
        return out

    def _office_after(self, m: ActorMention) -> str | None:
        """The office in "the Chinese and Russian leaders" (a plural title right after the group)."""
        title = self._key(m.last + 1)
        if not title.endswith("s") or len(title) < 4:
            return None
        return self.kb.titles.get(title[:-1]) or self.kb.titles.get(f"{title[:-1]} {self._key(m.last + 2)}")

    def _officials(self, group: list[ActorMention]) -> list[Actor]:
        """The group's actors; "the leaders of Egypt and Jordan" are each state's office holders."""
        actors = [a for m in group for a in m.actors]
        office = (self._office_of(group[0]) or self._office_after(group[-1])) if group and self.published else None
        if not office:
            return actors
        holders = [self.kb.holder(a.country, office, self.published) if a.kind is Kind.state else None
                   for a in actors]
        return [h or a for h, a in zip(holders, actors)]

    def _adjunct(self, t_first: int) -> bool:
        """"… in a phone call", "… during a meeting": the trigger names the event of the clause before it."""
        i = t_first - 1 if self._key(t_first) in ("a", "an") else t_first - 2
        return self._key(i) in _ADJUNCT and self._key(i + 1) in ("a", "an") and t_first > 3

    def _purpose(self, t_first: int) -> bool:
        """"greeted Macron for a morning meeting": a noun trigger naming what the clause's act was for."""
        i = t_first - 1
        while i > 0 and self._key(i) not in ("for", "to") and t_first - i <= 3 and self.tokens[i].text.islower():
            i -= 1
        return self._key(t_first) in _NOUN_TRIGGERS and self._key(i) == "for" and self._key(i + 1) in ("a", "an")

    def _fronted(self, t_first: int) -> bool:
        """"In a call on Tuesday, Scholz urged Putin …": the trigger sits in a phrase before the main clause."""
        first_comma = next((t.i for t in self.tokens if t.text == "," and t.i > self.opening), None)
        return self._key(self.opening) in _FRONTING and first_comma is not None and t_first < first_comma

    def _dated_opening(self) -> bool:
        """"On Monday the two ministers, A and B, held talks": a date opens the sentence with no comma
        after it, so the next comma closes no fronted phrase."""
        i = self.opening + 1
        while i < len(self.tokens) and (self._key(i) in _DATE_OPENERS or self._key(i).isdigit()):
            i += 1
        words = {self._key(k) for k in range(self.opening + 1, i)} - {"the"}    # "At the Mariinsky Palace, …" is no date
        return bool(words) and self._key(i) != ","

    def _opening(self) -> int:
        """Where the sentence's own words begin: after a dateline ("BRASILIA, (Reuters) – In a call …")."""
        for t in self.tokens[:16]:
            if t.text in _DASHES and t.i > 0 and self.text[t.start - 1:t.start].isspace():   # not "Tae-yul"
                head = self.tokens[:t.i]
                if all(u.capitalised or not u.text.isalpha() or u.key in _DATELINE_WORDS for u in head):
                    return t.i + 1
                break
        return 0

    def _clause_pair(self, start: int, end: int) -> list[Actor]:
        """The first two distinct actors named between token positions start and end (subject, object)."""
        named = [a for m in self.mentions if start <= m.first and m.last < end and not self.is_speaker(m)
                 and not self.is_place(m) for a in m.actors]
        distinct = list(dict.fromkeys(named))
        return distinct[:2] if len(distinct) >= 2 else []

    def _their(self, t_first: int) -> list[Actor]:
        """The last two distinct actors named before the trigger in this sentence (people first)."""
        named = [a for m in self.mentions if m.last < t_first and m.via != "pronoun" for a in m.actors]
        distinct = list(dict.fromkeys(reversed(named)))
        people = [a for a in distinct if a.kind is Kind.person]
        pair = people[:2] if len(people) >= 2 else distinct[:2]
        return list(reversed(pair)) if len(pair) == 2 else []

    def _pairs(self, trig: Trigger, lefts: list[Actor], rights: list[Actor],
               prep: str) -> list[tuple[Actor, Actor, bool]]:
        """(who, whom, directed) of each contact the trigger reports between the groups."""
        mode = trig.mode
        # "received a call from X", "a visit by X": X initiated it (a reversing trigger in the passive,
        # "was received by Xi", keeps its order)
        if trig.reverse != (prep in ("from", "by") and bool(lefts)):
            lefts, rights = rights, lefts
        if prep == "from" and mode in ("call", "message") and lefts and rights:
            return [(w, rights[0], True) for w in lefts]
        if mode in ALWAYS_DIRECTED or (mode == "message" and not trig.exchange):
            if not (lefts and rights):      # one side only: the article may have named the other (discourse.py)
                return [(w, None, True) for w in lefts] or [(None, t, True) for t in rights]
            # "will visit Ukraine, Poland and France": one visit to each state listed
            return [(w, t, True) for w in lefts for t in rights]
        # one contact with each partner listed ("spoke with A, with B and with C")
        if trig.directed and lefts and rights:
            return [(w, r, True) for w in lefts for r in rights]
        if lefts and rights:
            return [(w, r, False) for w in lefts for r in rights]
        if "separate" in self.text[max(0, trig.start - 12):trig.end].lower():
            return []       # "… and Kamikawa in separate calls": each with the subject, not with each other
        both = lefts if len(lefts) >= 2 else rights if len(rights) >= 2 else []
        if both:
            return [(both[0], both[1], False)]
        # the subject alone ("held a series of phone conversations with his counterparts"): no contact,
        # but the article learns what its subject was doing (discourse.py)
        return [(w, None, False) for w in lefts[:1]]
