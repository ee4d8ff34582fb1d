"""The query compiler's edges (issue 28, item 11): every query it cannot answer gets the
language's own error, never Python's (OverflowError, TypeError) nor DuckDB's."""

import re
from datetime import date

import pytest

import contacts
from contacts.errors import QueryError
from contacts.query import compile


@pytest.mark.parametrize("query, message", [
    ("count contacts before 0001-01-01", "nothing is before 0001-01-01"),
    ("count contacts after 9999-12-31", "nothing is after 9999-12-31"),
    ("count contacts last 5000000 days", "reaches back before 0001-01-01"),
    ("count contacts last 400000 weeks", "reaches back before 0001-01-01"),
    ("count contacts last 3000 years", "reaches back before 0001-01-01"),
    ("count contacts last 99999999999999999999 days", "is too large (at most 1,000,000,000)"),
    ("list contacts limit 99999999999999999999", "is too large"),
    ("list contacts limit 9223372036854775808", "is too large"),
    ("list contacts where sources > 99999999999999999999", "is too large"),
])
def test_out_of_range_is_the_languages_error(query, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        compile(query, now=date(2026, 1, 1))


@pytest.mark.parametrize("value", ["99999999999999999999", 10**12, "0"])
def test_a_number_parameter_out_of_range(value):
    with pytest.raises(QueryError, match="whole number from 1 to 1,000,000,000"):
        compile("list contacts limit $n", params={"n": value})


@pytest.mark.parametrize("by", ["who, pair", "pair, who", "whom, pair", "pair, whom, who", "who, source, pair"])
def test_grouping_keys_that_share_a_join(seeds_store, by):
    result = seeds_store.query(f"count contacts by {by}")
    assert result.records and all(row[-1] >= 1 for row in result.records)


def test_now_is_checked():
    assert compile("count contacts last 5 days", now="2023-01-10").params == \
        compile("count contacts last 5 days", now=date(2023, 1, 10)).params
    for bad in (5, "yesterday", ["2023-01-01"]):
        with pytest.raises(QueryError, match="is not a date"):
            compile("count contacts last 5 days", now=bad)


def test_the_store_gives_the_same_errors(seeds_store):
    with pytest.raises(contacts.QueryError):
        seeds_store.query("count contacts last 5 days", now="not a day")
    with pytest.raises(contacts.QueryError):
        seeds_store.query("count contacts before 0001-01-01")


@pytest.mark.parametrize("query", ["timeline contacts by day since 0001 until 9999",
                                   "timeline calls by week between 1000 and 9000"])
def test_a_timeline_too_long_to_draw_is_refused(query):
    with pytest.raises(QueryError, match="has over 100,000"):
        compile(query, now=date(2026, 1, 1))


def test_a_long_timeline_within_the_limit_runs(seeds_store):
    assert len(seeds_store.query("timeline contacts by day between 2000 and 2020").records) == 7671


def test_a_table_draws_at_most_a_thousand_rows_and_says_what_it_cut():
    from contacts.output import render
    shown = render(["n", "name"], [(i, f"row {i}") for i in range(14_000)], "table").splitlines()
    assert shown[-1] == "… 13,000 more rows not shown (add 'limit N', or give --format csv or json for all)"
    assert "row 999" in shown[-3] and not any("row 1000 " in line for line in shown)
    assert len(render(["n"], [(i,) for i in range(14_000)], "csv").splitlines()) == 14_001
