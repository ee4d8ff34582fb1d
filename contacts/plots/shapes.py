"""Which chart a result makes, from the query's shape alone (no matplotlib here):

    timeline … by month, count … by year, mode    → timeline (line; stacked areas per series)
    count … by whom | who | mode | pair | source  → bars (sorted, horizontal; stacked by mode
                                                      when the other key is mode; `as share` too)
    count … by KEY compare D                      → compare (before D and since D side by side)
    sources …                                     → bars (contacts per article)
    list | first | last …                         → strip (contacts over time, a row per pair)
    tallies …                                     → tallies (reported count vs counted contacts)

A verb the table does not know is judged by its columns: a period column makes a
timeline, label columns and a number make bars.
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Number

from contacts.errors import PlotError
from contacts.plots.periods import PERIODS

CONTACT_VERBS = ("list", "first", "last")


@dataclass(frozen=True)
class Shape:
    kind: str                          # timeline, bars, compare, strip or tallies
    value: str = "count"               # the column holding the number drawn
    period: str | None = None          # timeline: the period column (year … day)
    series: str | None = None          # the column whose values are separate lines, areas or bar parts
    labels: tuple[str, ...] = ()       # bars: the columns naming a bar


def shape_of(result) -> Shape:
    """The chart for a result; PlotError when it is one number or has nothing to draw along."""
    verb, columns = result.verb, list(result.columns)
    if verb == "tallies":
        return Shape("tallies")
    if verb in CONTACT_VERBS:
        return Shape("strip")
    if verb == "sources":
        return Shape("bars", value="contacts", labels=("source", "article"))
    if getattr(result, "scalar_query", False):
        raise one_number(result.scalar)
    return _by_columns(verb, columns, result.records)


def one_number(value) -> PlotError:
    shown = f" ({value})" if value is not None else ""
    return PlotError(f"a count without 'by' is one number{shown}: there is nothing to draw",
                     hint="add 'by month' for a timeline or 'by whom' for bars")


NUMBERS = ("count", "share", "before", "since", "change", "contacts")     # columns the language computes


def _by_columns(verb: str, columns: list[str], records: list[tuple]) -> Shape:
    keys = [c for c in columns if c not in NUMBERS]
    if {"before", "since", "change"} <= set(columns):
        return Shape("compare", value="change", labels=tuple(keys))
    value = "count" if "count" in columns else columns[-1] if columns else ""
    keys = [c for c in keys if c != value]
    at = columns.index(value) if value in columns else -1
    if not keys or not all(isinstance(r[at], Number) or r[at] is None for r in records):
        raise PlotError(f"cannot draw a '{verb}' result with columns {', '.join(columns) or '(none)'}",
                        hint="charts are made from count … by, timeline, list and tallies queries")
    periods = [k for k in keys if k in PERIODS]
    others = [k for k in keys if k not in PERIODS]
    if periods:
        if len(periods) > 1 or len(others) > 1:
            raise PlotError(f"cannot draw counts by {', '.join(keys)} in one chart",
                            hint="group by one period and at most one other key, e.g. by month, mode")
        return Shape("timeline", value=value, period=periods[0], series=others[0] if others else None)
    if len(keys) == 2 and "mode" in keys:
        return Shape("bars", value=value, series="mode", labels=tuple(k for k in keys if k != "mode"))
    return Shape("bars", value=value, labels=tuple(keys))
