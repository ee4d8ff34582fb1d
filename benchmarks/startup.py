"""Start-up: `contacts --help` and the REPL to its first prompt (and out), against `python -c pass`.

Targets: --help / python ≤ 4 (goal ≤ 2); the REPL well under a second.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import Figure, measure

BIN = Path(sys.executable).parent


def _run(args: list[str], stdin: str = "") -> None:
    subprocess.run(args, input=stdin, text=True, capture_output=True, check=True)


def run(quick: bool = False) -> list[Figure]:
    repeat = 5 if quick else 15
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "s.duckdb")
        _run([str(BIN / "contacts"), "ingest", str(Path(__file__).resolve().parent.parent / "seeds"), "--db", db])
        python = measure(lambda: _run([sys.executable, "-c", "pass"]), repeat)
        helps = measure(lambda: _run([str(BIN / "contacts"), "--help"]), repeat)
        repl = measure(lambda: _run([str(BIN / "contacts"), "repl", "--db", db], ".quit\n"), repeat)
    return [
        Figure("python -c pass", *python),
        Figure("contacts --help", *helps, "python -c pass", helps[0] / python[0], "≤ 4 (goal ≤ 2)"),
        Figure("contacts repl: start, first prompt, .quit", *repl, "python -c pass", repl[0] / python[0],
               "well under 1 s"),
    ]
