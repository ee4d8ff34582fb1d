"""Counts by a key (whom, who, mode, pair, source, an article): horizontal bars, the
largest on top; with a second key of mode, each bar is split into its modes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from contacts.plots import style
from contacts.plots.shapes import Shape

MAX_BARS = 30


@dataclass
class Bar:
    label: str
    parts: dict[str | None, int]          # mode (or None: the bar is one part) → count

    @property
    def total(self) -> int:
        return sum(self.parts.values())


def data(result, shape: Shape) -> tuple[list[Bar], int]:
    """The bars, largest first, at most MAX_BARS; and how many bars there were in all."""
    columns = list(result.columns)
    at_labels = [columns.index(c) for c in shape.labels if c in columns]
    at_value = columns.index(shape.value)
    at_series = columns.index(shape.series) if shape.series else None
    joiner = " → " if [columns[i] for i in at_labels] == ["who", "whom"] else " · "
    parts: dict[str, dict[str | None, int]] = defaultdict(lambda: defaultdict(int))
    for row in result.records:
        label = joiner.join(str(row[i]) for i in at_labels if row[i] not in (None, "")) or "(none)"
        parts[label][row[at_series] if at_series is not None else None] += row[at_value] or 0
    bars = sorted((Bar(label, dict(p)) for label, p in parts.items()), key=lambda b: (-b.total, b.label))
    return bars[:MAX_BARS], len(bars)


def draw(result, shape: Shape):
    bars, in_all = data(result, shape)
    figure, ax = style.new_figure(9, 1.6 + 0.32 * max(len(bars), 3))
    notes = [style.plural(sum(b.total for b in bars), "contact")]
    if in_all > len(bars):
        notes.append(f"the {len(bars)} largest of {in_all:,} shown")
    style.titles(figure, ax, result, notes)
    style.plain_axes(ax)
    if not bars:
        style.nothing_drawn(ax)
        return figure
    places = list(range(len(bars)))
    if shape.series == "mode":
        _stacked(ax, bars, places)
    else:
        colours = [_colour(result, shape, b) for b in bars]
        ax.barh(places, [b.total for b in bars], color=colours, height=0.7)
    for place, bar in zip(places, bars):
        ax.text(bar.total, place, f" {bar.total:,}", va="center", fontsize=8, color=style.INK)
    ax.set_yticks(places, [style.shorten(b.label) for b in bars])
    ax.invert_yaxis()                                  # the largest on top
    ax.set_xlabel("contacts" if shape.value in ("count", "contacts") else shape.value)
    ax.set_ylabel(", ".join(shape.labels))
    ax.margins(x=0.08)
    from matplotlib.ticker import MaxNLocator
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", color="#EEEEEE")
    ax.set_axisbelow(True)
    return figure


def _stacked(ax, bars: list[Bar], places: list[int]) -> None:
    modes = sorted({m for b in bars for m in b.parts}, key=lambda m: (style.mode_order(m or ""), m or ""))
    left = [0] * len(bars)
    for mode in modes:
        widths = [b.parts.get(mode, 0) for b in bars]
        ax.barh(places, widths, left=left, color=style.mode_colour(mode), height=0.7, label=mode or "(none)")
        left = [a + b for a, b in zip(left, widths)]
    ax.legend(title="mode", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)


def _colour(result, shape: Shape, bar: Bar) -> str:
    if shape.labels == ("mode",):
        return style.mode_colour(bar.label)
    modes = getattr(getattr(result, "query", None), "modes", ())
    return style.mode_colour(modes[0]) if len(modes) == 1 else style.ALL_MODES_COLOUR
