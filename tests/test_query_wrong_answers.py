"""Issue 26's wrong or silent answers, each a regression case over the seeds' store:
queries with the rows they must give, bad queries with their error code and column."""

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from contacts.cli import app
from contacts.errors import QueryError
from conftest import ROOT, assert_answer

NOW = date(2023, 4, 26)

# (query, expected rows: each a dict of the columns that matter, in order; an int is a count)
ANSWERS = [
    # 1. grouping by the partner gives the other side, whoever initiated (von der Leyen visited Xi)
    ("count contacts with Xi in 2023 by partner",
     [{"partner": "Ursula von der Leyen", "count": 1}, {"partner": "Vladimir Putin", "count": 1},
      {"partner": "Volodymyr Zelensky", "count": 1}]),
    ("count contacts Xi <-> * by partner order by count desc",
     [{"partner": "Vladimir Putin", "count": 2}, {"partner": "Volodymyr Zelensky", "count": 2},
      {"partner": "Ursula von der Leyen", "count": 1}]),
    ("count summons * -> China by partner", [{"partner": "Estonia"}, {"partner": "Latvia"}, {"partner": "Lithuania"}]),
    # 2. the state-level question: partners as states (von der Leyen speaks for the EU in 2023)
    ("count contacts with China by partner_country order by count desc",
     [{"partner_country": "RUS", "count": 2}, {"partner_country": "UKR", "count": 2},
      {"partner_country": "EST", "count": 1}, {"partner_country": "EU", "count": 1},
      {"partner_country": "LTU", "count": 1}, {"partner_country": "LVA", "count": 1}]),
    ("count visits by who_country, whom_country",
     [{"who_country": "CHN", "whom_country": "RUS", "count": 1}, {"who_country": "EU", "whom_country": "CHN", "count": 1}]),
    # 3. a timeline by day counts the contacts no day holds in a last row, so it adds up
    ("timeline contacts since 2023-04-20 by day",
     [{"day": f"2023-04-{d}", "count": int(d == 26)} for d in range(20, 27)]),
    ("timeline with China by year", [{"year": "2022", "count": 2}, {"year": "2023", "count": 3},
                                     {"year": None, "count": 3}]),
    # 4. states in pairs: a dyad, not the people
    ("count contacts by dyad order by count desc",
     [{"dyad": "CHN–RUS", "count": 2}, {"dyad": "CHN–UKR", "count": 2}, {"dyad": "CHN–EST", "count": 1},
      {"dyad": "CHN–EU", "count": 1}, {"dyad": "CHN–LTU", "count": 1}, {"dyad": "CHN–LVA", "count": 1}]),
    # 5. mode = contacts is every mode; an empty key never wins a limit
    ("count contacts where mode = contacts", 8),
    ("count contacts where mode != contacts", 0),
    ("count contacts by year order by count desc limit 2", [{"year": "2023", "count": 3}, {"year": "2022", "count": 2}]),
    ("count contacts by location order by count desc limit 1", [{"location": "China", "count": 1}]),
    # 27.15: a location is a place, and a city stands for its state
    ("count contacts where location = Samarkand", 0),
    ("count contacts where location = Moscow", 1),
    ("count contacts where location = 'the Kremlin'", 1),
]

# (query, params, error code, column): the language's own error, never a silent answer
ERRORS = [
    ("count contacts status planned where status = occurred", {}, "E409", 1),
    ("count contacts", {"who": "Xi"}, "E407", None),                          # an unknown parameter
    ("count calls $who -> Putin", {"who": "Xi", "whom": "Putin"}, "E407", None),
    ("list contacts limit 99999999999", {}, "E402", 21),
    ("count contacts by partner", {}, "E408", 1),
    ("count contacts with Congo", {}, "E412", 21),                            # 6. the Republic or the DRC?
    ("count contacts with Johnson", {}, "E412", 21),
    ("count contacts with Korea", {}, "E412", 21),
    ("count contacts where location = Putin", {}, "E411", 22),               # a person is no place
]


@pytest.mark.parametrize("query, expected", ANSWERS, ids=[q for q, _ in ANSWERS])
def test_the_right_answer(seeds_store, query, expected):
    assert_answer(seeds_store.query(query, now=NOW), expected)


@pytest.mark.parametrize("query, params, code, column", ERRORS, ids=[q for q, *_ in ERRORS])
def test_the_languages_own_error(seeds_store, query, params, code, column):
    with pytest.raises(QueryError) as caught:
        seeds_store.query(query, now=NOW, **params)
    assert caught.value.code == code, str(caught.value)
    assert caught.value.column == column, str(caught.value)


def test_a_timeline_by_day_adds_up_to_the_count(seeds_store):
    total = seeds_store.query("count contacts", now=NOW).scalar
    for unit in ("year", "quarter", "month", "week", "day"):
        rows = seeds_store.query(f"timeline contacts by {unit}", now=NOW).to_dicts()
        assert sum(r["count"] for r in rows) == total, unit


def test_an_open_timeline_ends_where_the_store_does(seeds_store):
    """`since 2022` with today in 2025: the seeds end in April 2023, later months are unknown, not 0."""
    rows = seeds_store.query("timeline contacts since 2022", now=date(2025, 6, 1)).to_dicts()
    assert rows[-1]["month"] == "2023-04"
    bounded = seeds_store.query("timeline contacts since 2022 until 2023-06", now=date(2025, 6, 1)).to_dicts()
    assert bounded[-1]["month"] == "2023-06"                     # an end the user gives is kept


def test_run_json_over_several_queries_is_one_json_document(tmp_path):
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(ROOT / "seeds"), "--db", db]).exit_code == 0
    out = runner.invoke(app, ["run", str(ROOT / "queries" / "china_russia.cq"), "--db", db, "--format", "json"])
    assert out.exit_code == 0, out.output
    found = json.loads(out.output)
    assert [q["title"] for q in found][0] == "Face-to-face meetings of the two leaders in 2022"
    assert found[0]["rows"] == [{"count": 1}]
    lines = runner.invoke(app, ["run", str(ROOT / "queries" / "china_russia.cq"), "--db", db, "--format", "jsonl"])
    assert all("query" in json.loads(line) for line in lines.output.splitlines())
    unknown = runner.invoke(app, ["query", "count contacts", "--db", db, "--param", "who=Xi"])
    assert unknown.exit_code != 0 and "E407" in unknown.output
