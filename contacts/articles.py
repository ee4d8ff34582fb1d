"""The articles a store holds: find them by id or name, list them, correct their metadata.

`Dating` is ingest's part: a stored article that had no publication date takes
the one a later ingest of the same text gives (front matter, `--published`, a
JSON Lines field) and is extracted again, since its relative dates ("on
Monday") could not be resolved without it. A stored date is never replaced by
ingest: two files of one text may disagree, and the first one stored would
then depend on the order of the files; `Store.set_article` changes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import duckdb
from pydantic import BaseModel

from contacts.errors import ContactsError, StoreError
from contacts.models import Article, IngestReport

METADATA = ("title", "source", "url", "published")        # what set_article may change
_COLUMNS = "id, name, path, title, source, url, published, text"
EXTRACTED = "extracted"  # the origin of an article the extractor read (contacts.store.EXTRACTED)
MIN_PREFIX = 6          # an id prefix this long names an article, as git takes a commit's


class Dating:
    """During one ingest: which incoming articles date a stored undated one (`fill`), and
    how many of the ingest's articles stay undated or met another stored date (`tell`)."""

    def __init__(self, connection: Callable[[], duckdb.DuckDBPyConnection], versions: dict[str, str]) -> None:
        self.connection = connection      # the store's current one: a failed batch opens the file again
        self.versions = versions          # the ingest's own: an entry not current makes it extract again
        # only what the extractor read: a dataset's records are imported again, not extracted
        self.stored = dict(connection().execute("SELECT id, published FROM articles WHERE origin = 'extracted'")
                           .fetchall())
        self.seen: set[str] = set()       # ids of this ingest's articles
        self.dated: set[str] = set()
        self.other_date: set[str] = set()

    def fill(self, item: Any) -> Any:
        """The item to ingest: an article that dates a stored undated one becomes the stored
        article with that date (and any metadata it gives), marked to be extracted again."""
        if not isinstance(item, Article):
            return item
        self.seen.add(item.id)
        if item.id not in self.stored or item.published is None:
            return item
        stored = self.stored[item.id]
        if stored is not None:
            if stored != item.published:
                self.other_date.add(item.id)
            return item
        self.stored[item.id] = item.published        # the same text again in this ingest is unchanged
        self.dated.add(item.id)
        self.versions[item.id] = "undated"           # not the current extractor's: extracted and replaced
        old = load(self.connection(), item.id)
        return item.model_copy(update={k: getattr(old, k) for k in ("title", "source", "url")
                                       if getattr(item, k) is None})

    def tell(self, report: IngestReport) -> None:
        """Count, among what is now stored, the articles this ingest dated and those it leaves undated."""
        report.dated = _count(self.connection(), "published IS NOT NULL", self.dated)
        report.undated = _count(self.connection(), "published IS NULL", self.seen)
        report.other_date = len(self.other_date - self.dated)


def _count(connection: duckdb.DuckDBPyConnection, condition: str, ids: set[str]) -> int:
    if not ids:
        return 0
    return connection.execute(f"SELECT count(*) FROM articles WHERE {condition} AND id IN (SELECT unnest($ids))",
                              {"ids": sorted(ids)}).fetchone()[0]


def count_undated(connection: duckdb.DuckDBPyConnection, ids: set[str]) -> int:
    return _count(connection, "published IS NULL", ids)


def load(connection: duckdb.DuckDBPyConnection, article_id: str) -> Article:
    row = connection.execute(f"SELECT {_COLUMNS} FROM articles WHERE id = ?", [article_id]).fetchone()
    return Article(**dict(zip(_COLUMNS.split(", "), row)))


def find(connection: duckdb.DuckDBPyConnection, ref: str) -> str:
    """The id of the one article `ref` names: its id, the start of its id (six characters
    or more), its name (the file name, or a JSON Lines record's id) or its path."""
    ref = str(ref).strip()
    rows = connection.execute(
        "SELECT id, name FROM articles WHERE id = $ref OR name = $ref OR path = $ref "
        "OR (length($ref) >= $least AND starts_with(id, lower($ref))) ORDER BY id",
        {"ref": ref, "least": MIN_PREFIX}).fetchall()
    exact = [r for r in rows if r[0] == ref]
    if exact or len(rows) == 1:
        return (exact or rows)[0][0]
    if not rows:
        raise StoreError(f"no article with id or name {ref!r}",
                         hint="list them with: contacts articles list")
    ids = ", ".join(f"{i} ({n})" for i, n in rows[:5])
    raise StoreError(f"{ref!r} names {len(rows)} articles: {ids}{' …' if len(rows) > 5 else ''}",
                     hint="give the id of the one you mean")


def find_all(connection: duckdb.DuckDBPyConnection, refs: list[str]) -> list[str]:
    """The ids of the articles `refs` name, each once, in the order given; none named twice."""
    if not refs:
        raise StoreError("no article named", hint="give article ids or names (contacts articles list)")
    return list(dict.fromkeys(find(connection, ref) for ref in refs))


def changed(connection: duckdb.DuckDBPyConnection, ref: str, changes: dict[str, Any],
            today: date | None = None) -> Article:
    """The article `ref` names with its metadata changed: a value replaces what is stored,
    "" empties a text field, None leaves a field as it is."""
    unknown = sorted(set(changes) - set(METADATA))
    if unknown:
        raise StoreError(f"an article has no field {unknown[0]!r}", hint=f"set {', '.join(METADATA)}")
    update: dict[str, Any] = {}
    for key, value in changes.items():
        if value is None:
            continue
        if key == "published":
            update[key] = _day(value, today or date.today())
        else:
            update[key] = str(value).strip() or None
    if not update:
        raise StoreError("nothing to set", hint="give --published, --title, --source or --url")
    article_id = find(connection, ref)
    name, origin = connection.execute("SELECT name, origin FROM articles WHERE id = ?", [article_id]).fetchone()
    if origin != EXTRACTED:
        raise StoreError(f"{name} is a record of the dataset {origin!r}, not an article the extractor read",
                         hint="correct the dataset's file and import it again")
    return load(connection, article_id).model_copy(update=update)


def _day(value: Any, today: date) -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise StoreError(f"published date {value!r} is not a real YYYY-MM-DD date") from None
    if not isinstance(value, date):
        raise StoreError(f"published date {value!r} is not a date", hint="give a date or a YYYY-MM-DD string")
    if value > today:
        raise StoreError(f"published date {value} is in the future", hint="give the day the article appeared")
    return value


class StoredArticle(BaseModel):
    """An article as the store holds it (without its text): what `Store.articles` lists."""

    id: str
    name: str
    published: date | None
    source: str | None
    title: str | None
    url: str | None
    path: str | None
    origin: str            # 'extracted', or the dataset a record was imported from
    mentions: int


def listing(connection: duckdb.DuckDBPyConnection, *, undated: bool = False, match: str | None = None,
            limit: int | None = None) -> tuple[list[StoredArticle], int]:
    """The articles (by name), only the undated ones if asked, only those whose name, title,
    source or path contains `match`; (the first `limit` of them, how many there are)."""
    where = ["(NOT $undated OR a.published IS NULL)"]
    if match:
        where.append("(contains(lower(a.name), $match) OR contains(lower(coalesce(a.title, '')), $match) "
                     "OR contains(lower(coalesce(a.source, '')), $match) OR contains(lower(coalesce(a.path, '')), $match))")
    params = {"undated": undated, **({"match": match.lower()} if match else {})}
    condition = " AND ".join(where)
    total = connection.execute(f"SELECT count(*) FROM articles a WHERE {condition}", params).fetchone()[0]
    rows = connection.execute(
        f"SELECT a.id, a.name, a.published, a.source, a.title, a.url, a.path, a.origin, "
        f"(SELECT count(*) FROM mentions m WHERE m.article = a.id) FROM articles a WHERE {condition} "
        f"ORDER BY a.name, a.id LIMIT $limit", {**params, "limit": limit}).fetchall()
    fields = list(StoredArticle.model_fields)
    return [StoredArticle(**dict(zip(fields, r))) for r in rows], total


class Removal(BaseModel):
    """What `Store.remove_articles` did."""

    articles: list[str]            # their names
    mentions: int = 0
    tallies: int = 0
    contacts_removed: int = 0      # contacts no other article reports
    contacts_updated: int = 0      # contacts that lost a source (or were split by its going)

    def summary(self) -> str:
        names = ", ".join(self.articles[:3]) + (f" and {len(self.articles) - 3} more" if len(self.articles) > 3 else "")
        return (f"removed {len(self.articles)} article{'s' if len(self.articles) != 1 else ''} ({names}) with "
                f"{self.mentions} mentions and {self.tallies} tallies; {self.contacts_removed} contacts removed, "
                f"{self.contacts_updated} updated.")


def refuse_read_only(read_only: bool, what: str) -> None:
    if read_only:
        raise StoreError("the store is open read-only", hint=f"open it without --read-only to {what}")


def raise_if_failed(result: Any) -> Any:
    """An extraction, or its error raised."""
    if isinstance(result, ContactsError):
        raise result
    return result
