"""Query latency on stores of synthetic fused contacts (benchmarks/synthetic.py): the
design's ten example queries at 1M, 10M and 100M contacts (1M only with --quick), and
three of them against the same question in hand-written SQL, in the same run.

Targets: p50 over the examples ≤ 50 ms at 10M and ≤ 500 ms at 100M; DSL / SQL ≤ 1.10.
Generated stores are kept in $CONTACTS_BENCH_DIR (default ~/.cache/contacts-benchmarks),
named by size and by a digest of the generator and the schema, and reused.
"""

from __future__ import annotations

import hashlib
import statistics
from pathlib import Path

import contacts
from benchmarks import synthetic
from benchmarks.common import Figure, cache_folder, measure, measure_pair
from benchmarks.query_compile import EXAMPLES
from contacts import layout
from contacts.store import SCHEMA_VERSION

# (DSL query, the same question in hand-written SQL)
PAIRS = [
    ("count calls Xi -> Putin since 2022-02",
     "SELECT count(*) FROM contacts WHERE mode = 'call' AND status = 'occurred' AND date_start >= DATE '2022-02-01' "
     "AND ((who = 'xi-jinping' AND whom = 'vladimir-putin') OR (NOT directed AND who = 'vladimir-putin' "
     "AND whom = 'xi-jinping'))"),
    ("count visits, meetings Xi <-> * between 2023-01 and 2023-06 by mode",
     "SELECT mode, count(*) FROM contacts WHERE mode IN ('visit', 'meeting') AND status = 'occurred' "
     "AND date_start >= DATE '2023-01-01' AND date_end <= DATE '2023-06-30' AND 'xi-jinping' IN (who, whom) "
     "GROUP BY mode ORDER BY count(*) DESC"),
    ("list summons * -> China in 2023-04",
     "SELECT c.id, c.date_start, w.name, m.name, c.evidence FROM contacts c JOIN actors w ON w.id = c.who "
     "JOIN actors m ON m.id = c.whom WHERE c.mode = 'summons' AND c.status = 'occurred' "
     "AND c.date_start >= DATE '2023-04-01' AND c.date_end <= DATE '2023-04-30' AND EXISTS ("
     "SELECT 1 FROM affiliations f WHERE f.actor = c.whom AND f.country = 'CHN' "
     "AND (f.start_date IS NULL OR f.start_date <= c.date_end) AND (f.end_date IS NULL OR f.end_date >= c.date_start)) "
     "ORDER BY c.date_start, w.name, m.name"),
]


def synthetic_store(n: int) -> tuple[Path, synthetic.Filled | None]:
    """The store of `n` synthetic contacts, generated unless a current one is kept; (path, its generation's times)."""
    made_by = Path(synthetic.__file__).read_bytes() + Path(layout.__file__).read_bytes()
    digest = hashlib.sha1(made_by + str(SCHEMA_VERSION).encode()).hexdigest()[:10]
    path = cache_folder() / f"contacts-{n}-{digest}.duckdb"
    if path.exists():
        return path, None
    for stale in cache_folder().glob(f"contacts-{n}-*.duckdb*"):
        stale.unlink()
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    filled = synthetic.fill(partial, n)
    partial.rename(path)
    return path, filled


def _at_size(n: int, repeat: int, with_sql: bool) -> list[Figure]:
    path, filled = synthetic_store(n)
    figures = [Figure(f"generate {n:,} contacts", filled.seconds, 0.0),
               Figure("  of which sorting them (contacts optimize)", filled.sorting, 0.0,
                      "generating them", filled.sorting / filled.seconds)] if filled else []
    with contacts.open(path, read_only=True) as store:
        medians = []
        for text in EXAMPLES:
            median, spread = measure(lambda: store.query(text), repeat)
            medians.append(median)
            figures.append(Figure(f"  {text[:42]}", median, spread, target=f"at {n:,}"))
        p50 = statistics.median(medians)
        target = {10_000_000: "≤ 50 ms (goal ≤ 10 ms)", 100_000_000: "≤ 500 ms (goal ≤ 100 ms)"}.get(n, "")
        figures.append(Figure(f"query p50 over the examples, {n:,} contacts", p50,
                              max(medians) - min(medians), target=target))
        if with_sql:
            cursor = store.connection.cursor()
            for dsl, sql in PAIRS:
                ours, hand = measure_pair(lambda: store.query(dsl), lambda: cursor.execute(sql).fetchall(),
                                          max(repeat, 31))
                figures.append(Figure(f"  DSL: {dsl[:37]}", *ours, f"hand-written SQL ({hand[0] * 1e3:.1f} ms)",
                                      ours[0] / hand[0], f"≤ 1.10 at {n:,}"))
    return figures


def run(quick: bool = False) -> list[Figure]:
    sizes = [1_000_000] if quick else [1_000_000, 10_000_000, 100_000_000]
    figures = []
    for n in sizes:
        figures += _at_size(n, 3 if quick or n >= 100_000_000 else 7, with_sql=n == 10_000_000 or quick)
    return figures
