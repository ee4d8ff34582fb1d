"""Contacts over time, one row per pair of actors: a dot for a contact known to the day,
a bar over the month or year for one known only to that; colour by mode, hollow when
planned rather than occurred."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from contacts.plots import periods, style
from contacts.plots.shapes import Shape

MAX_PAIRS = 40


@dataclass
class Mark:
    first: date
    last: date
    mode: str
    planned: bool

    @property
    def to_the_day(self) -> bool:
        return self.first == self.last


def pair_label(who: str, whom: str) -> str:
    return " – ".join(sorted((str(who), str(whom))))


def data(result) -> tuple[list[tuple[str, list[Mark]]], int, int]:
    """(pair, its marks) with the busiest pairs first, at most MAX_PAIRS; the number of
    pairs in all; and the number of undated contacts (not drawn)."""
    at = {c: i for i, c in enumerate(result.columns)}
    marks: dict[str, list[Mark]] = defaultdict(list)
    undated = 0
    for row in result.records:
        span = periods.interval(row[at["date"]])
        if span is None:
            undated += 1
            continue
        planned = "status" in at and row[at["status"]] == "planned"
        marks[pair_label(row[at["who"]], row[at["whom"]])].append(Mark(*span, row[at["mode"]], planned))
    pairs = sorted(marks.items(), key=lambda p: (-len(p[1]), min(m.first for m in p[1]), p[0]))
    return pairs[:MAX_PAIRS], len(pairs), undated


def draw(result, shape: Shape):
    pairs, in_all, undated = data(result)
    figure, ax = style.new_figure(9, 1.8 + 0.35 * max(len(pairs), 3))
    notes = [style.plural(sum(len(m) for _, m in pairs), "contact")]
    if in_all > len(pairs):
        notes.append(f"the {len(pairs)} busiest of {in_all:,} pairs shown")
    if undated:
        notes.append(f"{undated:,} undated not drawn")
    style.titles(figure, ax, result, notes)
    style.plain_axes(ax)
    if not pairs:
        style.nothing_drawn(ax)
        return figure
    modes = sorted({m.mode for _, ms in pairs for m in ms}, key=lambda m: (style.mode_order(m), m))
    for mode in modes:
        _draw_mode(ax, pairs, mode)
    ax.set_yticks(range(len(pairs)), [style.shorten(p) for p, _ in pairs])
    ax.set_ylim(len(pairs) - 0.5, -0.5)               # the busiest pair on top
    _date_axis(ax)
    ax.set_xlabel("date (a dot: known to the day; a bar: known only to the month or year)")
    ax.set_ylabel("pair")
    ax.grid(axis="y", color="#EEEEEE")
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    return figure


def _draw_mode(ax, pairs, mode: str) -> None:
    colour = style.mode_colour(mode)
    for planned in (False, True):
        days = [(m.first, place) for place, (_, ms) in enumerate(pairs) for m in ms
                if m.mode == mode and m.planned == planned and m.to_the_day]
        spans = [(place, m.first, m.last + timedelta(days=1)) for place, (_, ms) in enumerate(pairs) for m in ms
                 if m.mode == mode and m.planned == planned and not m.to_the_day]
        label = f"{mode} (planned)" if planned else mode
        if spans:
            ax.hlines([p for p, _, _ in spans], [a for _, a, _ in spans], [b for _, _, b in spans], colors=colour,
                      linewidth=6, alpha=0.55, linestyles="dashed" if planned else "solid",
                      label=None if days else label)
        if days:
            ax.scatter([d for d, _ in days], [p for _, p in days], s=36, zorder=3, label=label,
                       facecolors="white" if planned else colour, edgecolors=colour, linewidths=1.5)


def _date_axis(ax) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    locator = AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.margins(x=0.05)
