"""Extraction on worker processes: results come back in input order, chunked or not."""

import pytest

from contacts import kb, parallel
from contacts.extract import extract
from contacts.models import Article


def _articles(n: int) -> list[Article]:
    leaders = ["Xi", "Putin", "Macron", "Biden", "Lula", "Modi"]
    return [Article(id=f"a{i}", name=f"a{i}", published="2023-04-26",
                    text=f"{leaders[i % 6]} met {leaders[(i + 1) % 6]} in Paris on Monday.")
            for i in range(n)]


@pytest.mark.parametrize("chunk", [1, 3])
def test_workers_hand_back_every_article_in_order_with_its_extraction(monkeypatch, chunk):
    monkeypatch.setattr(parallel, "SERIAL_FIRST", 2)
    monkeypatch.setattr(parallel, "CHUNK", chunk)
    monkeypatch.setattr(parallel, "IN_FLIGHT_PER_WORKER", 2)     # the oldest waits in an unsent chunk
    base = kb.default()
    articles = _articles(11)
    jobs = [(a, i % 4 != 3) for i, a in enumerate(articles)]     # every fourth needs no extraction
    got = list(parallel.extract_each(jobs, base, workers=2))
    assert [item.id for item, _ in got] == [a.id for a in articles]
    for (item, needs), (_, result) in zip(jobs, got):
        if not needs:
            assert result is None
        else:
            assert result.mentions == extract(item, base).mentions
