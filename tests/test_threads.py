"""A Store shared by threads (issue 28, item 8): each public method runs on its own cursor,
so readers never meet "connection is busy", and an ingest is never stopped by a reader."""

import threading
from collections import Counter

import pytest

import contacts
from conftest import SEEDS

READS = [
    lambda s: s.query("count contacts"),
    lambda s: s.query("list calls Xi <-> Putin"),
    lambda s: s.query("count contacts by who, mode"),
    lambda s: s.stats(),
    lambda s: s.sql("SELECT count(*) FROM articles"),
    lambda s: s.query_actors(),
    lambda s: s.show(s.sql("SELECT min(id) FROM contacts")[1][0][0]),
]


def hammer(store, rounds: int, errors: Counter, stop: threading.Event | None = None) -> None:
    n = 0
    while n < rounds or (stop is not None and not stop.is_set()):
        for read in READS:
            try:
                read(store)
            except Exception as exc:                     # noqa: BLE001 - counted, then asserted none
                errors[f"{type(exc).__name__}: {str(exc)[:80]}"] += 1
        n += 1


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("threads") / "s.duckdb"
    with contacts.open(path) as store:
        store.ingest([SEEDS])
    return path


def test_a_fresh_store_shared_by_sixteen_threads(db):
    errors: Counter = Counter()
    with contacts.open(db, read_only=True) as store:          # fresh: nothing cached yet
        threads = [threading.Thread(target=hammer, args=(store, 10, errors)) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors                                         # 1,120 calls


def test_reading_while_another_thread_ingests(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(80):
        (folder / f"a{n:03d}.txt").write_text(
            f"---\npublished: 2023-04-{n % 28 + 1:02d}\n---\nXi Jinping held a phone call with Vladimir Putin on "
            f"Monday, the Kremlin said. Reference {n}.\n", "utf-8")
    errors: Counter = Counter()
    stop = threading.Event()
    with contacts.open(tmp_path / "s.duckdb") as store:
        store.ingest([SEEDS])
        readers = [threading.Thread(target=hammer, args=(store, 1, errors, stop)) for _ in range(3)]
        for t in readers:
            t.start()
        try:
            report = store.ingest([folder], workers=1)
        finally:
            stop.set()
            for t in readers:
                t.join()
        assert (report.new, report.failed, report.errors) == (80, 0, [])
        assert store.stats()["articles"] == 82
    assert not errors
