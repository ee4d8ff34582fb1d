"""Period labels as the query language writes them ('2022', '2022-Q3', '2022-05',
'2022-W07', '2022-05-17') turned into dates, and the run of periods between two of
them, so a chart shows an empty period as a zero rather than skipping it."""

from __future__ import annotations

from datetime import date, timedelta

PERIODS = ("year", "quarter", "month", "week", "day")


def start(label: str | None, unit: str) -> date | None:
    """The first day of the period a label names; None for no label (undated contacts)."""
    if label is None or label == "":
        return None
    text = str(label)
    if unit == "year":
        return date(int(text[:4]), 1, 1)
    if unit == "quarter":
        year, quarter = text.split("-Q")
        return date(int(year), 3 * int(quarter) - 2, 1)
    if unit == "month":
        return date(int(text[:4]), int(text[5:7]), 1)
    if unit == "week":
        year, week = text.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    return date.fromisoformat(text[:10])


def following(day: date, unit: str) -> date:
    """The first day of the period after the one starting on `day`."""
    if unit == "day":
        return day + timedelta(days=1)
    if unit == "week":
        return day + timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def every(first: date, last: date, unit: str) -> list[date]:
    """Each period's first day from `first`'s period to `last`'s, both included."""
    days, day = [], first
    while day <= last:
        days.append(day)
        day = following(day, unit)
    return days


def label(day: date, unit: str) -> str:
    """A period's label as a reader writes it: 2022, 2022 Q3, 2022-05, 2022 W07, 2022-05-17."""
    if unit == "year":
        return str(day.year)
    if unit == "quarter":
        return f"{day.year} Q{(day.month - 1) // 3 + 1}"
    if unit == "month":
        return f"{day:%Y-%m}"
    if unit == "week":
        year, week, _ = day.isocalendar()
        return f"{year} W{week:02}"
    return day.isoformat()


def interval(text: str | None) -> tuple[date, date] | None:
    """A contact's date as `list` prints it (a day, a month or a year) as its first and last day."""
    if not text:
        return None
    text = str(text)
    if len(text) == 4:
        return date(int(text), 1, 1), date(int(text), 12, 31)
    if len(text) == 7:
        first = date(int(text[:4]), int(text[5:7]), 1)
        return first, following(first, "month") - timedelta(days=1)
    day = date.fromisoformat(text[:10])
    return day, day
