"""Date intervals with a precision: the way contacts hold time.

A contact date is the interval [start, end] (both inclusive) that the text
supports: a day, a whole month, a whole year, or nothing at all.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum


class Precision(str, Enum):
    day = "day"
    month = "month"
    year = "year"
    unknown = "unknown"


_RANK = {Precision.day: 0, Precision.month: 1, Precision.year: 2, Precision.unknown: 3}
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True, slots=True)
class DateInterval:
    start: date | None
    end: date | None
    precision: Precision

    @classmethod
    def unknown(cls) -> "DateInterval":
        return cls(None, None, Precision.unknown)

    @classmethod
    def day(cls, d: date) -> "DateInterval":
        return cls(d, d, Precision.day)

    @classmethod
    def month(cls, year: int, month: int) -> "DateInterval":
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), Precision.month)

    @classmethod
    def year(cls, year: int) -> "DateInterval":
        return cls(date(year, 1, 1), date(year, 12, 31), Precision.year)

    @classmethod
    def covering(cls, first: date, last: date) -> "DateInterval":
        """The finest interval of our precisions that holds both days: a day, their month,
        their year, or unknown when they fall in two years ("in recent weeks" in early January)."""
        first, last = min(first, last), max(first, last)
        if first == last:
            return cls.day(first)
        if (first.year, first.month) == (last.year, last.month):
            return cls.month(first.year, first.month)
        return cls.year(first.year) if first.year == last.year else cls.unknown()

    @classmethod
    def parse_iso(cls, text: str | None) -> "DateInterval":
        """'2023', '2023-04' or '2023-04-26' (None or '' is unknown).

        Raises ValueError for anything else, including impossible dates.
        """
        if not text:
            return cls.unknown()
        m = _ISO.match(text.strip())
        if not m:
            raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
        y, mo, d = (int(g) if g else None for g in m.groups())
        if d is not None:
            return cls.day(date(y, mo, d))
        if mo is not None:
            if not 1 <= mo <= 12:
                raise ValueError(f"month out of range in {text!r}")
            return cls.month(y, mo)
        return cls.year(y)

    @property
    def known(self) -> bool:
        return self.precision is not Precision.unknown

    def iso(self) -> str | None:
        """The date at its precision: '2023-04-26', '2023-04', '2023' or None."""
        if self.start is None:
            return None
        if self.precision is Precision.day:
            return self.start.isoformat()
        if self.precision is Precision.month:
            return self.start.isoformat()[:7]
        return str(self.start.year)

    def overlaps(self, other: "DateInterval") -> bool:
        if not (self.known and other.known):
            return False
        return self.start <= other.end and other.start <= self.end

    def compatible(self, other: "DateInterval") -> bool:
        """Could both describe the same moment? Unknown fits anything."""
        return not (self.known and other.known) or self.overlaps(other)

    def more_precise_than(self, other: "DateInterval") -> bool:
        return _RANK[self.precision] < _RANK[other.precision]

    def __str__(self) -> str:
        return self.iso() or "undated"

