"""Imports (issue 21): the State Department's whole travel record, and a long GDELT export.

Targets: the whole record (4,271 trips since 1866) in under a minute; a GDELT file read in
flat memory, so four times the events take about four times as long and the same peak memory.
Each GDELT size runs in a process of its own, whose peak resident memory is printed.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, measure

TRAVELS = Path(__file__).resolve().parents[2] / "shared" / "data" / "state-department-travels"
STATES = ["USA", "CHN", "RUS", "FRA", "DEU", "GBR", "JPN", "IND", "BRA", "TUR", "UKR", "ISR", "EGY", "ZAF", "MEX"]
CODES = ["041", "042", "043", "044", "046", "040", "190", "051", "036"]

# One import in a process of its own: its seconds and peak resident memory (KB), as JSON.
_CHILD = """
import json, resource, sys, time
import contacts
from contacts.imports import import_dataset
store = contacts.open(sys.argv[2])        # a file: memory is the import's, not the stored rows
start = time.perf_counter()
report = import_dataset(store, "gdelt", [sys.argv[1]])
print(json.dumps({"seconds": time.perf_counter() - start, "records": report.records,
                  "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _gdelt(path: Path, n: int, seed: int = 7) -> None:
    """`n` events in the 61 columns of a GDELT 2.0 export, a tenth of them one report's 042/043 pair."""
    from contacts.imports.gdelt import COLUMNS
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            a, b = rng.sample(STATES, 2)
            code = rng.choice(CODES)
            day = f"20{rng.randrange(15, 24)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
            row = {c: "" for c in COLUMNS}
            row.update(GLOBALEVENTID=str(10**9 + i), SQLDATE=day, Actor1Code=a, Actor1Name=a, Actor1CountryCode=a,
                       Actor2Code=b, Actor2Name=b, Actor2CountryCode=b, EventCode=code, EventBaseCode=code,
                       EventRootCode=code[:2], SOURCEURL=f"https://example.org/{i // 2}")
            out.write("\t".join(row[c] for c in COLUMNS) + "\n")


def _child(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(path.with_suffix(".duckdb"))],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> list[Figure]:
    import contacts
    from contacts.imports import state_department
    figures = []
    if TRAVELS.exists():
        kb = contacts.open().kb
        read = measure(lambda: sum(1 for _ in state_department.read([TRAVELS], kb)), 1 if quick else 3)
        stored = measure(lambda: contacts.open().import_dataset("state-department", [TRAVELS]), 1 if quick else 3)
        figures += [Figure("state-department: read 4,271 trips", *read),
                    Figure("state-department: import the whole record", *stored, "reading the trips",
                           stored[0] / read[0], "< 60 s")]
    n = 20_000 if quick else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small.export.CSV", Path(tmp) / "large.export.CSV"
        _gdelt(small, n)
        _gdelt(large, 4 * n)
        one, four = _child(small), _child(large)
    figures += [
        Figure(f"gdelt: import {n:,} events (peak {one['rss_kb'] // 1024} MB)", one["seconds"], 0.0),
        Figure(f"gdelt: import {4 * n:,} events (peak {four['rss_kb'] // 1024} MB)", four["seconds"], 0.0,
               f"{n:,} events", four["seconds"] / one["seconds"], "≈ 4 (linear), same peak memory"),
    ]
    return figures
