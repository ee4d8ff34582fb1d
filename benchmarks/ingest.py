"""Ingest end to end (read + extract + store + fuse) of generated articles (benchmarks/corpus.py):

- articles per second in one process and with extraction on every core, same run,
  over 4,000 articles (a long ingest's rate); and the 1,000-article figure of earlier
  runs, which also carries the ~0.5 s of starting the workers and finishing;
- the break-even: from how many articles workers pay for their start, and that the
  number ingest chooses by itself (parallel.workers_for) is never slower than one process;
- flatness: the cost of ingesting 1,000 articles into a store already holding 10k
  articles against one holding 100k (synthetic stores, benchmarks/synthetic.py, ten
  contacts an article), each measured three times, alternating; ratio target ≤ 1.2;
- peak memory (resident, the ingesting process and its workers together) of
  `contacts ingest` over 10k and 100k articles (a folder of .txt files each):
  target ≤ 1 GB at 100k and not growing with N.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import contacts
from benchmarks import corpus
from benchmarks.common import Figure
from benchmarks.queries import synthetic_store
from contacts import parallel

BIN = Path(sys.executable).parent


def _ingest(source: Path, workers: int | None, db: Path | None = None) -> float:
    with contacts.open(db) as store:
        started = time.perf_counter()
        report = store.ingest([source], workers=workers)
        elapsed = time.perf_counter() - started
        assert not report.errors, f"{report.summary()}; first error: {report.errors[0]}"
    return elapsed


def _spread(times: list[float], n: int) -> tuple[float, float]:
    times = sorted(times)
    return times[len(times) // 2] / n, (times[-1] - times[0]) / n


def _throughput(folder: Path, quick: bool) -> list[Figure]:
    n, short = (200, 100) if quick else (4000, 1000)
    source = corpus.write(n, folder / f"speed-{n}.jsonl", seed=1)
    first = corpus.write(short, folder / f"speed-{short}.jsonl", seed=1)   # the same articles' first part
    runs = 1 if quick else 3
    workers = parallel.default_workers()
    one = _spread([_ingest(source, 1) for _ in range(runs)], n)
    every = _spread([_ingest(source, workers) for _ in range(runs)], n)
    brief = _spread([_ingest(first, workers) for _ in range(runs)], short)
    return [
        Figure(f"ingest {n:,}, 1 process, per article ({1 / one[0]:.0f}/s)", *one),
        Figure(f"ingest {n:,}, {workers} workers, per article ({1 / every[0]:.0f}/s)", *every,
               "ingest in 1 process", every[0] / one[0], "≥ 400 articles/s (goal ≥ 1,500)"),
        Figure(f"ingest {short:,}, {workers} workers, per article ({1 / brief[0]:.0f}/s)", *brief,
               f"ingest {n:,}", brief[0] / every[0], "(start-up weighs more)"),
    ]


def _break_even(folder: Path, quick: bool) -> list[Figure]:
    """Where workers start to pay: at each size, an ingest in one process, with a worker per
    core, and as `ingest` chooses by itself (parallel.workers_for), interleaved so that the
    machine's drift meets all three. The choice must never be slower than one process."""
    sizes = (50, 400) if quick else (50, 200, 800, 1600, 3200)
    workers = parallel.default_workers()
    _ingest(corpus.write(5, folder / "even-warm.jsonl", seed=4), 1)      # the knowledge base loads once
    figures = []
    for n in sizes:
        source = corpus.write(n, folder / f"even-{n}.jsonl", seed=4)
        times: dict[int | None, list[float]] = {1: [], workers: [], None: []}
        for _ in range(1 if quick else 3):
            for chosen in times:
                times[chosen].append(_ingest(source, chosen))
        one, every, auto = (_spread(times[k], n) for k in (1, workers, None))
        figures += [Figure(f"ingest {n:,}, 1 process ({1 / one[0]:.0f}/s)", *one),
                    Figure(f"ingest {n:,}, {workers} workers ({1 / every[0]:.0f}/s)", *every, "1 process",
                           every[0] / one[0], "(< 1 past the break-even)"),
                    Figure(f"ingest {n:,}, chosen: {parallel.workers_for(n)} ({1 / auto[0]:.0f}/s)", *auto,
                           "1 process", auto[0] / one[0], "≤ 1.05 at every size")]
    return figures


def _flatness(folder: Path, quick: bool) -> list[Figure]:
    small, large = (1_000, 10_000) if quick else (10_000, 100_000)
    batch = corpus.write(1000, folder / "batch.jsonl", seed=2)
    prefilled = {stored: synthetic_store(stored * 10)[0] for stored in (small, large)}  # ten contacts an article
    costs: dict[int, list[float]] = {small: [], large: []}
    for _ in range(1 if quick else 3):
        for stored in (small, large):                   # alternating, so drift on the machine hits both
            db = folder / f"stored-{stored}.duckdb"
            shutil.copyfile(prefilled[stored], db)
            costs[stored].append(_ingest(batch, parallel.default_workers(), db))
            db.unlink()
    at_small, at_large = _spread(costs[small], 1), _spread(costs[large], 1)
    return [
        Figure(f"ingest 1,000 articles, {small:,} stored", *at_small),
        Figure(f"ingest 1,000 articles, {large:,} stored", *at_large, f"{small:,} stored",
               at_large[0] / at_small[0], "≤ 1.2 (goal ≤ 1.05)"),
    ]


def _peak_rss(command: list[str]) -> tuple[int, int]:
    """The largest resident size (bytes) the process and its children held together, sampled
    every 50 ms; and how many error lines it wrote (an article that failed is counted, not fatal)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.05)
    errors = process.stderr.read().decode().splitlines()
    if process.returncode and not errors:
        raise RuntimeError(f"{command[1]} exited with {process.returncode}")
    return peak, len(errors) if process.returncode else 0


def _tree_rss(pid: int) -> int:
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        pending += [int(c) for c in children]
    return total


def _memory(folder: Path, quick: bool) -> list[Figure]:
    sizes = (500, 2_000) if quick else (10_000, 100_000)
    peaks = []
    for n in sizes:
        source = corpus.write(n, folder / f"memory-{n}", seed=3)          # a folder of .txt files
        db = folder / f"memory-{n}.duckdb"
        peaks.append(_peak_rss([str(BIN / "contacts"), "ingest", str(source), "--db", str(db)]))
        db.unlink()
    names = [f"peak memory, ingest {n:,}: {peak / 2**20:.0f} MB" + (f" ({errors} error lines)" if errors else "")
             for n, (peak, errors) in zip(sizes, peaks)]
    # Figure holds seconds; memory is shown in its name and as the ratio
    return [Figure(names[0], 0.0, 0.0),
            Figure(names[1], 0.0, 0.0, f"ingest {sizes[0]:,}", peaks[1][0] / peaks[0][0], "≤ 1 GB, not growing with N")]


def run(quick: bool = False) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        return _throughput(folder, quick) + _break_even(folder, quick) + _flatness(folder, quick) + _memory(folder, quick)
