"""Extraction speed on one core: articles per second on generated ~4 KB articles
(benchmarks/corpus.py), against splitting the same articles into sentences (the
cheapest stage) in the same run; the seed articles are measured too.

Target: ≥ 300 articles/s (goal ≥ 1,000).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks import compiled, corpus
from benchmarks.common import Figure, measure
from contacts.extract import extract
from contacts.extract.sentences import split
from contacts.kb import default
from contacts.models import Article
from contacts.read import ReadOptions, read_paths

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _generated(n: int) -> list[Article]:
    return [Article(text=a.text, name=a.name, published=a.published, source=a.source) for a in corpus.articles(n)]


def per_article(articles: list[Article], kb, repeat: int) -> tuple[float, float]:
    """Median and spread of the seconds to extract one of `articles`."""
    extract(articles[0], kb)                  # warm the caches (rules, gazetteers)
    median, spread = measure(lambda: [extract(a, kb) for a in articles], repeat)
    return median / len(articles), spread / len(articles)


def _pure_per_article(n: int, repeat: int) -> tuple[float, float]:
    """`per_article` of `n` generated articles run by the source tree's pure Python, in its own process."""
    done = subprocess.run([sys.executable, "-P", "-m", "benchmarks.extraction", str(n), str(repeat)],
                          env=compiled.environment(compiled.REPO), capture_output=True, text=True, check=True)
    return tuple(json.loads(done.stdout))


def run(quick: bool = False) -> list[Figure]:
    kb = default()
    n, repeat = (100, 3) if quick else (300, 7)
    generated = _generated(n)
    seeds = [a for a in read_paths([SEEDS], ReadOptions())]
    extract(seeds[0], kb)                     # warm the caches (rules, gazetteers)
    size = sum(len(a.text.encode()) for a in generated) / len(generated) / 1024
    per = lambda t, n: (t[0] / n, t[1] / n)  # noqa: E731
    base = per(measure(lambda: [split(a.text) for a in generated], repeat), len(generated))
    full = per_article(generated, kb, repeat)
    on_seeds = per(measure(lambda: [extract(a, kb) for a in seeds], repeat, 20), len(seeds))
    figures = [
        Figure(f"sentence splitting, per article ({size:.1f} KB)", *base),
        Figure(f"extraction, per article ({1 / full[0]:.0f} articles/s)", *full, "sentence splitting",
               full[0] / base[0], "≥ 300 articles/s (goal ≥ 1,000)"),
        Figure(f"extraction, per seed article ({1 / on_seeds[0]:.0f}/s)", *on_seeds, "generated articles",
               on_seeds[0] / full[0]),
    ]
    if compiled.is_compiled():
        pure = _pure_per_article(n, repeat)
        figures.append(Figure(f"extraction, pure Python ({1 / pure[0]:.0f}/s)", *pure, "compiled extraction",
                              pure[0] / full[0]))
    return figures


if __name__ == "__main__":
    print(json.dumps(per_article(_generated(int(sys.argv[1])), default(), int(sys.argv[2]))))
