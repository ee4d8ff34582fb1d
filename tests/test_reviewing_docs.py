"""docs/reviewing.md says what the commands do: its session runs top to bottom (issue 22)."""

import re
import shutil
import sys

from conftest import ROOT
from test_readme import _blocks, _shell

PAGE = (ROOT / "docs" / "reviewing.md").read_text("utf-8")


def test_the_session_of_the_reviewing_page_runs(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / ".venv").symlink_to(sys.prefix)
    [session] = [b for b in _blocks(PAGE, "sh") if b.startswith("# a session")]
    lines = [line for line in session.splitlines()[1:] if line.strip()]
    script = ["source .venv/bin/activate", f"export PYTHONPATH={ROOT}",      # this tree's code, as pytest's
              "contacts ingest seeds/ --db seeds.duckdb > /dev/null"]
    for n, line in enumerate(lines):
        script.append(f"{{ {line}\n}} > {n}.txt 2>&1 || {{ echo 'line {n} failed'; cat {n}.txt; exit 1; }}")
    done = _shell(tmp_path, "\n".join(script))
    assert done.returncode == 0, done.stdout + done.stderr
    for n, line in enumerate(lines):
        promised = re.search(r"#\s*→\s*(.*)$", line)
        if promised:
            assert (tmp_path / f"{n}.txt").read_text().splitlines()[:1] == [promised[1].strip()], line
    stats = (tmp_path / f"{next(n for n, line in enumerate(lines) if line.startswith('contacts stats'))}.txt")
    assert "precision  0.000 measured on the reviewed (0.500 counting the corrected as real contacts)" in \
        stats.read_text()
    exported = (tmp_path / "decisions.jsonl").read_text().splitlines()
    assert len(exported) == 4 and all('"author": "ana"' in line for line in exported)


def test_the_figures_the_page_shows_are_the_ones_stats_prints():
    from contacts.cli_corrections import stats_lines

    class Figures:
        def review_figures(self):
            return {"reviewed": 100, "accepted": 87, "corrected": 6, "rejected": 7, "added": 3, "stale": 0,
                    "precision": 0.87, "real_precision": 0.93}
    shown = PAGE[PAGE.index("## Measured precision"):].split("```text")[2].split("```")[0].strip().splitlines()
    assert stats_lines(Figures()) == shown
