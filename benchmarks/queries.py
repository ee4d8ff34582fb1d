"""Query latency on a store of N synthetic contacts (1M; 200k with --quick), the DSL against
the same question in hand-written SQL, in the same run.

Targets: p50 ≤ 50 ms at 10M contacts (this runs 1M until issue 7's generator lands);
DSL / hand-written SQL ≤ 1.10.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import contacts
from benchmarks.common import Figure, measure

# The synthetic contacts: every actor of the knowledge base, all modes, 30 years of dates (seeded by hash).
FILL = """
INSERT INTO contacts
SELECT 'c' || i, a1.id, a2.id, (['call','meeting','visit','message','envoy','summons','talks'])[1 + (i % 7)],
       (i % 3 = 0), DATE '1995-01-01' + CAST(hash(i) % 10950 AS INTEGER), NULL, 'day',
       CASE WHEN i % 10 = 0 THEN 'planned' ELSE 'occurred' END, NULL, 1 + (i % 4)
FROM range(?) r(i)
JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM actors) a1 ON a1.n = hash(i) % 400
JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM actors) a2 ON a2.n = hash(i * 7 + 1) % 400
"""

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
    ("count contacts with Russia by year",
     "SELECT strftime(c.date_start, '%Y'), count(*) FROM contacts c WHERE c.status = 'occurred' AND EXISTS ("
     "SELECT 1 FROM affiliations f WHERE f.actor IN (c.who, c.whom) AND f.country = 'RUS' AND "
     "(f.start_date IS NULL OR f.start_date <= c.date_end) AND (f.end_date IS NULL OR f.end_date >= c.date_start)) "
     "GROUP BY 1 ORDER BY 1"),
]


def run(quick: bool = False) -> list[Figure]:
    n = 200_000 if quick else 1_000_000
    repeat = 5 if quick else 15
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        with contacts.open(Path(tmp) / "big.duckdb") as store:
            store.connection.execute(FILL, [n])
            store.connection.execute("UPDATE contacts SET date_end = date_start")
            for dsl, sql in PAIRS:
                cursor = store.connection.cursor()
                ours = measure(lambda: store.query(dsl), repeat)
                hand = measure(lambda: cursor.execute(sql).fetchall(), repeat)
                figures.append(Figure(f"{dsl[:44]}", *ours, f"hand-written SQL ({hand[0] * 1e3:.1f} ms)",
                                      ours[0] / hand[0], f"p50 on {n:,} contacts; ratio ≤ 1.10"))
    return figures
