"""docs/imports.md says what the importers, exporters and `contacts compare` do (issue 21)."""

import re

import pytest
from typer.testing import CliRunner

import contacts
from contacts.cli import app
from contacts.event_exports import CAMEO_OF, PLOVER_OF
from contacts.imports import cameo, plover

from conftest import ROOT, SEEDS, SHARED

DOC = (ROOT / "docs" / "imports.md").read_text("utf-8")
TRAVELS = SHARED / "data" / "state-department-travels"


def _table(heading: str) -> list[list[str]]:
    """The rows of the first table after the line that starts with `heading`."""
    text = DOC[DOC.index(heading):].split("\n\n")[0]
    rows = re.findall(r"^\|(.+)\|$", text, re.M)[1:]                  # after the header
    return [[c.strip() for c in r.split("|")] for r in rows if not set(r) <= set("|- ")]


def test_the_cameo_table_is_the_importers():
    rows = {r[0]: r[2] for r in _table("| CAMEO | name | mode")}
    assert {code: mode for code, mode in rows.items() if mode != "dropped"} == \
        {code: mode for code, (mode, _, _) in cameo.CONSULT.items()}
    assert {code for code, mode in rows.items() if mode == "dropped" and code.isdigit()} == set(cameo.DROPPED)


def test_the_plover_table_is_the_importers():
    rows = {r[0].strip("()") if r[0] != "(none)" else "": r[1] for r in _table("| PLOVER CONSULT mode")}
    assert {k: v for k, v in rows.items() if v != "dropped"} == {k: mode for k, (mode, _) in plover.MODES.items()}


def test_the_export_table_is_the_exporters():
    for mode, plover_cell, code in _table("| mode | PLOVER event, mode | CAMEO"):
        if mode in CAMEO_OF:
            event, plover_mode = PLOVER_OF[mode]
            assert (plover_cell, code) == (f"{event}, {plover_mode or '(none)'}", CAMEO_OF[mode])


def _examples() -> list[tuple[list[str], list[str]]]:
    found = []
    for block in re.findall(r"```console\n(.*?)```", DOC, re.S):
        command, *output = block.strip("\n").splitlines()
        found.append((re.findall(r'"[^"]*"|\S+', command.removeprefix("$ contacts ")), output))
    return found


@pytest.mark.skipif(not TRAVELS.exists(), reason="no shared travel records here")
def test_the_worked_example_prints_what_the_docs_show(tmp_path):
    db = tmp_path / "compare.duckdb"
    with contacts.open(db) as store:
        store.import_dataset("state-department", [TRAVELS])
        store.ingest([SEEDS, ROOT / "examples" / "compare"])
    assert len(_examples()) == 3
    for words, shown in _examples():
        printed = CliRunner().invoke(app, [w.strip('"') for w in words] + ["--db", str(db)])
        assert printed.stdout.splitlines() == shown, words


def test_the_show_example_is_what_the_command_prints(tmp_path):
    db = tmp_path / "s.duckdb"
    with contacts.open(db) as store:
        store.import_dataset("state-department", [ROOT / "tests" / "data" / "imports" / "state_department"])
    shown = DOC[DOC.index("(after\n`contacts import state-department"):].split("```text\n")[1].split("```")[0]
    printed = CliRunner().invoke(app, ["show", shown.split(":")[0], "--db", str(db)]).stdout
    assert printed.splitlines() == shown.splitlines()
