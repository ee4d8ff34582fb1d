"""Reported counts against counted contacts: for each tally ("Xi has spoken to Putin five
times since the invasion") the number the article gave, and the number of contacts the
store holds for the same pair, mode and period, side by side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contacts.errors import ContactsError
from contacts.plots import style
from contacts.plots.shapes import Shape
from contacts.query import expressions as X

MAX_TALLIES = 30


@dataclass
class Tally:
    label: str
    mode: str
    reported: int
    counted: int | None          # None: no store to count in, or a name it cannot resolve


def counted(store, who: str, whom: str, mode: str, since: date | None, until: date | None) -> int | None:
    """Contacts that occurred between the two, of the tally's mode (any, for 'contacts'),
    inside its period: the question the tally answers, asked of the store in the language."""
    if store is None:
        return None
    pair = X.Pair(X.Actors((X.Name(who, quoted=True),)), "<->", X.Actors((X.Name(whom, quoted=True),)))
    times = tuple(clause(X.DateLit(day.isoformat())) for clause, day in ((X.Since, since), (X.Until, until)) if day)
    query = X.Query("count", (mode,) if mode in X.MODES else (), pair, times)
    from contacts.query import compile as compile_query
    try:
        compiled = compile_query(query, actors=store.query_actors())
        return store.run(compiled).scalar
    except ContactsError:            # a name the store no longer resolves: shown as not counted
        return None


def data(result) -> tuple[list[Tally], int]:
    at = {c: i for i, c in enumerate(result.columns)}
    store = getattr(result, "store", None)
    tallies = []
    for row in result.records[:MAX_TALLIES]:
        who, whom, mode, since, until = (row[at[k]] for k in ("who", "whom", "mode", "since", "until"))
        period = f"{since or '…'} to {until or '…'}"
        outlet = row[at["source"]] or row[at["article"]]
        label = f"{style.shorten(_pair(who, whom), 48)} · {mode}\n{period} · {outlet}"
        tallies.append(Tally(label, mode, row[at["count"]] or 0, counted(store, who, whom, mode, since, until)))
    return tallies, len(result.records)


def _pair(who: str, whom: str) -> str:
    return f"{who} – {whom}"


def draw(result, shape: Shape):
    tallies, in_all = data(result)
    figure, ax = style.new_figure(9, 1.8 + 0.7 * max(len(tallies), 2))
    notes = [style.plural(in_all, "reported count")]
    if in_all > len(tallies):
        notes.append(f"the first {len(tallies)} shown")
    if any(t.counted is None for t in tallies):
        notes.append("not counted: no store" if getattr(result, "store", None) is None else "? : not counted")
    style.titles(figure, ax, result, notes)
    style.plain_axes(ax)
    if not tallies:
        style.nothing_drawn(ax, "no reported counts match this query")
        return figure
    places = range(len(tallies))
    colours = [style.mode_colour(t.mode) for t in tallies]
    reported = ax.barh([p - 0.2 for p in places], [t.reported for t in tallies], height=0.38, color="white",
                       edgecolor=colours, hatch="//", linewidth=1.2, label="reported in the article")
    stored = ax.barh([p + 0.2 for p in places], [t.counted or 0 for t in tallies], height=0.38, color=colours,
                     label="contacts in the store")
    ax.bar_label(reported, [f" {t.reported:,}" for t in tallies], fontsize=8, color=style.INK)
    ax.bar_label(stored, [f" {t.counted:,}" if t.counted is not None else " ?" for t in tallies], fontsize=8,
                 color=style.INK)
    ax.set_yticks(list(places), [t.label for t in tallies], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("contacts")
    ax.set_ylabel("reported count (pair · mode, period · source)")
    ax.margins(x=0.1)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    from matplotlib.ticker import MaxNLocator
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return figure
