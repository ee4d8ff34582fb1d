"""The README runs as written (issue 27, item 10): its set-up (without the install, which
CI does itself), then every block of the tour, top to bottom, in one shell, in a copy of
the project's data. A `# → TEXT` comment is the first line the command must print; the
`text` block of an error is compared whole. Also: what the README says about the
transactions is what the code does, and the help examples of the commands run."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")
TOUR = README[README.index("## A short tour"):]
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def _blocks(text: str, kind: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(text) if lang == kind]


def _set_up_commands() -> list[str]:
    """The README's first command, from `contacts ingest` on (the venv is the one running us)."""
    first = _blocks(README[:README.index("## A short tour")], "sh")[0]
    steps = [step.strip() for step in first.split("&&")]
    return [step for step in steps if ".venv/bin/contacts" in step]


def _commands() -> list[tuple[str, str | None]]:
    """Each command of the tour's sh blocks, with the output its `# → …` comment promises
    (but the charts, when the plot extra is not installed)."""
    import importlib.util
    found = []
    charts = importlib.util.find_spec("matplotlib") is not None and importlib.util.find_spec("networkx") is not None
    for block in _blocks(TOUR, "sh"):
        for line in block.splitlines():
            if line.strip() and (charts or "--plot" not in line):
                expected = re.search(r"#\s*→\s*(.*)$", line)
                found.append((line, expected[1].strip() if expected else None))
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A folder like a fresh clone after the set-up: the data, and .venv being the venv running us."""
    folder = tmp_path_factory.mktemp("clone")
    for name in ("seeds", "queries", "gold"):
        shutil.copytree(ROOT / name, folder / name)
    (folder / ".venv").symlink_to(sys.prefix)
    return folder


def _shell(folder: Path, script: str) -> subprocess.CompletedProcess:
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(folder), "LANG": "C.UTF-8"}
    if os.environ.get("PYTHONPATH"):        # a worktree's own package, run with the shared venv
        environment["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run(["bash", "-c", script], cwd=folder, env=environment, capture_output=True, text=True,
                          timeout=600)


def test_the_tour_runs_top_to_bottom(project):
    commands = [(step, None) for step in _set_up_commands()] + _commands()
    assert len(commands) > 20 and commands[0][0].startswith(".venv/bin/contacts ingest seeds/")
    (project / "out").mkdir()
    script = "\n".join(f"{{ {command}\n}} > out/{n}.txt 2>&1 || {{ echo 'command {n} failed'; cat out/{n}.txt; exit 1; }}"
                       for n, (command, _) in enumerate(commands))
    done = _shell(project, script)
    assert done.returncode == 0, done.stdout + done.stderr
    for n, (command, expected) in enumerate(commands):
        if expected is not None:
            printed = (project / "out" / f"{n}.txt").read_text().splitlines()
            assert printed[:1] == [expected], command
    shown = (project / "out" / f"{next(n for n, (c, _) in enumerate(commands) if 'contacts show' in c)}.txt")
    assert "sentence " in shown.read_text()
    assert (project / "contacts.csv").read_text().startswith("id,who,who_name,who_country,")
    assert (project / "predicted.jsonl").read_text().count("\n") >= 5
    if any("--plot" in command for command, _ in commands):
        assert (project / "partners.png").read_bytes().startswith(b"\x89PNG")
        assert b"<svg" in (project / "china.svg").read_bytes()[:500]
        assert (project / "network.graphml").read_text().count("<edge ") == 8


def test_the_readme_pictures_are_committed():
    for picture in re.findall(r"!\[[^]]*\]\(([^)]+)\)", README):
        assert (ROOT / picture).read_bytes().startswith(b"\x89PNG"), picture


def test_the_error_shown_is_the_error_given(project):
    transcript = _blocks(TOUR, "text")[0].splitlines()
    command = transcript[0].removeprefix("$ ")
    done = _shell(project, f"source .venv/bin/activate && CONTACTS_DB=seeds.duckdb {command}")
    assert done.returncode == 1 and done.stderr.splitlines() == transcript[1:]


def test_the_library_example_runs(project):
    code = _blocks(TOUR, "python")[0]
    done = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "1"


def test_the_transactions_are_as_the_readme_says():
    from contacts.store import BATCH
    assert f"transactions of up to {BATCH} articles" in README


def test_the_tests_are_run_by_ci_as_the_readme_says():
    test_command = _blocks(README, "sh")[1].strip()
    assert test_command in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("command", ["run", "eval"])
def test_help_examples_run(project, command):
    """The example in `contacts COMMAND --help` runs (on the seeds store the set-up built)."""
    from typer.testing import CliRunner
    from contacts.cli import app
    shown = CliRunner().invoke(app, [command, "--help"], terminal_width=200).stdout
    example = re.search(r"Example: (contacts .*)", shown)[1].strip()
    done = _shell(project, f"source .venv/bin/activate && {example} --db seeds.duckdb" if command == "run"
                  else f"source .venv/bin/activate && {example}")
    assert done.returncode == 0, done.stderr
