"""Which chart a result makes, and the period arithmetic behind timelines (issue 23).
No matplotlib needed: these run in the core install too."""

from datetime import date

import pytest

import contacts
from contacts.plots import chart_format, numbered, periods
from contacts.plots.shapes import Shape, shape_of


def _result(verb, columns, records=(), scalar=False):
    return contacts.Result(list(columns), list(records), "", {}, verb, "", scalar)


@pytest.mark.parametrize("verb, columns, shape", [
    ("timeline", ["quarter", "count"], Shape("timeline", period="quarter")),
    ("count", ["month", "count"], Shape("timeline", period="month")),
    ("count", ["year", "mode", "count"], Shape("timeline", period="year", series="mode")),
    ("count", ["mode", "week", "count"], Shape("timeline", period="week", series="mode")),
    ("count", ["whom", "day", "count"], Shape("timeline", period="day", series="whom")),
    ("count", ["whom", "count"], Shape("bars", labels=("whom",))),
    ("count", ["mode", "count"], Shape("bars", labels=("mode",))),
    ("count", ["pair", "count"], Shape("bars", labels=("pair",))),
    ("count", ["who", "mode", "count"], Shape("bars", series="mode", labels=("who",))),
    ("count", ["who", "whom", "count"], Shape("bars", labels=("who", "whom"))),
    ("sources", ["article", "source", "published", "title", "url", "contacts"],
     Shape("bars", value="contacts", labels=("source", "article"))),
    ("list", ["id", "date", "who", "whom", "mode"], Shape("strip")),
    ("first", ["id", "date", "who", "whom", "mode"], Shape("strip")),
    ("last", ["id", "date", "who", "whom", "mode"], Shape("strip")),
    ("tallies", ["count", "who", "whom"], Shape("tallies")),
    ("timeline", ["year", "dyad", "count"], Shape("timeline", period="year", series="dyad")),      # a panel
    ("count", ["whom", "count", "share"], Shape("bars", labels=("whom",))),
    ("count", ["partner", "before", "since", "change"], Shape("compare", value="change", labels=("partner",))),
    ("panel", ["dyad", "year", "count"], Shape("timeline", period="year", series="dyad")),   # a verb to come
])
def test_the_chart_follows_the_query_shape(verb, columns, shape):
    assert shape_of(_result(verb, columns, [tuple([None] * (len(columns) - 1) + [1])])) == shape


@pytest.mark.parametrize("result, message", [
    (_result("count", ["count"], [(3,)], scalar=True), "one number (3)"),
    (_result("count", ["year", "month", "count"]), "cannot draw counts by year, month"),
    (_result("count", ["who", "whom", "year", "count"]), "cannot draw counts by who, whom, year"),
    (_result("gaps", ["who", "whom", "since"], [("a", "b", "x")]), "cannot draw a 'gaps' result"),
])
def test_results_with_nothing_to_draw_say_what_to_ask(result, message):
    with pytest.raises(contacts.PlotError) as caught:
        shape_of(result)
    assert message in str(caught.value) and caught.value.hint


@pytest.mark.parametrize("label, unit, first", [
    ("2022", "year", date(2022, 1, 1)), ("2022-Q3", "quarter", date(2022, 7, 1)),
    ("2022-05", "month", date(2022, 5, 1)), ("2022-W07", "week", date(2022, 2, 14)),
    ("2020-W53", "week", date(2020, 12, 28)), ("2022-05-17", "day", date(2022, 5, 17)),
    (None, "month", None), ("", "year", None),
])
def test_period_labels_are_their_first_days(label, unit, first):
    assert periods.start(label, unit) == first


@pytest.mark.parametrize("first, last, unit, n", [
    (date(2022, 1, 1), date(2023, 4, 1), "quarter", 6), (date(2021, 11, 1), date(2022, 2, 1), "month", 4),
    (date(2016, 1, 1), date(2025, 1, 1), "year", 10), (date(2020, 12, 28), date(2021, 1, 11), "week", 3),
    (date(2024, 2, 27), date(2024, 3, 1), "day", 4),
])
def test_every_period_between_two_is_there(first, last, unit, n):
    days = periods.every(first, last, unit)
    assert len(days) == n and days[0] == first and days[-1] == last and days == sorted(set(days))


@pytest.mark.parametrize("text, span", [
    ("2023-04-26", (date(2023, 4, 26), date(2023, 4, 26))), ("2022-02", (date(2022, 2, 1), date(2022, 2, 28))),
    ("2024", (date(2024, 1, 1), date(2024, 12, 31))), (None, None),
])
def test_a_listed_date_is_its_interval(text, span):
    assert periods.interval(text) == span


@pytest.mark.parametrize("path, fmt", [("a.png", "png"), ("b.SVG", "svg"), ("c/d.pdf", "pdf")])
def test_the_extension_names_the_format(path, fmt):
    assert chart_format(path) == fmt


@pytest.mark.parametrize("path", ["chart", "chart.jpg", "chart.png.txt"])
def test_other_extensions_are_refused_with_the_fix(path):
    with pytest.raises(contacts.PlotError, match="PNG, SVG or PDF"):
        chart_format(path)


def test_a_file_of_several_queries_numbers_its_charts():
    assert str(numbered("out/c.png", 1, 1)) == "out/c.png"
    assert [str(numbered("out/c.png", n, 3)) for n in (1, 3)] == ["out/c-1.png", "out/c-3.png"]
