"""Terminal control sequences in an article (issue 28, item 10) are shown, never obeyed:
no ESC or BEL reaches the terminal through show, query (table, CSV) or sql."""

import subprocess
import sys
from pathlib import Path

import pytest

CONTACTS = str(Path(sys.executable).parent / "contacts")
OSC52 = "\x1b]52;c;ZXZpbA==\x07"          # write the clipboard
OSC0 = "\x1b]0;owned\x07"                 # set the window title
CLEAR = "\x1b[2J"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("escapes")
    (folder / "a.txt").write_text(f"---\ntitle: Talks{OSC0}\nsource: Wire{CLEAR}\npublished: 2023-04-26\n---\n"
                                  f"Xi Jinping held a phone call with Vladimir Putin on Monday{OSC52}, the Kremlin "
                                  f"said.\n", "utf-8")
    path = folder / "s.duckdb"
    run = subprocess.run([CONTACTS, "ingest", str(folder), "--db", str(path)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    return path


def shown(*args) -> str:
    run = subprocess.run([CONTACTS, *map(str, args)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_the_store_keeps_the_text_as_written(db):
    out = shown("sql", "SELECT title FROM articles", "--db", db, "--format", "json")
    assert "\\u001b]0;owned" in out                # JSON escapes it; the stored text is whole


@pytest.mark.parametrize("args", [
    ["query", "list contacts"], ["query", "list contacts", "--format", "csv"],
    ["sql", "SELECT title, source, text FROM articles"], ["sql", "SELECT title, text FROM articles", "--format", "csv"],
])
def test_no_control_sequence_reaches_the_terminal(db, args):
    out = shown(*args, "--db", db)
    assert "\x1b" not in out and "\x07" not in out
    if "csv" in args:                              # whole text: shown written out (a table may cut it)
        assert "\\x1b" in out


def test_show(db):
    contact = shown("sql", "SELECT id FROM contacts LIMIT 1", "--db", db, "--format", "csv").splitlines()[1]
    out = shown("show", contact, "--db", db)
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]" in out
