"""Issue 26's constructs for dyadic and comparative questions, over the seeds' store: distinct
counts, shares, periods compared, panels with zeros, order by a key, last N quarters, and
`contacts sql` running the SQL that `query --sql` prints."""

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from contacts.cli import app
from conftest import ROOT, assert_answer

NOW = date(2023, 4, 26)

ANSWERS = [
    ("count distinct partner_country with China", 6),
    ("count distinct partner with China by year",
     [{"year": "2022", "count": 2}, {"year": "2023", "count": 3}, {"year": None, "count": 3}]),
    ("count distinct source", 2),                                   # outlets, not articles (CNN twice)
    ("count with China by partner_country as share order by count desc limit 2",
     [{"partner_country": "RUS", "count": 2, "share": 0.25}, {"partner_country": "UKR", "count": 2, "share": 0.25}]),
    ("count with Xi by partner compare 2023",
     [{"partner": "Ursula von der Leyen", "before": 0, "since": 1, "change": 1},
      {"partner": "Vladimir Putin", "before": 1, "since": 1, "change": 0},
      {"partner": "Volodymyr Zelensky", "before": 1, "since": 1, "change": 0}]),
    ("count with Xi by partner compare 2023 order by change",
     [{"change": 0}, {"change": 0}, {"change": 1}]),
    ("count with Xi compare 2023", [{"before": 2, "since": 3, "change": 1}]),
    ("timeline contacts in 2022 by year, dyad",
     [{"year": "2022", "dyad": "CHN–RUS", "count": 1}, {"year": "2022", "dyad": "CHN–UKR", "count": 1}]),
    ("timeline with Xi between 2022-07 and 2022-09 by month, mode",
     [{"month": m, "mode": "meeting", "count": int(m == "2022-09")} for m in ("2022-07", "2022-08", "2022-09")]),
    ("timeline with Xi since 2023 by quarter, mode",
     [{"quarter": "2023-Q1", "mode": "call", "count": 0}, {"quarter": "2023-Q1", "mode": "visit", "count": 1},
      {"quarter": "2023-Q2", "mode": "call", "count": 1}, {"quarter": "2023-Q2", "mode": "visit", "count": 1}]),
    ("count with China by partner order by partner desc limit 2",
     [{"partner": "Volodymyr Zelensky"}, {"partner": "Vladimir Putin"}]),
    ("count contacts by who_office, whom_office",
     [{"who_office": "head-of-state", "whom_office": "head-of-state", "count": 4},
      {"who_office": "none", "whom_office": "none", "count": 3},                  # states summoning states
      {"who_office": "head-of-government", "whom_office": "head-of-state", "count": 1}]),   # von der Leyen
    ("count contacts where who.office = head-of-state", 4),
    ("count contacts where who.office = head-of-government and whom.office = head-of-state", 1),
    ("count contacts where whom.office = none", 3),
    ("count contacts where who.office != head-of-state", 4),
    ("first with China by partner", [{"partner": "Volodymyr Zelensky", "date": "2022-01-04", "mode": "message"},
                                     {"partner": "Vladimir Putin", "date": "2022-09", "mode": "meeting"},
                                     {"partner": "Ursula von der Leyen", "date": "2023-04", "mode": "visit"}]),
    ("last with Xi by partner_country", [{"partner_country": "UKR", "mode": "call"},
                                         {"partner_country": "EU", "mode": "visit"},
                                         {"partner_country": "RUS", "mode": "visit", "date": "2023-03"}]),
    ("count contacts with Zelensky-partners", 5),                  # Zelensky's partner is Xi: Xi's contacts
    ("count distinct partner with Xi-partners", 1),                 # whom Xi's partners met: Xi alone here
    ("count with Putin-partners by partner",
     [{"partner": "Vladimir Putin", "count": 2}, {"partner": "Volodymyr Zelensky", "count": 2},
      {"partner": "Ursula von der Leyen", "count": 1}]),
    ("count contacts with Putin-partners in 2022-09", 1),          # the hop keeps the window too
    ("count distinct partner with China in 2023 where new = yes", 1),     # von der Leyen; Putin and Zelensky in 2022
    ("list with Xi where new = yes", [{"date": "2022-01-04", "whom": "Volodymyr Zelensky"},
                                      {"date": "2022-09", "whom": "Vladimir Putin"},
                                      {"date": "2023-04", "who": "Ursula von der Leyen"}]),
    ("count with Xi where new = no", 2),
    ("count contacts where new = yes", 3),                         # without a pattern: the same two actors
    ("count contacts last 2 quarters", 2),     # rolling, 2022-10-27 to today: not April's visit, which runs past it
]


@pytest.mark.parametrize("query, expected", ANSWERS, ids=[q for q, _ in ANSWERS])
def test_answer(seeds_store, query, expected):
    assert_answer(seeds_store.query(query, now=NOW), expected)


def test_a_panel_has_every_cell_and_adds_up(seeds_store):
    """Every period × dyad (of the dyads seen), zeros included; with the no-period rows, the total."""
    rows = seeds_store.query("timeline contacts by year, dyad", now=NOW).to_dicts()
    dated = [r for r in rows if r["year"]]
    assert len(dated) == len({r["year"] for r in dated}) * len({r["dyad"] for r in rows})
    assert sum(r["count"] for r in rows) == seeds_store.query("count contacts", now=NOW).scalar


def test_the_sql_that_query_prints_runs_as_printed(tmp_path):
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(ROOT / "seeds"), "--db", db]).exit_code == 0
    printed = runner.invoke(app, ["query", "count calls China -> * since 2022-02", "--db", db, "--sql"]).stdout
    sql, _, params = printed.rpartition("-- parameters: ")
    ran = runner.invoke(app, ["sql", sql, "--params", params.strip(), "--db", db, "--format", "json"])
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.stdout) == [{"count": 1}]
    one = runner.invoke(app, ["sql", "select count(*) AS n from contacts where who = $who", "--db", db,
                              "--param", "who=xi-jinping", "--format", "json"])
    assert json.loads(one.stdout) == [{"n": 4}]


GAPS = [
    ("gaps with Xi", [{"date": "2022-01-04", "previous": None, "days": None}, {"date": "2022-09", "days": 240},
                      {"date": "2023-03", "days": 152}, {"date": "2023-04", "days": 1},
                      {"date": "2023-04-26", "days": 0}]),                    # overlapping dates: no gap
    ("gaps with Xi by partner order by days desc limit 2",
     [{"partner": "Volodymyr Zelensky", "date": "2023-04-26", "previous": "2022-01-04", "days": 477},
      {"partner": "Vladimir Putin", "date": "2023-03", "previous": "2022-09", "days": 152}]),
]


@pytest.mark.parametrize("query, expected", GAPS, ids=[q for q, _ in GAPS])
def test_gaps(seeds_store, query, expected):
    test_answer(seeds_store, query, expected)


@pytest.fixture(scope="module")
def visits(tmp_path_factory):
    """Xi visits Russia (2023), Putin returns it (2024); Blinken's visit to China (2023) is not returned."""
    folder = tmp_path_factory.mktemp("visits")
    for name, published, text in [
            ("a.txt", "2023-03-22", "Chinese President Xi Jinping arrived in Moscow on Monday for a state visit to Russia."),
            ("b.txt", "2024-05-17", "Russian President Vladimir Putin arrived in Beijing on Thursday for a state visit to China."),
            ("c.txt", "2023-06-20", "US Secretary of State Antony Blinken arrived in Beijing on Sunday for a visit to China.")]:
        (folder / name).write_text(f"---\ntitle: Visit\npublished: {published}\n---\n{text}\n")
    import contacts
    store = contacts.open()
    store.ingest([folder])
    yield store
    store.close()


@pytest.mark.parametrize("query, expected", [
    ("list visits where returned = yes", [{"who": "Xi Jinping", "whom_country": "RUS"}]),
    ("count visits where returned = no", 2),
    ("count visits China -> * where returned = yes", 1),
    ("count visits * -> China where returned = yes", 0),                 # Putin's 2024 visit is not yet returned
    ("count distinct partner with Russia and with USA", 1),               # China received both
    ("count with Russia and with USA by partner", [{"partner": "China", "count": 1}]),
    ("count with Russia and with USA and with Xi", 0),
    ("count distinct partner with China and with Russia", 0),            # Putin is Russia itself, not its partner
])
def test_visits_returned(visits, query, expected):
    test_answer(visits, query, expected)
