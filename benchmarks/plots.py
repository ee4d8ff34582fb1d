"""Charts on a store of 1M synthetic contacts (benchmarks/synthetic.py, kept between runs):
ten years of contacts as a timeline, asked, drawn and written as a PNG.

Target (issue 23): a timeline over 10 years of a 1M-contact store renders in under 2 s.
Figures: the query alone (the baseline, same run), then query + chart + PNG for a
monthly timeline, a daily one (3,653 points) and a monthly one split by mode (stacked
areas); and the whole command (`contacts query … --plot`, a fresh process that also
imports matplotlib), as a user meets it, against the same command without --plot.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import contacts
from benchmarks.common import Figure, measure, measure_pair
from benchmarks.queries import synthetic_store

SIZE = 1_000_000
TIMELINES = ["timeline contacts since 2016 until 2025 by month",
             "timeline contacts since 2016 until 2025 by day",
             "count contacts since 2016 until 2025 by month, mode"]


def run(quick: bool = False) -> list[Figure]:
    path, _ = synthetic_store(SIZE)
    repeat = 3 if quick else 7
    figures = []
    out = Path(tempfile.mkdtemp()) / "chart.png"
    with contacts.open(path, read_only=True) as store:
        store.query(TIMELINES[0]).plot(out)                          # matplotlib imported, fonts cached
        for text in TIMELINES:
            asked = measure(lambda: store.query(text), repeat)
            drawn = measure(lambda: store.query(text).plot(out), repeat)
            figures.append(Figure(f"  {text[:42]}", *asked, target=f"the query alone, {SIZE:,}"))
            figures.append(Figure("    + chart + PNG", *drawn, "the query alone", drawn[0] / asked[0], "< 2 s"))
    command = [str(Path(sys.executable).with_name("contacts")), "query", TIMELINES[0], "--db", str(path)]
    if Path(command[0]).exists():             # a user's whole command, in a new process, against the same without --plot
        plain, charted = measure_pair(lambda: _command(command), lambda: _command([*command, "--plot", str(out)]),
                                      repeat)
        figures.append(Figure("contacts query … (a new process)", *plain, target="the command without a chart"))
        figures.append(Figure("contacts query … --plot FILE.png", *charted, "the command without a chart",
                              charted[0] / plain[0], "< 2 s more"))
    return figures


def _command(argv: list[str]) -> None:
    subprocess.run(argv, check=True, capture_output=True, env={**os.environ})
