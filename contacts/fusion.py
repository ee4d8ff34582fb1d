"""Fusing mentions from many articles into contacts: one encounter, one row.

Mentions fall into groups by (mode, status, actors), the actors ordered for
directed mentions and unordered otherwise. Within a group, dated mentions
join the first contact whose date they overlap, most precise first; an
undated mention joins a dated contact only where that contact is the only
one of its group. The clustering of a group depends on nothing but the
group's mentions, so ingest order never changes the result; and an ingest
refuses only the groups its article touches, so fusion is incremental.

A contact's id names its group and its founding mention's precision and dates
(for a group's undated contact, the group alone): the contacts of a group
differ in those, and a report joining a contact leaves them as they are, so
the id changes only when a more precise report takes over the founding (a
month's contact dated to its day). The id that gives way keeps resolving
through the store's alias table (contacts.lineage).

One encounter reported in two modes is one contact (the annotation guide: "a visit during
which the visitor meets the host is one visit, not a visit plus a meeting"). Articles that
report the trip ("Kim arrived in Russia for a summit with Putin") and articles that report
the meeting ("Kim met Putin at the Vostochny cosmodrome") give mentions of two groups, so
after each group is clustered, a meeting contact joins the visit contact it took place in
(`join_trips`): the same two actors, the same status, the meeting's dates within the trip's,
and no place of the meeting outside the visited state. The contact stays a visit (its id,
its visitor and host, its mode), and the meeting's reports become its sources. So the groups
of a pair's visits and meetings are fused together (`families`).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import operator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

_RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3}
_PRECISIONS = list(_RANK)


class MentionRow(NamedTuple):
    """One stored mention, as fusion reads it (a named tuple: built from a row four times
    faster than a frozen dataclass, and a touched group's rows are built by the thousand)."""

    id: str
    who: str
    whom: str
    mode: str
    directed: bool
    date_start: date | None
    date_end: date | None
    precision: str
    status: str
    location: str | None


@dataclass
class Cluster:
    mentions: list[MentionRow] = field(default_factory=list)
    founder: str = ""                   # group|precision|start|end of the founding mention (see id)
    mode: str = field(init=False)       # the mode of the group that founded it (a visit stays a visit
                                        # when a meeting joins it)

    def __post_init__(self) -> None:
        self.mode = self.founder.split("|", 1)[0]

    @property
    def best(self) -> MentionRow:
        return min(self.mentions, key=_precise_first)

    @functools.cached_property
    def id(self) -> str:
        return "c" + hashlib.sha1(self.founder.encode()).hexdigest()[:11]

    @property
    def own(self) -> list[MentionRow]:
        """Its mentions of its own mode (those of its group), before any that joined from another."""
        mode = self.mode
        return [m for m in self.mentions if m.mode == mode] or self.mentions

    @property
    def first(self) -> MentionRow:
        """The mention that speaks for it (actors, evidence): its own with the smallest id."""
        return min(self.own, key=_ID)


# -- the fusion group: this module owns its key, in Python and in SQL ------------------------
# A group is (mode, status, directed, (who, whom)), the actors in id order when undirected; its
# text is mode|status|who>whom (directed) or mode|status|a~b; a stored mention keeps the text's
# hash in mentions.grp. `group_hash` and `group_sql` must agree (tests/test_fusion_key.py).

def group_key(m: MentionRow) -> tuple:
    pair = (m.who, m.whom) if m.directed else tuple(sorted((m.who, m.whom)))
    return (m.mode, m.status, m.directed, pair)


def group_text(group: tuple) -> str:
    """mode|status|who>whom for a directed group, mode|status|a~b (ids in order) otherwise."""
    mode, status, directed, (a, b) = group
    return f"{mode}|{status}|{a}{'>' if directed else '~'}{b}"


def group_hash(group: tuple) -> int:
    """The group as stored in mentions.grp: the lower 64 bits of the MD5 of its text."""
    return int.from_bytes(hashlib.md5(group_text(group).encode()).digest()[8:], "little")


def group_text_sql(table: str) -> str:
    """SQL for `group_text` of the rows of `table` (or its alias): their mode, status, directed, who, whom."""
    t = table
    return (f"{t}.mode || '|' || {t}.status || '|' || CASE WHEN {t}.directed THEN {t}.who || '>' || {t}.whom "
            f"ELSE least({t}.who, {t}.whom) || '~' || greatest({t}.who, {t}.whom) END")


def group_sql(table: str) -> str:
    """SQL for `group_hash` of the rows of `table` (DuckDB's md5_number_lower: the same 64 bits)."""
    return f"md5_number_lower({group_text_sql(table)})"


def cluster(mentions: list[MentionRow]) -> list[Cluster]:
    """The contacts of one group of mentions (same mode, status and actors).

    A dated mention joins the first contact (in the order they were founded) whose founding
    mention's dates it overlaps. Mentions come most precise first, then by date, then by id, so
    a contact's founding mention stays its best, and a contact is founded only by a mention
    that overlaps none: the contacts' date spans never overlap each other. Contacts are thus
    founded in the order (precision, date), and the first one a mention overlaps is, for the
    most precise level that has one, the earliest span that does, found by bisection.

    The mentions are put in that order by bucket, not by a sort of them all: one pass puts
    each in the bucket of its (precision, first day), and only the buckets' keys are sorted.
    Mentions of one bucket with one span (the rule for day, month and year) all land in the
    contact the first of them finds, so they are placed at once, whatever their order; a
    bucket whose spans differ is taken one by one, by id, as the rule says. A contact's
    `mentions` are in that order of buckets, in input order within one. (Trying every contact
    for every mention was n²: 6,000 reports of one call took 31 s; sorting all mentions by
    (precision, day, id) made 60,000 take 16× the time of 6,000.)"""
    if not mentions:
        return []
    group = group_text(group_key(mentions[0]))
    buckets: dict[int, list[MentionRow]] = {}
    ends: dict[int, int] = {}               # a bucket's last day, while its mentions share one (else _MIXED)
    undated = []
    for m in mentions:                      # one pass in input order (the rows as they were read)
        start = m.date_start
        if start is None:
            undated.append(m)
            continue
        key = _RANK[m.precision] * _LEVEL + start.toordinal()
        bucket = buckets.get(key)
        if bucket is None:
            buckets[key] = [m]
            ends[key] = m.date_end.toordinal()
        else:
            bucket.append(m)
            if ends[key] != m.date_end.toordinal():
                ends[key] = _MIXED
    clusters: list[Cluster] = []
    levels: dict[int, _Spans] = {}          # by precision rank, most precise first
    for key in sorted(buckets):
        start, end, bucket = key % _LEVEL, ends[key], buckets[key]
        runs = [(end, bucket)] if end != _MIXED else \
            [(m.date_end.toordinal(), [m]) for m in sorted(bucket, key=_ID)]
        for end, members in runs:
            home = None
            for level in levels.values():
                home = level.first_overlapping(start, end)
                if home is not None:
                    break
            if home is None:            # the bucket's list becomes the contact's (one object fewer to make)
                clusters.append(Cluster(members, _founder(group, key // _LEVEL, start, end)))
                levels.setdefault(key // _LEVEL, _Spans()).add(start, end, clusters[-1])
            else:
                home.mentions.extend(members)
    if undated:
        if len(clusters) == 1:
            clusters[0].mentions.extend(undated)
        else:
            clusters.append(Cluster(undated, f"{group}|undated"))
    return clusters


def _founder(group: str, rank: int, start: int, end: int) -> str:
    return f"{group}|{_PRECISIONS[rank]}|{date.fromordinal(start).isoformat()}|{date.fromordinal(end).isoformat()}"


_ID = operator.attrgetter("id")
_LEVEL = 4_000_000          # ordinals of one precision rank: date.max is day 3,652,059
_MIXED = -1


class _Spans:
    """The date spans (as ordinals) of contacts founded at one precision: they never overlap, so
    sorted by start they are sorted by end too, and the earliest founded is the earliest in time."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.clusters: list[Cluster] = []

    def first_overlapping(self, start: int, end: int) -> Cluster | None:
        at = bisect.bisect_left(self.ends, start)          # the first span that does not end before `start`
        return self.clusters[at] if at < len(self.starts) and self.starts[at] <= end else None

    def add(self, start: int, end: int, cluster: Cluster) -> None:
        at = bisect.bisect_left(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)
        self.clusters.insert(at, cluster)


def contact_row(c: Cluster) -> tuple:
    """(id, who, whom, mode, directed, date_start, date_end, precision, status, location, n_sources).

    The actors, mode and direction are its own mentions' (a visit that a meeting joined stays
    the visitor's visit to the host); the date is its most precise report's, whichever mode."""
    best, own = c.best, c.own
    first = min(own, key=_ID)
    location = next((m.location for m in sorted(own, key=_ID) if m.location), None) or \
        next((m.location for m in sorted(c.mentions, key=_ID) if m.location), None)
    return (c.id, first.who, first.whom, c.mode, any(m.directed for m in own), best.date_start,
            best.date_end, best.precision, best.status, location, len({m.id.split(":")[0] for m in c.mentions}))


# -- one encounter in two modes: a meeting on a visit ---------------------------------------
IN_PERSON = ("visit", "meeting")
TRIP_DAYS = 7       # a meeting up to a week after a visit's reported day is on that trip (a visit
                    # is dated by its arrival or its talks; Kim arrived on 12 September 2023 and met
                    # Putin on the 13th); one day before it too (a trip reported by its last day)


def families(groups: set[tuple]) -> set[tuple]:
    """The groups to fuse together with the given ones: with a pair's visit or meeting, every
    visit and meeting of that pair and status, in either direction."""
    found = set(groups)
    for mode, status, _, (a, b) in groups:
        if mode in IN_PERSON:
            low, high = sorted((a, b))
            found |= {("visit", status, True, (a, b)), ("visit", status, True, (b, a)),
                      ("meeting", status, False, (low, high)),
                      ("meeting", status, True, (a, b)), ("meeting", status, True, (b, a))}
    return found


def contacts(by_group: dict[tuple, list[MentionRow]], pinned: frozenset[str] = frozenset()) -> list[Cluster]:
    """The contacts of the groups (each clustered alone), meetings joined to their trips but
    those holding a `pinned` mention (one a researcher added by hand: their decision stands)."""
    return join_trips([c for g in sorted(by_group) for c in cluster(by_group[g])], pinned)


def join_trips(clusters: list[Cluster], pinned: frozenset[str] = frozenset()) -> list[Cluster]:
    """The contacts with each meeting contact joined to the visit contact it took place in: the
    same two actors and status, its dates within the visit's trip, no place of its own other
    than the visited state's; of several, the visit nearest in time (then the smaller id). An
    undated meeting joins the pair's visit where the pair has one visit and no other meeting,
    as an undated report joins the only contact of its group."""
    by_pair: dict[tuple, list[Cluster]] = {}
    for c in clusters:
        if c.mode in IN_PERSON:
            by_pair.setdefault(_pair(c), []).append(c)
    joined: set[int] = set()
    for family in by_pair.values():
        visits = [c for c in family if c.mode == "visit"]
        if visits:
            joined |= _join_family(family, visits, pinned)
    return [c for c in clusters if id(c) not in joined] if joined else clusters


def _join_family(family: list[Cluster], visits: list[Cluster], pinned: frozenset[str]) -> set[int]:
    """Join the meetings of one pair to its visits; the ids (id()) of the meetings joined."""
    spans = {id(v): min(v.own, key=_precise_first) for v in visits}        # each visit's own best report
    joined: set[int] = set()
    for c in family:
        if c.mode != "meeting" or c.best.date_start is None or _holds(c, pinned):
            continue
        met = c.best
        trips = [v for v in visits if _on_trip(met, spans[id(v)]) and _same_place(c, v)]
        if trips:
            trip = min(trips, key=lambda v: (abs((spans[id(v)].date_start - met.date_start).days), v.id))
            trip.mentions.extend(c.mentions)
            joined.add(id(c))
    for c in family:            # undated meetings last: "the only visit" counts the joins above
        if c.mode == "meeting" and c.best.date_start is None and not _holds(c, pinned):
            others = [o for o in family if o is not c and id(o) not in joined]
            if len(others) == 1 and others[0].mode == "visit" and _same_place(c, others[0]):
                others[0].mentions.extend(c.mentions)
                joined.add(id(c))
    return joined


def _precise_first(m: MentionRow) -> tuple:
    return (_RANK[m.precision], m.date_start or date.max, m.id)


def _holds(c: Cluster, pinned: frozenset[str]) -> bool:
    return bool(pinned) and any(m.id in pinned for m in c.mentions)


def _pair(c: Cluster) -> tuple:
    m = c.mentions[0]
    return (m.status, *sorted((m.who, m.whom)))


def _on_trip(m: MentionRow, v: MentionRow) -> bool:
    """Whether a meeting's dates fall within a visit's trip (the visit's dates, for a visit
    known to the day from the day before it to TRIP_DAYS after)."""
    if v.date_start is None:
        return False
    start, end = v.date_start, v.date_end
    if v.precision == "day":
        start, end = start - timedelta(days=1), end + timedelta(days=TRIP_DAYS)
    return m.date_start <= end and start <= m.date_end


def _same_place(meeting: Cluster, visit: Cluster) -> bool:
    """No place of the meeting's other than the visit's (a summit in a third state is no stop on the trip)."""
    met = {m.location for m in meeting.mentions if m.location}
    went = {m.location for m in visit.own if m.location}
    return not met or not went or bool(met & went)
