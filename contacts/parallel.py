"""Extraction on every core, with the store as the one writer.

`extract_each` walks the articles to ingest in order and hands back each with
its extraction. The first few are extracted here (a small ingest never pays
for starting processes); past that, extraction moves to worker processes, a
bounded number of articles in flight so memory does not grow with the corpus.
Until the first worker has answered (starting one takes ~0.35 s), this process
goes on extracting rather than wait. Results come back in input order, so
ingest stays deterministic.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from contacts.errors import ContactsError

SERIAL_FIRST = 24          # articles extracted in-process before workers start
WORKERS_PAY_FROM = 1000    # articles: fewer are ingested in one process (workers_for)
IN_FLIGHT_PER_WORKER = 256
CHUNK = 16                  # articles sent to a worker at once: fewer, larger messages

_KB = None


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def workers_for(articles: int) -> int:
    """The workers an ingest of this many articles pays for: none (one process) below
    WORKERS_PAY_FROM, where starting them costs more than they win, else one per core.
    benchmarks/ingest.py measures the break-even; benchmarks/RESULTS.md has the figures
    (on a busy machine too, where workers lost up to 800 articles and won at 1,600).
    $CONTACTS_WORKERS sets the number instead."""
    forced = os.environ.get("CONTACTS_WORKERS", "").strip()
    if forced:
        return _forced(forced)
    return 1 if articles < WORKERS_PAY_FROM else default_workers()


def _forced(value: str) -> int:
    """$CONTACTS_WORKERS: the number of extraction processes, whatever the ingest's size."""
    if not value.isdigit() or int(value) < 1:
        raise ContactsError(f"CONTACTS_WORKERS={value!r} is not a number of processes",
                            hint="give 1 (one process) or more, or unset it to let ingest choose")
    return int(value)


def _start(kb, parent: int) -> None:
    global _KB
    _KB = kb
    # Ctrl-C reaches the whole process group: the parent stops the ingest and ends the
    # workers, which would otherwise each print a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose ingest was killed (kill -9) must not linger, blocked on a pipe nobody reads."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def extract_one(article, kb) -> Any:
    """The extraction, or the error (returned: errors travel back from workers as values)."""
    from contacts.extract.pipeline import extract      # loaded on first use: queries never need it
    try:
        return extract(article, kb)
    except ContactsError as exc:
        return exc
    except Exception as exc:        # noqa: BLE001 - an extractor fault costs its article, never the ingest
        lines = str(exc).splitlines()
        return ContactsError(f"the extractor failed on this article: {type(exc).__name__}"
                             f"{': ' + lines[0][:200] if lines else ''}",
                             hint="the other articles are stored; please report it with the article")


@contextlib.contextmanager
def _no_ctrl_c():
    """SIGINT ignored while workers may be spawned (submit spawns them): a child inherits the
    ignored signal from its start, where the initializer's comes too late for a Ctrl-C that
    arrives while it loads (each printed a KeyboardInterrupt traceback). Off the main thread,
    where signals cannot be set, nothing changes."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class _Done:
    """A result computed in this process, shaped like a finished Future."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def done(self) -> bool:
        return True

    def result(self) -> Any:
        return self.value


class _InChunk:
    """One article's place in a chunk sent to a worker: its result once the chunk is back."""

    def __init__(self) -> None:
        self.future: Future | None = None
        self.index = 0

    def done(self) -> bool:
        return self.future is not None and self.future.done()

    def result(self) -> Any:
        assert self.future is not None, "a chunk is sent before its results are awaited"
        return self.future.result()[self.index]


def _extract_chunk(articles: list) -> list:
    return [extract_one(article, _KB) for article in articles]


WAITING = object()          # yielded as (WAITING, None) when the next result is not back yet


def extract_each(jobs: Iterable[tuple[Any, bool]], kb, workers: int,
                 tell_waits: bool = False) -> Iterator[tuple[Any, Any]]:
    """(item, extraction | error | None) for each (item, needs_extraction), in order; with
    `tell_waits`, also (WAITING, None) before waiting on a worker, so the caller can use the time."""
    pending: deque[tuple[Any, _Done | _InChunk | None]] = deque()
    chunk: list[tuple[Any, _InChunk]] = []
    pool: ProcessPoolExecutor | None = None
    first: Future | None = None             # the first chunk sent: the pool is warm once it is back
    done_here = 0

    def send() -> None:
        nonlocal pool, chunk, first
        if pool is None:
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_start, initargs=(kb, os.getpid()))
        with _no_ctrl_c():          # a worker spawned now starts with Ctrl-C ignored, even while it unpickles
            future = pool.submit(_extract_chunk, [item for item, _ in chunk])
        first = first or future
        for index, (_, place) in enumerate(chunk):
            place.future, place.index = future, index
        chunk = []

    def oldest() -> Iterator[tuple[Any, Any]]:
        """Hand back the oldest article, saying first if its worker keeps us waiting."""
        item, work = pending.popleft()
        if tell_waits and work is not None and not work.done():
            yield WAITING, None
        yield item, work.result() if work is not None else None

    try:
        for item, needs in jobs:
            if not needs:
                pending.append((item, None))
            elif workers <= 1 or done_here < SERIAL_FIRST or (first is not None and not first.done()):
                pending.append((item, _Done(extract_one(item, kb))))
                done_here += 1
            else:
                place = _InChunk()
                chunk.append((item, place))
                pending.append((item, place))
                if len(chunk) >= CHUNK:
                    send()
            while pending and (pending[0][1] is None or pending[0][1].done()
                               or len(pending) > IN_FLIGHT_PER_WORKER * max(workers, 1)):
                if chunk and pending[0][1] is chunk[0][1]:
                    send()                  # the oldest article waits in a chunk not sent yet
                yield from oldest()
        if chunk:
            send()
        while pending:
            yield from oldest()
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
