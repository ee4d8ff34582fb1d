"""How every chart looks: one colour per mode, the same in every chart, from Paul Tol's
"bright" scheme (seven colours told apart with the common colour-vision deficiencies
and in greyscale); titles that say what was asked and of which store."""

from __future__ import annotations

import functools
import io
import textwrap
from pathlib import Path

from contacts.query.expressions import MODES

# Paul Tol, "bright" qualitative scheme (personal.sron.nl/~pault), one colour per mode, fixed.
MODE_COLOURS = {"call": "#4477AA", "meeting": "#EE6677", "visit": "#228833", "message": "#CCBB44",
                "envoy": "#66CCEE", "summons": "#AA3377", "talks": "#BBBBBB"}
ALL_MODES_COLOUR = "#332288"         # a count of every mode together: a colour no mode has
# Series that are not modes (partners, outlets): Tol's "muted" scheme, in order, then grey for the rest.
SERIES_COLOURS = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
                  "#AA4499"]
OTHERS_COLOUR = "#DDDDDD"
# Network nodes: Tol's "pale" scheme, so the actors stay behind the edges' mode colours.
KIND_COLOURS = {"state": "#BBCCEE", "person": "#EEEEBB", "org": "#CCDDAA"}
INK = "#333333"                      # text and axes
NOTE = "#666666"                     # the subtitle: store, totals, what is left out
MAX_SERIES = len(SERIES_COLOURS)     # more series than this: the rest are drawn together as "others"


def mode_colour(mode: str | None) -> str:
    return MODE_COLOURS.get(mode or "", ALL_MODES_COLOUR)


def mode_order(mode: str) -> int:
    """Modes in the language's order (call, meeting, visit …), so every legend lists them alike."""
    return MODES.index(mode) if mode in MODES else len(MODES)


def store_name(result) -> str:
    return store_label(getattr(result, "store", None))


def store_label(store) -> str:
    """A store as a title names it: its file's name."""
    path = getattr(store, "path", None)
    return "an in-memory store" if not path or path == ":memory:" else Path(path).name


def query_text(result) -> str:
    """The query as asked, its $parameters filled in (the canonical reprint of the bound query)."""
    if getattr(result, "query", None) is not None:
        from contacts.query.printer import to_text
        return to_text(result.query)
    return " ".join(result.text.split())


def new_figure(width: float, height: float):
    """A figure without pyplot: nothing global to close, and a notebook shows it when returned."""
    figure = _chart_class()(figsize=(width, height), layout="constrained")
    return figure, figure.add_subplot()


@functools.cache
def _chart_class():
    from matplotlib.figure import Figure

    class Chart(Figure):
        """A matplotlib Figure that a notebook shows as a PNG even when pyplot was never imported
        (IPython asks objects for _repr_png_; a plain Figure has none)."""

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", dpi=100)
            return buffer.getvalue()

    return Chart


def titles(figure, ax, result, notes: list[str]) -> None:
    """The query's text as the title; the store and the notes (totals, what is left out) under it."""
    figure.suptitle(textwrap.fill(query_text(result), 90), fontsize=12, fontweight="bold", color=INK)
    said = [*notes, *getattr(result, "notes", ())]        # and what the query left out (a default limit)
    ax.set_title(textwrap.fill(" · ".join([f"store: {store_name(result)}", *said]), 120), fontsize=9, color=NOTE,
                 loc="left")


def plain_axes(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK, labelsize=9)


def nothing_drawn(ax, what: str = "no contacts match this query") -> None:
    ax.text(0.5, 0.5, what, ha="center", va="center", transform=ax.transAxes, color=NOTE, fontsize=11)
    ax.set_xticks([])
    ax.set_yticks([])


def shorten(text: str, room: int = 42) -> str:
    return text if len(text) <= room else text[:room - 1] + "…"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
