"""Extraction on worker processes: results come back in input order, chunked or not."""

from types import SimpleNamespace

import pytest

import contacts
from contacts import kb, parallel, store
from contacts.extract import extract
from contacts.models import Article


def _articles(n: int) -> list[Article]:
    leaders = ["Xi", "Putin", "Macron", "Biden", "Lula", "Modi"]
    return [Article(id=f"a{i}", name=f"a{i}", published="2023-04-26",
                    text=f"{leaders[i % 6]} met {leaders[(i + 1) % 6]} in Paris on Monday.")
            for i in range(n)]


@pytest.mark.parametrize("chunk", [1, 3])
@pytest.mark.parametrize("tell_waits", [False, True])
def test_workers_hand_back_every_article_in_order_with_its_extraction(monkeypatch, chunk, tell_waits):
    monkeypatch.setattr(parallel, "SERIAL_FIRST", 2)
    monkeypatch.setattr(parallel, "CHUNK", chunk)
    monkeypatch.setattr(parallel, "IN_FLIGHT_PER_WORKER", 2)     # the oldest waits in an unsent chunk
    base = kb.default()
    articles = _articles(11)
    jobs = [(a, i % 4 != 3) for i, a in enumerate(articles)]     # every fourth needs no extraction
    got = [(item, result) for item, result in parallel.extract_each(jobs, base, workers=2, tell_waits=tell_waits)
           if item is not parallel.WAITING]
    assert [item.id for item, _ in got] == [a.id for a in articles]
    for (item, needs), (_, result) in zip(jobs, got):
        if not needs:
            assert result is None
        else:
            assert result.mentions == extract(item, base).mentions


def test_ingest_stores_a_batch_while_the_workers_keep_it_waiting(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "MIN_BATCH", 2)
    stored: list[int] = []
    monkeypatch.setattr(store.Store, "_flush", lambda self, batch, report, tell: stored.append(len(batch)))
    done = [(SimpleNamespace(id=f"a{i}"), object()) for i in range(7)]
    wait = (parallel.WAITING, None)
    found = [done[0], wait, done[1], done[2], wait, wait, done[3], done[4], done[5], done[6]]
    with contacts.open(tmp_path / "s.duckdb") as s:
        s._write(iter(found), {}, None)
    assert stored == [3, 4]          # one article is too few to store alone; the rest at the end


# -- workers only when they pay (issue 27, item 18) ------------------------------------------
@pytest.mark.parametrize("articles, cores, chosen", [
    (1, 2, 1), (999, 2, 1), (999, 8, 1),          # below the break-even: one process
    (1000, 2, 2), (50_000, 4, 4), (50_000, 1, 1),  # past it: one worker per core
])
def test_workers_are_started_only_when_they_pay(monkeypatch, articles, cores, chosen):
    monkeypatch.delenv("CONTACTS_WORKERS", raising=False)
    monkeypatch.setattr(parallel, "default_workers", lambda: cores)
    assert parallel.workers_for(articles) == chosen


@pytest.mark.parametrize("value, chosen", [("1", 1), ("3", 3), (" 2 ", 2), ("0", None), ("two", None), ("-1", None)])
def test_contacts_workers_sets_the_number(monkeypatch, value, chosen):
    monkeypatch.setenv("CONTACTS_WORKERS", value)
    if chosen is None:
        with pytest.raises(contacts.ContactsError, match="is not a number of processes"):
            parallel.workers_for(10)
    else:
        assert parallel.workers_for(10) == chosen == parallel.workers_for(50_000)


def test_ingest_counts_its_articles_to_choose_its_workers(tmp_path, monkeypatch):
    (tmp_path / "wire.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}', encoding="utf-8")
    (tmp_path / "one.txt").write_text("Xi met Putin.", encoding="utf-8")
    asked = []
    monkeypatch.setattr(parallel, "workers_for", lambda n: asked.append(n) or 1)

    def no_pool(*_, **__):
        raise AssertionError("a worker was started")
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    monkeypatch.setattr(parallel, "SERIAL_FIRST", 0)
    with contacts.open() as s:
        s.ingest([tmp_path, Article(text="Modi met Macron.", name="m")])
    assert asked == [5]


@pytest.mark.parametrize("text, at_most, counted", [
    ('{"a": 1}\n{"a": 2}\n', 10, 2), ('{"a": 1}\n\n{"a": 2}', 10, 2), ("", 10, 0),
    ('{"a": 1}\n' * 5000, 100, 100),               # counting stops at what the choice needs
])
def test_counting_the_articles_of_json_lines(tmp_path, text, at_most, counted):
    from contacts.read import count_articles
    (tmp_path / "w.jsonl").write_text(text, encoding="utf-8")
    assert count_articles([tmp_path / "w.jsonl"], at_most) == counted
