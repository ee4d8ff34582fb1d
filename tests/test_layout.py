"""The contacts table kept in (who, whom, date) order: what sorting keeps, when ingest sorts."""

from datetime import date

import duckdb
import pytest
from typer.testing import CliRunner

import contacts
from contacts import layout
from contacts.cli import app
from contacts.errors import StoreError
from contacts.models import Article

from conftest import SEEDS

PUB = date(2023, 6, 1)
# Each sentence one contact between other actors, so that each article appends contacts.
SENTENCES = [
    "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on May 3, 2023.",
    "French President Emmanuel Macron spoke by phone with Ukrainian President Volodymyr Zelensky on May 2, 2023.",
    "German Chancellor Olaf Scholz met Indian Prime Minister Narendra Modi in Berlin on May 1, 2023.",
    "Japanese Prime Minister Fumio Kishida held talks with U.S. President Joe Biden on April 28, 2023.",
]


def _articles(n: int) -> list[Article]:
    return [Article(text=SENTENCES[k % len(SENTENCES)].replace("2023", str(2023 - k // len(SENTENCES))),
                    name=f"a{k}", published=PUB, source="Test") for k in range(n)]


def _physical(store) -> list[tuple]:
    """The contacts in the order the table holds them."""
    return store.connection.execute("SELECT who, whom, date_start, id FROM contacts").fetchall()


def _in_order(rows: list[tuple]) -> bool:
    return rows == sorted(rows, key=lambda r: (r[0], r[1], r[2] or date.min, r[3]))


@pytest.fixture
def sorted_seeds():
    with contacts.open() as store:
        store.ingest([SEEDS], workers=0)
        before = {q: store.query(q).rows for q in ("list contacts * <-> *", "count contacts * <-> * by mode",
                                                   "timeline Xi <-> Zelensky")}
        store.optimize()
        yield store, before


def test_sorting_keeps_rows_answers_constraints_and_indexes(sorted_seeds):
    store, before = sorted_seeds
    assert _in_order(_physical(store))
    assert {q: store.query(q).rows for q in before} == before
    store.connection.execute("CREATE INDEX contacts_who ON contacts (who)")   # a user's own index
    store.optimize()
    indexes = store.connection.execute("SELECT index_name FROM duckdb_indexes() "
                                       "WHERE table_name = 'contacts'").fetchall()
    assert indexes == [("contacts_who",)]
    some_id = _physical(store)[0][3]
    with pytest.raises(duckdb.ConstraintException):       # the primary key is still there
        store.connection.execute("INSERT INTO contacts SELECT * FROM contacts WHERE id = ?", [some_id])
    assert store.sql("SELECT count(*) FROM contact_view")[1] == [(store.stats()["contacts"],)]
    assert layout.unsorted(store.connection) == 0


def test_ingest_counts_appended_contacts_and_sorts_when_due(monkeypatch):
    monkeypatch.setattr(layout, "MIN_TAIL", 6)
    with contacts.open() as store:
        first = store.ingest(_articles(4), workers=0)
        assert first.contacts_sorted == 0 and layout.unsorted(store.connection) == 4
        second = store.ingest(_articles(8)[4:], workers=0)       # 8 appended: past MIN_TAIL and a tenth
        assert second.contacts_sorted == 8 and "8 contacts put in order" in second.summary()
        assert layout.unsorted(store.connection) == 0 and _in_order(_physical(store))


def test_a_small_tail_is_left_unsorted(monkeypatch):
    monkeypatch.setattr(layout, "MIN_TAIL", 2)
    monkeypatch.setattr(layout, "MAX_SHARE", 0.9)
    with contacts.open() as store:
        store.ingest(_articles(8), workers=0)                       # sorted: 8 of 8 unsorted
        report = store.ingest(_articles(11)[8:], workers=0)
        # 3 new contacts, and the 6 of their fusion groups appended again: 9 of 11, under 0.9
        assert report.contacts_sorted == 0 and layout.unsorted(store.connection) == 9


def test_a_failed_sort_leaves_the_table_as_it_was(monkeypatch):
    with contacts.open() as store:
        store.ingest(_articles(4), workers=0)
        rows = _physical(store)
        ddl, _ = layout._definition(store.connection)
        monkeypatch.setattr(layout, "_definition", lambda con: (ddl, ["CREATE INDEX broken ON contacts (nothing)"]))
        with pytest.raises(StoreError, match="sorting the contacts failed.*as they were"):
            store.optimize()
        assert _physical(store) == rows and layout.unsorted(store.connection) == 4
        tables = store.sql("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'contacts%'")[1]
        assert tables == [("contacts",)]          # no contacts_sorted left behind


def test_a_failed_sort_after_ingest_is_reported_not_fatal(monkeypatch):
    monkeypatch.setattr(layout, "MIN_TAIL", 1)
    monkeypatch.setattr(layout, "sort", lambda con: (_ for _ in ()).throw(StoreError("sorting the contacts failed")))
    with contacts.open() as store:
        report = store.ingest(_articles(2), workers=0)
        assert report.ok and report.new == 2 and report.errors == ["sorting the contacts failed"]


def test_the_sort_after_ingest_runs_under_the_cap_and_eases_it_as_a_batch_does(monkeypatch, tmp_path):
    """Uncapped, sorting 1M contacts at the end of a 100k-article ingest raised its peak memory by a third."""
    monkeypatch.setattr(layout, "MIN_TAIL", 1)
    real, limits = layout.sort, []

    def out_of_memory_once(con):
        limits.append(con.execute("SELECT current_setting('memory_limit'), current_setting('threads')").fetchone())
        if len(limits) == 1:
            raise StoreError("sorting the contacts failed") from duckdb.OutOfMemoryException("failed to pin block")
        return real(con)

    monkeypatch.setattr(layout, "sort", out_of_memory_once)
    with contacts.open(tmp_path / "s.duckdb") as store:
        default = store.sql("SELECT current_setting('memory_limit')")[1][0][0]
        report = store.ingest(_articles(2), workers=0)
        assert report.ok and report.contacts_sorted == 2 and not report.errors
        (first, threads), (second, _) = limits
        assert default not in (first, second) and float(second.split()[0]) > float(first.split()[0]) >= 128
        assert threads == store.sql("SELECT current_setting('threads')")[1][0][0]    # every core: the workers are done


def test_a_store_without_the_counter_counts_every_row_unsorted(store):
    store.ingest(_articles(3), workers=0)
    store.connection.execute("DELETE FROM meta WHERE key = 'contacts_unsorted'")   # as stores before it
    assert layout.unsorted(store.connection) == 3
    store.optimize()
    assert layout.unsorted(store.connection) == 0


def test_cli_optimize(tmp_path):
    db = str(tmp_path / "c.duckdb")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(SEEDS), "--db", db, "-q"]).exit_code == 0
    result = runner.invoke(app, ["optimize", "--db", db])
    assert result.exit_code == 0 and result.output.strip().endswith("contacts in order.")
    with contacts.open(db, read_only=True) as store:
        assert _in_order(_physical(store))
