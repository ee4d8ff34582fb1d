"""The bad-input corpus (tests/data/bad): each file gives its one-line error through the CLI,
exits non-zero without a traceback, and leaves the store exactly as it was."""

import os
import sys
import subprocess
import tomllib
from pathlib import Path

import pytest

import contacts
from conftest import ROOT, SEEDS

BAD = ROOT / "tests" / "data" / "bad"
EXPECTED = tomllib.loads((BAD / "expected.toml").read_text("utf-8"))
CONTACTS = str(Path(sys.executable).parent / "contacts")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "store.duckdb"
    with contacts.open(path) as store:
        store.ingest([SEEDS])
    return path


def dump(path) -> dict:
    """Every row of every table (ingest times aside), to compare a store before and after."""
    with contacts.open(path, read_only=True) as store:
        tables = ["articles", "mentions", "evidence", "contacts", "contact_sources", "tallies", "actors",
                  "affiliations", "roles"]
        select = {t: f"SELECT * FROM {t}" for t in tables} | {"articles": "SELECT * EXCLUDE (ingested_at) FROM articles"}
        return {t: sorted(map(repr, store.sql(select[t])[1])) for t in tables}


def ingest(path, db) -> subprocess.CompletedProcess:
    return subprocess.run([CONTACTS, "ingest", str(path), "--db", str(db)], capture_output=True, text=True,
                          timeout=120)


def check_refused(path, db, message: str) -> None:
    before = dump(db)
    run = ingest(path, db)
    assert run.returncode != 0
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and message in errors[0], run.stderr
    assert str(path.name) in errors[0]
    assert "Traceback" not in run.stderr + run.stdout
    after = dump(db)
    if path.suffix == ".jsonl":                      # the good lines are stored; nothing else changes
        assert after["articles"] != before["articles"] and after["actors"] == before["actors"]
    else:
        assert after == before


def test_the_corpus_is_complete():
    files = {p.name for p in BAD.iterdir() if p.name != "expected.toml"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file(db, name):
    check_refused(BAD / name, db, EXPECTED[name])


def test_a_50_mb_single_line(db, tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("w") as f:
        f.write("---\npublished: 2023-04-26\n---\n")
        f.write("Xi met Putin. " * (50 * 1024 * 1024 // 14))
    check_refused(big, db, "over the 20 MB limit")


def test_a_symlink_loop(db, tmp_path):
    loop = tmp_path / "loop"
    loop.mkdir()
    (loop / "again").symlink_to(loop)
    (loop / "ok.txt").write_text("---\npublished: 2023-04-26\n---\nXi Jinping met Vladimir Putin in Moscow "
                                 "on Monday, the Kremlin said.\n")
    run = ingest(loop, db)
    assert "symlink loop" in run.stderr and "Traceback" not in run.stderr


def test_a_directory_where_a_file_was_expected(tmp_path):
    store_dir = tmp_path / "store_is_a_dir"
    store_dir.mkdir()
    run = ingest(SEEDS, store_dir)
    assert run.returncode != 0 and "is a directory" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file(db, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("---\npublished: 2023-04-26\n---\nXi met Putin.\n")
    secret.chmod(0)
    check_refused(secret, db, "permission denied")


def test_a_truncated_store_is_refused_untouched(db, tmp_path):
    data = Path(db).read_bytes()
    cut = tmp_path / "cut.duckdb"
    cut.write_bytes(data[:100_000])                 # DuckDB's header and first blocks, not its metadata
    for args in (["stats"], ["ingest", str(SEEDS)], ["query", "count"]):
        run = subprocess.run([CONTACTS, *args, "--db", str(cut)], capture_output=True, text=True, timeout=60)
        assert run.returncode != 0 and run.stderr.startswith(f"error: cannot open {cut}"), run.stderr
        assert "Traceback" not in run.stderr
    assert cut.read_bytes() == data[:100_000]


def test_a_store_cut_in_half_answers_or_errs_clearly(db, tmp_path):
    data = Path(db).read_bytes()
    half = tmp_path / "half.duckdb"
    half.write_bytes(data[: len(data) // 2])
    for args in (["query", "list contacts status any"], ["sql", "select * from evidence"]):
        run = subprocess.run([CONTACTS, *args, "--db", str(half)], capture_output=True, text=True, timeout=60)
        assert "Traceback" not in run.stderr
        assert run.returncode == 0 or run.stderr.startswith("error: ")
