"""One encounter, one mention: folding together what one article says twice.

Within a sentence: a visit absorbs the meeting its visitor holds with the
host; a meeting held in one party's country is that other party's visit.
Within an article: mentions of the same mode and actors with compatible dates
become one, keeping the most precise date, the most specific actors and all
their evidence. Generic "talks" fold into the call, meeting or visit of the
same pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from contacts.dates import DateInterval, Precision
from contacts.extract.places import article_dateline, is_locative
from contacts.kb import Actor, Kind, KnowledgeBase
from contacts.kb.places import gazetteer

# Words that put what follows in someone's mouth: a place after them is the report's, not the speaker's.
_REPORTING = frozenset({"said", "says", "say", "told", "tells", "announced", "stated", "explained", "added",
                        "noted", "reported", "recalled", "according", "that", "confirmed", "wrote", "tweeted"})
LEDE_SENTENCES = 4   # the article's opening sentences (after a headline line) tell its news
RECENT_DAYS = 7      # a meeting this close to the publication date happened where the dateline is


@dataclass(frozen=True)
class Evidence:
    sentence: int
    start: int        # character offsets in the article text
    end: int
    text: str         # the sentence


@dataclass(frozen=True)
class Mention:
    mode: str
    who: Actor
    whom: Actor
    directed: bool
    status: str
    date: DateInterval
    location: Actor | None
    evidence: tuple[Evidence, ...] = field(default=())


class Merger:
    def __init__(self, kb: KnowledgeBase, published: date | None, text: str = "") -> None:
        self.kb, self.published = kb, published
        self.dateline = kb.state(place.country) if text and (place := article_dateline(text, kb)) else None
        self.organisation_hosts = gazetteer(kb).organisation_hosts
        self.scenes: list[tuple[int, str, Actor]] = []     # (sentence, person id, state) the text places
        self._countries: dict[tuple, str | None] = {}

    def country(self, actor: Actor, when: DateInterval) -> str | None:
        # asked for the same actor and day again and again while merging: kept for the article
        key = (actor.id, when.start or self.published)
        found = self._countries.get(key, self)
        if found is self:
            found = self._countries[key] = self.kb.country_of(actor, key[1])
        return found

    def same_side(self, a: Actor, b: Actor, when: DateInterval) -> bool:
        if a.id == b.id:
            return True
        if (a.kind is Kind.person) == (b.kind is Kind.person):
            return False
        return self.country(a, when) == self.country(b, when)

    def _specific(self, a: Actor, b: Actor) -> Actor:
        return a if a.kind is Kind.person or b.kind is not Kind.person else b

    # -- sentence level ----------------------------------------------------
    def sentence(self, mentions: list[Mention], actors: Sequence[Actor] = ()) -> list[Mention]:
        visits = [m for m in mentions if m.mode == "visit"]
        kept: list[Mention] = []
        for m in mentions:
            host = next((v for v in visits if m.mode in ("meeting", "talks") and self._same_trip(v, m)
                         and self._same_time(v, m) and self._hosts(v, m)), None)
            if host is None:
                kept.append(self._relocate(m))      # after the visits took their meetings: no visit twice
                continue
            guest = m.whom if self.same_side(m.who, host.who, m.date) else m.who
            upgraded = replace(host, whom=self._specific(guest, host.whom),
                               date=host.date if not m.date.more_precise_than(host.date) else m.date)
            kept = [upgraded if k is host else k for k in kept]
            visits = [upgraded if v is host else v for v in visits]
        people = [a for m in actors for a in m.actors if a.kind is Kind.person]
        return [self._host_leader(m, [p for p in people if not self._elsewhere(p, m, kept)]) for m in kept]

    @staticmethod
    def _elsewhere(person: Actor, m: Mention, kept: list[Mention]) -> bool:
        """Is the person a party to another contact of the sentence (so not this visit's host)?"""
        return any(k is not m and person.id in (k.who.id, k.whom.id) for k in kept)

    def _same_trip(self, visit: Mention, meeting: Mention) -> bool:
        """Same status; or a meeting still to come on a trip under way ("arrived …, during which he will meet")."""
        if visit.status == meeting.status:
            return True
        ongoing = visit.date.end is not None and self.published is not None and \
            (self.published - visit.date.end).days <= 7
        return visit.status == "occurred" and meeting.status == "planned" and ongoing

    @staticmethod
    def _same_time(visit: Mention, meeting: Mention) -> bool:
        """A dated meeting joins only a visit dated to the same time."""
        return visit.date.overlaps(meeting.date) if meeting.date.known else True

    def _hosts(self, visit: Mention, meeting: Mention) -> bool:
        pair = (meeting.who, meeting.whom)
        for visitor, host in (pair, pair[::-1]):
            if self.same_side(visitor, visit.who, visit.date) and self.same_side(host, visit.whom, visit.date) \
                    or (visitor.id == visit.who.id and self.country(host, visit.date) == self.country(visit.whom, visit.date)):
                return True
        return False

    def _home(self, actor: Actor, when: DateInterval) -> str | None:
        """The state an actor is at home in: its own, or where its organisation sits (EU: Belgium)."""
        country = self.country(actor, when)
        return self.organisation_hosts.get(country or "", country)

    def _relocate(self, m: Mention) -> Mention:
        """A meeting in B's country between foreign A and B is A's visit to B. A state's own official
        hosts before an organisation seated there (AU envoys in Addis Ababa visit Ethiopia's
        president); an organisation hosts visitors from elsewhere (Kuleba meets Borrell in Brussels)."""
        if m.mode not in ("meeting", "talks") or m.location is None:
            return m
        place = m.location.country
        own = (self.country(m.who, m.date) == place, self.country(m.whom, m.date) == place)
        seated = (self._home(m.who, m.date) == place, self._home(m.whom, m.date) == place)
        hosts = own if any(own) else seated
        if hosts == (False, True):
            return replace(m, mode="visit", directed=True)
        if hosts == (True, False):
            return replace(m, mode="visit", directed=True, who=m.whom, whom=m.who)
        return m
        place = m.location.country
        cw, cm = self._home(m.who, m.date), self._home(m.whom, m.date)
        if cm == place != cw:
            return replace(m, mode="visit", directed=True)
        if cw == place != cm:
            return replace(m, mode="visit", directed=True, who=m.whom, whom=m.who)
        return m

    def _host_leader(self, m: Mention, people: list[Actor]) -> Mention:
        """A visit to a state whose official the sentence names is a visit to that official."""
        if m.mode != "visit" or m.whom.kind is Kind.person:
            return m
        host = next((p for p in people if p.id != m.who.id and self.country(p, m.date) == m.whom.country), None)
        return replace(m, whom=host) if host else m

    # -- article level -----------------------------------------------------
    def compatible(self, a: Mention, b: Mention) -> bool:
        if a.status != b.status or not a.date.compatible(b.date):
            return False
        if a.mode != b.mode and "talks" not in (a.mode, b.mode):
            return False
        straight = self.same_side(a.who, b.who, a.date) and self.same_side(a.whom, b.whom, a.date)
        if a.directed and b.directed and a.mode == b.mode:
            return straight
        crossed = self.same_side(a.who, b.whom, a.date) and self.same_side(a.whom, b.who, a.date)
        return straight or crossed

    def combine(self, a: Mention, b: Mention) -> Mention:
        """b folded into a (a is the more precise, or the more specific mode)."""
        if a.mode == "talks" and b.mode != "talks":
            a, b = b, a
        crossed = not (self.same_side(a.who, b.who, a.date) and self.same_side(a.whom, b.whom, a.date))
        bw, bm = (b.whom, b.who) if crossed else (b.who, b.whom)
        date_ = b.date if b.date.more_precise_than(a.date) else a.date
        return replace(a, who=self._specific(a.who, bw), whom=self._specific(a.whom, bm), date=date_,
                       directed=a.directed or (b.directed and a.mode == b.mode),
                       location=a.location or b.location, evidence=a.evidence + b.evidence)

    def _pair(self, m: Mention) -> frozenset:
        return frozenset((self.country(m.who, m.date), self.country(m.whom, m.date)))

    def _trip(self, visits: list[Mention], m: Mention) -> tuple[Mention, Actor] | None:
        """The visit a meeting belongs to (its visitor meets someone of the visited state, at its time),
        and whom the visitor met. `visits`: the article's visits between the meeting's two states."""
        for v in visits:
            if v.status != m.status:
                continue
            if not v.date.compatible(m.date) or (m.date.known and not v.date.known):
                continue
            for visitor, other in ((m.who, m.whom), (m.whom, m.who)):
                if self.same_side(visitor, v.who, v.date) and self.country(other, m.date) == \
                        self.country(v.whom, v.date) and other.kind is Kind.person:
                    return v, other
        return None

    def _join_host_visits(self, mentions: list[Mention]) -> list[Mention]:
        """A trip to a state and, at its time, the visit to a person of that state are one visit (to the person)."""
        out: list[Mention | None] = list(mentions)
        at = {id(m): k for k, m in enumerate(mentions)}
        # visits to a person by (status, the person's state), in the text's order: a trip looks among its own
        hosts: dict[tuple, list[Mention]] = {}
        for w in mentions:
            if w.mode == "visit" and w.whom.kind is Kind.person:
                hosts.setdefault((w.status, self.country(w.whom, w.date)), []).append(w)
        for v in mentions:
            if v.mode != "visit" or v.whom.kind is Kind.person:
                continue
            candidates = hosts.get((v.status, v.whom.country), [])
            host = next((w for w in candidates if (w.date.compatible(v.date) or self._later_on_trip(v, w))
                         and self.same_side(w.who, v.who, v.date)), None)
            if host is not None:
                joined = replace(host, date=v.date if v.date.more_precise_than(host.date)
                                 and host.date.compatible(v.date) else host.date,
                                 evidence=host.evidence + v.evidence, location=host.location or v.location)
                candidates[next(k for k, w in enumerate(candidates) if w is host)] = joined
                out[at[id(host)]], at[id(joined)] = joined, at[id(host)]
                out[at[id(v)]] = None
        return [m for m in out if m is not None]

    @staticmethod
    def _later_on_trip(arrival: Mention, visit: Mention) -> bool:
        """"Arrived in Beijing on Sunday … met Qin on Monday": a visit in the days after an arrival is
        that trip's (the arrival's date gives way to the meeting's)."""
        a, w = arrival.date, visit.date
        return a.precision is Precision.day and w.precision is Precision.day and \
            a.start is not None and w.start is not None and 0 < (w.start - a.start).days <= RECENT_DAYS

    def _trips(self, mentions: list[Mention]) -> list[Mention]:
        """Across sentences: a visitor's meeting with someone of the host state on the trip is the visit
        (to that person); with another official of the host state it is a visit of its own."""
        joined = self._join_host_visits(list(mentions))
        out: list[Mention | None] = list(joined)
        at = {id(m): k for k, m in enumerate(joined)}
        visits: dict[frozenset, list[Mention]] = {}      # by their two states, in the text's order
        for m in joined:
            if m.mode == "visit":
                visits.setdefault(self._pair(m), []).append(m)
        for m in joined:
            found = self._trip(visits.get(self._pair(m), []), m) if m.mode in ("meeting", "talks") else None
            if found is None:
                continue
            v, other = found
            if v.whom.kind is not Kind.person or v.whom.id == other.id:
                upgraded = replace(v, whom=other, date=_encounter_date(v, m), evidence=v.evidence + m.evidence)
                self._replace_visit(visits, v, upgraded)
                out[at[id(v)]], at[id(upgraded)] = upgraded, at[id(v)]
                out[at[id(m)]] = None
            else:
                out[at[id(m)]] = replace(m, mode="visit", directed=True, who=v.who, whom=other)
        return [m for m in out if m is not None]

    def _replace_visit(self, visits: dict[frozenset, list[Mention]], old: Mention, new: Mention) -> None:
        """`new` in `old`'s place among the visits of its pair (its pair may differ on another day)."""
        bucket = visits[self._pair(old)]
        k = next(k for k, w in enumerate(bucket) if w is old)
        if self._pair(new) == self._pair(old):
            bucket[k] = new
        else:
            del bucket[k]
            visits.setdefault(self._pair(new), []).append(new)

    # -- where the article puts its people ----------------------------------------
    def observe(self, sentence: int, tokens: Sequence, mentions: Sequence) -> None:
        """"Cavusoglu opened the day in Antalya …", "Wang, in Honiara on Thursday, …": a sentence
        that opens with a person and then says "in"/"at" a place puts that person there, whether
        or not it reports a contact ("Patino said the presidents will meet in Quito": not Patino)."""
        if not mentions or len(mentions[0].actors) != 1 or mentions[0].actors[0].kind is not Kind.person:
            return
        place = next((m for m in mentions[1:] if is_locative(tokens, m)), None)
        if place is not None and _REPORTING.isdisjoint(t.key for t in tokens[mentions[0].last + 1:place.first]):
            self.scenes.append((sentence, mentions[0].actors[0].id, place.actors[0]))

    def _situate(self, mentions: list[Mention]) -> list[Mention]:
        """Meetings the sentence does not place, placed where the article put a party at that time
        (a meeting or visit placed earlier: "Cavusoglu opened the day in Antalya …", "Xi arrived in
        Moscow …"), else at a recent dateline; then relocated (a meeting at one party's home is the
        other's visit)."""
        where: dict[str, tuple[Actor, DateInterval]] = {}        # a person's id -> (state, when)
        scenes = iter(self.scenes)
        scene = next(scenes, None)
        out = []
        for m in sorted(mentions, key=lambda k: k.evidence[0].sentence if k.evidence else 0):
            at = m.evidence[0].sentence if m.evidence else 0
            while scene is not None and scene[0] <= at:       # the places told up to this sentence
                where[scene[1]] = (scene[2], self._now())
                scene = next(scenes, None)
            if m.mode in ("meeting", "talks") and m.location is None:
                place = self._whereabouts(m, where) or self._at_dateline(m)
                m = self._relocate(replace(m, location=place)) if place else m
            self._note_place(m, where)
            out.append(m)
        return out

    def _note_place(self, m: Mention, where: dict[str, tuple[Actor, DateInterval]]) -> None:
        if m.location is not None:
            place = m.location
        elif m.mode == "visit" and m.status == "occurred":
            place = self.kb.state(self.country(m.whom, m.date) or "")
        else:
            return
        stay = m.date
        if m.date.precision is Precision.day and m.date.start is not None:   # a trip goes on for days
            stay = DateInterval(m.date.start, m.date.start + timedelta(days=RECENT_DAYS), Precision.day)
        for actor in (m.who, m.whom):
            if actor.kind is Kind.person and place is not None:
                where[actor.id] = (place, stay)

    def _whereabouts(self, m: Mention, where: dict[str, tuple[Actor, DateInterval]]) -> Actor | None:
        for actor in (m.who, m.whom):
            found = where.get(actor.id)
            if found and found[1].compatible(m.date):
                return found[0]
        return None

    def _now(self) -> DateInterval:
        """When a place told without a date holds: the days before publication (the article's news)."""
        if self.published is None:
            return DateInterval.unknown()
        return DateInterval(self.published - timedelta(days=RECENT_DAYS), self.published, Precision.day)

    def _at_dateline(self, m: Mention) -> Actor | None:
        """The dateline's place for a meeting dated in the days before the publication date (an
        undated one may be background: "their last meeting")."""
        if self.dateline is None or m.status != "occurred" or m.mode != "meeting":
            return None         # "held talks" may be by phone: only a meeting is placed by the dateline
        recent = m.date.known and m.date.end is not None and self.published is not None and \
            0 <= (self.published - m.date.end).days <= RECENT_DAYS
        # an undated meeting in the lede is the news the dateline reports ("Addis Ababa … – Today Abiy
        # held talks … He conferred with …"); one further down may be background
        lede = not m.date.known and bool(m.evidence) and m.evidence[0].sentence <= LEDE_SENTENCES
        return self.dateline if recent or lede else None

    def article(self, mentions: list[Mention]) -> list[Mention]:
        mentions = self._trips(self._situate(mentions))
        rank = {"day": 0, "month": 1, "year": 2, "unknown": 3}
        ordered = sorted(mentions, key=lambda m: (m.mode == "talks", rank[m.date.precision.value],
                                                  m.evidence[0].sentence if m.evidence else 0))
        merged: list[Mention] = []
        # Only mentions between the same two states, of the same status, can be one encounter
        # (compatible() asks for both): each is compared with those alone, not with every one merged
        # so far (an article of 2,000 mentions made millions of comparisons).
        buckets: dict[tuple, list[int]] = {}
        for m in ordered:
            key = (m.status, frozenset((self.country(m.who, m.date), self.country(m.whom, m.date))))
            fits = [i for i in buckets.get(key, ()) if self.compatible(merged[i], m)]
            if fits:
                # an undated report that fits several dated ones is one of them, not one more: the
                # nearest in the text ("… met Blinken on Thursday. … The meeting between Bárcena and Blinken …")
                i = fits[0] if len(fits) == 1 or m.date.known else min(fits, key=lambda k: _distance(merged[k], m))
                merged[i] = self.combine(merged[i], m)
            else:
                buckets.setdefault(key, []).append(len(merged))
                merged.append(m)
        return sorted(map(self._at_host, merged), key=lambda m: m.evidence[0].sentence if m.evidence else 0)

    def _at_host(self, m: Mention) -> Mention:
        """A visit the text does not place took place in the host's state ("visited Moscow": Russia)."""
        if m.mode != "visit" or m.location is not None:
            return m
        host = self._home(m.whom, m.date)
        return replace(m, location=self.kb.state(host)) if host and self.kb.state(host) else m


def _distance(a: Mention, b: Mention) -> int:
    """Sentences between two mentions' nearest evidence."""
    return min((abs(x.sentence - y.sentence) for x in a.evidence for y in b.evidence), default=0)


def _encounter_date(trip: Mention, meeting: Mention) -> "DateInterval":
    """The date of a trip's visit to the host it met: the meeting's, when it has one of its own ("arrived
    on Thursday night for a four-day visit … On Friday Modi and Sousa held talks": Friday)."""
    if meeting.date.known and not trip.date.more_precise_than(meeting.date):
        return meeting.date
    return trip.date
