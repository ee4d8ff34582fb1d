"""The contacts table's physical order: rows sorted by who, whom and date.

DuckDB keeps each row group's (122,880 rows) smallest and largest value per
column and skips the groups a filter rules out. Sorted by actor, a query that
names its actors ("Xi -> Putin") reads the few row groups that hold them
instead of every row: at 10M contacts, ~5 ms instead of ~40 ms.

Fusion appends contacts as articles arrive (a contact that gains a source is
deleted and appended again), so the table's tail is in arrival order. The
store counts the rows appended since the last sort, and `keep_in_order` sorts
again once they pass a tenth of the table: the unsorted tail stays small, and
the cost of sorting stays proportional to what was added.
"""

from __future__ import annotations

import duckdb

from contacts.errors import StoreError

ORDER = "who, whom, date_start, id"
MIN_TAIL = 250_000      # about two row groups: a tail shorter than this costs little to read
MAX_SHARE = 0.1         # of the table, unsorted, before it is sorted again
_COUNTER = "contacts_unsorted"


def appended(con: duckdb.DuckDBPyConnection, n: int) -> None:
    """Count `n` contacts appended (in the caller's transaction)."""
    if n:
        con.execute("UPDATE meta SET value = CAST(CAST(value AS BIGINT) + ? AS VARCHAR) WHERE key = ?",
                    [n, _COUNTER])


def unsorted(con: duckdb.DuckDBPyConnection) -> int:
    """Rows appended since the table was last sorted (all of them in a store that never was)."""
    row = con.execute("SELECT CAST(value AS BIGINT) FROM meta WHERE key = ?", [_COUNTER]).fetchone()
    return row[0] if row else con.execute("SELECT count(*) FROM contacts").fetchone()[0]


def mark_sorted(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, '0')", [_COUNTER])


def due(con: duckdb.DuckDBPyConnection) -> bool:
    tail = unsorted(con)
    if tail < MIN_TAIL:
        return False
    return tail >= MAX_SHARE * con.execute("SELECT count(*) FROM contacts").fetchone()[0]


def sort(con: duckdb.DuckDBPyConnection) -> int:
    """Rewrite the contacts table in ORDER, with its constraints and indexes, in one
    transaction (should anything fail, the table is as it was); how many rows it holds."""
    ddl, indexes = _definition(con)
    con.begin()
    try:
        con.execute(ddl.replace("CREATE TABLE contacts(", "CREATE TABLE contacts_sorted(", 1))
        con.execute(f"INSERT INTO contacts_sorted SELECT * FROM contacts ORDER BY {ORDER}")
        con.execute("DROP TABLE contacts")
        con.execute("ALTER TABLE contacts_sorted RENAME TO contacts")
        for statement in indexes:
            con.execute(statement)
        mark_sorted(con)
        rows = con.execute("SELECT count(*) FROM contacts").fetchone()[0]
        con.commit()
        return rows
    except BaseException as exc:
        con.rollback()
        if isinstance(exc, duckdb.Error):
            raise StoreError(f"sorting the contacts failed: {str(exc).splitlines()[0]}",
                             hint="the contacts are as they were; try 'contacts optimize' again") from exc
        raise


def _definition(con: duckdb.DuckDBPyConnection) -> tuple[str, list[str]]:
    """The contacts table's CREATE statement and its indexes' (as DuckDB holds them)."""
    ddl = con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = 'contacts' "
                      "AND schema_name = current_schema()").fetchone()[0]
    if not ddl.startswith("CREATE TABLE contacts("):
        raise StoreError(f"unexpected definition of the contacts table: {ddl[:60]}")
    indexes = [r[0] for r in con.execute("SELECT sql FROM duckdb_indexes() WHERE table_name = 'contacts' "
                                         "AND schema_name = current_schema() ORDER BY index_name").fetchall()]
    return ddl, indexes
