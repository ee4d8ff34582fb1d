"""The query AST: one frozen dataclass per grammar rule.

Positions (`pos`) are kept for error messages but left out of equality, so a
query and its canonical reprint compare equal.

    Query
    ├── verb, modes
    ├── pattern: Pair(Actors, arrow, Actors) | With(Actors) | None
    │            Actors = (Name | Anyone | Param, …)
    ├── times:   Since | Until | Before | After | Within | Between | Last
    ├── where:   Or | And | Not | Compare(field, op, Literal | Param)
    ├── status, by, order: Order(key, descending), limit
    ├── distinct (a key), share, compare (a date)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Union

VERBS = ("count", "list", "first", "last", "timeline", "tallies", "sources", "gaps")
MODES = ("call", "meeting", "visit", "message", "envoy", "summons", "talks")
ALL_MODES = "contacts"
PERIODS = ("year", "quarter", "month", "week", "day")
ACTOR_KEYS = ("who", "whom", "partner", "pair")
STATE_KEYS = ("who_country", "whom_country", "partner_country", "dyad", "who_office", "whom_office")
BY_KEYS = (*PERIODS, "mode", *ACTOR_KEYS, *STATE_KEYS, "status", "precision", "location", "source")
ORDER_KEYS = ("count", "date", "sources", "change", "days")     # and any key of `by`
UNITS = ("day", "week", "month", "quarter", "year")
STATUSES = ("occurred", "planned", "any")
NO_LIMIT = "all"          # `limit all`: every row
ARROWS = ("->", "<-", "<->")

# The words of the language, one place for the parser, printer, completion and highlighting.
PLURAL = {"call": "calls", "meeting": "meetings", "visit": "visits", "message": "messages", "envoy": "envoys",
          "summons": "summons", "talks": "talks"}
MODE_OF = {**{m: m for m in MODES}, **{p: m for m, p in PLURAL.items()}, "summonses": "summons",
           "contact": ALL_MODES, "contacts": ALL_MODES}          # every way to write a mode → the mode
# Families of modes (issue 27.7): face to face, or at a distance. Written where a mode is.
FAMILIES = {"in-person": ("visit", "meeting"), "remote": ("call", "message")}
CLAUSE_WORDS = ("with", "since", "until", "before", "after", "in", "between", "and", "or", "not", "where", "status",
                "by", "order", "limit", "distinct", "as", "compare")
KEYWORDS = frozenset({*VERBS, *CLAUSE_WORDS, *MODE_OF, *FAMILIES, "asc", "desc"})


@dataclass(frozen=True)
class Pos:
    line: int
    column: int


def _pos() -> Any:
    return field(default=None, compare=False, repr=False)


class Node:
    """Base of every AST node."""


# ---- actors -----------------------------------------------------------------
@dataclass(frozen=True)
class Name(Node):
    text: str
    quoted: bool = field(default=False, compare=False)   # written in quotes: never read as keywords
    pos: Pos | None = _pos()
    words: tuple[tuple[str, Pos], ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Anyone(Node):
    pass


@dataclass(frozen=True)
class Param(Node):
    """`$name`; `kind` is the slot it fills: actor, date, number or value."""

    name: str
    kind: str
    pos: Pos | None = _pos()


ActorTerm = Union[Name, Anyone, Param]


@dataclass(frozen=True)
class Actors(Node):
    items: tuple[ActorTerm, ...]


@dataclass(frozen=True)
class Pair(Node):
    left: Actors
    arrow: str          # one of ARROWS, after folding → ← ↔ --
    right: Actors


@dataclass(frozen=True)
class With(Node):
    actors: Actors
    also: tuple[Actors, ...] = ()     # `with A and with B`: A's contacts with those in contact with B too


# ---- time -------------------------------------------------------------------
@dataclass(frozen=True)
class DateLit(Node):
    """A date as written: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Qn (validated)."""

    text: str
    pos: Pos | None = _pos()


DateTerm = Union[DateLit, Param]


@dataclass(frozen=True)
class OneDate(Node):
    """A time clause of one date; `keyword` is how it is written."""

    date: DateTerm
    keyword: ClassVar[str] = ""


class Since(OneDate):
    keyword = "since"


class Until(OneDate):
    keyword = "until"


class Before(OneDate):
    keyword = "before"


class After(OneDate):
    keyword = "after"


class Within(OneDate):
    keyword = "in"


@dataclass(frozen=True)
class Between(Node):
    first: DateTerm
    last: DateTerm


@dataclass(frozen=True)
class Last(Node):
    count: int | Param
    unit: str           # day, week, month, quarter, year


Time = Union[Since, Until, Before, After, Within, Between, Last]


# ---- where ------------------------------------------------------------------
@dataclass(frozen=True)
class Literal(Node):
    value: str | int
    quoted: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Compare(Node):
    field: str
    op: str
    value: Literal | Param
    pos: Pos | None = _pos()


@dataclass(frozen=True)
class And(Node):
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Or(Node):
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not(Node):
    item: Condition


Condition = Union[Compare, And, Or, Not]


# ---- the query --------------------------------------------------------------
@dataclass(frozen=True)
class Order(Node):
    key: str
    descending: bool = False


@dataclass(frozen=True)
class Query(Node):
    verb: str
    modes: tuple[str, ...] = ()          # () = every mode
    pattern: Pair | With | None = None
    times: tuple[Time, ...] = ()
    where: Condition | None = None
    status: str | None = None
    by: tuple[str, ...] = ()
    order: Order | None = None
    limit: int | Param | str | None = None      # a number, or NO_LIMIT
    distinct: str | None = None          # count distinct KEY: how many different values
    share: bool = False                  # as share: each group's part of the whole
    compare: DateTerm | None = None      # compare D: before D and since D, and the change
    pos: Pos | None = _pos()


def transform(node: Any, fn: Callable[[Any], Any]) -> Any:
    """Rebuild `node` bottom-up, replacing each sub-node by fn(sub-node)."""
    if isinstance(node, tuple):
        return tuple(transform(n, fn) for n in node)
    if not isinstance(node, Node):
        return node
    changes = {f.name: transform(getattr(node, f.name), fn) for f in dataclasses.fields(node) if f.compare}
    return fn(dataclasses.replace(node, **changes))


def walk(node: Any):
    """Every node under (and including) `node`, depth first."""
    if isinstance(node, tuple):
        for n in node:
            yield from walk(n)
    elif isinstance(node, Node):
        yield node
        for f in dataclasses.fields(node):
            if f.compare:
                yield from walk(getattr(node, f.name))
