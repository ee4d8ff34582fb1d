"""Writing the fused contacts to a file, with their provenance (`contacts export`).

One row per contact: the actors (store id, name, ISO 3166 alpha-3 code), mode,
date (start, end and precision), status, location, how many articles report
it and their outlets, the evidence sentence, and the first article that
reports it (name, title, URL, outlet, publication date). The format is the
one asked for, else the file's extension; Stata (.dta) needs pandas.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from contacts.errors import StoreError
from contacts.query.keys import country_at

FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".dta": "dta"}
EVENT_FORMATS = ("plover", "cameo")     # the field's event-data formats (contacts.event_exports), by --format only

# The first article is the earliest published (undated last), then by name, so a re-export
# of the same store names the same one.
QUERY = """
WITH firsts AS (
    SELECT s.contact,
           arg_min({'article': a.name, 'title': a.title, 'url': a.url, 'outlet': a.source, 'published': a.published},
                   coalesce(strftime(a.published, '%Y-%m-%d'), '9999') || a.name) AS first,
           string_agg(DISTINCT coalesce(a.source, a.name), '; ' ORDER BY coalesce(a.source, a.name)) AS outlets
    FROM contact_sources s JOIN mentions mm ON mm.id = s.mention JOIN articles a ON a.id = mm.article
    GROUP BY s.contact)
SELECT c.id, c.who, w.name AS who_name, @who_country@ AS who_country, c.whom, m.name AS whom_name,
       @whom_country@ AS whom_country, c.mode, c.directed, c.date_start, c.date_end, c.precision, c.status,
       c.location, l.name AS location_name, l.country AS location_country, c.n_sources, f.outlets, c.evidence,
       f.first.article AS article, f.first.title AS title, f.first.url AS url, f.first.outlet AS outlet,
       f.first.published AS published
FROM contacts c JOIN actors w ON w.id = c.who JOIN actors m ON m.id = c.whom
LEFT JOIN actors l ON l.id = c.location LEFT JOIN firsts f ON f.contact = c.id
ORDER BY c.date_start NULLS LAST, c.id
"""
# Each side's state at the contact's date (an undated contact: today's), as the query language's
# who_country and whom_country have it: von der Leyen is DEU before December 2019 and EU after.
_DAY = "coalesce(c.date_start, current_date)"
QUERY = QUERY.replace("@who_country@", country_at("c.who", _DAY)).replace("@whom_country@", country_at("c.whom", _DAY))


def export_format(path: str | Path, fmt: str | None) -> str:
    """The format to write: the one given, else the one the extension names; refuses guesses."""
    if fmt:
        if fmt not in (*FORMATS.values(), *EVENT_FORMATS):
            raise StoreError(f"unknown export format {fmt!r}", hint="use parquet, csv, jsonl, dta, plover or cameo")
        return fmt
    found = FORMATS.get(Path(path).suffix.lower())
    if found is None:
        raise StoreError(f"cannot tell the format of {str(path)!r} from its extension",
                         hint="name the file .parquet, .csv, .jsonl or .dta, or give --format")
    return found


def write_contacts(connection: duckdb.DuckDBPyConnection, path: str | Path, fmt: str | None = None) -> int:
    """Write every contact to `path`; the number written."""
    fmt = export_format(path, fmt)
    target = Path(path)
    if not target.parent.is_dir():
        raise StoreError(f"cannot write {target}: no folder {target.parent}", hint="create the folder, or give another path")
    cursor = connection.cursor()     # a relation needs a connection with no open result
    try:
        relation = cursor.sql(QUERY)
        if fmt == "parquet":
            relation.write_parquet(str(target))
        elif fmt == "csv":
            relation.write_csv(str(target), header=True)
        elif fmt == "jsonl":
            _write_jsonl(cursor, target)
        elif fmt in EVENT_FORMATS:
            from contacts import event_exports
            (event_exports.write_plover if fmt == "plover" else event_exports.write_cameo)(cursor, target)
        else:
            _write_stata(relation, target)
    except (OSError, duckdb.IOException) as exc:
        raise StoreError(f"cannot write {target}: {_reason(exc)}", hint="give a path you can write to") from None
    finally:
        cursor.close()
    return connection.execute("SELECT count(*) FROM contacts").fetchone()[0]


def _write_jsonl(cursor: duckdb.DuckDBPyConnection, target: Path) -> None:
    cursor.execute(QUERY)
    columns = [d[0] for d in cursor.description]
    with target.open("w", encoding="utf-8") as out:
        while rows := cursor.fetchmany(10_000):         # a batch at a time: a big store stays out of memory
            for row in rows:
                out.write(json.dumps(dict(zip(columns, row)), default=str, ensure_ascii=False) + "\n")


def _write_stata(relation: duckdb.DuckDBPyRelation, target: Path) -> None:
    try:
        import pandas as pd
    except ImportError:
        raise StoreError("a Stata file needs pandas", hint="pip install 'contacts[frames]', or export .csv") from None
    frame = relation.df()
    dates = ["date_start", "date_end", "published"]
    for column in dates:
        frame[column] = pd.to_datetime(frame[column])
    frame["directed"] = frame["directed"].astype("int8")
    text = [c for c in frame.columns if c not in dates and
            (frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c]))]
    frame[text] = frame[text].fillna("")
    # strL for every text column: Stata's fixed strings stop at 2,045 bytes and evidence may not
    frame.to_stata(target, write_index=False, version=118, convert_dates={c: "td" for c in dates},
                   convert_strl=text, data_label="contacts: fused diplomatic contacts")


def _reason(exc: Exception) -> str:
    """The operating system's reason, without DuckDB's wrapping."""
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc).split("\n")[0].removeprefix("IO Error: ")
