"""Periods compared (`count … by KEY compare D`): for each key, its contacts before D and
since D side by side, the largest rise on top and the largest fall at the bottom."""

from __future__ import annotations

from dataclasses import dataclass

from contacts.plots import style
from contacts.plots.shapes import Shape

MAX_ROWS = 30
BEFORE, SINCE = "#BBBBBB", style.ALL_MODES_COLOUR      # the earlier period grey, the later one indigo


@dataclass
class Change:
    label: str
    before: int
    since: int

    @property
    def change(self) -> int:
        return self.since - self.before


def data(result, shape: Shape) -> tuple[list[Change], int]:
    """The keys whose counts changed most (either way), largest rise first; and how many keys in all."""
    at = {c: i for i, c in enumerate(result.columns)}
    rows = [Change(" · ".join(str(r[at[k]]) for k in shape.labels if r[at[k]] not in (None, "")) or "(none)",
                   r[at["before"]] or 0, r[at["since"]] or 0) for r in result.records]
    kept = sorted(rows, key=lambda c: (-abs(c.change), c.label))[:MAX_ROWS]
    return sorted(kept, key=lambda c: (-c.change, c.label)), len(rows)


def draw(result, shape: Shape):
    changes, in_all = data(result, shape)
    figure, ax = style.new_figure(9, 1.8 + 0.42 * max(len(changes), 3))
    notes = [f"{style.plural(in_all, 'key')}"]
    if in_all > len(changes):
        notes.append(f"the {len(changes)} that changed most shown")
    style.titles(figure, ax, result, notes)
    style.plain_axes(ax)
    if not changes:
        style.nothing_drawn(ax)
        return figure
    places = range(len(changes))
    when = _date(result)
    before = ax.barh([p - 0.2 for p in places], [c.before for c in changes], height=0.38, color=BEFORE,
                     label=f"before {when}" if when else "before")
    since = ax.barh([p + 0.2 for p in places], [c.since for c in changes], height=0.38, color=SINCE,
                    label=f"since {when}" if when else "since")
    ax.bar_label(before, [f" {c.before:,}" for c in changes], fontsize=8, color=style.INK)
    ax.bar_label(since, [f" {c.since:,} ({c.change:+,})" for c in changes], fontsize=8, color=style.INK)
    ax.set_yticks(list(places), [style.shorten(c.label) for c in changes])
    ax.invert_yaxis()                                  # the largest rise on top
    ax.set_xlabel("contacts")
    ax.set_ylabel(", ".join(shape.labels))
    ax.margins(x=0.12)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    from matplotlib.ticker import MaxNLocator
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


def _date(result) -> str:
    compared = getattr(getattr(result, "query", None), "compare", None)
    return getattr(compared, "text", "") or ""
