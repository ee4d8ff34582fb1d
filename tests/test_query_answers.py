"""The query language over the seeds' store: the answers the annotation implies,
and every saved query in queries/ with its expected result."""

from datetime import date

import pytest

from contacts import script
from conftest import ROOT

NOW = date(2023, 4, 26)     # the seeds' publication date: "today" for their questions

# (query, expected): an int is the count; a list holds the expected rows, each a
# dict of the columns that matter (other columns are not compared).
ANSWERS = [
    ("count calls Xi -> Zelensky since 2022-02", 1),
    ("count calls Xi → Zelensky since 2022-02", 1),
    ("count calls Zelensky -> Xi since 2022-02", 1),           # undirected: either way
    ("count calls Xi <- Zelensky", 1),
    ("first contact Xi <-> Zelensky", [{"date": "2022-01-04", "mode": "message", "who": "Xi Jinping"}]),
    ("first contact Xi <-> Zelensky since 2022-02-24", [{"date": "2023-04-26", "mode": "call", "sources": 2}]),
    ("last contact Xi <-> Zelensky", [{"date": "2023-04-26", "mode": "call"}]),
    ("count summons * -> China", 3),
    ("count summons China -> *", 0),                           # directed: China summoned no one
    ("count summons * <-> China", 3),
    ("tallies Xi <-> Putin", [{"count": 5, "who": "Xi Jinping", "whom": "Vladimir Putin", "mode": "contact"}]),
    ("tallies calls Xi <-> Putin", []),
    ("count meetings Xi <-> Putin in 2022", 1),
    ("count meetings Xi <-> Putin in 2022-09", 1),
    ("count meetings Xi <-> Putin in 2022-09-15", 0),          # known only to the month: not inside one day
    ("count calls Xi → Putin since 2022-02", 0),
    ("list meetings Xi <-> Putin in 2023", []),                # the 2023 encounter is a visit
    ("list visits Xi -> *", [{"date": "2023-03", "whom": "Vladimir Putin", "location": "Russia"}]),
    ("list visits * -> Xi", [{"who": "Ursula von der Leyen", "date": "2023-04"}]),
    ("count visits * -> China", 1),                            # a visit to Xi is a visit to China
    ("count visits European Union -> China", 1),               # von der Leyen speaks for the EU
    ("count contacts Russia <-> China", 2),
    ("list summons * -> China in 2023-04", []),                # undated: no time filter matches
    ("list visits * -> China where source = \"CNN\"", [{"who": "Ursula von der Leyen"}]),
    ("list visits * -> China where source = cnn", [{"who": "Ursula von der Leyen"}]),
    ("count contacts where source != CNN", 0),
    ("count visits, meetings Xi <-> * between 2023-01 and 2023-06 by mode", [{"mode": "visit", "count": 2}]),
    ("count contacts China -> * by whom since 2022 order by count desc limit 10",
     [{"whom": "Vladimir Putin", "count": 2}, {"whom": "Volodymyr Zelensky", "count": 2}]),
    ("count calls Xi -> Putin since 2022-02 by month", []),
    ("count envoys", 0),                                       # the envoy is only announced
    ("count envoys status planned", 1),
    ("count envoys where status = planned", 1),
    ("count contacts status any", 9),
    ("count contacts", 8),
    ("count contacts where sources >= 2", 1),
    ("count contacts where precision = day", 2),
    ("count contacts where location = Moscow", 1),
    ("count contacts with Xi", 5),
    ("count contacts with Li Qiang", 0),
    ("count contacts by year", [{"year": "2022", "count": 2}, {"year": "2023", "count": 3}, {"year": None, "count": 3}]),
    ("timeline Xi <-> Zelensky by year", [{"year": "2022", "count": 1}, {"year": "2023", "count": 1}]),
    ("timeline Xi <-> Zelensky since 2022-02 by quarter",
     [{"quarter": q, "count": n} for q, n in [("2022-Q1", 0), ("2022-Q2", 0), ("2022-Q3", 0), ("2022-Q4", 0),
                                              ("2023-Q1", 0), ("2023-Q2", 1)]]),
    ("count contacts Xi <-> * last 2 months", 2),   # the March visit and the call; April's visit runs past "now"
    ("count contacts last 30 days", 1),
    ("sources Xi <-> Zelensky", [{"article": "000_ce2cafdec42ce531.txt", "contacts": 1},
                                 {"article": "003_65be4346e1c38f0e.txt", "source": "CNN", "contacts": 2}]),
]


def _check(result, expected):
    if isinstance(expected, int):
        assert result.scalar == expected
    else:
        rows = result.to_dicts()
        assert len(rows) == len(expected), rows
        for row, want in zip(rows, expected):
            assert {k: row[k] for k in want} == want, row


@pytest.mark.parametrize("query, expected", ANSWERS, ids=[q for q, _ in ANSWERS])
def test_answer_over_the_seeds(seeds_store, query, expected):
    _check(seeds_store.query(query, now=NOW), expected)


# ---- saved queries: every query of every file in queries/ ----------------------------
SAVED = {
    ("china_ukraine.cq", "Calls between the two leaders since the invasion"): 1,
    ("china_ukraine.cq", "The first recorded contact between the two leaders"):
        [{"date": "2022-01-04", "mode": "message"}],
    ("china_ukraine.cq", "Every contact between the two leaders, dated, with its evidence"):
        [{"date": "2022-01-04", "mode": "message"}, {"date": "2023-04-26", "mode": "call", "sources": 2}],
    ("china_ukraine.cq", "The articles behind those contacts"):
        [{"article": "000_ce2cafdec42ce531.txt"}, {"article": "003_65be4346e1c38f0e.txt", "contacts": 2}],
    ("china_ukraine.cq", "Envoys China has announced it will send to Ukraine"):
        [{"who": "China", "whom": "Ukraine", "status": "planned"}],
    ("china_russia.cq", "Face-to-face meetings of the two leaders in 2022"): 1,
    ("china_russia.cq", "Visits by the Chinese leader to his Russian counterpart"):
        [{"date": "2023-03", "location": "Russia"}],
    ("china_russia.cq", "Counts of their contacts that the press reports as a total"): [{"count": 5}],
    ("china_russia.cq", "Their contacts by year and mode"):
        [{"year": "2022", "mode": "meeting", "count": 1}, {"year": "2023", "mode": "visit", "count": 1}],
    ("china_abroad.cq", "Summonses of Chinese diplomats"): 3,
    ("china_abroad.cq", "Which states summoned Chinese diplomats"):
        [{"who": "Estonia", "count": 1}, {"who": "Latvia", "count": 1}, {"who": "Lithuania", "count": 1}],
    ("china_abroad.cq", "Whom China's leaders and officials reached out to, most contacts first"):
        [{"whom": "Vladimir Putin", "count": 2}, {"whom": "Volodymyr Zelensky", "count": 2}],
    ("china_abroad.cq", "Visits to China as CNN reported them"): [{"who": "Ursula von der Leyen"}],
    ("china_abroad.cq", "China's contacts per quarter (empty quarters shown as 0)"):
        [{"quarter": q, "count": n} for q, n in [("2022-Q1", 1), ("2022-Q2", 0), ("2022-Q3", 1), ("2022-Q4", 0),
                                                 ("2023-Q1", 1), ("2023-Q2", 2)]],
}
FILES = sorted((ROOT / "queries").glob("*.cq"))


def test_every_saved_query_has_an_expected_result():
    titles = {(f.name, q.title) for f in FILES for q in script.load(f).queries}
    assert len(titles) >= 10
    assert titles == set(SAVED)


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_saved_queries_give_their_expected_results(seeds_store, path):
    for title, result in seeds_store.run_script(script.load(path), now=NOW):
        _check(result, SAVED[(path.name, title)])


def test_saved_query_parameters_can_be_overridden(seeds_store):
    results = dict(seeds_store.run_script(script.load(ROOT / "queries" / "china_ukraine.cq"), now=NOW,
                                          invasion="2023-05"))
    assert results["Calls between the two leaders since the invasion"].scalar == 0
