"""The small findings of issue 28 (item 14): query files with a byte order mark or many short
queries, file names that could forge lines, an empty --db."""

import subprocess
import sys
from pathlib import Path

import pytest

import contacts
from contacts import script
from contacts.errors import QueryError
from contacts.read import read_paths
from conftest import SEEDS

CONTACTS = str(Path(sys.executable).parent / "contacts")


def test_a_query_file_with_a_byte_order_mark(tmp_path):
    f = tmp_path / "q.cq"
    f.write_bytes("\ufeff# calls\ncount calls Xi -> Putin;\n".encode("utf-8"))
    assert [q.title for q in script.load(f).queries] == ["calls"]


def test_a_long_file_of_short_queries(tmp_path):
    f = tmp_path / "many.cq"
    f.write_text("count calls Xi -> Putin since 2022-02;\n" * 5_000)          # 195,000 characters
    assert len(script.load(f).queries) == 5_000
    with pytest.raises(QueryError, match="query too long"):
        contacts.query.compile("count calls Xi -> Putin " + "or mode = call " * 10_000)


def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path):
    bad = tmp_path / "a\nerror: everything is fine.txt"
    bad.write_bytes(b"")
    [err] = list(read_paths([bad]))
    assert "\n" not in str(err) and '\\nerror: everything is fine.txt"' in str(err)
    run = subprocess.run([CONTACTS, "ingest", str(tmp_path), "--db", str(tmp_path / "s.duckdb")],
                         capture_output=True, text=True, timeout=120)
    assert [line for line in run.stderr.splitlines() if line.startswith("error:")] == [f"error: {err}"]


def test_an_escape_sequence_in_a_file_name_is_shown_escaped(tmp_path):
    bad = tmp_path / "\x1b]52;c;aGVsbG8=\x07.txt"
    bad.write_bytes(b"")
    [err] = list(read_paths([bad]))
    assert "\x1b" not in str(err) and "\x07" not in str(err) and "\\x1b]52" in str(err)


def test_an_empty_db_is_refused(tmp_path):
    run = subprocess.run([CONTACTS, "ingest", str(SEEDS), "--db", ""], capture_output=True, text=True,
                         timeout=120, cwd=tmp_path)
    assert run.returncode == 1 and run.stderr.startswith("error: --db is empty")
    assert not (tmp_path / "contacts.duckdb").exists()
