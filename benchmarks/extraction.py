"""Extraction speed on one core: articles per second (the seed articles, ~4.4 KB each),
against splitting the same articles into sentences (the cheapest stage) in the same run.

Target: ≥ 300 articles/s (goal ≥ 1,000).
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import Figure, measure
from contacts.extract import extract
from contacts.extract.sentences import split
from contacts.kb import default
from contacts.read import ReadOptions, read_paths

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(quick: bool = False) -> list[Figure]:
    articles = [a for a in read_paths([SEEDS], ReadOptions())]
    kb = default()
    extract(articles[0], kb)                  # warm the caches (dateparser, rules)
    repeat, number = (5, 5) if quick else (15, 10)
    full = measure(lambda: [extract(a, kb) for a in articles], repeat, number)
    base = measure(lambda: [split(a.text) for a in articles], repeat, number)
    n = len(articles)
    per = lambda t: (t[0] / n, t[1] / n)  # noqa: E731
    return [
        Figure("sentence splitting, per article", *per(base)),
        Figure(f"extraction, per article ({n / full[0]:.0f} articles/s)", *per(full), "sentence splitting",
               full[0] / base[0], "≥ 300 articles/s (goal ≥ 1,000)"),
    ]
