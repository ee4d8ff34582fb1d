"""Extraction on every core, with the store as the one writer.

`extract_each` walks the articles to ingest in order and hands back each with
its extraction. The first few are extracted here (a small ingest never pays
for starting processes); past that, extraction moves to worker processes, a
bounded number of articles in flight so memory does not grow with the corpus.
Results come back in input order, so ingest stays deterministic.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from contacts.errors import ContactsError

SERIAL_FIRST = 24          # articles extracted in-process before workers start
IN_FLIGHT_PER_WORKER = 64

_KB = None


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _start(kb, parent: int) -> None:
    global _KB
    _KB = kb
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose ingest was killed (kill -9) must not linger, blocked on a pipe nobody reads."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _here(article, kb) -> Any:
    """The extraction, or the error (returned: errors travel back from workers as values)."""
    from contacts.extract import extract
    try:
        return extract(article, kb)
    except ContactsError as exc:
        return exc


def _extract(article) -> Any:
    """In a worker, with the knowledge base it was started with."""
    return _here(article, _KB)


class _Done:
    """A result computed in this process, shaped like a finished Future."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def done(self) -> bool:
        return True

    def result(self) -> Any:
        return self.value


def extract_each(jobs: Iterable[tuple[Any, bool]], kb, workers: int) -> Iterator[tuple[Any, Any]]:
    """(item, extraction | error | None) for each (item, needs_extraction), in order."""
    pending: deque[tuple[Any, Future | _Done | None]] = deque()
    pool: ProcessPoolExecutor | None = None
    done_here = 0
    try:
        for item, needs in jobs:
            if not needs:
                pending.append((item, None))
            elif workers <= 1 or done_here < SERIAL_FIRST:
                pending.append((item, _Done(_here(item, kb))))
                done_here += 1
            else:
                if pool is None:
                    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                               initializer=_start, initargs=(kb, os.getpid()))
                pending.append((item, pool.submit(_extract, item)))
            while pending and (pending[0][1] is None or pending[0][1].done()
                               or len(pending) > IN_FLIGHT_PER_WORKER * max(workers, 1)):
                item, work = pending.popleft()
                yield item, work.result() if work is not None else None
        while pending:
            item, work = pending.popleft()
            yield item, work.result() if work is not None else None
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
