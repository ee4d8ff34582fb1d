"""Which state or organisation an actor stands for, and when.

A query names a country meaning "the state and every actor of that country
at the contact's date". An actor's affiliations are spans (country, first
day, last day; None = open):
- a state or organisation: its own code, always;
- a person: the country of each role while they hold it (not a nominal
  headship: Charles III does not speak for Canada), and their own
  country (nationality) whenever they hold no role. So Ursula von der Leyen
  speaks for the EU while Commission president, and Li Qiang is Chinese
  before he became premier.

    >>> from datetime import date
    >>> from contacts.dates import DateInterval as D
    >>> vdl = Actor("vdl", "Ursula von der Leyen", Kind.person, "DEU")
    >>> role = Role("vdl", "hog", "President", "EU", D.parse_iso("2019-12-01"))
    >>> spans(vdl, [role])
    [('EU', datetime.date(2019, 12, 1), None), ('DEU', None, datetime.date(2019, 11, 30))]
"""

from __future__ import annotations

from datetime import date, timedelta

from contacts.kb.model import Actor, Kind, Role

Span = tuple[str, date | None, date | None]


def spans(actor: Actor, roles: list[Role]) -> list[Span]:
    if actor.kind is not Kind.person:
        return [(actor.country, None, None)] if actor.country else []
    held = [(r.country, r.start.start, r.end.end) for r in roles if not r.nominal]
    if not actor.country:
        return held
    return held + [(actor.country, first, last) for first, last in _gaps([(s, e) for _, s, e in held])]


def _gaps(periods: list[tuple[date | None, date | None]]) -> list[tuple[date | None, date | None]]:
    """The stretches of time that no period covers (None = open)."""
    gaps: list[tuple[date | None, date | None]] = []
    cursor: date | None = None            # first day not yet known to be covered; None = the distant past
    for start, end in sorted(periods, key=lambda p: p[0] or date.min):
        if start is not None and (cursor is None or start > cursor):
            gaps.append((cursor, start - timedelta(days=1)))
        if end is None:
            return gaps
        if cursor is None or end >= cursor:
            cursor = end + timedelta(days=1) if end < date.max else date.max
    if not periods:
        return [(None, None)]
    gaps.append((cursor, None))
    return gaps
