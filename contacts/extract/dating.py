"""Date expressions in a sentence, resolved against the publication date.

`find_dates` finds the expressions (with their character spans); `resolve`
turns one into a DateInterval at the precision the words support, looking
back from the publication date for past events and forward for planned ones.
Absolute dates are parsed by dateparser; anchoring and precision are ours.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from contacts.dates import DateInterval
from contacts.extract.prefilter import compile_guarded

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_REL = r"(?P<rel>last|this|next|earlier this|later this|early|late|mid|in)"

# Order matters: the first pattern to match a span claims it.
_PATTERNS: list[tuple[str, re.Pattern]] = [(kind, compile_guarded(rx)) for kind, rx in [
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
    # "from April 12 to 15", "April 12-15, 2023", "12-15 April": several days, so the month
    ("md_range", rf"\b(?:from\s+)?(?P<month>{_MONTH})\s+(?P<d>{_DAY})\s*(?:-|–|to|until|through)\s*(?P<d2>{_DAY})\b"
                 rf"(?:,?\s+(?P<y>{_YEAR}))?"),
    ("dm_range", rf"\b(?:from\s+)?(?P<d>{_DAY})\s*(?:-|–|to|until)\s*(?P<d2>{_DAY})\s+(?P<month>{_MONTH})\b"
                 rf"(?:,?\s+(?P<y>{_YEAR}))?"),
    ("mdy", rf"\b(?:{_WEEKDAY},?\s+)?(?P<text>{_MONTH}\s+{_DAY},?\s+{_YEAR})\b"),
    ("dmy", rf"\b(?P<text>{_DAY}\s+{_MONTH},?\s+{_YEAR})\b"),
    ("month_year", rf"\b(?P<month>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
    ("month_rel_year", rf"\b(?P<month>{_MONTH})\s+(?P<which>last|this|next)\s+year\b"),
    ("md", rf"\b(?P<month>{_MONTH})\s+(?P<d>{_DAY})\b(?!,?\s+{_YEAR})"),
    ("dm", rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})\b(?!,?\s+{_YEAR})"),
    ("rel_month", r"\b(?:(?P<which>last|this|next|earlier this|later this|early|late|mid-?|in|on)\s+)?(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December))\b"),
    ("weekday", rf"\b(?:(?P<which>last|this|next|on|earlier on|late on|early on)\s+)?(?P<wd>{_WEEKDAY})(?:['’]s)?\b"),
    ("day_word", r"\b(?P<word>today|tonight|yesterday|tomorrow)\b"),
    ("rel_unit", r"\b(?P<which>last|this|next|earlier this|later this|past|coming)\s+(?P<unit>week|month|year)\b"),
    ("year", rf"\b(?:(?:in|early|late|mid-?|since|until|by|of|during)\s+)?(?P<y>{_YEAR})\b(?!-\d)"),
]]


class DateExpr(NamedTuple):
    """A date expression's span, kind and matched parts (a tuple: made per sentence)."""

    start: int
    end: int
    kind: str
    parts: tuple[tuple[str, str], ...]   # the named groups that matched

    def get(self, name: str) -> str | None:
        return dict(self.parts).get(name)


# What each pattern cannot match without: most sentences lack most of these, and
# one search for each is cheaper than running the patterns that need them.
# (Without the patterns' word boundaries: a test at every position costs more than a false alarm.)
_GATES = {"digit": re.compile(r"\d"), "year": re.compile(r"(?:19[5-9]|20\d)\d"), "month": re.compile(_MONTH[:-3] + r"\b"),
          "weekday": re.compile(_WEEKDAY), "day_word": re.compile(r"to(?:day|night|morrow)|yesterday"),
          "unit": re.compile(r"week|month|year")}
_NEEDS = {"iso": ("year",), "md_range": ("month", "digit"), "dm_range": ("month", "digit"),
          "mdy": ("month", "year"), "dmy": ("month", "year"), "month_year": ("month", "year"),
          "month_rel_year": ("month",), "md": ("month", "digit"), "dm": ("month", "digit"),
          "rel_month": ("month",), "weekday": ("weekday",), "day_word": ("day_word",), "rel_unit": ("unit",),
          "year": ("year",)}


def find_dates(text: str) -> list[DateExpr]:
    """Every date expression in `text`, left to right, none overlapping."""
    taken: list[tuple[int, int]] = []
    found: list[DateExpr] = []
    open_gates = {name for name, rx in _GATES.items() if rx.search(text)}
    for kind, rx in _PATTERNS:
        if not open_gates.issuperset(_NEEDS[kind]):
            continue
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "rel_month" and m.group("month") == "May" and not m.group("which"):
                continue  # the modal verb, not the month
            taken.append((m.start(), m.end()))
            parts = tuple((k, v) for k, v in m.groupdict().items() if v)
            found.append(DateExpr(m.start(), m.end(), kind, parts))
    return sorted(found, key=lambda d: d.start)


@lru_cache(maxsize=4096)
def _parse_absolute(text: str) -> date | None:
    import dateparser  # heavy import, only when an absolute date is met

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


def _month_index(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def _month_near(anchor: date, month: int, future: bool, strictly: bool = False) -> DateInterval:
    """The `month` nearest the anchor looking back (or forward for plans)."""
    year = anchor.year
    if future:
        if month < anchor.month or (strictly and month == anchor.month):
            year += 1
    elif month > anchor.month or (strictly and month == anchor.month):
        year -= 1
    return DateInterval.month(year, month)


def _day_near(anchor: date, month: int, day: int, future: bool) -> DateInterval | None:
    for year in ((anchor.year, anchor.year + 1) if future else (anchor.year, anchor.year - 1)):
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if (d >= anchor) if future else (d <= anchor):
            return DateInterval.day(d)
    return None


def _weekday(anchor: date, weekday: int, which: str | None, future: bool) -> DateInterval:
    if which == "next" or (future and which != "last"):
        delta = (weekday - anchor.weekday()) % 7
        if which == "next" and delta == 0:
            delta = 7
        return DateInterval.day(anchor + timedelta(days=delta))
    delta = (anchor.weekday() - weekday) % 7
    if which == "last" and delta == 0:
        delta = 7
    return DateInterval.day(anchor - timedelta(days=delta))


def _relative_unit(anchor: date, which: str, unit: str) -> DateInterval:
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "year":
        return DateInterval.year(anchor.year + step)
    if unit == "month":
        return DateInterval.month(*_shift_month(anchor.year, anchor.month, step))
    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
    sunday = monday + timedelta(days=6)
    if monday.month == sunday.month:
        return DateInterval.month(monday.year, monday.month)
    return DateInterval.year(monday.year) if monday.year == sunday.year else DateInterval.unknown()


def resolve(expr: DateExpr, published: date | None, future: bool = False) -> DateInterval:
    """The interval an expression names; unknown when it cannot be anchored."""
    g = expr.get
    try:
        if expr.kind == "iso":
            return DateInterval.day(date(int(g("y")), int(g("m")), int(g("d"))))
        if expr.kind in ("mdy", "dmy"):
            d = _parse_absolute(g("text"))
            return DateInterval.day(d) if d else DateInterval.unknown()
        if expr.kind == "month_year":
            return DateInterval.month(int(g("y")), _month_index(g("month")))
        if expr.kind == "year":
            return DateInterval.year(int(g("y")))
        if expr.kind in ("md_range", "dm_range") and g("y"):
            return DateInterval.month(int(g("y")), _month_index(g("month")))
    except ValueError:
        return DateInterval.unknown()
    if published is None:
        return DateInterval.unknown()
    if expr.kind == "month_rel_year":
        year = published.year + {"last": -1, "this": 0, "next": 1}[g("which")]
        return DateInterval.month(year, _month_index(g("month")))
    if expr.kind in ("md_range", "dm_range"):
        first = _day_near(published, _month_index(g("month")), int(re.sub(r"\D", "", g("d"))), future)
        return DateInterval.month(first.start.year, first.start.month) if first else DateInterval.unknown()
    if expr.kind in ("md", "dm"):
        return _day_near(published, _month_index(g("month")), int(re.sub(r"\D", "", g("d"))), future) \
            or DateInterval.unknown()
    if expr.kind == "rel_month":
        which = g("which") or ""
        if which in ("next",):
            return _month_near(published, _month_index(g("month")), True, strictly=True)
        return _month_near(published, _month_index(g("month")), future, strictly=(which == "last"))
    if expr.kind == "weekday":
        return _weekday(published, _WEEKDAYS[g("wd").lower()], g("which"), future)
    if expr.kind == "day_word":
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g("word").lower()]
        return DateInterval.day(published + timedelta(days=offset))
    if expr.kind == "rel_unit":
        return _relative_unit(published, g("which"), g("unit"))
    return DateInterval.unknown()


# ---- named anchors ("since the invasion") ---------------------------------------------
@dataclass(frozen=True)
class _Anchor:
    regex: re.Pattern
    interval: DateInterval
    needs: frozenset[str]


@cache
def _anchors() -> tuple[_Anchor, ...]:
    data = tomllib.loads(resources.files("contacts.extract").joinpath("rules/anchors.toml").read_text("utf-8"))
    return tuple(_Anchor(re.compile(rf"(?:{a['pattern']})\b", re.IGNORECASE), DateInterval.parse_iso(a["date"]),
                         frozenset(a.get("needs", []))) for a in data["anchor"])


def anchor_at(text: str, position: int, published: date | None, article_text: str) -> DateInterval:
    """The date of the named event starting at `position` ("the invasion" after "since"), if one fits
    (the event before publication, and the article about what the anchor needs)."""
    for anchor in _anchors():
        if not anchor.regex.match(text, position):
            continue
        after_it = published is None or (anchor.interval.start and anchor.interval.start <= published)
        if after_it and (not anchor.needs or anchor.needs & set(re.findall(r"[a-z]+", article_text.lower()))):
            return anchor.interval
    return DateInterval.unknown()
