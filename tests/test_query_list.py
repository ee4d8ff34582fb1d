"""`list` as researchers use it: dates and states in its rows (issue 27.17), a default row limit
that says what it cut (issue 28.7), and the families of modes (issue 27.7)."""

from datetime import date

import pytest
from typer.testing import CliRunner

from contacts import output
from contacts.cli import app
from contacts.query import compile
from contacts.query import errors as E
from conftest import ROOT, assert_answer

NOW = date(2023, 4, 26)

ANSWERS = [
    ("list visits * -> Xi", [{"date": "2023-04", "date_start": date(2023, 4, 1), "date_end": date(2023, 4, 30),
                              "who": "Ursula von der Leyen", "who_country": "EU", "whom_country": "CHN"}]),
    ("list summons * -> China", [{"who_country": "EST", "date_start": None}, {"who_country": "LVA"},
                                 {"who_country": "LTU"}]),
    ("count in-person Xi <-> Putin in 2023", 1),                  # the March visit
    ("count in-person Xi <-> Putin", 2),                          # and the 2022 meeting
    ("count remote with Xi", 2),                                  # a message and a call
    ("count contacts with Xi where mode = in-person", 3),
    ("count contacts with Xi where mode != in-person", 2),
    ("count remote, visits with Xi", 4),                          # not the 2022 meeting
]


@pytest.mark.parametrize("query, expected", ANSWERS, ids=[q for q, _ in ANSWERS])
def test_answer(seeds_store, query, expected):
    assert_answer(seeds_store.query(query, now=NOW), expected)


def test_the_default_limit_is_the_tables(seeds_store):
    assert E.LIST_ROWS == output.TABLE_ROWS


def _run(store, text, monkeypatch, cap):
    monkeypatch.setattr(E, "LIST_ROWS", cap)
    return store.run(compile(text, actors=store.query_actors(), now=NOW), text)


def test_a_list_without_limit_shows_the_first_rows_and_says_how_many_matched(seeds_store, monkeypatch):
    result = _run(seeds_store, "list contacts", monkeypatch, 3)
    assert len(result) == 3 and "_matched" not in result.columns
    assert result.notes == ("3 of 8 contacts shown: list shows 3 unless told (write 'limit 8' or 'limit all' "
                            "for every one, or count … by … to sum them up)",)
    assert [r["who"] for r in result.to_dicts()] == \
        [r["who"] for r in seeds_store.query("list contacts limit 3", now=NOW).to_dicts()]


@pytest.mark.parametrize("text, rows", [("list contacts limit all", 8), ("list contacts limit 5", 5),
                                        ("list summons", 3)])
def test_no_note_when_nothing_was_cut(seeds_store, monkeypatch, text, rows):
    result = _run(seeds_store, text, monkeypatch, 3)
    assert len(result) == rows and result.notes == ()


def test_the_command_line_prints_the_note_beside_the_table_and_on_stderr_beside_csv(tmp_path, monkeypatch):
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(ROOT / "seeds"), "--db", db]).exit_code == 0
    monkeypatch.setattr(E, "LIST_ROWS", 2)
    table = runner.invoke(app, ["query", "list contacts", "--db", db])
    assert table.exit_code == 0 and "… 2 of 8 contacts shown" in table.stdout
    csv = runner.invoke(app, ["query", "list contacts", "--db", db, "--format", "csv"])
    assert len(csv.stdout.splitlines()) == 3 and "2 of 8 contacts shown" in csv.stderr


def test_the_export_and_the_language_agree_on_each_sides_state(tmp_path):
    """Issue 26.7: von der Leyen visited Xi in 2023 as the EU's, not Germany's; export and list say so alike."""
    import contacts
    import csv as csv_module
    db, target = str(tmp_path / "s.duckdb"), tmp_path / "out.csv"
    with contacts.open(db) as store:
        store.ingest([ROOT / "seeds"])
        store.export(target)
        listed = {r["id"]: (r["who_country"], r["whom_country"])
                  for r in store.query("list contacts status any limit all").to_dicts()}
    exported = {r["id"]: (r["who_country"], r["whom_country"]) for r in csv_module.DictReader(target.open())}
    assert exported == listed
    assert ("EU", "CHN") in exported.values()
