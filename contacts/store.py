"""The DuckDB store: articles in, fused contacts out, one transaction per article."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from contacts import fusion
from contacts.errors import ContactsError, InputError, SchemaVersionError, StoreError, StoreInUseError
from contacts.extract import EXTRACTOR_VERSION, Extraction, extract
from contacts.kb import KnowledgeBase, default
from contacts.models import Article, IngestReport
from contacts.read import ReadOptions, read_paths

SCHEMA_VERSION = 1
_MENTION_COLUMNS = "id, who, whom, mode, directed, date_start, date_end, precision, status, location"


class Store:
    """A contacts store in a DuckDB file (or in memory when `path` is None).

    >>> store = Store()                       # in memory
    >>> report = store.ingest(["seeds/"])     # doctest: +SKIP
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False,
                 kb: KnowledgeBase | None = None) -> None:
        self.path = str(path) if path else ":memory:"
        self.kb = kb or default()
        self.read_only = read_only
        self.connection = _connect(self.path, read_only)
        self._prepare()

    # -- opening -----------------------------------------------------------
    def _prepare(self) -> None:
        con = self.connection
        has_version = con.execute("SELECT count(*) FROM information_schema.tables "
                                  "WHERE table_name = 'schema_version'").fetchone()[0]
        if has_version:
            row = con.execute("SELECT max(version) FROM schema_version").fetchone()
            if row and row[0] and row[0] > SCHEMA_VERSION:
                raise SchemaVersionError(f"{self.path} was written by a newer contacts (schema {row[0]}, "
                                         f"this one knows {SCHEMA_VERSION})", hint="upgrade contacts")
            return
        if self.read_only:
            raise StoreError(f"{self.path} is not a contacts store", hint="create it with 'contacts ingest'")
        tables = con.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0]
        if tables:
            raise StoreError(f"{self.path} is a DuckDB file but not a contacts store",
                             hint="give another file with --db")
        con.begin()
        con.execute(resources.files("contacts").joinpath("schema.sql").read_text("utf-8"))
        con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
        self._load_kb()
        con.commit()

    def _load_kb(self) -> None:
        con = self.connection
        con.executemany("INSERT OR REPLACE INTO actors VALUES (?, ?, ?, ?, ?, 'kb')",
                        [[a.id, a.name, a.kind.value, a.country, list(a.aliases)] for a in self.kb.actors.values()])
        con.execute("DELETE FROM roles")
        con.executemany("INSERT INTO roles VALUES (?, ?, ?, ?, ?, ?)",
                        [[r.actor, r.office, r.title, r.country, r.start.start, r.end.end] for r in self.kb.roles])

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest ------------------------------------------------------------
    def ingest(self, items: Iterable[str | Path | Article] | str | Path | Article, *,
               options: ReadOptions = ReadOptions(),
               on_item: Callable[[str, str], None] | None = None) -> IngestReport:
        """Read, extract and store articles; one transaction each.

        `items` are paths (files, directories, globs) or Article objects.
        A file that cannot be read is counted as failed; the others go on.
        """
        if isinstance(items, (str, Path, Article)):
            items = [items]
        report = IngestReport()
        paths = [i for i in items if not isinstance(i, Article)]
        articles = [i for i in items if isinstance(i, Article)]
        for item in [*articles, *read_paths(paths, options)]:
            if isinstance(item, InputError):
                report.failed += 1
                report.errors.append(str(item))
                outcome = "failed"
            else:
                outcome = self._ingest_one(item, report)
            if on_item:
                on_item(getattr(item, "name", getattr(item, "path", "")), outcome)
        return report

    def _ingest_one(self, article: Article, report: IngestReport) -> str:
        row = self.connection.execute("SELECT extractor_version FROM articles WHERE id = ?", [article.id]).fetchone()
        if row and row[0] == EXTRACTOR_VERSION:
            report.unchanged += 1
            return "unchanged"
        try:
            extraction = extract(article, self.kb)
            self._store(extraction, report, replacing=row is not None)
        except ContactsError as exc:
            report.failed += 1
            report.errors.append(f"{article.path or article.name}: {exc}")
            return "failed"
        if row:
            report.reextracted += 1
            return "reextracted"
        report.new += 1
        return "new"

    def _store(self, x: Extraction, report: IngestReport, replacing: bool) -> None:
        con = self.connection
        a = x.article
        con.begin()
        try:
            groups = self._remove_article(a.id) if replacing else set()
            con.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [a.id, a.name, a.path, a.title, a.source, a.url, a.published, a.text,
                         datetime.now(), EXTRACTOR_VERSION])
            if x.new_actors:
                con.executemany("INSERT OR IGNORE INTO actors VALUES (?, ?, ?, ?, ?, 'extracted')",
                                [[n.id, n.name, n.kind.value, n.country, list(n.aliases)] for n in x.new_actors])
            groups |= self._insert_mentions(x)
            self._insert_tallies(x)
            created, updated = self._refuse(groups)
            con.commit()
        except BaseException as exc:
            con.rollback()
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"storing {a.name} failed: {exc}") from exc
            raise
        report.mentions += len(x.mentions)
        report.tallies += len(x.tallies)
        report.contacts_created += created
        report.contacts_updated += updated

    def _insert_mentions(self, x: Extraction) -> set[tuple]:
        rows, evidence, groups = [], [], set()
        for n, m in enumerate(x.mentions):
            mid = f"{x.article.id}:{n}"
            ev = m.evidence[0]
            rows.append([mid, x.article.id, ev.sentence, ev.start, ev.end, m.who.id, m.whom.id, m.mode,
                         m.directed, m.date.start, m.date.end, m.date.precision.value, m.status,
                         m.location.id if m.location else None, ev.text])
            evidence += [[mid, e.sentence, e.start, e.end, e.text] for e in m.evidence]
            groups.add(fusion.group_key(fusion.MentionRow(mid, m.who.id, m.whom.id, m.mode, m.directed,
                                                          m.date.start, m.date.end, m.date.precision.value,
                                                          m.status, None)))
        if rows:
            self.connection.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                        rows)
            self.connection.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?)", evidence)
        return groups

    def _insert_tallies(self, x: Extraction) -> None:
        rows = [[f"{x.article.id}:t{n}", x.article.id, t.who.id, t.whom.id, t.mode, t.count, t.since.start,
                 x.article.published, t.evidence.text] for n, t in enumerate(x.tallies)]
        if rows:
            self.connection.executemany("INSERT INTO tallies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def _remove_article(self, article_id: str) -> set[tuple]:
        """Delete an article's rows; the fusion groups they were in."""
        con = self.connection
        old = con.execute(f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE article = ?", [article_id]).fetchall()
        groups = {fusion.group_key(fusion.MentionRow(*r)) for r in old}
        con.execute("DELETE FROM contact_sources WHERE mention IN (SELECT id FROM mentions WHERE article = ?)",
                    [article_id])
        con.execute("DELETE FROM evidence WHERE mention IN (SELECT id FROM mentions WHERE article = ?)",
                    [article_id])
        for table in ("mentions", "tallies"):
            con.execute(f"DELETE FROM {table} WHERE article = ?", [article_id])
        con.execute("DELETE FROM articles WHERE id = ?", [article_id])
        return groups

    def _refuse(self, groups: set[tuple]) -> tuple[int, int]:
        """Recompute the contacts of the touched groups; (created, updated)."""
        con = self.connection
        created = updated = 0
        for mode, status, directed, (who, whom) in sorted(groups):
            rows = con.execute(
                f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE mode = ? AND status = ? AND directed = ? "
                "AND ((who = ? AND whom = ?) OR (NOT directed AND who = ? AND whom = ?))",
                [mode, status, directed, who, whom, whom, who]).fetchall()
            mentions = [fusion.MentionRow(*r) for r in rows]
            ids = [m.id for m in mentions]
            before = dict(con.execute(
                "SELECT c.id, c.n_sources FROM contacts c WHERE c.id IN (SELECT contact FROM contact_sources "
                "WHERE list_contains(?, mention)) OR (c.mode = ? AND c.status = ? AND c.directed = ? AND "
                "((c.who = ? AND c.whom = ?) OR (NOT c.directed AND c.who = ? AND c.whom = ?)))",
                [ids, mode, status, directed, who, whom, whom, who]).fetchall())
            if before:
                con.execute("DELETE FROM contact_sources WHERE list_contains(?, contact)", [list(before)])
                con.execute("DELETE FROM contacts WHERE list_contains(?, id)", [list(before)])
            for c in fusion.cluster(mentions):
                row = fusion.contact_row(c)
                con.execute("INSERT INTO contacts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", list(row))
                con.executemany("INSERT INTO contact_sources VALUES (?, ?)", [[c.id, m.id] for m in c.mentions])
                if c.id not in before:
                    created += 1
                elif before[c.id] != row[-1]:
                    updated += 1
        return created, updated

    def reextract(self) -> IngestReport:
        """Extract again every article stored by an older extractor."""
        report = IngestReport()
        rows = self.connection.execute(
            "SELECT id, name, path, title, source, url, published, text FROM articles "
            "WHERE extractor_version <> ?", [EXTRACTOR_VERSION]).fetchall()
        for r in rows:
            article = Article(id=r[0], name=r[1], path=r[2], title=r[3], source=r[4], url=r[5],
                              published=r[6], text=r[7])
            self._ingest_one(article, report)
        return report

    # -- reading -----------------------------------------------------------
    def sql(self, text: str, params: list | dict | None = None) -> tuple[list[str], list[tuple]]:
        """Raw SQL: (column names, rows)."""
        cur = self.connection.cursor()
        try:
            cur.execute(text, params or [])
        except duckdb.Error as exc:
            raise StoreError(f"SQL failed: {str(exc).splitlines()[0]}") from None
        return [d[0] for d in cur.description or []], cur.fetchall()

    def show(self, contact_id: str) -> dict[str, Any]:
        """A contact with every source: article, sentence, evidence."""
        cols, rows = self.sql("SELECT c.id, w.name, m.name, c.mode, c.directed, c.date_start, c.date_end, "
                              "c.precision, c.status, l.name, c.n_sources FROM contacts c "
                              "JOIN actors w ON w.id = c.who JOIN actors m ON m.id = c.whom "
                              "LEFT JOIN actors l ON l.id = c.location WHERE c.id = ?", [contact_id])
        if not rows:
            raise StoreError(f"no contact with id {contact_id!r}", hint="list ids with: contacts sql \"select * from contact_view\"")
        keys = ["id", "who", "whom", "mode", "directed", "date_start", "date_end", "precision", "status",
                "location", "n_sources"]
        contact = dict(zip(keys, rows[0]))
        _, sources = self.sql(
            "SELECT a.name, a.source, a.published, a.url, e.sentence, e.text FROM contact_sources s "
            "JOIN mentions mm ON mm.id = s.mention JOIN articles a ON a.id = mm.article "
            "JOIN evidence e ON e.mention = mm.id WHERE s.contact = ? ORDER BY a.name, e.sentence", [contact_id])
        contact["sources"] = [dict(zip(["article", "source", "published", "url", "sentence", "evidence"], s))
                              for s in sources]
        return contact

    def stats(self) -> dict[str, int]:
        tables = ["articles", "actors", "roles", "mentions", "contacts", "tallies"]
        return {t: self.connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def export(self, path: str | Path, fmt: str) -> int:
        """Write the contacts (with names and sources) as parquet, csv or jsonl."""
        query = ("SELECT c.id, c.who, w.name AS who_name, w.country AS who_country, c.whom, m.name AS whom_name, "
                 "m.country AS whom_country, c.mode, c.directed, c.date_start, c.date_end, c.precision, c.status, "
                 "c.location, c.n_sources FROM contacts c JOIN actors w ON w.id = c.who "
                 "JOIN actors m ON m.id = c.whom ORDER BY c.date_start NULLS LAST, c.id")
        cur = self.connection.cursor()   # a relation needs a connection with no open result
        rel = cur.sql(query)
        target = str(path)
        if fmt == "parquet":
            rel.write_parquet(target)
        elif fmt == "csv":
            rel.write_csv(target, header=True)
        elif fmt == "jsonl":
            cur.execute(f"COPY ({query}) TO '{_quote_path(target)}' (FORMAT json)")
        else:
            raise StoreError(f"unknown export format {fmt!r}", hint="use parquet, csv or jsonl")
        return self.connection.execute("SELECT count(*) FROM contacts").fetchone()[0]


def _quote_path(path: str) -> str:
    return path.replace("'", "''")


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    if path != ":memory:":
        p = Path(path)
        if read_only and not p.exists():
            raise StoreError(f"no store at {path}", hint="create one with 'contacts ingest --db FILE …'")
        if p.is_dir():
            raise StoreError(f"{path} is a directory", hint="give a file name with --db")
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise StoreInUseError(f"store {path} is in use by another process",
                                  hint="close the other contacts session, or open with --read-only") from None
        raise StoreError(f"cannot open {path}: {text.splitlines()[0]}",
                         hint="is it a DuckDB file? give another file with --db") from None
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {path}: {str(exc).splitlines()[0]}",
                         hint="is it a DuckDB file? give another file with --db") from None


def open(path: str | Path | None = None, *, read_only: bool = False) -> Store:  # noqa: A001 - the library's verb
    """Open (or create) a store. `path=None` keeps it in memory."""
    return Store(path, read_only=read_only)
