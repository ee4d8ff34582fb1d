"""Timing helpers: medians and spreads of repeated runs, and ratios against a baseline of the same run."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Figure:
    name: str
    median: float          # seconds
    spread: float          # interquartile range, seconds
    baseline: str = ""
    ratio: float | None = None
    target: str = ""

    def row(self) -> str:
        ratio = f"{self.ratio:8.3f}" if self.ratio is not None else "       -"
        return (f"{self.name:44} {self.median * 1e3:10.3f} ms ± {self.spread * 1e3:8.3f}  {ratio}  "
                f"{self.baseline:28} {self.target}")


def measure(fn: Callable[[], object], repeat: int, number: int = 1) -> tuple[float, float]:
    """Median and interquartile range of `repeat` timings of `number` calls (per call)."""
    fn()                                     # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times), _spread(times)


def _spread(times: list[float]) -> float:
    """The interquartile range (the range, for fewer than four timings)."""
    q = statistics.quantiles(times, n=4) if len(times) >= 4 else [min(times), 0, max(times)]
    return q[2] - q[0]


def measure_pair(first: Callable[[], object], second: Callable[[], object],
                 repeat: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """`measure` of two functions, their runs interleaved, so that both meet the same
    moments of a shared machine: for ratios of fast calls (a few ms), where a noisy
    second of one run and not the other would decide the ratio."""
    first(), second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, held in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            fn()
            held.append(time.perf_counter() - start)
    return tuple((statistics.median(t), _spread(t)) for t in times)


HEADER = f"{'figure':44} {'median':>13}   {'spread':>9}  {'ratio':>8}  {'baseline':28} target"


def cache_folder() -> Path:
    """Where generated stores and the compiled package are kept between runs:
    $CONTACTS_BENCH_DIR, by default ~/.cache/contacts-benchmarks."""
    folder = Path(os.environ.get("CONTACTS_BENCH_DIR") or Path.home() / ".cache" / "contacts-benchmarks")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
