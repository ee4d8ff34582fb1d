"""Fusing mentions from many articles into contacts: one encounter, one row.

Mentions fall into groups by (mode, status, actors), the actors ordered for
directed mentions and unordered otherwise. Within a group, dated mentions
join the first contact whose date they overlap, most precise first; an
undated mention joins a dated contact only where that contact is the only
one of its group. The clustering of a group depends on nothing but the
group's mentions, so ingest order never changes the result; and an ingest
refuses only the groups its article touches, so fusion is incremental.
"""

from __future__ import annotations

import bisect
import hashlib
import operator
from dataclasses import dataclass, field
from datetime import date

_RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3}


@dataclass(frozen=True)
class MentionRow:
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

    @property
    def best(self) -> MentionRow:
        return min(self.mentions, key=lambda m: (_RANK[m.precision], m.date_start or date.max, m.id))

    @property
    def id(self) -> str:
        seed = min(m.id for m in self.mentions)
        return "c" + hashlib.sha1(seed.encode()).hexdigest()[:11]


def group_key(m: MentionRow) -> tuple:
    pair = (m.who, m.whom) if m.directed else tuple(sorted((m.who, m.whom)))
    return (m.mode, m.status, m.directed, pair)


def cluster(mentions: list[MentionRow]) -> list[Cluster]:
    """The contacts of one group of mentions (same mode, status and actors).

    A dated mention joins the first contact (in the order they were founded) whose founding
    mention's dates it overlaps. Mentions come most precise first, then by date, so a
    contact's founding mention stays its best, and a contact is founded only by a mention
    that overlaps none: the contacts' date spans never overlap each other. Contacts are thus
    founded in the order (precision, date), and the first one a mention overlaps is, for the
    most precise level that has one, the earliest span that does, found by bisection: a group
    costs n log n, where trying every contact for every mention cost n² (6,000 reports of one
    call took 31 s, 20,000 did not finish in 900 s)."""
    by_id = sorted(mentions, key=_ID)          # then a stable sort by one int: 3x faster than by a tuple
    dated = sorted((m for m in by_id if m.date_start), key=_precision_then_day)
    undated = [m for m in by_id if not m.date_start]
    clusters: list[Cluster] = []
    levels: dict[int, _Spans] = {}          # by precision rank, most precise first
    for m in dated:
        home = None
        for level in levels.values():
            home = level.first_overlapping(m.date_start, m.date_end)
            if home is not None:
                break
        if home is None:
            home = Cluster()
            clusters.append(home)
            levels.setdefault(_RANK[m.precision], _Spans()).add(m.date_start, m.date_end, home)
        home.mentions.append(m)
    if undated:
        if len(clusters) == 1:
            clusters[0].mentions.extend(undated)
        else:
            clusters.append(Cluster(list(undated)))
    return clusters


_ID = operator.attrgetter("id")


def _precision_then_day(m: MentionRow) -> int:
    return _RANK[m.precision] * 4_000_000 + m.date_start.toordinal()     # date.max is day 3,652,059


class _Spans:
    """The date spans of contacts founded at one precision: they never overlap, so sorted by
    start they are sorted by end too, and the earliest founded is the earliest in time."""

    def __init__(self) -> None:
        self.starts: list[date] = []
        self.ends: list[date] = []
        self.clusters: list[Cluster] = []

    def first_overlapping(self, start: date, end: date) -> Cluster | None:
        at = bisect.bisect_left(self.ends, start)          # the first span that does not end before `start`
        return self.clusters[at] if at < len(self.starts) and self.starts[at] <= end else None

    def add(self, start: date, end: date, cluster: Cluster) -> None:
        at = bisect.bisect_left(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)
        self.clusters.insert(at, cluster)


def contact_row(c: Cluster) -> tuple:
    """(id, who, whom, mode, directed, date_start, date_end, precision, status, location, n_sources)."""
    best = c.best
    first = min(c.mentions, key=lambda m: m.id)
    location = next((m.location for m in sorted(c.mentions, key=lambda m: m.id) if m.location), None)
    return (c.id, first.who, first.whom, best.mode, any(m.directed for m in c.mentions), best.date_start,
            best.date_end, best.precision, best.status, location, len({m.id.split(":")[0] for m in c.mentions}))
