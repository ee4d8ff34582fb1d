"""Which date belongs to which trigger, and the article's anchor date.

A sentence often holds several dates: the contact's own, a statement's ("…,
the ministry said on Saturday"), a background event's ("who last visited
China in 2009", "since June 2014"), the dateline's. A trigger takes the
nearest date that is its own; a list of dates ("in July, August and
November") gives one date per item; "a day earlier" counts from the
sentence's other event, or from the anchor: the dateline's date when the
article has one ("JAKARTA, July 3, 2022 –"), else the publication date.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from contacts.dates import DateInterval, Precision
from contacts.extract import dating
from contacts.extract.dating import DateExpr
from contacts.extract.prefilter import compile_guarded
from contacts.extract.tokens import Token
from contacts.extract.triggers import Trigger
from contacts.kb import Kind

if TYPE_CHECKING:
    from contacts.extract.frames import Frame
    from contacts.extract.merge import Mention, Merger

_TEMPORAL = {"since", "until", "till", "before", "after", "prior"}
# A date right after these dates the statement, not the contact ("…, a source said on Saturday").
_SPEECH = {"said", "says", "told", "announced", "stated", "added", "tweeted", "wrote", "posted", "reported",
           "disclosed", "confirmed", "declared", "noted", "statement", "remarks", "speech", "interview",
           "briefing", "release"}
_SPEECH_REACH = 5               # tokens from the speech word to the date ("said in a statement on Friday")
# Relative clauses of background ("Lula, who last visited China in 2009, …"); a "where" clause tells
# what happened at the place ("flew to Madrid, where he met Sanchez on Tuesday") and shares its date.
_RELATIVE = {"who", "which", "whose"}
_PROGRESSIVE = {"is", "are", "am"}
_LEADS_IN = re.compile(r"\W*(?:(?:on|in|early|late|earlier|later)\s+)?", re.I)   # before a sentence's opening date
_CLAUSE_OPENERS = {"that", "which", "who", "whose"}     # "the attack that took place on Friday"
_THINKING = {"agreed", "expected", "hoped", "believed", "hopes", "expects", "believes", "learned", "knew"}
# Between the items of a list of dates: "in July, August and November", "on Monday and Tuesday".
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:(?:in|on)\s+)?")
_RANGE_GAP = re.compile(r"\s*(?:-|–|to|until|till|through)\s*")
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.I)
# A weekday beside its date says the same day: "on 18 March, Wednesday", "Wednesday afternoon (June 29)".
_APPOSED_GAP = re.compile(r"[\s,(]*(?:(?:morning|afternoon|evening|night)\s*)?[\s,(]*")
_EXPLICIT = {"md", "dm", "mdy", "dmy", "iso"}
# Kinds that make one list: "in June and July 2023", "on June 4 and June 6, 2023".
_FAMILIES = {"month_year": "rel_month", "mdy": "md", "dmy": "dm"}

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DATE = rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})(?:,?\s+(?:19|20)\d\d)?"
# "JAKARTA, July 3, 2022 – (ACN Newswire) –", "MOSCOW, Oct 22 (Reuters) -", "Kyiv, Ukraine, 5 March -":
# a place in capitals (or a capitalised place and country), a date, a source in brackets, a dash.
_DATELINE = compile_guarded(rf"(?P<place>[A-Z][A-Za-z.'/-]*(?:[ -][A-Z][A-Za-z.'/-]*){{0,3}})(?:\s*\[[^\]\n]{{1,30}}\])?"
                            rf"(?:,\s+[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){{0,2}})?,?\s+(?P<date>{_DATE})"
                            r"\s*(?:\([^)\n]{1,40}\)\s*)?[-–—:]")
# A line that is only a date, under a byline ("By Staff Writer\nJanuary 15, 2020").
_DATE_LINE = re.compile(rf"^\s*(?P<date>{_DATE})\s*$", re.M)
_DATELINE_REACH = 600            # characters from the article's start where a dateline may stand
_DATELINE_SPREAD = (timedelta(days=-45), timedelta(days=2))   # how far a dateline may lie from the stamp


def article_anchor(text: str, published: date | None) -> date | None:
    """The day the article's relative dates count from: its dateline's date when it has one that
    fits the publication date (a story filed the day before it was stamped), else the stamp."""
    head = text[:_DATELINE_REACH]
    found = None
    for line in head.splitlines():
        found = _DATELINE.match(line.strip()) or _DATE_LINE.match(line)
        if found:
            break
    if not found:
        return published
    day = _resolved_day(found.group("date"), published)
    if day is None:
        return published
    if published is not None and not _DATELINE_SPREAD[0] <= day - published <= _DATELINE_SPREAD[1]:
        return published
    return day


def _resolved_day(text: str, published: date | None) -> date | None:
    exprs = [d for d in dating.find_dates(text) if d.kind in _EXPLICIT]
    if not exprs:
        return None
    interval = dating.resolve(exprs[-1], published)
    return interval.start if interval.precision is Precision.day else None


def dateline_end(text: str) -> int:
    """Where a sentence's dateline ends (0 when it opens with none): its date is no contact's date."""
    found = _DATELINE.match(text)
    return found.end() if found else 0


# A clause after the trigger that says when it happened.
_AT_THE_TIME = re.compile(r"\b(?:when|while|during|as)\b[^,;]*$", re.I)


class SentenceTiming:
    """The dates of one sentence, and the choice of each trigger's date among them."""

    def __init__(self, text: str, tokens: Sequence[Token], anchor: date | None) -> None:
        self.text, self.tokens, self.anchor = text, tokens, anchor
        self._spans: tuple[list[int], list[int]] | None = None     # token offsets, made when first needed
        self._keys = getattr(tokens, "keys", None) or [t.key for t in tokens]
        self._resolved: dict[tuple[DateExpr, bool], DateInterval] = {}
        opening = dateline_end(text)
        self.dates = [d for d in dating.find_dates(text) if d.start >= opening]
        self._clauses: list[tuple[int, int]] | None = None
        self.scene: date | None = None      # the day the narrative is at ("On June 19, …" before): set_scene

    # -- token helpers -----------------------------------------------------
    def _tok_span(self, start: int, end: int) -> tuple[int, int]:
        """The first and last tokens overlapping the characters [start, end) ((0, 0) if none)."""
        if self._spans is None:
            self._spans = [t.start for t in self.tokens], [t.end for t in self.tokens]
        starts, ends = self._spans
        first = bisect_right(ends, start)
        last = bisect_left(starts, end) - 1
        return (first, last) if first <= last else (0, 0)

    def _key(self, i: int) -> str:
        return self._keys[i] if 0 <= i < len(self._keys) else ""

    # -- whose date is it --------------------------------------------------
    def _governed(self, d: DateExpr, trig: Trigger | None = None) -> bool:
        """Inside a "since …", "before …" phrase or a clause of its own ("the attack that took place on
        Friday"): the date of something else (unless the phrase holds the trigger itself: "after their
        talks on Tuesday", "the meeting that they held on Tuesday")."""
        first, _ = self._tok_span(d.start, d.end)
        t_first, t_last = self._tok_span(trig.start, trig.end) if trig else (-1, -1)
        for i in range(first - 1, max(-1, first - 7), -1):
            key = self._key(i)
            if key in (",", ";") or i == t_first:
                return False
            if key in _TEMPORAL or (key in _CLAUSE_OPENERS and i - 1 != t_last and not self._reported(i)):
                return True
        return False

    def _reported(self, i: int) -> bool:
        """Is the "that" at token i the one of "said (earlier) that …" (what was said holds the trigger)?"""
        return any(self._key(k) in _SPEECH or self._key(k) in _THINKING for k in range(i - 3, i))

    def _stated(self, d: DateExpr, trig: Trigger) -> bool:
        """"…, a diplomatic source said on Saturday", "in a statement on Friday": the statement's date."""
        first, last = self._tok_span(d.start, d.end)
        t_last = self._tok_span(trig.start, trig.end)[1]
        for i in range(first - 1, max(-1, first - 1 - _SPEECH_REACH), -1):
            key = self._key(i)
            if key in (",", ";", "that") or i == t_last:
                return False        # "tweeted that on October 20 he would travel": the date of what was said
            if key in _SPEECH:
                return True
        return self._key(last + 1) in ("statement", "press", "release")

    def _clause(self, char: int) -> tuple[int, int] | None:
        """The relative clause (", who last met him in 2009,") holding a character, as a character span."""
        if self._clauses is None:
            self._clauses = []
            for t in self.tokens:
                if t.text == "," and self._key(t.i + 1) in _RELATIVE:
                    end = next((u.end for u in self.tokens[t.i + 2:] if u.text in (",", ";")), len(self.text))
                    self._clauses.append((t.start, end))
        return next(((a, b) for a, b in self._clauses if a <= char < b), None)

    def _elsewhere(self, d: DateExpr, trig: Trigger) -> bool:
        """A date of another clause: a relative clause the trigger is not in, or the one it is in; or
        past the opening phrase that holds the trigger ("Before this meeting, they had spoken in July")."""
        if self._clause(d.start) != self._clause(trig.start):
            return True
        opening = self.text.find(",")
        return self._key(0) in _TEMPORAL and trig.end <= opening < d.start

    def _gap(self, trig: Trigger, d: DateExpr) -> float:
        if d.start >= trig.end:
            if dating.opens(d):
                return float("inf")     # "came days after X visited": never the date of what comes before it
            return d.start - trig.end - 10   # a date just after the trigger is its own
        if d.end <= trig.start:
            return trig.start - d.end
        return 0

    def _rival_nearer(self, rival: Trigger, trig: Trigger, d: DateExpr) -> bool:
        """Another trigger nearer the date takes it, unless something keeps it from the date or another
        date lies between them ("spoke with Lavrov on 8 May, the day before his trip": the trip's is nearer)."""
        if self._gap(rival, d) >= self._gap(trig, d) or self._distance(rival, d) is None or self._opens(d):
            return False        # farther, kept from it ("met X on Wednesday; his last visit …"), or the
            #                     sentence's own ("On Monday Blinken met Qin and later spoke with Kuleba")
        if rival.start >= trig.end and _AT_THE_TIME.search(self.text[trig.end:rival.start]):
            return False        # "a face-to-face at the Kremlin when the Chinese leader visited Moscow
            #                     last month": the clause that times the trigger shares its date
        low, high = min(rival.start, d.start), max(rival.end, d.end)
        items = self._listed(d)         # the items of its own list do not come between
        if any(o not in items and low <= o.start and o.end <= high for o in self.dates):
            return False
        # a rival with a date nearer still keeps that one ("summoned … on Monday after holding talks a day earlier")
        return not any(o not in items and self._gap(rival, o) < self._gap(rival, d)
                       and self._distance(rival, o) is not None for o in self.dates)

    def _opens(self, d: DateExpr) -> bool:
        """Does the date open the sentence ("On Monday, …", "Yesterday …")? It dates all its clause tells."""
        return _LEADS_IN.fullmatch(self.text[:d.start]) is not None

    def _distance(self, trig: Trigger, d: DateExpr) -> int | None:
        """How far the date lies from the trigger, or None when something between them stops it."""
        if d.start >= trig.end:
            between = self.text[trig.end:d.start]
            if ";" in between or " that " in between or len(between) > 160 \
                    or _TEMPORAL & set(between.lower().split()):
                return None
            return len(between) - 10   # a date just after the trigger is its own
        if d.end <= trig.start:
            between = self.text[d.end:trig.start]
            if ";" in between or any(w in between.split() for w in ("said", "that", "says")):
                return None
            if dating.opens(d) and "," in between:
                return None     # "Two days after the vote, X met Y": counted from the vote, which has no date
            return len(between)     # "came days after Lavrov paid a visit": the visit's date, from the anchor
        return 0   # the trigger's own words ("Wednesday's call")

    def _own(self, trig: Trigger, rivals: Sequence[Trigger]) -> list[tuple[int, DateExpr]]:
        """The dates that may be the trigger's, nearest first."""
        own = []
        for d in self.dates:
            if self._governed(d, trig) or self._stated(d, trig) or self._elsewhere(d, trig) \
                    or any(self._rival_nearer(r, trig, d) for r in rivals if r != trig):
                continue
            if dating.opens(d) and d.start >= trig.end:
                continue            # "met Y two days after the vote": counts from the vote, which has no date
            distance = self._distance(trig, d)
            if distance is not None:
                own.append((distance, d))
        return sorted(own, key=lambda pair: pair[0])

    # -- resolution --------------------------------------------------------
    def _reference(self, d: DateExpr) -> date | None:
        """The day "a day earlier" counts from: the sentence's other dated event, else the anchor
        ("that day" has none then: the day is one the article told before)."""
        for other in self.dates:
            if other is d or other.kind in dating.RELATIVE_TO_EVENT:
                continue
            interval = self.resolve(other, False)
            if interval.precision is Precision.day:
                return interval.start
        return self.scene if d.kind == "same_day" else self.anchor

    def set_scene(self, day: date | None) -> None:
        """The day an earlier sentence opened with, which "that day", "opened the day" refer to."""
        self.scene = day

    def resolve(self, d: DateExpr, future: bool) -> DateInterval:
        """The date's interval (kept: the sentence's triggers ask for the same dates)."""
        known = self._resolved.get((d, future))
        if known is None:
            known = self._resolved[d, future] = self._resolve(d, future)
        return known

    def _resolve(self, d: DateExpr, future: bool) -> DateInterval:
        if d.kind not in dating.RELATIVE_TO_EVENT:
            return dating.resolve(d, self.anchor, future)
        reference = self._reference(d)
        return dating.resolve(d, self.anchor, future, reference) if reference else DateInterval.unknown()

    def _apposed(self, d: DateExpr) -> DateExpr:
        """A weekday beside an explicit date stands for it ("Wednesday afternoon (June 29)")."""
        if d.kind != "weekday":
            return d
        for other in self.dates:
            if other.kind in _EXPLICIT:
                gap = self.text[d.end:other.start] if other.start >= d.end else self.text[other.end:d.start]
                if _APPOSED_GAP.fullmatch(gap):
                    return other
        return d

    def _listed(self, d: DateExpr) -> list[DateExpr]:
        """The list a date is an item of ("in July, August, September and November"), or the date alone.
        Items are of one kind: "18 March, Wednesday" is one day told twice."""
        k = self.dates.index(d)
        first = last = k
        while first > 0 and self._linked(self.dates[first - 1], self.dates[first]):
            first -= 1
        while last + 1 < len(self.dates) and self._linked(self.dates[last], self.dates[last + 1]):
            last += 1
        return self.dates[first:last + 1]

    def _linked(self, a: DateExpr, b: DateExpr) -> bool:
        gap = self.text[a.end:b.start]
        same_kind = _FAMILIES.get(a.kind, a.kind) == _FAMILIES.get(b.kind, b.kind)
        return same_kind and bool(_LIST_GAP.fullmatch(gap) or _RANGE_GAP.fullmatch(gap))

    def _span(self, items: list[DateExpr], dates: list[DateInterval]) -> bool:
        """One event over the items: a range ("from June to August", "between Monday and Wednesday")
        or consecutive days ("talks on Monday and Tuesday")."""
        if _RANGE_OPEN.search(self.text[:items[0].start]) or \
                any(_RANGE_GAP.fullmatch(self.text[a.end:b.start]) for a, b in zip(items, items[1:])):
            return True
        days = sorted(x.start for x in dates if x.precision is Precision.day)
        return len(days) == len(dates) and all((b - a).days == 1 for a, b in zip(days, days[1:]))

    def dates_for(self, trig: Trigger, future: bool, rivals: Sequence[Trigger] = ()) -> list[DateInterval]:
        """The trigger's dates: one, or one per item of a list of dates ("spoke four times: in July,
        August, September and November"). Unknown when the sentence gives none of its own."""
        for _, d in self._own(trig, rivals):
            items = self._listed(d)
            dates = _shared_year(items, [self.resolve(self._apposed(x), future) for x in items])
            known = [x for x in dates if x.known]
            if not known:
                continue
            if len(known) > 1 and self._span(items, known):
                return [DateInterval.covering(min(x.start for x in known), max(x.end for x in known))]
            return list(dict.fromkeys(known))
        return [self._fallback(trig, future, rivals)]

    def _fallback(self, trig: Trigger, future: bool, rivals: Sequence[Trigger]) -> DateInterval:
        """With no date of its own: "is on a visit" is the anchor's day; a contact reported by a dated
        statement ("held a call with X, a source said on Saturday") happened by then (its month)."""
        if future:
            return DateInterval.unknown()
        if self._progressive(trig) and self.anchor:
            return DateInterval.day(self.anchor)
        for d in self.dates:
            if self._stated(d, trig) and not any(self._rival_nearer(r, trig, d) for r in rivals if r != trig):
                said = self.resolve(d, False)
                if said.precision in (Precision.day, Precision.month):    # "told reporters earlier this month"
                    return DateInterval.month(said.start.year, said.start.month)
        return DateInterval.unknown()

    def _progressive(self, trig: Trigger) -> bool:
        """"is visiting", "is on a visit to", "are holding talks": under way as the article is written."""
        first, _ = self._tok_span(trig.start, trig.end)
        words = self.text[trig.start:trig.end].split()
        if words and words[0].lower().endswith("ing") and self._key(first - 1) in _PROGRESSIVE:
            return True
        return self._key(first - 1) in ("a", "an") and self._key(first - 2) == "on" \
            and self._key(first - 3) in _PROGRESSIVE


def _shared_year(items: list[DateExpr], dates: list[DateInterval]) -> list[DateInterval]:
    """A year said once for a list holds for every item: "in June and July 2021", "June 4 and 6, 2021"."""
    said = next((x.start.year for x, e in zip(dates, items) if e.get("y") and x.known), None)
    if said is None:
        return dates
    out = []
    for x, e in zip(dates, items):
        if x.known and not e.get("y") and x.precision in (Precision.month, Precision.day):
            try:
                x = DateInterval.month(said, x.start.month) if x.precision is Precision.month \
                    else DateInterval.day(x.start.replace(year=said))
            except ValueError:          # 29 February
                x = DateInterval.unknown()
        out.append(x)
    return out


# -- article level ----------------------------------------------------------
# A sentence opening with its day sets the scene for those after it: "On June 19, … met …".
_OPENING = compile_guarded(r"\W*(?:On\s+|Today|Yesterday|Earlier\s+today)", re.I)


def scene_after(text: str, scene: date | None, anchor: date | None) -> date | None:
    """The scene's day after a sentence: the day it opens with, when it opens with one; else as before."""
    if not _OPENING.match(text):
        return scene
    dates = dating.find_dates(text[:60])
    if not dates or dates[0].start > 8:
        return scene
    interval = dating.resolve(dates[0], anchor)
    return interval.start if interval.precision is Precision.day else scene


_LEG_MODES = {"visit", "envoy"}


def trip_legs(frames: list[Frame]) -> list[Frame]:
    """Visits by one traveller to several states on one date ("will travel to Russia, Azerbaijan and
    Georgia on October 20", "completed his visits to Ukraine and Russia on Thursday") are a trip over
    several days: each leg is dated by the month only."""
    places: dict[tuple, set[str]] = {}
    for f in frames:
        if f.mode in _LEG_MODES and f.date.precision is Precision.day and f.who and f.whom \
                and f.whom.kind is not Kind.person:
            places.setdefault((f.who.id, f.date), set()).add(f.whom.id)
    legs = {key for key, states in places.items() if len(states) > 1}
    if not legs:
        return frames
    return [f._replace(date=DateInterval.month(f.date.start.year, f.date.start.month))
            if f.mode in _LEG_MODES and f.who and (f.who.id, f.date) in legs else f for f in frames]


def listed(frames: list[Frame]) -> list[Frame]:
    """A tally's frames when it names the date of each contact it counts ("spoke four times: in
    July, August, September and November"): those contacts; else none."""
    dated = {f.date for f in frames if f.complete and f.date.known}
    return [f for f in frames if f.complete] if len(dated) > 1 else []


# A sentence that goes on with the same occasion: "Later, Jaishankar spoke with …", "He also met …".
# ("then", "afterwards" move on in time: "He then flew to Madrid" is another day as often as not.)
_CONTINUED = compile_guarded(r"^\W*later\b|\b(?:also|in\s+addition|separately)\b", re.I)
_CARRIED = {"visit", "meeting", "talks", "message", "call"}


def carry(mentions: list[Mention], merger: Merger) -> list[Mention]:
    """Undated contacts that the article places at a dated occasion take its date: a meeting on a
    dated trip (the visitor with someone of the visited state), and a contact told as going on from
    a dated one of the same person ("Later X spoke with …", "X also met …"). `mentions` are in the
    text's order."""
    out = list(mentions)
    trips: dict[tuple[str, str], list[int]] = {}    # dated visits by (status, visitor): their places in `out`

    def note(k: int) -> None:
        v = out[k]
        if v.mode == "visit" and v.date.known:
            insort(trips.setdefault((v.status, v.who.id), []), k)

    for k in range(len(out)):
        note(k)
    for k, m in enumerate(out):
        if m.date.known or m.status != "occurred" or m.mode not in _CARRIED:
            continue
        source = _trip_of(m, [out[j] for j in _trips_of_either(m, trips)], merger) or _continued_from(m, out, k)
        if source is not None:
            out[k] = replace(m, date=source.date)
            note(k)             # a visit dated so is a trip for the contacts after it
    return out


def _trips_of_either(m: Mention, trips: dict[tuple[str, str], list[int]]) -> list[int]:
    """The places of the dated visits whose visitor is a party to `m`, in the text's order."""
    return sorted(set(trips.get((m.status, m.who.id), ())) | set(trips.get((m.status, m.whom.id), ())))


def _trip_of(m: Mention, visits: list[Mention], merger: Merger) -> Mention | None:
    """The dated trip the contact happened on, among the dated `visits` of its parties: the visitor
    meets someone of the visited state (of several trips there, the one told nearest before it,
    else nearest after)."""
    trips = []
    for v in visits:
        host = merger.country(v.whom, v.date)
        if any(visitor.id == v.who.id and merger.country(other, v.date) == host
               for visitor, other in ((m.who, m.whom), (m.whom, m.who))):
            trips.append(v)
    here = _sentence(m)
    return min(trips, key=lambda v: (abs(here - _sentence(v)), _sentence(v) > here), default=None)


def _sentence(m: Mention) -> int:
    return m.evidence[0].sentence if m.evidence else 0


def _continued_from(m: Mention, mentions: list[Mention], k: int) -> Mention | None:
    """The last dated contact of the same person in the sentences just before (of `mentions[:k]`),
    when this one goes on from it (its subject was a party to that one)."""
    if not m.evidence or not _CONTINUED.search(m.evidence[0].text):
        return None
    here = _sentence(m)
    for p in map(mentions.__getitem__, range(k - 1, -1, -1)):     # in the text's order: back a few sentences
        if here - _sentence(p) > 3:
            break
        if p.date.known and p.status == m.status and 0 <= here - _sentence(p) \
                and m.who.id in (p.who.id, p.whom.id):
            return p
    return None
    here = _sentence(m)
    for p in reversed(before):
        if p.date.known and p.status == m.status and 0 <= here - _sentence(p) <= 3 \
                and m.who.id in (p.who.id, p.whom.id):
            return p
    return None
