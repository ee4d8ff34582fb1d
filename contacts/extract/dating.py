"""Date expressions in a sentence, resolved against the publication date.

`find_dates` finds the expressions (with their character spans); `resolve`
turns one into a DateInterval at the precision the words support, looking
back from the publication date for past events and forward for planned ones.
The patterns name each part of a date (month, day, year), so absolute dates need no
general date parser (dateparser cost ~1.5 s to import and a cache per text).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
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
# Phrases of common words, found in any case ("Days earlier", "In recent weeks").
_FREE_CASE = {"offset", "next_day", "ago", "recent", "past_span", "day_part", "day_word", "same_day"}
_NUMBER = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|a\s+few|few|several|a\s+couple\s+of)"
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
_VAGUE = {"a few": (2, 5), "few": (2, 5), "several": (3, 9), "a couple of": (2, 3)}   # how many, at least and at most
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}

# Order matters: the first pattern to match a span claims it.
_PATTERNS: list[tuple[str, re.Pattern]] = [(kind, compile_guarded(rx, re.I if kind in _FREE_CASE else 0))
                                           for kind, rx in [
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
    # "from April 12 to 15", "April 12-15, 2023", "12-15 April": several days, so the month
    ("md_range", rf"\b(?:from\s+)?(?P<month>{_MONTH})\s+(?P<d>{_DAY})\s*(?:-|–|to|until|through)\s*(?P<d2>{_DAY})\b"
                 rf"(?:,?\s+(?P<y>{_YEAR}))?"),
    ("dm_range", rf"\b(?:from\s+)?(?P<d>{_DAY})\s*(?:-|–|to|until)\s*(?P<d2>{_DAY})\s+(?P<month>{_MONTH})\b"
                 rf"(?:,?\s+(?P<y>{_YEAR}))?"),
    ("mdy", rf"\b(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b"),
    ("dmy", rf"\b(?P<d>{_DAY})\s+(?P<month>{_MONTH}),?\s+(?P<y>{_YEAR})\b"),
    ("month_year", rf"\b(?P<month>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
    ("month_rel_year", rf"\b(?P<month>{_MONTH})\s+(?P<which>last|this|next)\s+year\b"),
    ("md", rf"\b(?P<month>{_MONTH})\s+(?P<d>{_DAY})\b(?!,?\s+{_YEAR})"),
    ("dm", rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})\b(?!,?\s+{_YEAR})"),
    ("rel_month", r"\b(?:(?P<which>last|this|next|earlier this|later this|early|late|mid-?|in|on"
                  r"|(?:at\s+)?the\s+(?:end|beginning|start|middle)\s+of)\s+)?"
                  r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December))\b"),
    ("weekday", rf"\b(?:(?P<which>last|this|next|on|earlier on|late on|early on)\s+)?(?P<wd>{_WEEKDAY})(?:['’]s)?\b"),
    # "the day before", "the following day", "a day earlier", "two days later", "days after the vote"
    ("next_day", r"\bthe\s+(?:(?P<dir>previous|next|following)\s+(?P<unit>day|week)|(?P<unit2>day)\s+"
                 r"(?P<dir2>before|after)\b(?P<open>\s+(?=[a-z]))?)"),
    ("offset", rf"\b(?:(?P<n>{_NUMBER})\s+)?(?P<unit>days?|weeks?)\s+(?P<dir>earlier|later|previously|before|after)\b"
               r"(?P<open>\s+(?=[a-z]))?"),
    ("ago", rf"\b(?P<n>{_NUMBER})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b"),
    # "in recent weeks", "over the past few days", "in the last ten days": a window back from the anchor
    ("recent", r"\b(?:in\s+)?recent\s+(?P<unit>days|weeks|months)\b"),
    ("past_span", rf"\b(?:in|over|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:(?P<n>{_NUMBER})\s+)?"
                  r"(?P<unit>days?|weeks?|months?)\b"),
    ("day_part", r"\b(?:(?:earlier|later)\s+today|this\s+(?:morning|afternoon|evening))\b"),
    # "on the same day", "later that day", "opened the day": the day of the sentence's other event, or the
    # day the article's narrative is at (timing.py)
    ("same_day", r"\b(?:(?:on\s+)?the\s+same\s+day|(?:earlier|later)\s+(?:that|in\s+the)\s+day|that\s+day"
                 r"|(?<=opened\s)the\s+day|(?<=began\s)the\s+day|(?<=started\s)the\s+day)\b"),
    ("day_word", r"\b(?P<word>today|tonight|yesterday|tomorrow|last\s+night)\b"),
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
# (Without the patterns' word boundaries: a test at every position costs more than a false alarm;
# the phrases of common words are plain substring tests, which cost least.)
_OFFSET = re.compile(r"(?:ay|eek)s? (?:earlier|later|previously|before|after)")
_GATES: dict[str, Callable[[str], object]] = {      # a match or a bool: truth is what counts
    "digit": re.compile(r"\d").search, "year": re.compile(r"(?:19[5-9]|20\d)\d").search,
    "month": re.compile(_MONTH[:-3] + r"\b").search, "weekday": re.compile(_WEEKDAY).search,
    "unit": re.compile(r"week|month|year").search,
    "day_word": lambda t: "oday" in t or "esterday" in t or "onight" in t or "omorrow" in t or "ast night" in t,
    "dayish": lambda t: "day" in t or "week" in t or "Day" in t,
    "offset": lambda t: ("earlier" in t or "later" in t or "before" in t or "after" in t or "previously" in t)
    and _OFFSET.search(t) is not None,
    "next_day": lambda t: "day before" in t or "day after" in t or " next day" in t or "following day" in t
    or "previous day" in t or "previous week" in t or "following week" in t,
    "same_day": lambda t: "same day" in t or "that day" in t or "the day" in t or "That day" in t,
    "recent": lambda t: "ecent days" in t or "ecent weeks" in t or "ecent months" in t,
    "past_span": lambda t: "the past " in t or "the last " in t or "the previous " in t,
    "ago": lambda t: " ago" in t,
    "part": lambda t: "today" in t or "this morning" in t or "this afternoon" in t or "this evening" in t
    or "This morning" in t or "This afternoon" in t or "This evening" in t,
}
# Gates tested only when another is open: a sentence without "day" or "week" has no "a day earlier".
_WITHIN = {"offset": "dayish", "next_day": "dayish", "same_day": "dayish"}
_NEEDS = {"iso": ("year",), "md_range": ("month", "digit"), "dm_range": ("month", "digit"),
          "mdy": ("month", "year"), "dmy": ("month", "year"), "month_year": ("month", "year"),
          "month_rel_year": ("month",), "md": ("month", "digit"), "dm": ("month", "digit"),
          "rel_month": ("month",), "weekday": ("weekday",), "day_word": ("day_word",), "rel_unit": ("unit",),
          "offset": ("offset",), "next_day": ("next_day",), "ago": ("ago",), "recent": ("recent",),
          "past_span": ("past_span",), "day_part": ("part",), "same_day": ("same_day",), "year": ("year",)}


def find_dates(text: str) -> list[DateExpr]:
    """Every date expression in `text`, left to right, none overlapping."""
    taken: list[tuple[int, int]] = []
    found: list[DateExpr] = []
    open_gates = set()
    for name, test in _GATES.items():
        if (name not in _WITHIN or _WITHIN[name] in open_gates) and test(text):
            open_gates.add(name)
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


def _day_of(text: str) -> int:
    """"4th" -> 4."""
    return int(re.sub(r"\D", "", text))


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


# A plan dated a few days before the anchor is a plan told after the fact ("had said that on
# October 20 he would travel to …", in a paper of October 22), not one for next year.
PLAN_LOOKBACK = timedelta(days=14)


def _day_near(anchor: date, month: int, day: int, future: bool) -> DateInterval | None:
    for year in ((anchor.year, anchor.year + 1) if future else (anchor.year, anchor.year - 1)):
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if (d >= anchor - PLAN_LOOKBACK) if future else (d <= anchor):
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


def _week(anchor: date, which: str) -> DateInterval:
    """A calendar week (Monday to Sunday) as the days it covers: "this week", "earlier this week" (up to
    the anchor), "later this week" (from it), "last week", "next week"."""
    step = {"last": -1, "next": 1}.get(which, 0)
    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
    first, last = monday, monday + timedelta(days=6)
    if which == "earlier this":
        last = anchor
    elif which == "later this":
        first = anchor
    return DateInterval.covering(first, last)


def _relative_unit(anchor: date, which: str, unit: str) -> DateInterval:
    if unit == "week":
        if which in ("past", "coming"):      # the seven days before (after) the anchor
            return DateInterval.covering(anchor, anchor + timedelta(days=7 if which == "coming" else -7))
        return _week(anchor, which)
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "year":
        return DateInterval.year(anchor.year + step)
    return DateInterval.month(*_shift_month(anchor.year, anchor.month, step))


def _count(n: str | None) -> tuple[int, int]:
    """How many units a number word names, as (at least, at most): "two" (2, 2), "several" (3, 9),
    none at all ("days later") (1, 10)."""
    if not n:
        return 1, 10
    n = " ".join(n.lower().split())
    if n in _VAGUE:
        return _VAGUE[n]
    k = _NUMBERS.get(n) or int(n)
    return k, k


def _days_from(reference: date, n: str | None, unit: str, sign: int) -> DateInterval:
    """The day (or the window of days, for a vague count) `n` units before (sign -1) or after the reference."""
    low, high = _count(n)
    size = _UNIT_DAYS[unit.lower().rstrip("s")]
    return DateInterval.covering(reference + timedelta(days=sign * low * size),
                                 reference + timedelta(days=sign * high * size))


_BACK = {"earlier", "previously", "before", "previous"}


def opens(expr: DateExpr) -> bool:
    """"days after the vote", "the day before Putin arrived": the expression dates what follows it from
    another event, not the event of its own clause."""
    return bool(expr.get("open")) and (expr.get("dir") or expr.get("dir2") or "").lower() in ("before", "after")


def _relative_day(expr: DateExpr, reference: date) -> DateInterval:
    """"a day earlier", "two days later", "the following day", "days after the vote" (from the reference).
    An open "after" ("days after the vote") dates what follows it: that came before the reference."""
    g = expr.get
    direction = (g("dir") or g("dir2") or "").lower()
    sign = -1 if direction in _BACK else 1
    if opens(expr):
        sign = -sign
    if expr.kind == "same_day":
        return DateInterval.day(reference)
    count = g("n") if expr.kind == "offset" else "one"
    return _days_from(reference, count, g("unit") or g("unit2"), sign)


def _span_back(anchor: date, n: str | None, unit: str, default_days: int) -> DateInterval:
    """"in recent weeks", "over the past five days": the window back from the anchor."""
    size = _UNIT_DAYS[unit.lower().rstrip("s")]
    days = _count(n)[1] * size if n else default_days
    return DateInterval.covering(anchor - timedelta(days=days), anchor)


_RECENT_DAYS = {"days": 7, "weeks": 28, "months": 90}

# Expressions dated from another event of the sentence when it has one ("the day before"), else the anchor.
RELATIVE_TO_EVENT = frozenset({"offset", "next_day", "same_day"})


def resolve(expr: DateExpr, published: date | None, future: bool = False,
            reference: date | None = None) -> DateInterval:
    """The interval an expression names; unknown when it cannot be anchored. `published` is the anchor
    (the publication or dateline date); `reference` the date of the sentence's other event, which
    "a day earlier" counts from."""
    g = expr.get
    try:
        if expr.kind == "iso":
            return DateInterval.day(date(int(g("y")), int(g("m")), int(g("d"))))
        if expr.kind in ("mdy", "dmy"):
            return DateInterval.day(date(int(g("y")), _month_index(g("month")), _day_of(g("d"))))
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
    return _relative(expr, published, future, reference or published)


def _relative(expr: DateExpr, published: date, future: bool, reference: date) -> DateInterval:
    g = expr.get
    kind = expr.kind
    if kind == "month_rel_year":
        year = published.year + {"last": -1, "this": 0, "next": 1}[g("which")]
        return DateInterval.month(year, _month_index(g("month")))
    if kind in ("md_range", "dm_range"):
        first = _day_near(published, _month_index(g("month")), _day_of(g("d")), future)
        return DateInterval.month(first.start.year, first.start.month) if first else DateInterval.unknown()
    if kind in ("md", "dm"):
        return _day_near(published, _month_index(g("month")), _day_of(g("d")), future) \
            or DateInterval.unknown()
    if kind == "rel_month":
        which = g("which") or ""
        if which in ("next",):
            return _month_near(published, _month_index(g("month")), True, strictly=True)
        return _month_near(published, _month_index(g("month")), future, strictly=(which == "last"))
    if kind == "weekday":
        return _weekday(published, _WEEKDAYS[g("wd").lower()], g("which"), future)
    if kind == "day_word":
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}[
            " ".join(g("word").lower().split())]
        return DateInterval.day(published + timedelta(days=offset))
    if kind == "day_part":
        return DateInterval.day(published)
    if kind == "rel_unit":
        return _relative_unit(published, g("which"), g("unit"))
    if kind in RELATIVE_TO_EVENT:
        return _relative_day(expr, reference)
    if kind == "ago":
        unit = g("unit").lower().rstrip("s")
        if unit in ("month", "year"):
            k = _count(g("n"))[0]
            if unit == "year":
                return DateInterval.year(published.year - k)
            return DateInterval.month(*_shift_month(published.year, published.month, -k))
        if unit == "week":          # "a week ago" is about seven days
            low, high = _count(g("n"))
            return DateInterval.covering(published - timedelta(days=7 * high + 1), published - timedelta(days=7 * low - 1))
        return _days_from(published, g("n"), unit, -1)
    if kind == "recent":
        return _span_back(published, None, g("unit"), _RECENT_DAYS[g("unit").lower()])
    if kind == "past_span":
        return _span_back(published, g("n"), g("unit"), 7)
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
