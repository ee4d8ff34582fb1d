"""Counts over time: one line, or stacked areas when the query splits by mode (or by
another key); every period between the first and the last is drawn, an empty one as 0."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from contacts.plots import periods, style
from contacts.plots.shapes import Shape

FEW_PERIODS = 16          # up to this many, each period is a tick with its own label
MARKED_PERIODS = 60       # up to this many, each period's point is marked


@dataclass
class Series:
    name: str | None          # None: the query's one series
    counts: list[int]
    colour: str


@dataclass
class TimelineData:
    unit: str
    days: list[date]          # each period's first day, gaps included
    series: list[Series]
    undated: int              # contacts in no period (undated, or coarser than the unit)


def data(result, shape: Shape) -> TimelineData:
    columns = list(result.columns)
    at_period, at_value = columns.index(shape.period), columns.index(shape.value)
    at_series = columns.index(shape.series) if shape.series else None
    counts: dict[str | None, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    undated = 0
    for row in result.records:
        day, n = periods.start(row[at_period], shape.period), row[at_value] or 0
        if day is None:
            undated += n
            continue
        counts[row[at_series] if at_series is not None else None][day] += n
    days = sorted({d for by_day in counts.values() for d in by_day})
    days = periods.every(days[0], days[-1], shape.period) if days else []
    return TimelineData(shape.period, days, _series(counts, days, shape.series, result), undated)


def _series(counts, days: list[date], key: str | None, result) -> list[Series]:
    def row(name):
        return [counts[name].get(d, 0) for d in days]
    if key is None:
        return [Series(None, row(None), _one_colour(result))] if counts else []
    if key == "mode":
        names = sorted(counts, key=lambda m: (style.mode_order(m or ""), m or ""))
        return [Series(m, row(m), style.mode_colour(m)) for m in names]
    names = sorted(counts, key=lambda n: (-sum(counts[n].values()), n or ""))
    kept, rest = names[:style.MAX_SERIES - 1], names[style.MAX_SERIES - 1:]
    series = [Series(n, row(n), colour) for n, colour in zip(kept, style.SERIES_COLOURS)]
    if rest:
        series.append(Series(f"{len(rest)} others", [sum(counts[n].get(d, 0) for n in rest) for d in days],
                             style.OTHERS_COLOUR))
    return series


def _one_colour(result) -> str:
    """A query of one mode draws in that mode's colour; of several or all, in the colour of none."""
    modes = getattr(getattr(result, "query", None), "modes", ())
    return style.mode_colour(modes[0]) if len(modes) == 1 else style.ALL_MODES_COLOUR


def draw(result, shape: Shape):
    found = data(result, shape)
    figure, ax = style.new_figure(9, 4.5)
    total = sum(sum(s.counts) for s in found.series)
    notes = [style.plural(total, "contact")]
    if found.undated:
        notes.append(f"{found.undated:,} without a {found.unit} not drawn")
    style.titles(figure, ax, result, notes)
    style.plain_axes(ax)
    if not found.days:
        style.nothing_drawn(ax)
        return figure
    if len(found.series) == 1 and found.series[0].name is None:
        line = found.series[0]
        ax.plot(found.days, line.counts, color=line.colour, linewidth=2,
                marker="o" if len(found.days) <= MARKED_PERIODS else None, markersize=4, label="contacts")
    elif len(found.days) <= FEW_PERIODS:
        _stacked_columns(ax, found)
    else:
        ax.stackplot(found.days, *[s.counts for s in found.series], colors=[s.colour for s in found.series],
                     labels=[_name(s) for s in found.series], edgecolor="white", linewidth=0.5)
    if len(found.series) > 1 or found.series[0].name is not None:
        ax.legend(title=shape.series, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    _axes(ax, found)
    return figure


def _stacked_columns(ax, found: TimelineData) -> None:
    """Few periods: a column each, split into its series (areas between a few points mislead)."""
    width = (periods.following(found.days[0], found.unit) - found.days[0]) * 0.8
    bottom = [0] * len(found.days)
    for series in found.series:
        ax.bar(found.days, series.counts, width=width, bottom=bottom, color=series.colour, label=_name(series),
               align="center")
        bottom = [a + b for a, b in zip(bottom, series.counts)]


def _name(series: Series) -> str:
    return str(series.name) if series.name is not None else "(none)"


def _axes(ax, found: TimelineData) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.ticker import MaxNLocator
    unit = found.unit
    ax.set_ylabel(f"contacts per {unit}")
    ax.set_xlabel(f"{unit} ({periods.label(found.days[0], unit)} to {periods.label(found.days[-1], unit)})")
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color="#EEEEEE")
    if len(found.days) <= FEW_PERIODS:
        ax.set_xticks(found.days, [periods.label(d, unit) for d in found.days],
                      rotation=45 if len(found.days) > 8 else 0, ha="right" if len(found.days) > 8 else "center")
    else:
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    if len(found.days) == 1:
        ax.set_xlim(found.days[0] - _pad(unit), found.days[0] + _pad(unit))     # one point: room around it


def _pad(unit: str):
    from datetime import timedelta
    return timedelta(days={"year": 200, "quarter": 60, "month": 20, "week": 5, "day": 1}[unit])
