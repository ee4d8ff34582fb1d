"""Charts of query results, drawn with matplotlib (the optional extra: pip install 'contacts[plot]').

    >>> figure = store.query("timeline with China since 2022 by quarter").plot()     # doctest: +SKIP
    >>> store.query("count contacts by whom").plot("partners.png")                   # doctest: +SKIP

`plot(result, path)` picks the chart from the query's shape (contacts.plots.shapes):
a timeline, sorted bars, two periods compared, a strip of contacts per pair, or
reported against counted tallies; `save(figure, path)` writes PNG, SVG or PDF as the file's extension says.
Errors are `contacts.PlotError`: a result with nothing to draw (one number), a file
type that is not a chart's, a file that cannot be written, or matplotlib missing.
The figures are made without pyplot, so nothing global is left open, and a notebook
shows the returned figure inline.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from pathlib import Path

from contacts.errors import PlotError

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
INSTALL = "pip install 'contacts[plot]'"
DPI = 150


def require() -> None:
    """Fail with the one command that installs matplotlib when it is missing."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise PlotError("charts need matplotlib, which is not installed", hint=INSTALL) from None


def chart_format(path: str | Path) -> str:
    """The format a chart file's extension names; PlotError for any other (checked before a query runs)."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise PlotError(f"{path}: a chart is written as PNG, SVG or PDF",
                        hint="end the file name in .png, .svg or .pdf")
    return FORMATS[suffix]


def plot(result, path: str | Path | None = None):
    """The chart of a query's result (a matplotlib Figure), written to `path` when one is given."""
    from contacts.plots import bars, compare, strip, tallies, timeline
    from contacts.plots.shapes import shape_of
    if path is not None:
        chart_format(path)
    require()
    shape = shape_of(result)
    draw = {"timeline": timeline.draw, "bars": bars.draw, "compare": compare.draw, "strip": strip.draw,
            "tallies": tallies.draw}[shape.kind]
    with _quiet():
        figure = draw(result, shape)
    if path is not None:
        save(figure, path)
    return figure


def save(figure, path: str | Path) -> Path:
    """Write a figure as PNG, SVG or PDF, as the file's extension says."""
    fmt = chart_format(path)
    from matplotlib import rc_context
    try:
        with _quiet(), rc_context({"svg.hashsalt": "contacts"}):        # SVG ids the same each time
            figure.savefig(path, format=fmt, dpi=DPI, metadata=_metadata(fmt))
    except OSError as exc:
        raise PlotError(f"cannot write {path}: {exc.strerror or exc}",
                        hint="give a file in a folder that exists and that you may write to") from None
    return Path(path)


def write_charts(results: list[tuple[str, object]], path: str | Path) -> list[str]:
    """The chart of each (title, result) of a saved query file: `path` for one, else path-1, path-2 …
    by the query's place. A query with nothing to draw is said, and the others are still drawn."""
    lines = []
    for n, (title, result) in enumerate(results, 1):
        target = numbered(path, n, len(results))
        try:
            plot(result, target)
        except PlotError as exc:
            lines.append(f"no chart for query {n} ({title}): {exc}")
            continue
        lines.append(f"chart written to {target}")
    return lines


def numbered(path: str | Path, n: int, count: int) -> Path:
    """The file for the n-th (1-based) of `count` charts: the path itself for one, else stem-n.ext."""
    path = Path(path)
    return path if count == 1 else path.with_name(f"{path.stem}-{n}{path.suffix}")


def _metadata(fmt: str) -> dict:
    # No creation date in the file: the same store and query give the same bytes (diffable charts in git).
    return {"png": {"Software": "contacts"}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]


@contextmanager
def _quiet():
    """Missing glyphs (a name in a script the font lacks) are drawn as boxes, not warned about on stderr."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .* missing")
        warnings.filterwarnings("ignore", message=r"Matplotlib currently does not support")
        yield
