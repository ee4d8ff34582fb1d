"""Query dates and time windows.

A query date is a whole period: `2022` is all of 2022, `2023-Q1` is January
to March. Every time clause narrows one window [first day, last day] that a
contact's date interval must lie inside:

    since D           first ≥ D's first day
    until D           last  ≤ D's last day
    before D          last  < D's first day
    after D           first > D's last day
    in D              inside D
    between A and B   first ≥ A's first day, last ≤ B's last day
    last N units      inside the N units ending on "now" (today unless given)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from contacts.errors import QueryValueError
from contacts.query import errors as E
from contacts.query import expressions as X

_DATE = re.compile(r"^(\d{4})(?:-(?:[Qq](\d)|(\d{1,2})(?:-(\d{1,2}))?))?$")


def period(text: str) -> tuple[date, date]:
    """The first and last day of a query date; ValueError when it is not one."""
    m = _DATE.match(text.strip())
    if not m:
        raise ValueError("not a date")
    year = int(m[1])
    if year < 1:
        raise ValueError("there is no year 0")
    if m[2]:
        quarter = int(m[2])
        if not 1 <= quarter <= 4:
            raise ValueError(f"quarter {quarter} does not exist (Q1 to Q4)")
        first = 3 * quarter - 2
        return date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1])
    if not m[3]:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(m[3])
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist (01 to 12)")
    if not m[4]:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = int(m[4])
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(f"{calendar.month_name[month]} {year} has days 1 to {last}")
    return date(year, month, day), date(year, month, day)


def canonical_date(text: str) -> str:
    """A valid query date written the one canonical way: 2022-2 → 2022-02, 2023-q1 → 2023-Q1."""
    m = _DATE.match(text.strip())
    if m[2]:
        return f"{m[1]}-Q{m[2]}"
    parts = [m[1]] + [f"{int(x):02d}" for x in (m[3], m[4]) if x]
    return "-".join(parts)


def check_date(text: str, query: str = "", line: int | None = None, column: int | None = None) -> None:
    """Raise the language's error when `text` is not a valid query date."""
    try:
        period(text)
    except ValueError as exc:
        raise QueryValueError(f"invalid date '{text}': {exc}", text=query, line=line, column=column,
                              code=E.BAD_DATE, hint="dates are YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Qn") from None


@dataclass(frozen=True)
class Window:
    first: date | None = None     # a contact's first day must be ≥ this
    last: date | None = None      # and its last day ≤ this

    def narrow(self, first: date | None, last: date | None) -> "Window":
        return Window(max(filter(None, (self.first, first)), default=None),
                      min(filter(None, (self.last, last)), default=None))

    @property
    def empty(self) -> bool:
        return bool(self.first and self.last and self.first > self.last)


def _months_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    if year < 1:
        return date.min
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _last(count: int, unit: str, now: date) -> tuple[date, date]:
    days = count * (7 if unit == "week" else 1)
    if unit in ("day", "week") and days >= (now - date.min).days:
        raise _out_of_calendar(f"last {count} {unit}s from {now} reaches back before 0001-01-01",
                               "use 'since DATE', or no time clause for every date")
    if unit in ("day", "week"):
        start = now - timedelta(days=days)
    else:
        start = _months_back(now, count * {"year": 12, "quarter": 3}.get(unit, 1))
        if start == date.min:
            raise _out_of_calendar(f"last {count} {unit}s from {now} reaches back before 0001-01-01",
                                   "use 'since DATE', or no time clause for every date")
    return start + timedelta(days=1), now


def _out_of_calendar(message: str, hint: str) -> QueryValueError:
    return QueryValueError(message, code=E.BAD_DATE, hint=hint)


def _bounds(time: X.Time, now: date) -> tuple[date | None, date | None]:
    if isinstance(time, X.Last):
        return _last(time.count, time.unit, now)
    if isinstance(time, X.Between):
        return period(time.first.text)[0], period(time.last.text)[1]
    first, last = period(time.date.text)
    if isinstance(time, X.Since):
        return first, None
    if isinstance(time, X.Until):
        return None, last
    if isinstance(time, X.Before):
        if first == date.min:
            raise _out_of_calendar("nothing is before 0001-01-01", "the calendar begins there; drop the clause")
        return None, first - timedelta(days=1)
    if isinstance(time, X.After):
        if last == date.max:
            raise _out_of_calendar("nothing is after 9999-12-31", "the calendar ends there; drop the clause")
        return last + timedelta(days=1), None
    return first, last                                  # Within


def window(times: tuple[X.Time, ...], now: date) -> Window | None:
    """The window all time clauses leave (None when there is none)."""
    if not times:
        return None
    result = Window()
    for time in times:
        result = result.narrow(*_bounds(time, now))
    if result.empty:
        raise QueryValueError(f"the time clauses leave no date: from {result.first} to {result.last}",
                              code=E.BAD_DATE, hint="check the order of the dates")
    return result
