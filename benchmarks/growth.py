"""How costs grow with the size of one thing (issue 28, item 7): each figure is the time for
ten times the work, as a ratio to the time for the work itself, the two timed in turn in
the same run (a shared machine's noise falls on both). Linear is 10;
the target is ≤ 12 (a square would be 100).

- fusion of one group: n reports of one pair's calls over 700 days (fusion.cluster)
- fusion of one group spread over time: n reports over n / 4 days, so that the days (the
  buckets fusion sorts) grow with the reports
- extraction of one long, contact-dense article: n paragraphs of generated news text
"""

from __future__ import annotations

from datetime import date, timedelta

from benchmarks import corpus
from benchmarks.common import Figure, measure_pair
from contacts import fusion
from contacts.extract import extract
from contacts.kb import default
from contacts.models import Article

TARGET = "≤ 12 for 10× the work"


def _group(n: int, days: int = 700) -> list[fusion.MentionRow]:
    day = date(2000, 1, 1)
    precisions = ["day"] * 8 + ["month", "year"]
    rows = []
    for i in range(n):
        start = day + timedelta(days=(i * 7919) % days)
        precision = precisions[i % 10]
        if precision == "month":
            start = start.replace(day=1)
            end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        elif precision == "year":
            start, end = date(start.year, 1, 1), date(start.year, 12, 31)
        else:
            end = start
        rows.append(fusion.MentionRow(f"{i:08x}:0", "xi-jinping", "vladimir-putin", "call", False, start, end,
                                      precision, "occurred", None))
    return rows


def _long_article(paragraphs: int) -> Article:
    texts = [a.text for a in corpus.articles(paragraphs)]
    return Article(text="\n\n".join(texts), name=f"long{paragraphs}", published=date(2023, 4, 26))


def _ratio(name: str, small: float, large: float, spread: float, unit: str) -> Figure:
    return Figure(name, large, spread, unit, large / small, TARGET)


def run(quick: bool = False) -> list[Figure]:
    repeat = 3 if quick else 5
    n = 2_000 if quick else 6_000
    small, large = _group(n), _group(10 * n)
    fuse_small, fuse_large = measure_pair(lambda: fusion.cluster(small), lambda: fusion.cluster(large), repeat)
    figures = [_ratio(f"fusion of one group, {10 * n:,} mentions", fuse_small[0], *fuse_large,
                      f"{n:,} mentions")]
    small, large = _group(n, n // 4), _group(10 * n, 10 * n // 4)
    fuse_small, fuse_large = measure_pair(lambda: fusion.cluster(small), lambda: fusion.cluster(large), repeat)
    figures.append(_ratio(f"fusion of one group, {10 * n:,} over {10 * n // 4:,} days", fuse_small[0],
                          *fuse_large, f"{n:,} over {n // 4:,} days"))
    kb = default()
    paragraphs = 10 if quick else 20
    short, long = _long_article(paragraphs), _long_article(10 * paragraphs)
    one, ten = measure_pair(lambda: extract(short, kb), lambda: extract(long, kb), max(2, repeat - 2))
    size = len(long.text.encode()) / 1024
    figures.append(_ratio(f"extraction of one article, {size:.0f} KB", one[0], *ten,
                          f"{len(short.text.encode()) / 1024:.0f} KB"))
    return figures
