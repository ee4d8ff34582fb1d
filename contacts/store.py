"""The DuckDB store: articles in, fused contacts out, one transaction per article."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import threading
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import duckdb

from contacts import articles, corrections, dataset, decisions, fusion, layout, lineage, migrations, parallel
from contacts.articles import StoredArticle, count_undated
from contacts.errors import ActorError, ContactsError, InputError, printable, QueryError, SchemaVersionError, StoreError, StoreInUseError
from contacts import extract as extraction
from contacts.extract import EXTRACTOR_VERSION
from contacts.kb import KnowledgeBase, affiliation, default
from contacts.kb import load as load_kb
from contacts.kb.names import name_key
from contacts.models import Article, ExtractedContact, IngestReport
from contacts import query as query_language
from contacts.query.limits import capped
from contacts.query import Compiled, QueryActors
from contacts.read import ReadOptions, count_articles, read_paths
from contacts.result import Result
from contacts.script import Script

SCHEMA_VERSION = migrations.CURRENT     # its history: contacts.migrations
# DuckDB's memory while ingesting ($CONTACTS_INGEST_MEMORY overrides: "1GB", "256MB" …)
INGEST_MEMORY = os.environ.get("CONTACTS_INGEST_MEMORY") or "128MB"
MIN_INGEST_MEMORY = 2**20          # a positive cap grows by half per retry; 0 would grow forever
BATCH = 512           # articles per transaction: each article is whole or absent, and commits are few
MIN_BATCH = 64        # ... but a batch of this many is stored at once when the workers keep us waiting
_MENTION_COLUMNS = "id, who, whom, mode, directed, date_start, date_end, precision, status, location"
# Rows whose key is in the list $ids, found with a hash join: a scan (DuckDB takes no index
# for thousands of keys) that compares each row once, where list_contains searches the list.
_AMONG_IDS = "IN (SELECT unnest($ids))"
EXTRACTED = articles.EXTRACTED     # the origin of what the extractor read (an imported record's is its dataset's name)


class Store:
    """A contacts store in a DuckDB file (or in memory when `path` is None).

    >>> store = Store()                       # in memory
    >>> report = store.ingest(["seeds/"])     # doctest: +SKIP
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False,
                 kb: KnowledgeBase | None = None, actor_files: Iterable[str | Path] = ()) -> None:
        """`actor_files`: TOML files of the user's own actors, added to the knowledge base
        (as are the actors added to this store with `add_actor`)."""
        self.path = str(path) if path else ":memory:"
        self.dataset = dataset.is_dataset(path)      # Parquet files (contacts.dataset): read-only
        self.read_only = read_only or self.dataset
        self.connection = _connect(self.path, read_only)
        self.actor_files = [Path(f) for f in actor_files]
        self._given_kb = kb
        self.kb = self._knowledge_base()
        self._query_actors: QueryActors | None = None
        self._compiled: dict[tuple, tuple[QueryActors, Compiled]] = {}   # see compile
        self._cap: int | None = None      # while ingesting: bytes DuckDB may cache beyond its indexes
        self._cap_ceiling = 0             # ... and past this, no cap
        self._sealed = False              # no access outside the store any more (user_sql)
        self._fresh: set[str] = set()     # while ingesting: the ids of articles new in this ingest (lineage)
        self._prepare()

    # -- opening -----------------------------------------------------------
    def _prepare(self) -> None:
        try:
            self._prepare_schema()
        except duckdb.Error as exc:       # a damaged file: its catalog or a block cannot be read
            self.close()
            raise StoreError(f"cannot read {self.path}: {_cause(exc)}",
                             hint="it is damaged; 'contacts check' says more, a backup restores it") from None
        except ContactsError:
            self.close()
            raise

    def _prepare_schema(self) -> None:
        con = self.connection
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_catalog = current_database()").fetchall()}
        if "schema_version" in tables:
            version = self._schema_version(tables)
            self._check_size()
            if version > SCHEMA_VERSION:
                raise SchemaVersionError(f"{self.path} was written by a newer contacts (schema {version}, "
                                         f"this one knows {SCHEMA_VERSION})", hint="upgrade contacts")
            if version < SCHEMA_VERSION and self.read_only:
                raise SchemaVersionError(f"{self.path} has the older schema {version}",
                                         hint="open it once without --read-only to upgrade it")
            if not self.read_only and version < SCHEMA_VERSION:     # DuckDB alters no table an index is on
                migrations.drop_indexes(con)
            if not self.read_only and (version < SCHEMA_VERSION or self._kb_changed()):
                self._in_transaction(lambda: self._create_schema(upgrading_from=version))
            if not self.read_only:
                self._create_indexes()          # also after a crash between the schema and its indexes
            return
        if self.read_only:              # ingest refuses a DuckDB file that holds anything else
            raise StoreError(f"{self.path} is not a contacts store", hint="give another file with --db"
                             if _holds_anything(con) else "create it with 'contacts ingest --db FILE …'")
        if _holds_anything(con):        # tables, views, sequences, macros or types: someone else's database
            raise StoreError(f"{self.path} is a DuckDB file but not a contacts store",
                             hint="give another file with --db")
        self._in_transaction(self._create_schema)
        self._create_indexes()

    def _schema_version(self, tables: set[str]) -> int:
        """The store's schema version; a StoreError when the file only looks like a store."""
        missing = sorted(_CORE_TABLES - tables)
        try:
            row = self.connection.execute("SELECT max(version) FROM schema_version").fetchone()
            version = row[0] if row and row[0] else 0
            valid = isinstance(version, int) and not missing
        except duckdb.Error:            # a schema_version table of someone else's making
            valid = False
        if not valid:
            raise StoreError(f"{self.path} is a DuckDB file but not a contacts store"
                             + (f" (no {missing[0]} table)" if missing else " (its schema_version is not ours)"),
                             hint="give another file with --db")
        return version

    def _check_size(self) -> None:
        """Cheap, on every open: a file shorter than the blocks its header counts was cut short
        (a copy that stopped, a full disk); its counts would read from what is not there."""
        if self.path == ":memory:" or self.dataset:
            return
        # Not total_blocks: a checkpoint that frees the last blocks cuts them from the file
        # but still counts them, free (what that did: benchmarks/RESULTS.md).
        block_size, blocks = self.connection.execute(
            "SELECT block_size, total_blocks - free_blocks FROM pragma_database_size() "
            "WHERE database_name = current_database()").fetchone()
        expected = _HEADER_BYTES + block_size * blocks
        actual = Path(self.path).stat().st_size
        if actual < expected:
            raise StoreError(f"{self.path} is cut short: {actual:,} bytes of the {expected:,} its header counts at least",
                             hint="restore it from a backup; 'contacts check' reads what is left")

    def check(self) -> list[str]:
        """Read every row of every table (DuckDB checks each block's checksum as it reads) and
        check the links between them; what is wrong, one line each (empty: the store is sound).

        >>> store.check()                  # doctest: +SKIP
        []
        """
        problems = []
        with self._cursor() as cur:
            for table in _STORE_TABLES:
                try:
                    cur.execute(f"SELECT bit_xor(hash(t)) FROM {table} t").fetchall()
                except duckdb.Error as exc:
                    problems.append(f"table {table} cannot be read: {_cause(exc)}")
            if problems:
                return problems
            for what, sql in _INVARIANTS:
                count = cur.execute(sql).fetchone()[0]
                if count:
                    problems.append(f"{count:,} {what}")
        return problems

    def _user_entries(self) -> list[dict]:
        found = self.connection.execute("SELECT count(*) FROM information_schema.tables "
                                        "WHERE table_name = 'user_actors'").fetchone()[0]
        if not found:
            return []
        return [json.loads(r[0]) for r in self.connection.execute("SELECT entry FROM user_actors ORDER BY name")
                .fetchall()]

    def _knowledge_base(self) -> KnowledgeBase:
        entries = self._user_entries()
        if self._given_kb is not None or (not entries and not self.actor_files):
            return self._given_kb or default()
        return load_kb(self.actor_files, entries)

    def add_actor(self, entry: dict, *, shadowing: bool = False) -> Any:
        """Add a person (a [[person]] entry: name, country, aliases, roles) to this store's knowledge base.

        A name or alias that already names another actor ("Putin", "China", "Xi") is refused:
        it would change what every query naming it answers. `shadowing=True` adds it anyway.

        >>> store.add_actor({"name": "Li Hui", "roles": [{"office": "envoy", "country": "CHN",
        ...                  "title": "Special Representative", "start": "2019"}]})   # doctest: +SKIP
        """
        if self.read_only:
            raise StoreError("the store is open read-only", hint="open it without --read-only to add actors")
        load_kb([], [entry])                     # check the entry before storing it
        if not shadowing:
            self._refuse_shadowing(entry)
        self.connection.execute("INSERT OR REPLACE INTO user_actors VALUES (?, ?)",
                                [entry["name"], json.dumps(entry, ensure_ascii=False)])
        self.kb = self._knowledge_base()
        self._in_transaction(self._load_kb)
        self._query_actors = None
        return self.kb.resolve(entry["name"]).one()

    def _refuse_shadowing(self, entry: dict) -> None:
        """An ActorError if the entry's name or an alias already stands for another actor (the
        entry's own name, when the knowledge base has that person, adds to them instead)."""
        own = name_key(entry["name"])
        for text in [entry["name"], *entry.get("aliases", [])]:
            found = self.kb.resolve(text, suggest=False)
            others = [a for a in (found.actor, *found.candidates)
                      if a is not None and (name_key(a.name) != own or a.kind.value != "person")]
            if others:
                who = others[0]
                raise ActorError(f"{text!r} already names {who.name} ({who.kind.value}"
                                 f"{', ' + who.country if who.country else ''}); adding it to {entry['name']} would "
                                 f"change the answer of every query naming {text!r}",
                                 hint="choose another name or alias (or add it with shadowing=True)")

    def _in_transaction(self, work: Callable[[], None]) -> None:
        self.connection.begin()
        try:
            work()
            self.connection.commit()
        except BaseException:
            _rollback(self.connection)
            raise

    def _create_schema(self, upgrading_from: int | None = None) -> None:
        """Create the tables (or bring an older store's up to date: contacts.migrations), and load
        the knowledge base."""
        if upgrading_from is None:
            migrations.create(self.connection)
            layout.mark_sorted(self.connection)          # a new store's empty table is in order
        elif upgrading_from < SCHEMA_VERSION:
            migrations.upgrade(self.connection, upgrading_from)
        self._load_kb()

    def _create_indexes(self) -> None:
        """Outside the schema's transaction: DuckDB builds no index over rows that transaction updated."""
        for statement in _INDEXES:
            self.connection.execute(statement)

    def _kb_changed(self) -> bool:
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'kb_digest'").fetchone()
        return not row or row[0] != self.kb.digest()

    def _load_kb(self) -> None:
        """The knowledge base's actors, roles and affiliations (actors the extractor added are kept)."""
        con = self.connection
        con.execute("DELETE FROM actors WHERE origin = 'kb'")
        kb_ids = list(self.kb.actors)
        con.execute("DELETE FROM actors WHERE list_contains(?, id)", [kb_ids])
        _insert(con, "actors", [[a.id, a.name, a.kind.value, a.country, list(a.aliases), "kb"]
                                for a in self.kb.actors.values()])
        con.execute("DELETE FROM roles")
        _insert(con, "roles", [[r.actor, r.office, r.title, r.country, r.start.start, r.end.end]
                               for r in self.kb.roles])
        con.execute("DELETE FROM affiliations WHERE list_contains(?, actor)", [kb_ids])
        _insert(con, "affiliations", [[a.id, *span] for a in self.kb.actors.values()
                                      for span in affiliation.spans(a, self.kb.roles_of.get(a.id, []))])
        con.execute("INSERT OR REPLACE INTO meta VALUES ('kb_digest', ?)", [self.kb.digest()])

    @contextlib.contextmanager
    def _cursor(self):
        """A cursor of its own for one public method: DuckDB refuses a connection busy with
        another thread's call ("connection is busy"), so a Store shared by threads, or read
        while another thread ingests, gives each call its own."""
        cur = self.connection.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def _refuse_dataset(self, what: str) -> None:
        if self.dataset:                  # DuckDB would refuse too, but in words about a file of its own
            raise dataset.refuse_writes(self.path, what)

    def close(self) -> None:
        with contextlib.suppress(duckdb.Error):      # a database a fatal error invalidated is closed all the same
            self.connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest ------------------------------------------------------------
    def ingest(self, items: Iterable[str | Path | Article] | str | Path | Article, *,
               options: ReadOptions = ReadOptions(), progress: bool = False,
               on_item: Callable[[str, str], None] | None = None, workers: int | None = None) -> IngestReport:
        """Read, extract and store articles; one transaction each.

        `items` are paths (files, directories, globs) or Article objects.
        A file that cannot be read is counted as failed; the others go on.
        `progress=True` draws a progress bar on stderr; `on_item(name, outcome)`
        is called after each article ("new", "unchanged", "reextracted", "failed").
        Past the first few articles, extraction runs in `workers` processes
        (default: as many as pay for their start, parallel.workers_for: one process for
        fewer than 1,000 articles, else one per core);
        this process alone writes the store.

        >>> store.ingest(["seeds/"]).summary()          # doctest: +SKIP
        '2 new, 0 unchanged, …'
        """
        self._refuse_dataset("ingest articles")
        if isinstance(items, (str, Path, Article)):
            items = [items]
        items = list(items)
        if workers is None:          # as many as the work pays for: small ingests run in one process
            workers = parallel.workers_for(sum(isinstance(i, Article) for i in items) + count_articles(
                [i for i in items if not isinstance(i, Article)], parallel.WORKERS_PAY_FROM))
        if progress:
            return self._ingest_with_progress(items, options, on_item, workers)
        paths = [i for i in items if not isinstance(i, Article)]
        stream = itertools.chain((i for i in items if isinstance(i, Article)), read_paths(paths, options))
        versions = dict(self.connection.execute("SELECT id, extractor_version FROM articles").fetchall())
        dating = articles.Dating(lambda: self.connection, versions)     # a date for a stored article that had none
        jobs = ((i, isinstance(i, Article) and versions.get(i.id) != EXTRACTOR_VERSION)
                for i in map(dating.fill, stream))
        with self._ingest_settings(INGEST_MEMORY):
            report = self._write(parallel.extract_each(jobs, self.kb, workers, tell_waits=True), versions, on_item)
            dating.tell(report)
            return self._keep_in_order(report)

    @contextlib.contextmanager
    def _ingest_settings(self, limit: str):
        """DuckDB caches table blocks up to its memory limit (80% of RAM by default), so
        a long ingest's memory would grow with the store; while ingesting, cap its cache
        of table blocks at `limit` (`_refresh_cap`: what it cannot evict, its indexes,
        comes on top). Should DuckDB still run out, `_flush` raises or lifts the cap
        (`_ease_cap`): the cap saves memory, it must never cost an article."""
        size = _bytes(limit)
        if size is None or size < MIN_INGEST_MEMORY:      # a cap of 0 grew by half of 0 per retry, forever
            raise StoreError(f"CONTACTS_INGEST_MEMORY={limit!r} is not a size of 1MB or more",
                             hint='give e.g. "512MB" or "2GB"')
        self._cap, self._cap_ceiling = size, 4 * size
        self._refresh_cap()
        # One DuckDB thread: the extraction workers have the other cores, and ingest's
        # small statements gain nothing from more (measured: ingest 3-5% faster).
        self.connection.execute("SET threads = 1")
        try:
            yield
            try:
                self.connection.execute("CHECKPOINT")   # under the cap (at close, uncapped, it took ~35 MB more)
            except duckdb.TransactionException:
                pass        # another thread is reading: DuckDB checkpoints later (at close) by itself
            except duckdb.Error as exc:
                raise StoreError(f"the checkpoint after the ingest failed: {_cause(exc)}; the articles are "
                                 "committed (in the store's write-ahead log)",
                                 hint="free space, then open the store again to finish the checkpoint") from None
        finally:
            self._cap = None
            with contextlib.suppress(duckdb.Error):  # closed if it could not be opened again; invalidated by a fatal error
                self.connection.execute("RESET memory_limit")      # queries get DuckDB's default back
                self.connection.execute("RESET threads")

    def _refresh_cap(self) -> None:
        """Set DuckDB's limit to the cap plus the memory it holds and cannot evict (indexes
        load as they are changed and grow with the store)."""
        if self._cap is None:
            return
        con = self.connection
        held = con.execute("SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory() "
                           "WHERE tag <> 'BASE_TABLE'").fetchone()[0]
        with contextlib.suppress(duckdb.OutOfMemoryException):     # it holds more already: the old limit stays
            con.execute(f"SET memory_limit = '{(self._cap + int(held)) // 2**20}MiB'")

    def _ease_cap(self, exc: ContactsError) -> bool:
        """After DuckDB ran out of memory under the ingest cap: raise the cap by half for the rest
        of the ingest (the batches to come will need what this one did), or past four times
        what it was, lift it; True if the batch may be retried."""
        if not (self._cap is not None and isinstance(exc.__cause__, duckdb.OutOfMemoryException)):
            return False
        self._cap += self._cap // 2
        if self._cap > self._cap_ceiling:
            self.connection.execute("RESET memory_limit")
            self._cap = None
        return True

    def _reconnect(self) -> None:
        """Open the store's file afresh after a failed transaction. A rollback after DuckDB ran
        out of memory can leave rows marked deleted in its memory: the next batch to delete them
        failed with "Conflict on tuple deletion!" (seen around 43k articles of a 100k ingest). A new
        connection reads what was committed. (A store in memory cannot be opened again.)"""
        if self.path == ":memory:":
            return
        settings = {name: self.connection.execute("SELECT current_setting(?)", [name]).fetchone()[0]
                    for name in _SESSION_SETTINGS}
        self.connection.close()
        try:
            self.connection = _connect(self.path, self.read_only)
        except ContactsError as exc:         # another process took the file meanwhile, say
            raise StoreError(f"after a failed batch the store could not be opened again: {exc.message}",
                             hint="the articles stored before it are kept; run the ingest again for the rest") from None
        for name, value in settings.items():     # values DuckDB itself gave
            self.connection.execute(f"SET {name} = '{value}'")

    def _write(self, found: Iterable[tuple[Any, Any]], versions: dict[str, str],
               on_item: Callable[[str, str], None] | None) -> IngestReport:
        """Store extractions in transactions of up to BATCH articles: each article is whole or absent."""
        self._refuse_dataset("store articles")
        report, batch = IngestReport(), []

        def tell(item: Any, outcome: str) -> None:
            if on_item:
                on_item(getattr(item, "name", getattr(item, "path", "")), outcome)

        self._fresh = set()
        try:
            return self._write_all(found, versions, report, tell)
        except KeyboardInterrupt:
            raise StoreError(f"ingest interrupted; {_stored(report)}, rerun to continue") from None
        finally:
            self._fresh = set()

    def _write_all(self, found: Iterable[tuple[Any, Any]], versions: dict[str, str], report: IngestReport,
                   tell: Callable[[Any, str], None]) -> IngestReport:
        batch: list = []
        for item, result in found:
            if item is parallel.WAITING:
                if len(batch) >= MIN_BATCH:     # store while the workers extract, rather than wait
                    self._flush(batch, report, tell)
                    batch = []
                continue
            if isinstance(item, InputError) or isinstance(result, ContactsError):
                report.failed += 1
                report.errors.append(str(item) if isinstance(item, InputError)
                                     else f"{printable(item.path or item.name)}: {result}")
                tell(item, "failed")
            elif result is None or versions.get(item.id) == EXTRACTOR_VERSION:
                report.unchanged += 1        # stored before, or the same text twice in this ingest
                tell(item, "unchanged")
            else:
                batch.append((result, versions.get(item.id)))
                versions[item.id] = EXTRACTOR_VERSION
                if len(batch) >= BATCH:
                    self._flush(batch, report, tell)
                    batch = []
        if batch:
            self._flush(batch, report, tell)
        return report

    def _flush(self, batch: list, report: IngestReport, tell: Callable[[Any, str], None]) -> None:
        """One transaction for the batch; if it fails, each article alone, so one bad article costs only itself."""
        try:
            self._store([x for x, _ in batch], {x.article.id for x, old in batch if old is not None}, report)
        except ContactsError as exc:
            if not isinstance(exc.__cause__, duckdb.Error):
                raise                   # not the batch's fault: the store could not be opened again
            if self._ease_cap(exc):
                self._flush(batch, report, tell)
                return
            if isinstance(exc, _CommitFailed) or _not_the_articles(exc.__cause__):   # a full disk fails them all
                raise StoreError(f"{exc.message}; {_stored(report)}, rerun to continue") from None
            if len(batch) > 1:
                for one in batch:
                    self._flush([one], report, tell)
                return
            x = batch[0][0]
            report.failed += 1
            report.errors.append(f"{printable(x.article.path or x.article.name)}: {exc}")
            tell(x.article, "failed")
            return
        for x, old in batch:
            if old is None:
                report.new += 1
            else:
                report.reextracted += 1
            tell(x.article, "new" if old is None else "reextracted")

    def _ingest_with_progress(self, items: list, options: ReadOptions,
                              on_item: Callable[[str, str], None] | None, workers: int) -> IngestReport:
        from rich.console import Console
        from rich.progress import Progress

        from contacts.read import expand
        total = sum(1 for i in items if isinstance(i, Article)) + \
            sum(1 for p in expand([i for i in items if not isinstance(i, Article)]) if isinstance(p, Path))
        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("ingesting", total=total or None)

            def advance(name: str, outcome: str) -> None:
                bar.advance(task)
                if on_item:
                    on_item(name, outcome)
            return self.ingest(items, options=options, on_item=advance, workers=workers)

    def extract(self, article: Article | str | Path) -> list[ExtractedContact]:
        """The contacts the extractor finds in one article, without storing anything.

        >>> [c.mode for c in store.extract(Article(text="Xi called Putin on Monday.", published="2023-04-26"))]  # doctest: +SKIP
        ['call']
        """
        if not isinstance(article, Article):
            found = list(read_paths([article], ReadOptions()))
            if len(found) != 1:
                raise InputError(str(article), f"holds {len(found)} articles", hint="give one article file")
            if isinstance(found[0], InputError):
                raise found[0]
            article = found[0]
        return extraction.contract_lines(extraction.extract(article, self.kb), self.kb)

    def _store(self, xs: list, replacing: set[str], report: IngestReport,
               before: Callable[[duckdb.DuckDBPyConnection], Any] | None = None) -> None:
        """Store the extractions of several articles in one transaction, and refuse what they touch.
        `before(connection)` runs first in the same transaction (a decision stored with its effect)."""
        self._refuse_dataset("store articles")
        self._refresh_cap()
        con = self.connection
        committing = False
        con.begin()
        try:
            if before:
                before(con)
            groups, replaced = self._remove_articles(sorted(replacing))
            now = datetime.now()
            _insert(con, "articles", [[x.article.id, x.article.name, x.article.path, x.article.title,
                                       x.article.source, x.article.url, x.article.published, x.article.text, now,
                                       EXTRACTOR_VERSION, EXTRACTED] for x in xs])
            new_actors = {a.id: a for x in xs for a in x.new_actors}
            if new_actors:
                self._add_actors(list(new_actors.values()))
            groups |= self._insert_mentions(xs)
            self._insert_tallies(xs)
            self._fresh.update(x.article.id for x in xs if x.article.id not in replacing)
            change = self._fuse_again(groups, replaced)
            committing = True
            con.commit()
        except BaseException as exc:
            _rollback(con)
            if isinstance(exc, duckdb.Error):
                self._reconnect()
                names = xs[0].article.name if len(xs) == 1 else f"{len(xs)} articles"
                if committing:              # the disk's fault (full, read-only), not the articles'
                    raise _CommitFailed(f"cannot commit to {self.path}: {_cause(exc)}") from exc
                raise StoreError(f"storing {names} failed: {_cause(exc)}") from exc
            raise
        if new_actors:
            self._query_actors = None
        report.mentions += sum(len(x.mentions) for x in xs)
        report.tallies += sum(len(x.tallies) for x in xs)
        report.add(change)

    def _add_actors(self, actors) -> None:
        con = self.connection
        known = {r[0] for r in con.execute("SELECT id FROM actors WHERE list_contains(?, id)",
                                             [[a.id for a in actors]]).fetchall()}
        fresh = [a for a in actors if a.id not in known]
        if fresh:
            _insert(con, "actors", [[a.id, a.name, a.kind.value, a.country, list(a.aliases), "extracted"]
                                    for a in fresh])
            _insert(con, "affiliations", [[a.id, *span] for a in fresh for span in affiliation.spans(a, [])])

    def _insert_mentions(self, xs: list) -> set[tuple]:
        rows, evidence, groups = [], [], set()
        decided = corrections.apply(self.connection, xs)     # the researcher's decisions, before fusion
        for x, mid, m, review in ((x, *m) for x, mentions in zip(xs, decided) for m in mentions):
            ev = m.evidence[0]
            group = fusion.group_key(fusion.MentionRow(mid, m.who.id, m.whom.id, m.mode, m.directed,
                                                       m.date.start, m.date.end, m.date.precision.value,
                                                       m.status, None))
            rows.append([mid, x.article.id, ev.sentence, ev.start, ev.end, m.who.id, m.whom.id, m.mode,
                         m.directed, m.date.start, m.date.end, m.date.precision.value, m.status,
                         m.location.id if m.location else None, ev.text, fusion.group_hash(group),
                         corrections.MANUAL if review == corrections.MANUAL else EXTRACTED, None])
            evidence += [[mid, e.sentence, e.start, e.end, e.text] for e in m.evidence]
            groups.add(group)
        _insert(self.connection, "mentions", rows)
        _insert(self.connection, "evidence", evidence)
        return groups

    def _insert_tallies(self, xs: list) -> None:
        rows = [[f"{x.article.id}:t{n}", x.article.id, t.who.id, t.whom.id, t.mode, t.count, t.since.start,
                 x.article.published, t.evidence.text] for x in xs for n, t in enumerate(x.tallies)]
        _insert(self.connection, "tallies", rows)

    def _remove_articles(self, article_ids: list[str]) -> tuple[set[tuple], dict[str, set[str]]]:
        """Delete the rows of articles about to be stored again: the fusion groups their
        mentions were in, and the contacts those mentions fed (fusion replaces both)."""
        if not article_ids:
            return set(), {}
        con = self.connection
        old = con.execute(f"DELETE FROM mentions WHERE article {_AMONG_IDS} RETURNING {_MENTION_COLUMNS}",
                          {"ids": article_ids}).fetchall()
        mention_ids = [r[0] for r in old]
        fed: dict[str, set[str]] = {}           # contact -> the mentions it loses
        for contact, mention in con.execute(f"DELETE FROM contact_sources WHERE mention {_AMONG_IDS} "
                                            "RETURNING contact, mention", {"ids": mention_ids}).fetchall():
            fed.setdefault(contact, set()).add(mention)
        for table, column, ids in (("evidence", "mention", mention_ids), ("tallies", "article", article_ids),
                                   ("articles", "id", article_ids)):
            con.execute(f"DELETE FROM {table} WHERE {column} {_AMONG_IDS}", {"ids": ids})
        return {fusion.group_key(fusion.MentionRow(*r)) for r in old}, fed

    def _fuse_again(self, groups: set[tuple], replaced: dict[str, set[str]],
                fresh: set[str] | None = None) -> lineage.Change:
        """Recompute the contacts of the touched groups, all in a handful of statements, and
        keep the ids they retire as aliases; what changed (contacts.lineage).

        `replaced`: contacts of the touched groups whose links are already gone (their articles'
        removal), with the mentions they linked. `fresh`: the ids of the articles new in this
        ingest or import, so far (by default, the ingest's)."""
        if not groups:
            return lineage.Change()
        groups = fusion.families(groups)        # a pair's visits and meetings are fused together
        con = self.connection
        # The cast keeps DuckDB on the index: Python ints past 2**63 make the list HUGEINT[],
        # and grp compared as HUGEINT is read row by row (figures: benchmarks/RESULTS.md).
        rows = [(fusion.MentionRow(*fields), evidence, origin, article) for *fields, evidence, origin, article
                in con.execute(f"SELECT {_MENTION_COLUMNS}, evidence, origin, article FROM mentions "
                               "WHERE list_contains($keys::UBIGINT[], grp)",
                               {"keys": [fusion.group_hash(g) for g in groups]}).fetchall()]
        outlets = dict(con.execute(f"SELECT id, {_OUTLET} FROM articles WHERE id {_AMONG_IDS}",
                                   {"ids": list({article for *_, article in rows})}).fetchall())
        by_group: dict[tuple, list[fusion.MentionRow]] = {g: [] for g in groups}
        said: dict[str, _Said] = {}             # mention id -> what it says, where, and how it came
        for mention, evidence, origin, article in rows:
            said[mention.id] = _Said(evidence, outlets.get(article), origin or EXTRACTED)
            by_group.setdefault(fusion.group_key(mention), []).append(mention)
        # A contact's mentions are all of its group's family, so the links of the families' mentions
        # lead to every contact the families had, and are all the links those contacts have.
        old = {c: set(ms) for c, ms in replaced.items()}        # contact -> the mentions it had
        for contact, mention in con.execute(f"DELETE FROM contact_sources WHERE mention {_AMONG_IDS} "
                                            "RETURNING contact, mention", {"ids": list(said)}).fetchall():
            old.setdefault(contact, set()).add(mention)
        modes = dict(con.execute(f"DELETE FROM contacts WHERE id {_AMONG_IDS} RETURNING id, mode",
                                 {"ids": list(old)}).fetchall())
        clusters = fusion.contacts(by_group, frozenset(m for m, s in said.items() if s.origin == corrections.MANUAL))
        clusters = corrections.regroup(con, clusters)       # a researcher's merges and splits
        contact_rows = [[*fusion.contact_row(c), said[c.first.id].evidence,
                         sorted({said[m.id].outlet for m in c.mentions if said[m.id].outlet}),
                         sorted({said[m.id].origin for m in c.mentions})]
                        for c in clusters]
        _insert(con, "contacts", contact_rows)
        layout.appended(con, len(contact_rows))
        _insert(con, "contact_sources", [[c.id, m.id] for c in clusters for m in c.mentions])
        new = {c.id: [m.id for m in c.mentions] for c in clusters}
        modes.update((c.id, c.mode) for c in clusters)
        change = lineage.change(old, new, self._fresh if fresh is None else fresh, modes)
        lineage.record(con, change.aliases, [c for c in new if c not in old], datetime.now())
        return change

    def reextract(self, *, everything: bool = False) -> IngestReport:
        """Extract again every article stored by an older extractor (or, with `everything`,
        every article: after adding actors, say)."""
        rows = self.connection.execute(
            "SELECT id, name, path, title, source, url, published, text FROM articles "
            "WHERE (? OR extractor_version <> ?) AND origin = ?", [everything, EXTRACTOR_VERSION, EXTRACTED]).fetchall()
        articles = (Article(id=r[0], name=r[1], path=r[2], title=r[3], source=r[4], url=r[5], published=r[6],
                            text=r[7]) for r in rows)
        versions = {r[0]: "old" for r in rows}
        with self._ingest_settings(INGEST_MEMORY):
            report = self._write(parallel.extract_each(((a, True) for a in articles), self.kb,
                                                       parallel.workers_for(len(rows)), tell_waits=True), versions, None)
            report.undated = count_undated(self.connection, set(versions))
            return self._keep_in_order(report)

    # -- corrections: a researcher's decisions (contacts.corrections, contacts.decisions) ------
    def accept(self, contact_id: str, *, note: str | None = None, author: str | None = None) -> list:
        """Record that a contact is right as extracted (it counts as reviewed).

        >>> store.accept("c0123456789a")                  # doctest: +SKIP
        """
        return decisions.decide(self, contact_id, "accept", note=note, author=author)

    def reject(self, contact_id: str, *, note: str | None = None, author: str | None = None) -> list:
        """Record that a contact is not one: it leaves the store, and stays out after re-extraction.

        >>> store.reject("c0123456789a", note="an appeal, not a call")   # doctest: +SKIP
        """
        return decisions.decide(self, contact_id, "reject", note=note, author=author)

    def fix(self, contact_id: str, *, note: str | None = None, author: str | None = None, **fields: Any) -> list:
        """Correct fields of a contact: who, whom, mode, date, status, direction, location.

        >>> store.fix("c0123456789a", mode="visit", date="2023-03")      # doctest: +SKIP
        """
        return decisions.decide(self, contact_id, "fix", changes=fields, note=note, author=author)

    def add(self, **contact: Any) -> Any:
        """Add a contact the extractor missed (see contacts.decisions.add for the arguments).

        >>> store.add(who="Xi", whom="Lula", mode="meeting", date="2023-04-14",
        ...           article="003.txt", evidence="Xi met Lula in Beijing.")   # doctest: +SKIP
        """
        return decisions.add(self, **contact)

    def merge(self, contact_ids: Iterable[str], *, note: str | None = None, author: str | None = None) -> list:
        """Record that contacts fusion kept apart are one encounter (they must be of one kind:
        the same mode, status and actors; fix them first otherwise).

        >>> store.merge(["c0123456789a", "c13b3eb7ebbe"])       # doctest: +SKIP
        """
        return decisions.merge(self, list(contact_ids), note=note, author=author)

    def split(self, contact_id: str, *, article: str | None = None, note: str | None = None,
              author: str | None = None) -> list:
        """Record that a fused contact is several encounters: the reports of `article` (its id or
        file name) become a contact of their own; without `article`, each article's do.

        >>> store.split("c0123456789a", article="003.txt")       # doctest: +SKIP
        """
        return decisions.split(self, contact_id, article=article, note=note, author=author)

    def corrections(self) -> list:
        """Every decision, in the order made."""
        with self._cursor() as cur:
            return corrections.load(cur)

    def stale_corrections(self) -> list:
        """Decisions not in force, with why: (Correction, reason)."""
        with self._cursor() as cur:
            return corrections.stale(cur)

    def review_figures(self) -> dict[str, Any]:
        """What the review measured: reviewed, accepted, corrected, rejected, added, stale, precision."""
        with self._cursor() as cur:
            return corrections.measured(cur)

    def remove_corrections(self, ids: Iterable[str]) -> int:
        """Take decisions back (by id): their contacts return to what the extractor found."""
        return decisions.remove(self, list(ids))

    def export_corrections(self, path: str | Path) -> int:
        """Write every decision as JSON Lines (one a line, in the order made); how many."""
        with self._cursor() as cur:
            return corrections.export(cur, path)

    def import_corrections(self, path: str | Path) -> tuple[int, int]:
        """Read decisions another store exported and apply them: (new, already here)."""
        return decisions.import_file(self, str(path))

    def _restore(self, article_ids: list[str], *, before: Callable[[duckdb.DuckDBPyConnection], Any] | None = None,
                 also: Iterable[Article] = ()) -> None:
        """Extract stored articles again (and store `also`, new ones) in this process, in one transaction."""
        rows = self.connection.execute(
            "SELECT id, name, path, title, source, url, published, text FROM articles WHERE id IN (SELECT unnest($ids)) "
            "AND origin = $extracted", {"ids": article_ids, "extracted": EXTRACTED}).fetchall()
        stored = [Article(id=r[0], name=r[1], path=r[2], title=r[3], source=r[4], url=r[5], published=r[6], text=r[7])
                  for r in rows]
        new = [a for a in also if a.id not in {s.id for s in stored}]
        xs = [extraction.extract(a, self.kb) for a in [*stored, *new]]
        self._store(xs, {a.id for a in stored}, IngestReport(), before=before)
        if any(x.new_actors for x in xs):
            self._query_actors = None

    def optimize(self) -> int:
        """Sort the contacts by who, whom and date now, so that queries naming actors read
        only their rows (contacts.layout). Ingest does this by itself once a tenth of the
        contacts arrived since the last sort.

        >>> store.optimize()                    # doctest: +SKIP
        10000000
        """
        self._refuse_dataset("sort its contacts")
        return layout.sort(self.connection)

    def _keep_in_order(self, report: IngestReport) -> IngestReport:
        """At the end of an ingest: sort the contacts if enough arrived unsorted, on every core
        but under the ingest's cap (uncapped, sorting 1M contacts took the ingest's peak from
        ~640 to 860 MB), eased as a batch's is. The articles are stored either way; a failed
        sort is reported and leaves the table as it was."""
        while layout.due(self.connection):
            self.connection.execute("RESET threads")            # the workers are done
            self._refresh_cap()
            try:
                report.contacts_sorted = layout.sort(self.connection)
            except StoreError as exc:
                self._reconnect()
                if not self._ease_cap(exc):
                    report.errors.append(str(exc))
                    break
        return report

    # -- correcting articles (contacts.articles) -----------------------------
    def articles(self, *, undated: bool = False, match: str | None = None,
                 limit: int | None = None) -> list[StoredArticle]:
        """The stored articles by name (without their text), with how many mentions each gave;
        `undated=True`: only those without a publication date; `match`: only those whose name,
        title, outlet or path contains it.

        >>> [a.name for a in store.articles(undated=True)]        # doctest: +SKIP
        ['notes.txt']
        """
        with self._cursor() as cur:
            return articles.listing(cur, undated=undated, match=match, limit=limit)[0]

    def remove_articles(self, *refs: str) -> articles.Removal:
        """Remove articles (each named by its id, the start of its id, its name or its path)
        with their mentions, evidence and tallies, and fuse their contacts again: a contact
        only they reported goes, one others report too loses them. One transaction.

        >>> store.remove_articles("notes.txt").summary()          # doctest: +SKIP
        'removed 1 article (notes.txt) with 2 mentions and 0 tallies; 1 contacts removed, 1 updated.'
        """
        articles.refuse_read_only(self.read_only, "remove articles")
        con = self.connection
        ids = articles.find_all(con, list(refs))
        removal = articles.Removal(articles=[con.execute("SELECT name FROM articles WHERE id = ?", [i]).fetchone()[0]
                                             for i in ids])

        def work() -> None:
            before = con.execute("SELECT count(*) FROM contacts").fetchone()[0]
            removal.mentions, removal.tallies = con.execute(
                f"SELECT (SELECT count(*) FROM mentions WHERE article {_AMONG_IDS}), "
                f"(SELECT count(*) FROM tallies WHERE article {_AMONG_IDS})", {"ids": ids}).fetchone()
            change = self._fuse_again(*self._remove_articles(ids))
            corrections.forget(con, ids)           # the decisions about them stay, stale
            removal.contacts_removed = before - con.execute("SELECT count(*) FROM contacts").fetchone()[0]
            removal.contacts_updated = change.changed
        try:
            self._in_transaction(work)
        except duckdb.Error as exc:
            self._reconnect()
            raise StoreError(f"removing {len(ids)} article{'s' if len(ids) != 1 else ''} failed: {_cause(exc)}; "
                             "nothing was removed") from None
        return removal

    def set_article(self, ref: str, *, published: date | str | None = None, title: str | None = None,
                    source: str | None = None, url: str | None = None) -> IngestReport:
        """Correct an article's metadata (None leaves a field, "" empties a text field) and
        extract it again, its contacts fused anew, in one transaction: a publication date
        resolves the relative dates ("on Monday") it could not resolve before.

        >>> store.set_article("notes.txt", published="2023-04-27").summary()    # doctest: +SKIP
        '0 new, 0 unchanged, 1 re-extracted and 0 failed articles; …'
        """
        articles.refuse_read_only(self.read_only, "correct articles")
        article = articles.changed(self.connection, ref, {"published": published, "title": title,
                                                          "source": source, "url": url})
        found = articles.raise_if_failed(parallel.extract_one(article, self.kb))
        report = IngestReport()
        self._store([found], {article.id}, report)
        report.reextracted, report.undated = 1, int(article.published is None)
        return report

    # -- querying ----------------------------------------------------------
    def query_actors(self) -> QueryActors:
        """Names for queries: the knowledge base plus the actors the extractor added to this store."""
        actors = self._query_actors
        if actors is None:
            with self._cursor() as cur:
                rows = cur.execute("SELECT id, name, kind, country, aliases FROM actors WHERE origin <> 'kb'").fetchall()
            actors = self._query_actors = QueryActors(self.kb, rows)
        return actors

    def compile(self, text: str, *, now: date | None = None, **params: Any) -> Compiled:
        """The SQL and parameters of a query, without running it. A query asked again
        (the same text, date and parameters, the same actors) is not compiled again."""
        actors = self.query_actors()
        try:
            key = (text, now, date.today(), tuple(sorted(params.items())))
            hash(key)
        except TypeError:                   # a parameter that cannot be a key: compile it every time
            return query_language.compile(text, actors=actors, now=now, params=params)
        held = self._compiled.get(key)
        if held is None or held[0] is not actors:
            if len(self._compiled) >= 256:
                self._compiled.clear()
            held = self._compiled[key] = (actors, query_language.compile(text, actors=actors, now=now,
                                                                         params=params))
        return held[1]

    def query(self, text: str, *, now: date | None = None, **params: Any) -> Result:
        """Run one query of the query language.

        >>> store.query("count calls Xi -> Zelensky since 2022-02").scalar   # doctest: +SKIP
        1
        """
        return self.run(self.compile(text, now=now, **params), text)

    def run_script(self, script: "Script", *, now: date | None = None, **params: Any) -> list[tuple[str, Result]]:
        """Run every query of a saved query file: (title, result) pairs, in file order."""
        values = script.values(params)
        results = []
        for saved in script.queries:
            try:
                compiled = query_language.compile(saved.query, actors=self.query_actors(), now=now, params=values,
                                                  text=script.text, unused_params=True)
            except QueryError as exc:
                exc.source = exc.source or script.path
                raise
            results.append((saved.title, self.run(compiled, script.text)))
        return results

    def run(self, compiled: Compiled, text: str = "", *, cursor: duckdb.DuckDBPyConnection | None = None) -> Result:
        """Run a compiled query on its own cursor (so threads can share the store).

        Give `cursor` (from `store.connection.cursor()`) to be able to `cursor.interrupt()` it.
        """
        cur = cursor or self.connection.cursor()
        try:
            cur.execute(compiled.sql, compiled.params)
            columns = [d[0] for d in cur.description or []]
            records = cur.fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {str(exc).splitlines()[0]}") from None
        finally:
            cur.close()
        columns, records, notes = capped(compiled, columns, records)
        return Result(columns, records, compiled.sql, compiled.params, compiled.verb, text, compiled.scalar, notes,
                      query=compiled.query, store=self)

    def network(self, text: str = "", *, now: date | None = None, states: bool = False, **params: Any) -> "Network":
        """Actors (or, with `states`, states) and their contacts as a graph, for the contacts a
        query matches (contacts.network)."""
        from contacts.network import build
        return build(self, text, now=now, states=states, **params)

    # -- reading -----------------------------------------------------------
    def sql(self, text: str, params: list | dict | None = None) -> tuple[list[str], list[tuple]]:
        """Raw SQL: (column names, rows). For SQL a user typed, use `user_sql`."""
        with self._cursor() as cur:
            try:
                cur.execute(text, params or [])
                return [d[0] for d in cur.description or []], cur.fetchall()
            except duckdb.Error as exc:
                raise StoreError(f"SQL failed: {_cause(exc)}") from None

    def user_sql(self, text: str, params: list | dict | None = None) -> tuple[list[str], list[tuple]]:
        """The user's own SQL (`contacts sql`): read-only. It runs only on a store opened
        read-only (DuckDB refuses to write to it) and first turns off DuckDB's access to
        anything outside the store, for good on this connection: no ATTACH of another
        database, no COPY or EXPORT to files, no read_csv/read_text of files, no extension
        loaded, and no SET to undo it (the configuration is locked). Ctrl-C interrupts it.
        Temporary tables, which live in memory and die with the session, are allowed."""
        if not self.read_only:
            raise StoreError("SQL of your own runs only on a store opened read-only",
                             hint="open it with read_only=True (contacts sql does)")
        if not self._sealed:
            if self.dataset:              # its tables are views that read the dataset's files
                dataset.allow_reading(self.connection, self.path)
            self.connection.execute("SET enable_external_access = false")
            self.connection.execute("SET lock_configuration = true")
            self._sealed = True
        return _interruptible(self.connection.cursor(), text, params or [])

    def show(self, contact_id: str) -> dict[str, Any]:
        """A contact with every source: article (or imported record), sentence, evidence, and
        the origin of each ('extracted', or the dataset and the record's own id). An id that fusion retired
        (contacts.lineage) shows the contact that took it over, with `retired`: {"id", "how", "at"}.

        >>> store.show("c1a2b3c4d5e6")["retired"]           # doctest: +SKIP
        {'id': 'c1a2b3c4d5e6', 'how': 'merged', 'at': datetime.datetime(2026, 12, 7, 22, 40)}
        """
        with self._cursor() as cur:
            alias = lineage.resolve(cur, contact_id)
        if alias is None:
            return self._show(contact_id)
        into, how, at = alias
        if into is None:
            raise StoreError(f"contact {contact_id!r} was removed on {at:%Y-%m-%d}: none of the articles that "
                             "reported it reports it any more", hint="the articles were removed or re-extracted")
        return {**self._show(into), "retired": {"id": contact_id, "how": how, "at": at}}

    def _show(self, contact_id: str) -> dict[str, Any]:
        cols, rows = self.sql("SELECT c.id, w.name, m.name, c.mode, c.directed, c.date_start, c.date_end, "
                              "c.precision, c.status, l.name, c.n_sources, c.origins FROM contacts c "
                              "JOIN actors w ON w.id = c.who JOIN actors m ON m.id = c.whom "
                              "LEFT JOIN actors l ON l.id = c.location WHERE c.id = ?", [contact_id])
        if not rows:
            raise StoreError(f"no contact with id {contact_id!r}", hint="list ids with: contacts sql \"select * from contact_view\"")
        keys = ["id", "who", "whom", "mode", "directed", "date_start", "date_end", "precision", "status",
                "location", "n_sources", "origins"]
        contact = dict(zip(keys, rows[0]))
        _, sources = self.sql(
            "SELECT a.name, a.title, a.source, a.published, a.url, e.sentence, e.text, mm.origin, mm.record "
            "FROM contact_sources s "
            "JOIN mentions mm ON mm.id = s.mention JOIN articles a ON a.id = mm.article "
            "JOIN evidence e ON e.mention = mm.id WHERE s.contact = ? ORDER BY a.name, e.sentence", [contact_id])
        contact["sources"] = [dict(zip(["article", "title", "source", "published", "url", "sentence", "evidence",
                                        "origin", "record"], s))
                              for s in sources]
        with self._cursor() as cur:
            contact["decisions"] = corrections.about(cur, contact_id)     # the review's, in force
        return contact

    def stats(self) -> dict[str, int]:
        tables = ["articles", "actors", "roles", "mentions", "contacts", "tallies"]
        with self._cursor() as cur:
            return {t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def import_dataset(self, dataset: str, paths: Iterable[str | Path], **options: Any):
        """Import reference records (state-department, gdelt, icews, plover, polecat) beside the
        news, each contact with its origin; see contacts.imports and docs/imports.md.

        >>> store.import_dataset("state-department", ["travels/"]).summary()   # doctest: +SKIP
        """
        from contacts.imports import import_dataset
        self._refuse_dataset("import records")
        return import_dataset(self, dataset, paths, **options)

    def compare(self, reference: str, filter_text: str | None = None):
        """How the news contacts cover an imported dataset's (contacts.compare)."""
        from contacts.compare import compare
        return compare(self, reference, filter_text)

    def export(self, path: str | Path, fmt: str | None = None) -> int:
        """Write the contacts with their provenance as parquet, csv, jsonl or dta (Stata);
        without `fmt`, the format the file's extension names (contacts.exports)."""
        from contacts.exports import write_contacts
        with self._cursor() as cur:          # its own: other threads may be reading
            if fmt == "dataset":             # the whole store, as Parquet datasets (contacts.dataset)
                return dataset.write(cur, path, _STORE_TABLES, SCHEMA_VERSION)["contacts"]
            return write_contacts(cur, path, fmt)


_CORE_TABLES = {"schema_version", "articles", "mentions", "contacts", "actors"}   # in every schema since 1
_STORE_TABLES = ("schema_version", "meta", "actors", "roles", "affiliations", "user_actors", "articles",
                 "mentions", "evidence", "contacts", "contact_sources", "tallies", "corrections", "reviews",
                 "contact_aliases")
_HEADER_BYTES = 3 * 4096            # DuckDB's file header and its two database headers, before the blocks

# What a sound store never holds (check): each a count of rows that break a link.
_INVARIANTS = [
    ("mentions of no stored article", "SELECT count(*) FROM mentions WHERE article NOT IN (SELECT id FROM articles)"),
    ("evidence rows of no mention", "SELECT count(*) FROM evidence WHERE mention NOT IN (SELECT id FROM mentions)"),
    ("contact links to no mention",
     "SELECT count(*) FROM contact_sources WHERE mention NOT IN (SELECT id FROM mentions)"),
    ("contact links to no contact",
     "SELECT count(*) FROM contact_sources WHERE contact NOT IN (SELECT id FROM contacts)"),
    ("mentions in no contact", "SELECT count(*) FROM mentions WHERE id NOT IN (SELECT mention FROM contact_sources)"),
    ("reviews of no stored mention", "SELECT count(*) FROM reviews WHERE mention NOT IN (SELECT id FROM mentions)"),
    ("tallies of no stored article", "SELECT count(*) FROM tallies WHERE article NOT IN (SELECT id FROM articles)"),
    ("aliases to no contact",
     "SELECT count(*) FROM contact_aliases WHERE contact IS NOT NULL AND contact NOT IN (SELECT id FROM contacts)"),
    ("aliases of a live contact's id", "SELECT count(*) FROM contact_aliases WHERE id IN (SELECT id FROM contacts)"),
    ("contacts whose n_sources is not the number of their articles",
     "SELECT count(*) FROM contacts c WHERE c.n_sources <> (SELECT count(DISTINCT mm.article) FROM contact_sources s "
     "JOIN mentions mm ON mm.id = s.mention WHERE s.contact = c.id)"),
]


def _holds_anything(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(
        "SELECT (SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()) "
        "+ (SELECT count(*) FROM duckdb_views() WHERE NOT internal AND database_name = current_database()) "
        "+ (SELECT count(*) FROM duckdb_sequences() WHERE database_name = current_database()) "
        "+ (SELECT count(*) FROM duckdb_functions() WHERE NOT internal AND database_name = current_database()) "
        "+ (SELECT count(*) FROM duckdb_types() WHERE NOT internal AND database_name = current_database())"
    ).fetchone()[0])


# An article's outlet as a contact's `sources` keep it: lower case, and the file's name when
# the article names no outlet: the one meaning of "source" for `where source = …`, `by source`,
# contact_view.source and the export's outlets.
_OUTLET = "lower(coalesce(source, name))"

_SESSION_SETTINGS = ("threads", "memory_limit")     # what ingest sets on its connection (_ingest_settings)

# Fusion looks up the mentions of the groups an ingest touches: without this index, each
# batch reads every mention whole. Every other index costs ingest and memory more than the
# scan it saves (DuckDB rewrites an index's changed blocks at every checkpoint and keeps a
# transaction's changes in memory), so there is none beyond the keys of articles and contacts,
# and the group is a 64-bit hash rather than its text (figures: benchmarks/RESULTS.md).
_INDEXES = ["CREATE INDEX IF NOT EXISTS mentions_grp ON mentions (grp)"]


class _Said(NamedTuple):
    """What fusion keeps of a stored mention beside its MentionRow."""

    evidence: str | None
    outlet: str | None
    origin: str                 # 'manual' for a contact a researcher added by hand, else 'extracted'


class _CommitFailed(StoreError):
    """A batch was written but could not be committed: a full disk, a read-only file system."""


def _interruptible(cur: duckdb.DuckDBPyConnection, text: str, params: list | dict) -> tuple[list[str], list[tuple]]:
    """Run SQL in a thread so that Ctrl-C (which Python sees only between bytecodes, not in
    DuckDB's long calls) interrupts it: (columns, rows)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            cur.execute(text, params)
            outcome["result"] = ([d[0] for d in cur.description or []], cur.fetchall())
        except duckdb.Error as exc:
            outcome["error"] = exc
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        cur.interrupt()
        worker.join()
        raise StoreError("SQL interrupted") from None
    finally:
        if not worker.is_alive():
            cur.close()
    if "error" in outcome:
        raise StoreError(f"SQL failed: {_cause(outcome['error'])}") from None
    return outcome["result"]


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back what is open. After a failed COMMIT DuckDB has ended the transaction itself,
    and its "no transaction is active" would hide the commit's cause."""
    with contextlib.suppress(duckdb.Error):
        con.rollback()


def _not_the_articles(exc: BaseException | None) -> bool:
    """A failure of the disk, memory or the database itself, not of what a batch holds."""
    return isinstance(exc, (duckdb.IOException, duckdb.OutOfMemoryException, duckdb.FatalException,
                            duckdb.InterruptException, duckdb.PermissionException))


def _cause(exc: BaseException | None) -> str:
    lines = str(exc).splitlines()
    return lines[0] if lines else type(exc).__name__


def _stored(report: IngestReport) -> str:
    done = report.new + report.reextracted
    return f"{done:,} article{'s' if done != 1 else ''} stored by this ingest"


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[list]) -> None:
    """Insert rows (in the table's column order) through an appender, in the open transaction:
    twice as fast as one INSERT of unnested list parameters, and executemany is slower still."""
    if rows:
        with con.appender(table) as appender:
            appender.append_rows(rows)


def _bytes(size: str) -> int | None:
    """ "256MB", "1.5 GiB" → bytes; None if it is not a size."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMGT])i?B", size.strip(), re.IGNORECASE)
    return int(float(m[1]) * 1024 ** ("KMGT".index(m[2].upper()) + 1)) if m else None


# DuckDB would download and load an extension to read a file it takes for another format
# (SQLite, md: for MotherDuck): a store needs none, and nothing is fetched behind the user's back.
_CONFIG = {"autoload_known_extensions": False, "autoinstall_known_extensions": False}


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    if path != ":memory:":
        p = Path(path)
        if read_only and not p.exists():
            raise StoreError(f"no store at {path}", hint="create one with 'contacts ingest --db FILE …'")
        if dataset.is_dataset(p):
            return dataset.connect(p, _CONFIG)
        if p.is_dir():
            raise StoreError(f"{path} is a directory", hint="give a file name with --db")
    if re.match(r"[A-Za-z][\w+.-]+:", path) and not Path(path).exists():      # md:x, s3://…, http://…
        raise StoreError(f"{path} names a remote database, not a file", hint="give a store file with --db")
    try:
        return duckdb.connect(path, read_only=read_only, config=_CONFIG)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise StoreInUseError(f"store {path} is in use by another process",
                                  hint="wait for the process writing it (an ingest, a REPL) to end; readers "
                                       "share a store when each opens it read-only (queries do)") from None
        if "extension" in text.lower():         # DuckDB took it for SQLite or another format
            raise StoreError(f"cannot open {path}: not a DuckDB file",
                             hint="give a contacts store with --db") from None
        raise StoreError(f"cannot open {path}: {text.splitlines()[0]}",
                         hint="is it a DuckDB file? give another file with --db") from None
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {path}: {str(exc).splitlines()[0]}",
                         hint="is it a DuckDB file? give another file with --db") from None


def open(path: str | Path | None = None, *, read_only: bool = False,  # noqa: A001 - the library's verb
         actor_files: Iterable[str | Path] = ()) -> Store:
    """Open (or create) a store. `path=None` keeps it in memory; `actor_files` add the user's own actors."""
    return Store(path, read_only=read_only, actor_files=actor_files)
