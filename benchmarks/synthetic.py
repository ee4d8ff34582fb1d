"""A store filled directly with N fused contacts, for query benchmarks at 1M, 10M and 100M.

Seeded and reproducible (every column is a hash of the row number and the seed):
- pairs of two countries' actors, both sides drawn from the knowledge base's actors ranked by prominence
  with a power law, so a few pairs are heavy (Xi and Putin meet thousands of
  times) and most are a long tail;
- modes in news proportions (meetings and calls most, summonses rare), direction
  as the design gives it (visits, envoys, summonses and messages directed;
  calls sometimes; meetings and talks not);
- dates over 30 years (1996–2025), denser in later years, at day, month or year
  precision; 8% planned;
- every contact has one source mention in one of N/10 articles from a dozen
  outlets, so `where source = …` and `list` have something to show;
- the contacts then sorted by the store's own routine (`Store.optimize`,
  contacts/layout.py), as ingest keeps them: a store this size is one whose
  unsorted tail ingest has sorted.

    python -m benchmarks.synthetic 10000000 /tmp/c10m.duckdb
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import NamedTuple

import contacts
from contacts.kb import default
from contacts.fusion import group_sql
from contacts.store import _INDEXES

OUTLETS = ["Reuters", "AP", "AFP", "CNN", "BBC", "Xinhua", "TASS", "Al Jazeera", "Kyodo", "Yonhap", "DW",
           "The Hindu"]

# u(k): a uniform number in [0, 1) from the row number, the seed and a salt.
_U = "((hash(i * 7919 + {salt} + $seed * 104729) % 1000000007) / 1000000007.0)"


def _u(salt: int) -> str:
    return _U.format(salt=salt)


FILL_CONTACTS = f"""
INSERT INTO contacts (id, who, whom, mode, directed, date_start, date_end, precision, status, location,
                      n_sources, evidence, sources)     -- named: later columns keep their defaults
WITH rows AS (
    SELECT i, {_u(1)} AS u_who, {_u(2)} AS u_whom, {_u(3)} AS u_mode, {_u(4)} AS u_date,
           {_u(5)} AS u_prec, {_u(6)} AS u_status, {_u(7)} AS u_dir, {_u(8)} AS u_src
    FROM range($n) r(i)
), picked AS (
    SELECT i, CAST(floor($actors * pow(u_who, 3)) AS INTEGER) AS a,
           CAST(floor($actors * pow(u_whom, 2)) AS INTEGER) AS b,
           CASE WHEN u_mode < 0.34 THEN 'meeting' WHEN u_mode < 0.56 THEN 'call' WHEN u_mode < 0.76 THEN 'visit'
                WHEN u_mode < 0.86 THEN 'talks' WHEN u_mode < 0.93 THEN 'message' WHEN u_mode < 0.97 THEN 'envoy'
                ELSE 'summons' END AS mode,
           DATE '1996-01-01' + CAST(floor(10957 * sqrt(u_date)) AS INTEGER) AS day,
           CASE WHEN u_prec < 0.85 THEN 'day' WHEN u_prec < 0.97 THEN 'month' ELSE 'year' END AS precision,
           CASE WHEN u_status < 0.92 THEN 'occurred' ELSE 'planned' END AS status, u_dir, u_src
    FROM rows
)
SELECT 'c' || i AS id, who_id AS who, m.id AS whom, mode,
       mode IN ('visit', 'envoy', 'summons', 'message') OR (mode = 'call' AND u_dir < 0.3) AS directed,
       CASE precision WHEN 'day' THEN day WHEN 'month' THEN date_trunc('month', day)
                      ELSE date_trunc('year', day) END,
       CASE precision WHEN 'day' THEN day WHEN 'month' THEN last_day(day)
                      ELSE CAST(date_trunc('year', day) + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE) END,
       precision, status, NULL, 1 + CAST(floor(4 * pow(u_src, 4)) AS INTEGER),
       'A sentence that reports the contact.',
       [lower(($outlets)[1 + CAST((hash(CAST(i AS VARCHAR)) % $articles) % len($outlets) AS INTEGER)])]
FROM (
    -- a contact is between two states' actors: a partner of the same country gives way to another
    SELECT p.*, w.id AS who_id, w.country AS who_country,
           CASE WHEN m0.country IS NOT DISTINCT FROM w.country
                THEN (p.b + 17 + p.i % 97) % $actors ELSE p.b END AS b2
    FROM picked p JOIN ranked w ON w.n = p.a JOIN ranked m0 ON m0.n = p.b
) picked
JOIN ranked m ON m.n = picked.b2
WHERE m.country IS DISTINCT FROM picked.who_country
"""

FILL_ARTICLES = """
INSERT INTO articles (id, name, path, title, source, url, published, text, ingested_at, extractor_version)
SELECT 'a' || i, 'synthetic-' || i, NULL, NULL, ($outlets)[1 + CAST(i % len($outlets) AS INTEGER)], NULL,
       DATE '1996-01-01' + CAST(hash(i + $seed) % 10957 AS INTEGER), '', TIMESTAMP '2026-01-01', 'synthetic'
FROM range($articles) r(i)
"""

# Each contact's one mention, in the article its outlet was drawn from (the same hash).
FILL_MENTIONS = """
INSERT INTO mentions (id, article, sentence, span_start, span_end, who, whom, mode, directed, date_start, date_end,
                      precision, status, location, evidence, grp)
SELECT 'm' || substr(id, 2), 'a' || (hash(substr(id, 2)) % $articles), 0, 0, 0, who, whom, mode, directed,
       date_start, date_end, precision, status, NULL, evidence, {group}
FROM contacts
""".replace("{group}", group_sql("contacts"))

FILL_SOURCES = "INSERT INTO contact_sources SELECT id, 'm' || substr(id, 2) FROM contacts"


# Fusion's indexes are rebuilt up to this size; the 100M store is read-only for the query
# benchmark (opening it writable rebuilds them, which takes minutes and gigabytes).
INDEXED_UP_TO = 10_000_000


def _ranked_actors(store) -> int:
    """Actors by prominence: the well-known people in people.toml's order (Xi, Putin,
    Zelensky … first), then the other office holders, then states and organisations."""
    kb = default()
    loaded = {actor_id: k for k, actor_id in enumerate(kb.actors)}
    order = sorted(kb.actors.values(),
                   key=lambda a: (a.id not in kb.well_known, a.kind.value != "person", loaded[a.id]))
    store.connection.execute("CREATE OR REPLACE TEMP TABLE ranked (n INTEGER, id VARCHAR, country VARCHAR)")
    store.connection.executemany("INSERT INTO ranked VALUES (?, ?, ?)",
                                 [(k, a.id, kb.country_of(a)) for k, a in enumerate(order)])
    return len(order)


class Filled(NamedTuple):
    seconds: float          # in all
    sorting: float          # of which sorting the contacts


def fill(path: Path, n: int, seed: int = 0) -> Filled:
    """Write a store of `n` synthetic contacts at `path`; seconds taken."""
    started = time.perf_counter()
    with contacts.open(path) as store:
        actors = _ranked_actors(store)
        con = store.connection
        con.execute("SET enable_progress_bar = false")
        indexes = [(statement.split()[5], statement) for statement in _INDEXES]
        for name, _ in indexes:               # bulk loads go faster without indexes to keep
            con.execute(f"DROP INDEX {name}")
        con.execute(FILL_CONTACTS, {"n": n, "actors": actors, "seed": seed, "articles": max(1, n // 10),
                                    "outlets": OUTLETS})
        sort_started = time.perf_counter()
        store.optimize()
        sorting = time.perf_counter() - sort_started
        con.execute(FILL_ARTICLES, {"articles": max(1, n // 10), "outlets": OUTLETS, "seed": seed})
        con.execute(FILL_MENTIONS, {"articles": max(1, n // 10)})
        con.execute(FILL_SOURCES)
        if n <= INDEXED_UP_TO:
            for _, statement in indexes:
                con.execute(statement)
        con.execute("CHECKPOINT")
    return Filled(time.perf_counter() - started, sorting)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic", description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many contacts")
    parser.add_argument("out", type=Path, help="the store to write (must not exist)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists; give a new path")
    filled = fill(args.out, args.n, args.seed)
    print(f"{args.n:,} contacts in {filled.seconds:.1f} s (sorting them {filled.sorting:.1f} s): {args.out}")


if __name__ == "__main__":
    main()
