"""Charts of query results (issue 23): each kind rendered to PNG from a small store, the
image not blank, and the data drawn read back from the figure's artists (not pixels)
and compared with the query's rows. Skipped when matplotlib (the plot extra) is absent."""

from datetime import date

import pytest

matplotlib = pytest.importorskip("matplotlib")

import contacts  # noqa: E402
from contacts.plots import style  # noqa: E402
from contacts.plots.periods import start  # noqa: E402

NOW = date(2023, 4, 26)
MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".svg": b"<?xml", ".pdf": b"%PDF-"}


def _result(verb, columns, records, text):
    return contacts.Result(list(columns), list(records), "", {}, verb, text, query=contacts.parse(text))


def _not_blank(path) -> None:
    from matplotlib.image import imread
    pixels = imread(path)
    assert path.stat().st_size > 5_000 and pixels.std() > 0.05      # drawn on, not one flat colour


def _titles(figure):
    ax = figure.axes[0]
    return figure.get_suptitle(), ax.get_title(loc="left")


def _hex(colour) -> str:
    from matplotlib.colors import to_hex
    return to_hex(colour).upper()


def _bar_widths(ax) -> list[float]:
    return [p.get_width() for p in ax.patches]


def _bar_heights_by_label(ax) -> dict[str, list[float]]:
    """A stacked column chart: each legend label's column heights."""
    return {c.get_label(): [p.get_height() for p in c] for c in ax.containers}


def _thickness(polygons) -> list[list[float]]:
    """Stacked areas: each area's thickness at each x (top minus bottom) — the count of its series."""
    found = []
    for polygon in polygons:
        by_x: dict[float, list[float]] = {}
        for x, y in polygon.get_paths()[0].vertices:
            by_x.setdefault(round(float(x), 6), []).append(float(y))
        found.append([max(ys) - min(ys) for _, ys in sorted(by_x.items())])
    return found


# ---- timelines --------------------------------------------------------------------------
def test_a_timeline_draws_the_query_counts_over_time(seeds_store, tmp_path):
    result = seeds_store.query("timeline with China since 2022 by quarter", now=NOW)
    figure = result.plot(tmp_path / "t.png")
    _not_blank(tmp_path / "t.png")
    ax = figure.axes[0]
    (line,) = ax.get_lines()
    assert list(line.get_ydata()) == [r[1] for r in result.records] and sum(line.get_ydata()) > 0
    assert list(line.get_xdata()) == [start(r[0], "quarter") for r in result.records]
    assert 0 in line.get_ydata()                       # the empty quarters are drawn as zeros
    assert ax.get_ylabel() == "contacts per quarter" and ax.get_xlabel().startswith("quarter (2022 Q1 to ")
    assert [t.get_text() for t in ax.get_xticklabels()][:2] == ["2022 Q1", "2022 Q2"]
    title, subtitle = _titles(figure)
    assert title == "timeline with China since 2022 by quarter"
    assert "store: an in-memory store" in subtitle and f"{sum(r[1] for r in result.records)} contacts" in subtitle
    assert _hex(line.get_color()) == style.ALL_MODES_COLOUR


def test_a_timeline_of_one_mode_takes_its_colour():
    result = _result("timeline", ["year", "count"], [("2020", 2), ("2021", 0), ("2022", 5)],
                     "timeline calls with China by year")
    (line,) = result.plot().axes[0].get_lines()
    assert _hex(line.get_color()) == style.MODE_COLOURS["call"]


def test_counts_by_period_fill_the_gaps_with_zeros_and_leave_out_the_undated():
    result = _result("count", ["month", "count"], [("2022-01", 3), ("2022-04", 1), (None, 7)],
                     "count contacts with China by month")
    figure = result.plot()
    (line,) = figure.axes[0].get_lines()
    assert list(line.get_ydata()) == [3, 0, 0, 1]
    assert list(line.get_xdata()) == [date(2022, m, 1) for m in (1, 2, 3, 4)]
    assert "7 without a month not drawn" in _titles(figure)[1]


def test_a_timeline_split_by_mode_stacks_each_mode_in_its_colour():
    records = [("2022-01", "call", 2), ("2022-01", "visit", 1), ("2022-03", "call", 1), ("2022-04", "meeting", 4)]
    result = _result("count", ["month", "mode", "count"], records, "count contacts with China by month, mode")
    ax = result.plot().axes[0]
    assert _bar_heights_by_label(ax) == {"call": [2, 0, 1, 0], "meeting": [0, 0, 0, 4], "visit": [1, 0, 0, 0]}
    colours = {c.get_label(): _hex(c.patches[0].get_facecolor()) for c in ax.containers}
    assert colours == {m: style.MODE_COLOURS[m] for m in ("call", "meeting", "visit")}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["call", "meeting", "visit"]   # the modes' order


def test_a_long_timeline_split_by_mode_is_stacked_areas():
    months = [f"{y}-{m:02}" for y in range(2016, 2026) for m in range(1, 13)]
    records = [(month, mode, (n * 7 + k) % 5) for n, month in enumerate(months)
               for k, mode in enumerate(("talks", "call"))]
    result = _result("count", ["month", "mode", "count"], records, "count contacts by month, mode")
    ax = result.plot().axes[0]
    areas = ax.collections
    assert [a.get_label() for a in areas] == ["call", "talks"]
    assert [_hex(a.get_facecolor()[0]) for a in areas] == [style.MODE_COLOURS["call"], style.MODE_COLOURS["talks"]]
    assert _thickness(areas) == [pytest.approx([r[2] for r in records if r[1] == mode]) for mode in ("call", "talks")]


def test_a_timeline_split_by_partner_keeps_the_largest_and_groups_the_rest():
    partners = [f"P{n}" for n in range(12)]
    records = [(str(year), p, 12 - n) for year in (2020, 2021) for n, p in enumerate(partners)]
    ax = _result("count", ["year", "whom", "count"], records, "count contacts Xi -> * by year, whom").plot().axes[0]
    labels = [c.get_label() for c in ax.containers]
    assert labels[:len(style.SERIES_COLOURS) - 1] == partners[:len(style.SERIES_COLOURS) - 1]
    assert labels[-1] == f"{12 - len(style.SERIES_COLOURS) + 1} others"
    heights = _bar_heights_by_label(ax)
    assert sum(sum(h) for h in heights.values()) == sum(r[2] for r in records)


# ---- bars -------------------------------------------------------------------------------
def test_counts_by_a_key_are_sorted_horizontal_bars(seeds_store, tmp_path):
    result = seeds_store.query("count contacts by whom", now=NOW)
    figure = result.plot(tmp_path / "b.png")
    _not_blank(tmp_path / "b.png")
    ax = figure.axes[0]
    expected = sorted(((r[1], r[0]) for r in result.records), key=lambda x: (-x[0], x[1]))
    assert _bar_widths(ax) == [n for n, _ in expected]
    assert [t.get_text() for t in ax.get_yticklabels()] == [name for _, name in expected]
    assert ax.yaxis_inverted()                          # the largest on top
    assert ax.get_xlabel() == "contacts" and ax.get_ylabel() == "whom"


def test_bars_by_mode_take_the_mode_colours(seeds_store):
    result = seeds_store.query("count contacts by mode", now=NOW)
    ax = result.plot().axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert [_hex(p.get_facecolor()) for p in ax.patches] == [style.MODE_COLOURS[m] for m in labels]
    assert dict(zip(labels, _bar_widths(ax))) == dict(result.records)


def test_bars_by_a_key_and_mode_are_split_into_modes(seeds_store):
    result = seeds_store.query("count contacts by who, mode", now=NOW)
    ax = result.plot().axes[0]
    who = [t.get_text() for t in ax.get_yticklabels()]
    drawn = {(who[n], c.get_label()): p.get_width() for c in ax.containers for n, p in enumerate(c) if p.get_width()}
    assert drawn == {(w, m): n for w, m, n in result.records}


def test_many_bars_are_cut_to_the_largest_and_say_so():
    records = [(f"Actor {n:03}", 1000 - n) for n in range(75)]
    figure = _result("count", ["whom", "count"], records, "count contacts Xi -> * by whom").plot()
    assert _bar_widths(figure.axes[0]) == [1000 - n for n in range(30)]
    assert "the 30 largest of 75 shown" in _titles(figure)[1]


def test_sources_are_bars_of_contacts_per_article(seeds_store):
    result = seeds_store.query("sources with China", now=NOW)
    ax = result.plot().axes[0]
    assert sorted(_bar_widths(ax)) == sorted(r[-1] for r in result.records)


# ---- strips -----------------------------------------------------------------------------
def _strip_marks(ax) -> tuple[set, set]:
    """A strip chart's marks: (pair, day, mode) of its dots and (pair, month, mode) of its bars."""
    from matplotlib.collections import PathCollection
    from matplotlib.dates import num2date
    pairs = [t.get_text() for t in ax.get_yticklabels()]
    dots, bars = set(), set()
    for artist in ax.collections:
        if isinstance(artist, PathCollection):
            dots |= {(pairs[round(y)], num2date(x).date().isoformat(), artist.get_label())
                     for x, y in artist.get_offsets()}
        else:
            bars |= {(pairs[round(y)], num2date(x).date().isoformat()[:7], artist.get_label())
                     for (x, y), _ in artist.get_segments()}
    return dots, bars


def test_a_list_is_a_strip_of_contacts_per_pair(seeds_store, tmp_path):
    result = seeds_store.query("list contacts with China status any", now=NOW)
    figure = result.plot(tmp_path / "s.png")
    _not_blank(tmp_path / "s.png")
    dots, bars = _strip_marks(figure.axes[0])
    rows = [(" – ".join(sorted((r["who"], r["whom"]))), r["date"], r["mode"]) for r in result.to_dicts() if r["date"]]
    assert dots == {row for row in rows if len(row[1]) == 10} and dots
    assert bars == {(pair, day[:7], mode) for pair, day, mode in rows if len(day) < 10} and bars
    undated = sum(1 for r in result.to_dicts() if r["date"] is None)
    assert f"{undated} undated not drawn" in _titles(figure)[1]


def test_planned_contacts_are_hollow_and_colours_follow_the_mode():
    records = [("a", "2023-01-05", "Xi Jinping", "Vladimir Putin", "visit", True, "planned"),
               ("b", "2023-01-09", "Xi Jinping", "Vladimir Putin", "call", False, "occurred")]
    result = _result("list", ["id", "date", "who", "whom", "mode", "directed", "status"], records,
                     "list contacts Xi <-> Putin status any")
    ax = result.plot().axes[0]
    marks = {a.get_label(): a for a in ax.collections}
    assert set(marks) == {"call", "visit (planned)"}
    assert _hex(marks["call"].get_facecolor()[0]) == style.MODE_COLOURS["call"]
    assert _hex(marks["visit (planned)"].get_facecolor()[0]) == "#FFFFFF"
    assert _hex(marks["visit (planned)"].get_edgecolor()[0]) == style.MODE_COLOURS["visit"]


# ---- tallies ----------------------------------------------------------------------------
def test_tallies_are_drawn_against_the_contacts_counted(seeds_store, tmp_path):
    result = seeds_store.query("tallies Xi <-> Putin", now=NOW)
    figure = result.plot(tmp_path / "r.png")
    _not_blank(tmp_path / "r.png")
    ax = figure.axes[0]
    reported, counted = ax.containers
    (tally,) = result.to_dicts()
    asked = seeds_store.query(f"count contacts Xi <-> Putin since {tally['since']} until {tally['until']}").scalar
    assert [p.get_width() for p in reported] == [tally["count"]] == [5]
    assert [p.get_width() for p in counted] == [asked] and asked >= 1
    assert reported.get_label() == "reported in the article" and counted.get_label() == "contacts in the store"


def test_tallies_without_a_store_draw_the_reported_counts_only():
    records = [(4, "Xi Jinping", "Vladimir Putin", "call", date(2022, 2, 24), date(2023, 4, 26), "CNN", "a.txt", "…")]
    result = _result("tallies", ["count", "who", "whom", "mode", "since", "until", "source", "article", "evidence"],
                     records, "tallies Xi <-> Putin")
    figure = result.plot()
    reported, counted = figure.axes[0].containers
    assert [p.get_width() for p in reported] == [4] and [p.get_width() for p in counted] == [0]
    assert "not counted: no store" in _titles(figure)[1]


# ---- files and errors ---------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_the_file_is_written_in_the_format_its_extension_names(seeds_store, tmp_path, suffix):
    path = tmp_path / f"chart{suffix}"
    seeds_store.query("count contacts by mode").plot(path)
    assert path.read_bytes().startswith(MAGIC[suffix])


def test_the_same_chart_is_the_same_file(seeds_store, tmp_path):
    for name in ("a.svg", "b.svg"):
        seeds_store.query("count contacts by mode").plot(tmp_path / name)
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_an_empty_result_is_a_chart_that_says_so(seeds_store):
    figure = seeds_store.query("count contacts by whom where source = 'nobody'").plot()
    assert any("no contacts match" in t.get_text() for t in figure.axes[0].texts)


def test_a_folder_that_does_not_exist_is_a_clear_error(seeds_store, tmp_path):
    with pytest.raises(contacts.PlotError, match="cannot write"):
        seeds_store.query("count contacts by mode").plot(tmp_path / "no" / "such" / "chart.png")


def test_one_number_has_no_chart(seeds_store):
    with pytest.raises(contacts.PlotError, match="one number"):
        seeds_store.query("count calls Xi -> Zelensky").plot()


def test_without_matplotlib_the_error_is_the_install_command(seeds_store, monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "matplotlib", None)          # import matplotlib now fails
    with pytest.raises(contacts.PlotError) as caught:
        seeds_store.query("count contacts by mode").plot()
    assert caught.value.hint == "pip install 'contacts[plot]'"
    assert str(caught.value) == "charts need matplotlib, which is not installed (pip install 'contacts[plot]')"


def test_each_mode_has_its_own_fixed_colour():
    assert set(style.MODE_COLOURS) == set(contacts.query.expressions.MODES)
    every = [*style.MODE_COLOURS.values(), style.ALL_MODES_COLOUR]
    assert len(set(every)) == len(every)


def test_a_notebook_can_show_the_figure_without_pyplot(seeds_store):
    figure = seeds_store.query("count contacts by mode").plot()
    assert isinstance(figure, matplotlib.figure.Figure) and figure._repr_png_().startswith(MAGIC[".png"])


def test_what_the_query_left_out_is_said_under_the_title():
    records = [("a", "2023-01-05", "Xi Jinping", "Vladimir Putin", "visit")]
    result = contacts.Result(["id", "date", "who", "whom", "mode"], records, "", {}, "list", "list contacts",
                             notes=("the first 1,000 of 5,000 contacts (add 'limit all' for every one)",),
                             query=contacts.parse("list contacts"))
    assert "the first 1,000 of 5,000 contacts" in _titles(result.plot())[1]


# ---- periods compared -------------------------------------------------------------------------
def test_periods_compared_are_bars_before_and_since_the_date(seeds_store, tmp_path):
    result = seeds_store.query("count with Xi by partner compare 2023")
    figure = result.plot(tmp_path / "c.png")
    _not_blank(tmp_path / "c.png")
    ax = figure.axes[0]
    before, since = ax.containers
    assert (before.get_label(), since.get_label()) == ("before 2023", "since 2023")
    partners = [t.get_text() for t in ax.get_yticklabels()]
    rows = {r[0]: r[1:] for r in result.records}
    assert [p.get_width() for p in before] == [rows[p][0] for p in partners]
    assert [p.get_width() for p in since] == [rows[p][1] for p in partners]
    changes = [rows[p][2] for p in partners]
    assert changes == sorted(changes, reverse=True) and ax.yaxis_inverted()     # the largest rise on top


def test_many_keys_compared_keep_the_largest_changes_either_way():
    records = [(f"P{n:02}", 50, 50 + n - 20) for n in range(41)]          # changes −20 … +20
    result = _result("count", ["partner", "before", "since", "change"], [(*r, r[2] - r[1]) for r in records],
                     "count with Xi by partner compare 2023")
    figure = result.plot()
    changes = sorted(abs(c) for c in range(-20, 21))[-30:]
    drawn = [p.get_width() - 50 for p in figure.axes[0].containers[1]]
    assert sorted(abs(c) for c in drawn) == changes and drawn[0] == 20 and drawn[-1] == -20
    assert "the 30 that changed most shown" in _titles(figure)[1]


def test_shares_draw_the_counts():
    result = _result("count", ["whom", "count", "share"], [("China", 3, 0.6), ("Russia", 2, 0.4)],
                     "count contacts by whom as share")
    assert _bar_widths(result.plot().axes[0]) == [3, 2]
