"""Hints that point the right way (issue 27, item 15)."""

import subprocess
import sys

import duckdb
from typer.testing import CliRunner

import contacts
from contacts.cli import app

runner = CliRunner()


def _query(db, text="count"):
    return runner.invoke(app, ["query", text, "--db", str(db)])


def test_a_duckdb_file_that_is_not_a_store(tmp_path):
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE t (a INTEGER)")
    result = _query(other)
    assert result.stderr == f"error: {other} is not a contacts store (give another file with --db)\n"
    assert "not a contacts store" in runner.invoke(app, ["ingest", "seeds", "--db", str(other)]).stderr


def test_an_empty_duckdb_file_can_become_a_store(tmp_path):
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    assert "create it with 'contacts ingest --db FILE …'" in _query(empty).stderr


def test_a_store_in_use_does_not_suggest_an_option_query_lacks(tmp_path):
    path = tmp_path / "s.duckdb"
    contacts.open(path).close()
    writer = subprocess.Popen([sys.executable, "-c", f"import contacts, time; s = contacts.open({str(path)!r}); "
                                                     "print('open', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        result = _query(path)
    finally:
        writer.kill()
        writer.wait()
    assert result.exit_code == 1 and "is in use by another process" in result.stderr
    assert "--read-only" not in result.stderr and "readers share a store" in result.stderr


def test_query_errors_carry_their_documented_code(tmp_path):
    path = tmp_path / "s.duckdb"
    contacts.open(path).close()
    lines = _query(path, "count cals Xi -> Putin").stderr.splitlines()
    assert lines[0] == "error: line 1, column 7: unknown word 'cals' (did you mean 'calls'?) [E403]"
    assert lines[1:] == ["count cals Xi -> Putin", "      ^"]
