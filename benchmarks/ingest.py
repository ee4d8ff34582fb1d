"""Ingest end to end (read + extract + store + fuse): articles per second with extraction on
every core, against the same ingest in one process, in the same run.

Target: ≥ 400 articles/s on all cores (goal ≥ 1,500). The corpus is variants of the seed
articles (each a different text); issue 7's article generator will replace it.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import contacts
from benchmarks.common import Figure
from contacts import parallel

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _corpus(folder: Path, n: int) -> Path:
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(n):
        text = seeds[i % len(seeds)].read_text("utf-8")
        (folder / f"a{i:05d}.txt").write_text(text + f"\nThe agency's reference for this report is {i}.\n", "utf-8")
    return folder


def _ingest(folder: Path, workers: int) -> float:
    with contacts.open() as store:
        started = time.perf_counter()
        report = store.ingest([folder], workers=workers)
        elapsed = time.perf_counter() - started
        assert report.new == len(list(folder.iterdir())), report.summary()
    return elapsed


def run(quick: bool = False) -> list[Figure]:
    n = 200 if quick else 1000
    with tempfile.TemporaryDirectory() as tmp:
        folder = _corpus(Path(tmp), n)
        one = [_ingest(folder, 1) for _ in range(1 if quick else 3)]
        every = [_ingest(folder, parallel.default_workers()) for _ in range(1 if quick else 3)]
    one.sort()
    every.sort()
    med_one, med_all = one[len(one) // 2], every[len(every) // 2]
    return [
        Figure(f"ingest, 1 process, per article ({n / med_one:.0f}/s)", med_one / n, (one[-1] - one[0]) / n),
        Figure(f"ingest, {parallel.default_workers()} workers, per article ({n / med_all:.0f}/s)", med_all / n,
               (every[-1] - every[0]) / n, "ingest in 1 process", med_all / med_one, "≥ 400 articles/s"),
    ]
