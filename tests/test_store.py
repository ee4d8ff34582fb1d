"""The store: idempotent, transactional ingest and fusion across articles."""

import os
from datetime import date

import duckdb
import pytest

import contacts
from contacts.fusion import group_text_sql
from contacts.errors import SchemaVersionError, StoreError, StoreInUseError
from contacts.models import Article

from conftest import SEEDS

PUB = date(2023, 6, 1)


def art(text, name, published=PUB, source="Test"):
    return Article(text=text, name=name, published=published, source=source)


def contact_rows(store):
    return store.sql("SELECT who, whom, mode, date_start, precision, n_sources FROM contacts "
                     "ORDER BY date_start NULLS LAST, who, whom, mode")[1]


def test_seeds_give_one_call_with_two_sources(seeds_store):
    _, rows = seeds_store.sql("SELECT id, n_sources, date_start FROM contacts WHERE mode = 'call' "
                              "AND 'xi-jinping' IN (who, whom) AND 'volodymyr-zelensky' IN (who, whom)")
    assert len(rows) == 1 and rows[0][1] == 2 and rows[0][2] == date(2023, 4, 26)
    shown = seeds_store.show(rows[0][0])
    assert {s["article"] for s in shown["sources"]} == {"000_ce2cafdec42ce531.txt", "003_65be4346e1c38f0e.txt"}


def test_reingest_changes_nothing(store):
    first = store.ingest([SEEDS])
    before = contact_rows(store), store.stats()
    again = store.ingest([SEEDS])
    assert (first.new, again.new, again.unchanged) == (2, 0, 2)
    assert (contact_rows(store), store.stats()) == before


def test_failing_file_among_good_ones(store, tmp_path):
    (tmp_path / "good.txt").write_text("---\npublished: 2023-06-01\n---\nXi Jinping met Vladimir Putin in Moscow.")
    (tmp_path / "empty.txt").write_text("")
    report = store.ingest([tmp_path])
    assert (report.new, report.failed) == (1, 1)
    assert "empty.txt" in report.errors[0]


A = "Chinese President Xi Jinping met Russian President Vladimir Putin on May 3, 2023."
B = "Putin and Xi met in early May, officials said."
C = "Xi Jinping and Vladimir Putin held a meeting, the Kremlin said."


@pytest.mark.parametrize("order", [(A, B, C), (C, B, A), (B, C, A)])
def test_fusion_does_not_depend_on_order(order):
    with contacts.open() as s:
        for n, text in enumerate(order):
            s.ingest(art(text, f"a{n}"))
        rows = contact_rows(s)
    assert len(rows) == 1 and rows[0][2] == "meeting"
    assert rows[0][3] == date(2023, 5, 3) and rows[0][5] == 3


def test_fusion_is_incremental_and_keeps_separate_events_apart(store):
    store.ingest(art("Xi Jinping spoke by phone with Vladimir Putin on January 5, 2023.", "jan"))
    store.ingest(art("Xi Jinping spoke by phone with Vladimir Putin on March 9, 2023.", "mar"))
    report = store.ingest(art("Putin and Xi spoke by phone on Thursday, March 9, 2023.", "mar2"))
    assert (report.contacts_created, report.contacts_updated) == (0, 1)
    assert [r[5] for r in contact_rows(store)] == [1, 2]
    # An undated mention has two candidates: it joins neither.
    store.ingest(art("Xi Jinping has spoken by phone with Vladimir Putin, the Kremlin said.", "undated"))
    assert len(contact_rows(store)) == 3


def test_failed_transaction_leaves_store_as_it_was(store, monkeypatch):
    store.ingest(art("Xi Jinping spoke by phone with Vladimir Putin on January 5, 2023.", "first"))
    before = contact_rows(store), store.stats()

    def broken(self, x):
        raise duckdb.ConstraintException("simulated failure half-way")
    monkeypatch.setattr(contacts.Store, "_insert_tallies", broken)
    report = store.ingest(art("Joe Biden spoke by phone with Olaf Scholz on May 1, 2023.", "second"))
    assert report.failed == 1 and "simulated failure" in report.errors[0]
    assert (contact_rows(store), store.stats()) == before


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    contacts.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE schema_version SET version = 999")
    con.close()
    with pytest.raises(SchemaVersionError, match="newer"):
        contacts.open(path)


def test_foreign_duckdb_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE mine (x INT)")
    con.close()
    with pytest.raises(StoreError, match="not a contacts store"):
        contacts.open(path)
    con = duckdb.connect(str(path))
    assert con.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0] == 1


def test_not_a_database_file(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("just some notes, not a database")
    with pytest.raises(StoreError):
        contacts.open(path)
    assert path.read_text() == "just some notes, not a database"


def test_reextract_after_extractor_upgrade(store, monkeypatch):
    store.ingest([SEEDS])
    before = contact_rows(store)
    store.connection.execute("UPDATE articles SET extractor_version = '0.0.0'")
    report = store.reextract()
    assert report.reextracted == 2 and contact_rows(store) == before


def test_reextracting_an_article_replaces_what_it_fed_and_keeps_the_rest(store):
    """Its old mentions' contacts go (even one it alone fed, whose group it no longer
    touches); a contact it shared with another article loses only that source."""
    shared = "Xi Jinping met Vladimir Putin in Moscow on March 21, 2023."
    store.ingest([Article(id="a1", name="a1", text=shared + " Xi Jinping called Joe Biden on March 22, 2023.",
                          published=PUB, source="One"),
                  art(shared, "b", source="Two")], workers=0)
    assert [(r[2], r[5]) for r in contact_rows(store)] == [("visit", 2), ("call", 1)]
    store.connection.execute("UPDATE articles SET extractor_version = '0.0.0' WHERE id = 'a1'")
    report = store.ingest([Article(id="a1", name="a1", text="Li Qiang visited Berlin on June 20, 2023.",
                                   published=PUB, source="One")], workers=0)
    assert report.reextracted == 1
    rows = contact_rows(store)
    assert [(r[0], r[2], r[5]) for r in rows] == [("xi-jinping", "visit", 1), ("li-qiang", "visit", 1)]
    assert store.sql("SELECT count(*) FROM contact_sources")[1] == [(2,)]
    assert store.sql("SELECT count(*) FROM mentions WHERE article = 'a1'")[1] == [(1,)]
    assert store.sql("SELECT sources FROM contacts WHERE who = 'xi-jinping'")[1] == [(["two"],)]


def test_export_formats(seeds_store, tmp_path):
    for fmt in ("parquet", "csv", "jsonl"):
        n = seeds_store.export(tmp_path / f"c.{fmt}", fmt)
        assert n == len(contact_rows(seeds_store)) and (tmp_path / f"c.{fmt}").stat().st_size > 0


def _as_written(path):
    """What a seeds store holds that schema upgrades fill or change: contacts' evidence and
    outlets, mentions' groups, the indexes and keys, the tallies."""
    with contacts.open(path) as store:
        return (store.sql("SELECT id, evidence, sources FROM contacts ORDER BY id")[1],
                store.sql("SELECT id, grp FROM mentions ORDER BY id")[1],
                store.sql("SELECT index_name FROM duckdb_indexes() ORDER BY 1")[1],
                store.query('count calls Xi <-> Zelensky where source = "cnn"').scalar,
                store.sql("SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
                          "ORDER BY 1")[1],
                store.sql("SELECT * FROM tallies ORDER BY id")[1])


def _keyed_as_before_6(con):
    """Mentions and tallies as schemas 3 to 5 wrote them: with primary keys."""
    from test_migrations import _undo_6
    con.execute("DROP VIEW contact_view")
    _undo_6(con)


def test_a_schema_3_store_gains_evidence_outlets_groups_and_indexes(tmp_path):
    path = tmp_path / "s.duckdb"
    with contacts.open(path) as store:
        store.ingest([SEEDS])
    expected = _as_written(path)
    con = duckdb.connect(str(path))           # as schema 3 wrote it: no such columns, no indexes
    for (name,) in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall():
        con.execute(f"DROP INDEX {name}")
    _keyed_as_before_6(con)
    for table, column in (("contacts", "evidence"), ("contacts", "sources"), ("mentions", "grp")):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("UPDATE schema_version SET version = 3")
    con.close()
    assert _as_written(path) == expected
    contacts_rows, groups, indexes, cnn_calls, keyed, tallies = expected
    assert any(row[2] == ["cnn"] for row in contacts_rows) and all(row[1] for row in contacts_rows)
    assert all(isinstance(g, int) for _, g in groups) and indexes == [("mentions_grp",)] and cnn_calls == 1
    assert ("mentions",) not in keyed and ("articles",) in keyed and tallies


def test_a_schema_4_store_gets_hashed_groups_and_drops_the_indexes_it_no_longer_needs(tmp_path):
    path = tmp_path / "s.duckdb"
    with contacts.open(path) as store:
        store.ingest([SEEDS])
    expected = _as_written(path)
    con = duckdb.connect(str(path))           # as schema 4 wrote it: groups as text, on contacts too
    con.execute("DROP INDEX mentions_grp")
    _keyed_as_before_6(con)
    con.execute(f"ALTER TABLE mentions ALTER COLUMN grp SET DATA TYPE VARCHAR USING {group_text_sql('mentions')}")
    con.execute("ALTER TABLE contacts ADD COLUMN grp VARCHAR")
    con.execute(f"UPDATE contacts SET grp = {group_text_sql('contacts')}")
    for table, column in (("mentions", "grp"), ("contacts", "grp"), ("contact_sources", "contact"),
                          ("mentions", "article")):
        con.execute(f"CREATE INDEX {table}_{column} ON {table} ({column})")
    con.execute("UPDATE schema_version SET version = 4")
    con.close()
    assert _as_written(path) == expected
    with contacts.open(path) as store:
        assert "grp" not in store.sql("SELECT * FROM contacts LIMIT 0")[0]


def test_a_schema_5_store_drops_the_keys_of_mentions_and_tallies_and_the_index_of_links(tmp_path):
    path = tmp_path / "s.duckdb"
    with contacts.open(path) as store:
        store.ingest([SEEDS])
        store.ingest([art("Xi met Putin in Moscow on Monday; they have met 40 times since 2013.", "t1")])
    expected = _as_written(path)
    con = duckdb.connect(str(path))           # as schema 5 wrote it
    con.execute("DROP INDEX mentions_grp")
    _keyed_as_before_6(con)
    con.execute("CREATE INDEX mentions_grp ON mentions (grp)")
    con.execute("CREATE INDEX contact_sources_mention ON contact_sources (mention)")
    con.execute("UPDATE schema_version SET version = 5")
    con.close()
    assert _as_written(path) == expected
    with contacts.open(path) as store:
        assert store.sql("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '%keyed'")[1] == [(0,)]
        assert store.show(expected[0][0][0])["sources"]              # the view and the joins work on the new tables
        store.ingest([art("Xi met Putin in Moscow on Monday; they have met 40 times since 2013.", "t1"),
                      art("Xi met Putin in Moscow on Monday.", "t2")])
        assert store.query("count meetings Xi <-> Putin").scalar == 1


def test_ingest_caps_duckdb_memory_and_restores_it(monkeypatch):
    with contacts.open() as store:
        before = store.sql("SELECT current_setting('memory_limit')")[1]
        seen = []
        store.ingest([art("Xi met Putin on Monday.", "m1")], on_item=lambda *_: seen.append(
            store.connection.execute("SELECT current_setting('memory_limit')").fetchone()[0]))
        assert seen and seen[0] != before[0][0] and store.sql("SELECT current_setting('memory_limit')")[1] == before
        assert store.sql("SELECT current_setting('threads')")[1][0][0] > 1 or (os.cpu_count() or 1) == 1
        monkeypatch.setattr("contacts.store.INGEST_MEMORY", "lots; DROP TABLE contacts")
        with pytest.raises(StoreError, match="not a size"):
            store.ingest([art("Xi met Putin on Tuesday.", "m2")])
        assert store.sql("SELECT count(*) FROM contacts")[1][0][0] == 1


def test_a_cap_below_what_the_store_holds_already_leaves_the_ingest_uncapped(monkeypatch, tmp_path):
    monkeypatch.setattr("contacts.store.INGEST_MEMORY", "1MB")
    with contacts.open(tmp_path / "s.duckdb") as store:
        report = store.ingest([SEEDS], workers=1)
        assert report.failed == 0 and report.new == 2, report.errors


def test_the_cap_leaves_room_for_what_duckdb_cannot_evict(tmp_path):
    """Indexes and tables in memory cannot be evicted: the cap bounds the cache of table blocks only."""
    with contacts.open(tmp_path / "s.duckdb") as store:
        store.ingest([SEEDS], workers=1)
        store.connection.execute("CREATE TEMP TABLE held AS SELECT md5(range::VARCHAR) AS t FROM range(100000)")
        store._cap = 64 * 2**20
        store._refresh_cap()
        held = store.connection.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory() "
                                        "WHERE tag <> 'BASE_TABLE'").fetchone()[0]
        limit = store.connection.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert held > 0 and limit == f"{(64 * 2**20 + int(held)) // 2**20}.0 MiB"


@pytest.mark.parametrize("failures, caps_tried", [
    (1, ["128.0", "192.0"]),                          # retried under a cap raised by half, kept for later batches
    (4, ["128.0", "192.0", "288.0", "432.0", None]),  # past four times the cap: retried with it lifted
])
def test_running_out_of_memory_under_the_cap_retries_the_batch(monkeypatch, failures, caps_tried):
    """The cap saves memory; it must never cost an article."""
    with contacts.open() as store:
        caps, real = [], store._store

        def out_of_memory(xs, replacing, report):
            caps.append(None if store._cap is None else f"{store._cap / 2**20:.1f}")
            if len(caps) <= failures:
                raise StoreError("storing 2 articles failed") from duckdb.OutOfMemoryException("failed to pin block")
            return real(xs, replacing, report)

        monkeypatch.setattr(store, "_store", out_of_memory)
        report = store.ingest([SEEDS], workers=1)
        assert report.failed == 0 and report.new == 2, report.errors
        assert caps == caps_tried


def test_a_failed_batch_reopens_a_stored_file_and_the_ingest_goes_on(monkeypatch, tmp_path):
    """A rollback after DuckDB ran out of memory can leave rows marked deleted in its memory
    (the next delete of them failed with "Conflict on tuple deletion!"): a fresh connection
    knows only what was committed."""
    with contacts.open(tmp_path / "s.duckdb") as store:
        store.ingest([art("Xi met Putin on Monday.", "m1")], workers=1)
        first, real = store.connection, store._insert_tallies

        def fails_for_m3(xs):
            if any(x.article.name == "m3" for x in xs):
                raise duckdb.ConstraintException("a broken article")
            return real(xs)

        monkeypatch.setattr(store, "_insert_tallies", fails_for_m3)
        seen = []
        report = store.ingest([art("Xi met Putin on Tuesday.", "m2"), art("Xi met Putin on Wednesday.", "m3"),
                               art("Xi met Putin on Thursday.", "m4")], workers=1, on_item=lambda *_: seen.append(
            store.connection.execute("SELECT current_setting('threads'), current_setting('memory_limit')").fetchone()))
        assert (report.new, report.failed) == (2, 1) and "m3" in report.errors[0], report.summary()
        assert store.connection is not first and {threads for threads, _ in seen} == {1}
        assert all(limit.endswith(" MiB") and float(limit.split()[0]) < 1024 for _, limit in seen)   # still capped
        assert store.sql("SELECT count(*) FROM mentions")[1] == [(3,)]


def test_a_store_that_cannot_be_opened_again_after_a_failed_batch_stops_the_ingest_with_what_it_stored(
        monkeypatch, tmp_path):
    with contacts.open(tmp_path / "s.duckdb") as store:
        real = store._insert_tallies

        def fails_for_m2(xs):
            if any(x.article.name == "m2" for x in xs):
                raise duckdb.ConstraintException("a broken article")
            return real(xs)

        monkeypatch.setattr(store, "_insert_tallies", fails_for_m2)
        store.ingest([art("Xi met Putin on Monday.", "m1")], workers=1)
        monkeypatch.setattr("contacts.store._connect", lambda path, read_only: (_ for _ in ()).throw(
            StoreInUseError(f"store {path} is in use by another process")))
        with pytest.raises(StoreError, match="could not be opened again: store .* is in use.*run the ingest again"):
            store.ingest([art("Xi met Putin on Tuesday.", "m2")], workers=1)
    monkeypatch.undo()
    with contacts.open(tmp_path / "s.duckdb") as store:
        assert store.sql("SELECT name FROM articles")[1] == [("m1",)]
