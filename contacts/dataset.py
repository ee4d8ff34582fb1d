"""A store as Parquet datasets on shared storage (`contacts export DIR --format dataset`),
and queries over such a dataset in place (`contacts.open(DIR)`, `--db DIR`), read-only.

The layout (docs/scale-out.md): one folder per table of the store. The big tables are
Hive-partitioned by month, `<table>/month=YYYY-MM/data_0.parquet` (`month=undated` for rows
without a date): articles, mentions, evidence and tallies by their article's publication
month, contacts and contact_sources by the contact's start month. The small tables (actors,
roles, corrections …) are one file each. `_contacts_dataset.json` names the schema version,
each table's columns and types (so an empty table still has its columns) and the store's
views; readers that skip files starting with "_" (Spark, Hive, pyarrow) ignore it.

Opening builds a small DuckDB catalog of views over read_parquet (hive partitioning on)
in a temporary file and opens it read-only: every query of the language runs unchanged,
and DuckDB refuses any write.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from contacts.errors import StoreError

MANIFEST = "_contacts_dataset.json"
FORMAT = "contacts-dataset"
PARTITION = "month"
UNDATED = "undated"       # the partition of rows without a date (Hive's NULL partition is engine-specific)

_MONTH = f"coalesce(strftime({{}}, '%Y-%m'), '{UNDATED}')"
# Each partitioned table: the SELECT that gives its rows with their month.
_PARTITIONED = {
    "articles": f"SELECT t.*, {_MONTH.format('t.published')} AS month FROM articles t",
    "mentions": f"SELECT t.*, {_MONTH.format('a.published')} AS month FROM mentions t "
                "LEFT JOIN articles a ON a.id = t.article",
    "evidence": f"SELECT t.*, {_MONTH.format('a.published')} AS month FROM evidence t "
                "LEFT JOIN mentions m ON m.id = t.mention LEFT JOIN articles a ON a.id = m.article",
    "tallies": f"SELECT t.*, {_MONTH.format('a.published')} AS month FROM tallies t "
               "LEFT JOIN articles a ON a.id = t.article",
    "contacts": f"SELECT t.*, {_MONTH.format('t.date_start')} AS month FROM contacts t",
    "contact_sources": f"SELECT t.*, {_MONTH.format('c.date_start')} AS month FROM contact_sources t "
                       "LEFT JOIN contacts c ON c.id = t.contact",
}


class ReadOnlyDatasetError(StoreError):
    """A write (ingest, review, actors add …) asked of a Parquet dataset."""


def is_dataset(path: str | Path | None) -> bool:
    """Whether `path` is a folder written by `contacts export DIR --format dataset`."""
    return path is not None and str(path) != ":memory:" and (Path(path) / MANIFEST).is_file()


def refuse_writes(path: str | Path, what: str = "change it") -> ReadOnlyDatasetError:
    return ReadOnlyDatasetError(f"{path} is a read-only dataset (Parquet files written by "
                                "'contacts export --format dataset'): cannot " + what,
                                hint="ingest, review and import into a store file (--db FILE.duckdb), "
                                     "then export it again")


# -- writing -----------------------------------------------------------------
def write(con: duckdb.DuckDBPyConnection, out: str | Path, tables: tuple[str, ...], schema_version: int) -> dict:
    """Write the store `con` holds to the folder `out` (replacing a dataset already there,
    never another folder); returns the row count of each table. The folder is written beside
    its place and renamed into it, so a reader never sees half a dataset."""
    out = Path(out)
    if out.exists() and not is_dataset(out) and (not out.is_dir() or any(out.iterdir())):
        raise StoreError(f"{out} exists and is not a contacts dataset",
                         hint="give a new folder (or an empty one, or an earlier dataset to replace)")
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent if out.parent.exists() else None))
    try:
        manifest = _write_tables(con, staging, tables, schema_version)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1), "utf-8")
        _replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return {name: t["rows"] for name, t in manifest["tables"].items()}


def _write_tables(con, folder: Path, tables: tuple[str, ...], schema_version: int) -> dict:
    manifest: dict = {"format": FORMAT, "schema_version": schema_version, "partitioned_by": PARTITION,
                      "tables": {}, "views": {}}
    for table in tables:
        columns = [(r[0], r[1]) for r in con.execute(f"DESCRIBE {table}").fetchall()]
        rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        target = str(folder / table)
        if table in _PARTITIONED:
            if rows:        # no rows: no files (the manifest keeps the columns)
                con.execute(f"COPY ({_PARTITIONED[table]}) TO '{_quoted(target)}' "
                            f"(FORMAT parquet, PARTITION_BY ({PARTITION}), FILENAME_PATTERN 'data_{{i}}')")
        else:
            os.makedirs(target)
            con.execute(f"COPY {table} TO '{_quoted(target + '/data_0.parquet')}' (FORMAT parquet)")
        manifest["tables"][table] = {"columns": columns, "rows": rows,
                                     "partitioned": table in _PARTITIONED}
    for name, sql in con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal "
                                 "AND database_name = current_database()").fetchall():
        if name not in tables:          # a dataset's tables are views too (an export of an export)
            manifest["views"][name] = sql
    return manifest


def _replace(staging: Path, out: Path) -> None:
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        staging.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(out)


# -- reading -----------------------------------------------------------------
def manifest(path: str | Path) -> dict:
    try:
        found = json.loads((Path(path) / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read the dataset {path}: {MANIFEST}: {exc}",
                         hint="export the store again with 'contacts export DIR --format dataset'") from None
    if found.get("format") != FORMAT:
        raise StoreError(f"{path}/{MANIFEST} is not a contacts dataset's", hint="give another folder with --db")
    return found


def connect(path: str | Path, config: dict) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection whose tables are views over the dataset at `path`."""
    root = Path(path).resolve()
    found = manifest(root)
    catalog_dir = tempfile.mkdtemp(prefix="contacts-dataset-")
    catalog = os.path.join(catalog_dir, "catalog.duckdb")
    try:
        with duckdb.connect(catalog, config=config) as con:
            for table, spec in found["tables"].items():
                con.execute(f"CREATE VIEW {table} AS {_reader(root / table, spec)}")
            for sql in found["views"].values():
                con.execute(sql)
        # Open read-only: DuckDB refuses every write. The file can go at once: DuckDB keeps it open.
        return duckdb.connect(catalog, read_only=True, config=config)
    except duckdb.Error as exc:
        raise StoreError(f"cannot read the dataset {path}: {str(exc).splitlines()[0]}",
                         hint="export the store again with 'contacts export DIR --format dataset'") from None
    finally:
        shutil.rmtree(catalog_dir, ignore_errors=True)


def allow_reading(con: duckdb.DuckDBPyConnection, path: str | Path) -> None:
    """Before DuckDB's access to files is turned off (user SQL): the dataset's own stay readable."""
    root = str(Path(path).resolve()) + os.sep
    con.execute(f"SET allowed_directories = ['{_quoted(root)}']")


def _reader(folder: Path, spec: dict) -> str:
    columns = spec["columns"]
    if not any(folder.rglob("*.parquet")):          # an empty table: its columns, no rows
        return "SELECT " + ", ".join(f"NULL::{kind} AS \"{name}\"" for name, kind in columns) + " WHERE false"
    names = ", ".join(f'"{name}"' for name, _ in columns)
    if spec["partitioned"]:
        glob = _quoted(str(folder / f"{PARTITION}=*" / "*.parquet"))
        return (f"SELECT {names} FROM read_parquet('{glob}', hive_partitioning = true, "
                f"hive_types = {{'{PARTITION}': VARCHAR}})")
    return f"SELECT {names} FROM read_parquet('{_quoted(str(folder / '*.parquet'))}')"


def _quoted(text: str) -> str:
    """A path inside a SQL string literal (COPY and read_parquet take no parameters for it)."""
    return text.replace("'", "''")
