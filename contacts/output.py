"""Results as text: a plain number, a rich table, CSV, JSON or JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any

FORMATS = ("table", "csv", "json", "jsonl")
_LONG = {"evidence", "title", "url", "text"}


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def render(columns: list[str], rows: list[tuple], fmt: str = "table", *, scalar: bool = False,
           width: int | None = None) -> str:
    """The rows in a format; a one-number result prints as the number alone in table format."""
    if fmt == "table" and scalar and len(rows) == 1 and len(rows[0]) == 1:
        return str(rows[0][0])
    if fmt == "json":
        return json.dumps([{c: _plain(v) for c, v in zip(columns, r)} for r in rows], ensure_ascii=False, indent=1)
    if fmt == "jsonl":
        return "\n".join(json.dumps({c: _plain(v) for c, v in zip(columns, r)}, ensure_ascii=False) for r in rows)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in r] for r in rows])
        return out.getvalue().rstrip("\n")
    if fmt == "table":
        return _table(columns, rows, width)
    raise ValueError(f"unknown format {fmt!r}")


def _table(columns: list[str], rows: list[tuple], width: int | None) -> str:
    from rich.console import Console
    from rich.table import Table
    table = Table(show_lines=False)
    for name in columns:
        if name in _LONG:      # a sentence per row would make the table unreadable; csv/json carry it whole
            table.add_column(name, no_wrap=True, overflow="ellipsis", max_width=60)
        else:
            table.add_column(name)
    for r in rows:
        table.add_row(*("" if v is None else str(_plain(v)) for v in r))
    if not rows:
        return "(no rows)"
    console = Console(file=io.StringIO(), width=width or 160, force_terminal=False, color_system=None)
    console.print(table)
    return console.file.getvalue().rstrip("\n")
