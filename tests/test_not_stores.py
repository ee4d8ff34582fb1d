"""Files that are not stores, or no longer whole ones (issue 28, item 12), and the user's SQL
kept inside the store (item 2)."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import contacts
from conftest import SEEDS

CONTACTS = str(Path(sys.executable).parent / "contacts")


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([CONTACTS, *map(str, args)], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "s.duckdb"
    with contacts.open(path) as store:
        store.ingest([SEEDS])
    return path


def duckdb_file(path: Path, *statements: str) -> Path:
    with duckdb.connect(str(path)) as con:
        for statement in statements:
            con.execute(statement)
    return path


@pytest.mark.parametrize("statements, message", [
    (["CREATE MACRO plus_one(a) AS a + 1"], "not a contacts store"),
    (["CREATE SEQUENCE numbers"], "not a contacts store"),
    (["CREATE TYPE mood AS ENUM ('ok')"], "not a contacts store"),
    (["CREATE TABLE schema_version (version VARCHAR)", "INSERT INTO schema_version VALUES ('x')"],
     "not a contacts store"),
    (["CREATE TABLE schema_version (version INTEGER)", "INSERT INTO schema_version VALUES (6)"],
     "not a contacts store (no actors table)"),
    (["CREATE TABLE schema_version (v INTEGER)"], "not a contacts store"),
])
def test_a_duckdb_file_that_is_not_a_store_is_left_alone(tmp_path, statements, message):
    path = duckdb_file(tmp_path / "other.duckdb", *statements)
    before = path.read_bytes()
    for args in (["ingest", SEEDS], ["stats"], ["query", "count contacts"], ["check"]):
        run = cli(*args, "--db", path)
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
        assert len(run.stderr.splitlines()) == 1 and message in run.stderr, run.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["q.sqlite", "md:x", "s3://bucket/x.duckdb"])
def test_no_extension_is_fetched_to_open_a_store(tmp_path, name, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if name.endswith(".sqlite"):
        with sqlite3.connect(name) as con:
            con.execute("CREATE TABLE t (a)")
    run = cli("ingest", SEEDS, "--db", name)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "not a DuckDB file" in run.stderr or "names a remote database" in run.stderr, run.stderr
    assert not (Path.home() / ".duckdb" / "extensions").exists() or \
        not list((Path.home() / ".duckdb" / "extensions").rglob("*sqlite*"))


def test_a_store_cut_short_is_refused_on_open(db, tmp_path):
    cut = tmp_path / "cut.duckdb"
    data = db.read_bytes()
    cut.write_bytes(data[: len(data) - 300_000])
    for args in (["stats"], ["query", "count contacts"], ["check"]):
        run = cli(*args, "--db", cut)
        assert run.returncode == 1 and "Traceback" not in run.stderr
        assert "cut short" in run.stderr or "cannot open" in run.stderr or "cannot read" in run.stderr, run.stderr


def test_check_finds_a_flipped_byte(db, tmp_path):
    assert cli("check", "--db", db).returncode == 0
    found = 0
    data = db.read_bytes()
    for offset in range(3 * 4096 + 100, len(data), len(data) // 12):     # a byte in each of a dozen places
        flipped = tmp_path / f"flip{offset}.duckdb"
        flipped.write_bytes(data[:offset] + bytes([data[offset] ^ 0xFF]) + data[offset + 1:])
        run = cli("check", "--db", flipped)
        assert "Traceback" not in run.stderr, run.stderr
        found += run.returncode == 1
    assert found >= 1                     # free blocks hold nothing to check; the used ones are caught


def test_check_finds_a_broken_link(tmp_path):
    path = tmp_path / "s.duckdb"
    with contacts.open(path) as store:
        store.ingest([SEEDS])
        store.connection.execute("DELETE FROM articles WHERE id = (SELECT min(id) FROM articles)")
    with contacts.open(path, read_only=True) as store:
        problems = store.check()
    assert any("mentions of no stored article" in p for p in problems)


@pytest.mark.parametrize("sql", [
    "ATTACH '{other}' AS o (READ_ONLY false)",
    "ATTACH '{tmp}/new.duckdb' AS n",
    "COPY contacts TO '{tmp}/out.csv'",
    "EXPORT DATABASE '{tmp}/dump'",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM read_csv('{tmp}/x.csv')",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "INSTALL sqlite",
    "LOAD sqlite",
    "DELETE FROM contacts",
    "DROP TABLE tallies",
    "CREATE TABLE t AS SELECT 1",
])
def test_the_users_sql_cannot_reach_out_nor_write(db, tmp_path, sql):
    other = duckdb_file(tmp_path / "other.duckdb", "CREATE TABLE keep AS SELECT 1 AS a")
    (tmp_path / "x.csv").write_text("a\n1\n")
    run = cli("sql", sql.format(other=other, tmp=tmp_path), "--db", db)
    assert run.returncode == 1 and run.stderr.startswith("error: SQL failed") and "Traceback" not in run.stderr, \
        run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.duckdb", "x.csv"]
    with duckdb.connect(str(other)) as con:
        assert con.execute("SELECT * FROM keep").fetchall() == [(1,)]


def test_the_users_sql_still_reads_the_store(db):
    run = cli("sql", "SELECT count(*) AS n FROM contacts", "--db", db)
    assert run.returncode == 0 and "n" in run.stdout


def test_user_sql_needs_a_read_only_store():
    with contacts.open() as store, pytest.raises(contacts.StoreError, match="read-only"):
        store.user_sql("SELECT 1")
