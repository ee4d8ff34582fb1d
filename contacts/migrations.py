"""The store's schema history: ordered, named migrations (sqlite-utils' and datasette's model).

A new store is made from `schema.sql` (the current schema, and nothing of its history) and
`views.sql`, and recorded at the last version, `CURRENT`. A store of an older version runs,
in order and in one transaction, every migration above its version (each brings a store of
the version before it to its own), then `views.sql` again (views hold no data: they are
dropped at the start and made anew), and is recorded at `CURRENT`.

DuckDB alters no table an index is on, even one dropped earlier in the same transaction:
`drop_indexes` runs before the upgrade's transaction, and the store makes its indexes after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

import duckdb

from contacts import fusion

Connection = duckdb.DuckDBPyConnection


@dataclass(frozen=True)
class Migration:
    version: int                        # the schema version it brings a store to
    name: str
    apply: Callable[[Connection], None]


MIGRATIONS: list[Migration] = []


def migration(version: int, name: str) -> Callable:
    """Register a function as the migration to `version` (they must come in order)."""
    def register(apply: Callable[[Connection], None]) -> Callable[[Connection], None]:
        assert not MIGRATIONS or MIGRATIONS[-1].version == version - 1, "migrations come in order"
        MIGRATIONS.append(Migration(version, name, apply))
        return apply
    return register


def create(con: Connection) -> None:
    """Make a new store's tables and views, at the current version."""
    con.execute(_sql("schema.sql"))
    con.execute(_sql("views.sql"))
    _record(con)


def pending(version: int) -> list[Migration]:
    """The migrations a store of `version` still needs, in order."""
    return [m for m in MIGRATIONS if m.version > version]


def upgrade(con: Connection, version: int) -> None:
    """Bring a store of an older `version` to the current one (in the caller's transaction)."""
    for view in _VIEWS:
        con.execute(f"DROP VIEW IF EXISTS {view}")
    for step in pending(version):
        step.apply(con)
    con.execute(_sql("views.sql"))
    _record(con)


def drop_indexes(con: Connection) -> None:
    """Before the upgrade's transaction: every index any schema made (the store makes the current ones)."""
    for name in _INDEXES_EVER:
        con.execute(f"DROP INDEX IF EXISTS {name}")


def _sql(name: str) -> str:
    return resources.files("contacts").joinpath(name).read_text("utf-8")


def _record(con: Connection) -> None:
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version VALUES (?)", [CURRENT])


_VIEWS = ("contact_view",)
_INDEXES_EVER = ("mentions_grp", "contacts_grp", "contact_sources_contact", "mentions_article",     # schema 4
                 "contact_sources_mention")                                                         # schema 5


# -- the migrations ---------------------------------------------------------------------------
@migration(2, "affiliations and meta")
def _affiliations_and_meta(con: Connection) -> None:
    con.execute("CREATE TABLE IF NOT EXISTS affiliations (actor VARCHAR NOT NULL, country VARCHAR NOT NULL, "
                "start_date DATE, end_date DATE)")
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")


@migration(3, "user actors")
def _user_actors(con: Connection) -> None:
    con.execute("CREATE TABLE IF NOT EXISTS user_actors (name VARCHAR PRIMARY KEY, entry VARCHAR NOT NULL)")


@migration(4, "contact evidence and sources")
def _contact_evidence_and_sources(con: Connection) -> None:
    """Columns that repeat what contact_sources leads to (filled by migration 9, with their meaning since)."""
    con.execute("ALTER TABLE contacts ADD COLUMN IF NOT EXISTS evidence VARCHAR")
    con.execute("ALTER TABLE contacts ADD COLUMN IF NOT EXISTS sources VARCHAR[]")


@migration(5, "hashed groups")
def _hashed_groups(con: Connection) -> None:
    """A mention's fusion group as a hash (schema 4 kept its text, on contacts too)."""
    con.execute("ALTER TABLE contacts DROP COLUMN IF EXISTS grp")
    con.execute("ALTER TABLE mentions DROP COLUMN IF EXISTS grp")
    con.execute("ALTER TABLE mentions ADD COLUMN grp UBIGINT")
    con.execute(f"UPDATE mentions m SET grp = {fusion.group_sql('m')}")


@migration(6, "mentions and tallies without keys")
def _unkeyed_mentions_and_tallies(con: Connection) -> None:
    """Mentions and tallies lose their primary keys. DuckDB drops no constraint, so each table is
    set aside, made again from its own definition without the key, and filled by name."""
    for table in ("mentions", "tallies"):
        sql = con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = ? AND database_name = current_database()",
                          [table]).fetchone()[0]
        unkeyed = sql.replace("(id VARCHAR PRIMARY KEY,", "(id VARCHAR NOT NULL,")
        if "PRIMARY KEY" in unkeyed:
            raise ValueError(f"schema 6: cannot drop the key of {table}: {sql}")
        con.execute(f"ALTER TABLE {table} RENAME TO {table}_keyed")
        con.execute(unkeyed)
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {table}_keyed")
        con.execute(f"DROP TABLE {table}_keyed")


@migration(7, "corrections")
def _corrections(con: Connection) -> None:
    con.execute("""
        CREATE TABLE IF NOT EXISTS corrections (
            id VARCHAR PRIMARY KEY, action VARCHAR NOT NULL, article VARCHAR NOT NULL, sentence VARCHAR,
            who VARCHAR, whom VARCHAR, mode VARCHAR, field VARCHAR, value VARCHAR, details VARCHAR,
            author VARCHAR NOT NULL, made_at TIMESTAMP NOT NULL, note VARCHAR, target VARCHAR);
        CREATE TABLE IF NOT EXISTS reviews (article VARCHAR NOT NULL, mention VARCHAR NOT NULL,
                                            review VARCHAR NOT NULL);""")


@migration(8, "provenance")
def _provenance(con: Connection) -> None:
    """Where each row came from (issue 21). A list DEFAULT would be kept as an expression in the
    write-ahead log, which DuckDB cannot replay without autoloading an extension: the UPDATE
    fills the contacts' origins instead, logged as values."""
    con.execute("""
        ALTER TABLE articles ADD COLUMN IF NOT EXISTS origin VARCHAR DEFAULT 'extracted';
        ALTER TABLE mentions ADD COLUMN IF NOT EXISTS origin VARCHAR DEFAULT 'extracted';
        ALTER TABLE mentions ADD COLUMN IF NOT EXISTS record VARCHAR;
        ALTER TABLE contacts ADD COLUMN IF NOT EXISTS origins VARCHAR[];
        UPDATE contacts SET origins = ['extracted'] WHERE origins IS NULL;""")


@migration(9, "sources name the file of an article without an outlet")
def _sources_by_file(con: Connection) -> None:
    """A contact's evidence and outlets, an article without an outlet by its file's name: the
    meaning contact_view.source and `where source = …` give it."""
    con.execute("""
        UPDATE contacts c SET evidence = f.evidence, sources = f.sources
        FROM (SELECT s.contact, arg_min(mm.evidence, mm.id) AS evidence,
                     list_sort(list_distinct(list(lower(coalesce(a.source, a.name))))) AS sources
              FROM contact_sources s JOIN mentions mm ON mm.id = s.mention JOIN articles a ON a.id = mm.article
              GROUP BY s.contact) f
        WHERE c.id = f.contact""")


@migration(10, "contact aliases")
def _contact_aliases(con: Connection) -> None:
    con.execute("CREATE TABLE IF NOT EXISTS contact_aliases (id VARCHAR NOT NULL, contact VARCHAR, "
                "how VARCHAR NOT NULL, retired_at TIMESTAMP NOT NULL)")


CURRENT = MIGRATIONS[-1].version
