"""Storing imported records: in chunks, one transaction each, fused with what is stored.

A record is stored as an article whose id is its dataset and its own id, and whose
extractor_version holds the digest of what it states: a re-import of the same record
finds it unchanged and writes nothing, a changed record replaces its old rows, and its
contacts fuse with the extracted ones under the same rules (`Store._fuse_again`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

import duckdb

from contacts import fusion
from contacts.errors import InputError, StoreError
from contacts.imports.records import ImportReport, Record
from contacts.kb import affiliation
from contacts.kb.model import Actor

# Records per transaction: the first few small, so a short import is quick to see, then each
# twice the last up to MAX_CHUNK. Each transaction fuses again the whole groups it touches
# (Store._fuse_again), and event data's state pairs are few and large: 12 chunks of 2,000 GDELT
# events refused 6x the contacts they made. Chunks that double keep that work linear, and
# the cap keeps memory flat however large the file.
CHUNK, MAX_CHUNK = 2_000, 64_000


def version_of(record: Record) -> str:
    return f"import {record.dataset} {record.digest()}"


def load(store, dataset: str, found: Iterable[Record | InputError], *,
         advance: Callable[[int], None] | None = None) -> ImportReport:
    """Store the records `found` yields; an InputError is a bad record, reported and skipped."""
    if store.read_only:
        raise StoreError("the store is open read-only", hint="open it without --read-only to import")
    from contacts.store import INGEST_MEMORY
    report, chunk, size = ImportReport(dataset), [], CHUNK
    new_ids: set[str] = set()           # the records new in this import (contacts.lineage counts by them)
    with store._ingest_settings(INGEST_MEMORY):          # DuckDB's cache capped as for an ingest
        for item in found:
            report.records += 1
            if isinstance(item, InputError):
                report.failed += 1
                report.errors.append(str(item))
                continue
            chunk.append(item)
            if len(chunk) >= size:
                _store_chunk(store, chunk, report, new_ids)
                _advance(advance, chunk)
                chunk, size = [], min(2 * size, MAX_CHUNK)
        if chunk:
            _store_chunk(store, chunk, report, new_ids)
            _advance(advance, chunk)
    if report.new_actors:
        store._query_actors = None           # queries may name the people the import added
    return report


def _advance(advance: Callable[[int], None] | None, chunk: list[Record]) -> None:
    if advance:
        advance(len(chunk))


def _store_chunk(store, chunk: list[Record], report: ImportReport, new_ids: set[str]) -> None:
    from contacts.store import _insert, _rollback, _AMONG_IDS
    con = store.connection
    unique = {r.article_id: r for r in chunk}          # the same record twice in one file: the last one
    stored = dict(con.execute(f"SELECT id, extractor_version FROM articles WHERE id {_AMONG_IDS}",
                              {"ids": list(unique)}).fetchall())
    fresh = [r for aid, r in unique.items() if stored.get(aid) != version_of(r)]
    report.unchanged += len(chunk) - len(fresh)
    report.skipped += sum(1 for r in fresh if not r.contacts)
    if not fresh:
        return
    replacing = sorted(r.article_id for r in fresh if r.article_id in stored)
    con.begin()
    try:
        groups, replaced = store._remove_articles(replacing)
        report.new_actors += _add_actors(con, fresh, _insert)
        now = datetime.now()
        _insert(con, "articles", [[r.article_id, r.record_id, r.path, r.title, r.dataset, r.url, r.published,
                                   r.text, now, version_of(r), r.dataset] for r in fresh])
        rows, evidence = [], []
        for r in fresh:
            for n, c in enumerate(r.contacts):
                mid = f"{r.article_id}:{n}"
                group = fusion.group_key(fusion.MentionRow(mid, c.who.id, c.whom.id, c.mode, c.directed, c.start,
                                                           c.end, c.precision, c.status, None))
                rows.append([mid, r.article_id, None, None, None, c.who.id, c.whom.id, c.mode, c.directed, c.start,
                             c.end, c.precision, c.status, c.location.id if c.location else None, c.evidence,
                             fusion.group_hash(group), r.dataset, r.record_id])
                evidence.append([mid, None, None, None, c.evidence])
                groups.add(group)
        _insert(con, "mentions", rows)
        _insert(con, "evidence", evidence)
        change = store._fuse_again(groups, replaced, new_ids | {r.article_id for r in fresh if r.article_id not in stored})
        con.commit()
    except duckdb.Error as exc:
        _rollback(con)
        store._reconnect()
        raise StoreError(f"storing {len(fresh):,} {report.dataset} records failed: {str(exc).splitlines()[0]}; "
                         "the records stored before them are kept", hint="rerun the import to continue") from None
    except BaseException:
        _rollback(con)
        raise
    report.new += len(fresh) - len(replacing)
    report.changed += len(replacing)
    report.mentions += len(rows)
    new_ids.update(r.article_id for r in fresh if r.article_id not in stored)
    report.contacts_created += change.created
    report.contacts_updated += change.updated


def _add_actors(con: duckdb.DuckDBPyConnection, records: list[Record], insert) -> int:
    """The actors the records name that the store lacks (people and states the knowledge base
    does not know), with the dataset as their origin; how many."""
    named: dict[str, tuple[Actor, str]] = {}
    for r in records:
        for c in r.contacts:
            for actor in (c.who, c.whom, c.location):
                if actor is not None:
                    named.setdefault(actor.id, (actor, r.dataset))
    known = {row[0] for row in con.execute("SELECT id FROM actors WHERE list_contains(?, id)",
                                            [list(named)]).fetchall()}
    fresh = [(a, origin) for aid, (a, origin) in named.items() if aid not in known]
    insert(con, "actors", [[a.id, a.name, a.kind.value, a.country, list(a.aliases), origin] for a, origin in fresh])
    insert(con, "affiliations", [[a.id, *span] for a, _ in fresh for span in affiliation.spans(a, [])])
    return len(fresh)
