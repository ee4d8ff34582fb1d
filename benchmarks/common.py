"""Timing helpers: medians and spreads of repeated runs, and ratios against a baseline of the same run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


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
    q = statistics.quantiles(times, n=4) if len(times) >= 4 else [min(times), 0, max(times)]
    return statistics.median(times), q[2] - q[0]


HEADER = f"{'figure':44} {'median':>13}   {'spread':>9}  {'ratio':>8}  {'baseline':28} target"
