"""Results as text: a plain number, a rich table, CSV, JSON or JSON Lines."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date, datetime
from typing import Any

FORMATS = ("table", "csv", "json", "jsonl")
EXTENSIONS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_LONG = {"evidence", "title", "url", "text"}
TABLE_ROWS = 1_000        # rows a table draws; csv and json give all


# Control characters but tab and newline: an article's ESC ] 52 could write the clipboard,
# ESC [ 2J clear the screen, through any table or CSV shown on a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """The text with its control characters written out (\\x1b), so it cannot drive a terminal."""
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def error_lines(exc) -> list[str]:
    """A query error as shown: the message with its code (docs/query-language.md lists them),
    then the query line with a caret under the spot."""
    lines = [f"error: {exc} [{exc.code}]"]
    return lines + [exc.caret()] if exc.caret() else lines


def format_for_file(path: str, default: str) -> str:
    """The format a file's extension names (x.csv → csv), else `default`."""
    from pathlib import Path
    return EXTENSIONS.get(Path(path).suffix.lower(), default)


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
        writer.writerows([[visible(v) if isinstance(v, str) else _plain(v) for v in r] for r in rows])
        return out.getvalue().rstrip("\n")
    if fmt == "table":
        return _table(columns, rows, width)
    raise ValueError(f"unknown format {fmt!r}")


def _table(columns: list[str], rows: list[tuple], width: int | None) -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    if not rows:
        return "(no rows)"
    if len(rows) > TABLE_ROWS:         # drawing costs ~1 ms a row: 14k rows took 13.6 s
        cut = len(rows) - TABLE_ROWS
        return _table(columns, rows[:TABLE_ROWS], width) + \
            f"\n… {cut:,} more rows not shown (add 'limit N', or give --format csv or json for all)"
    width = width or shutil.get_terminal_size((160, 24)).columns
    cells = [["" if v is None else escape(visible(str(_plain(v)))) for v in r] for r in rows]   # rich reads [markup]
    short = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns) if c not in _LONG]
    n_long = sum(c in _LONG for c in columns)
    room = max(20, (width - sum(short) - 3 * len(columns) - 1) // max(n_long, 1))
    table = Table()
    for name in columns:
        table.add_column(name, no_wrap=name not in _LONG)
    for r in cells:       # long text is cut to one line here; csv and json carry it whole
        table.add_row(*(_cut(v, room) if name in _LONG else v for name, v in zip(columns, r)))
    console = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None)
    console.print(table)
    return console.file.getvalue().rstrip("\n")


def _cut(text: str, room: int) -> str:
    return text if len(text) <= room else text[:room - 1] + "…"


def format_contact(c: dict[str, Any]) -> str:
    """A contact (from `Store.show`) with each source sentence, as lines of text."""
    when = {"day": str(c["date_start"]), "month": str(c["date_start"])[:7], "year": str(c["date_start"])[:4]}
    if c["date_end"] and c["date_end"] != c["date_start"]:
        when = {k: f"{v} ({c['date_start']} to {c['date_end']})" for k, v in when.items()}
    arrow = "→" if c["directed"] else "↔"
    lines = [f"{c['id']}: {c['who']} {arrow} {c['whom']}  {c['mode']}  {when.get(c['precision'], 'undated')}"
             f"  {c['status']}  ({c['n_sources']} source{'s' if c['n_sources'] != 1 else ''})"]
    if c.get("location"):
        lines.append(f"  location: {c['location']}")
    if c.get("origins"):
        lines.append(f"  origin: {', '.join(c['origins'])}")
    if c.get("retired"):
        lines.insert(0, retired_line(c["retired"], c["id"]))
    article = None
    for source in c["sources"]:            # sorted by article: each article's heading once
        if source["article"] != article:
            article = source["article"]
            lines.append(f"  - {article} [{source['source'] or 'outlet unknown'}, {source['published'] or 'undated'}]")
            lines += [f"    {key}: {source[key]}" for key in ("title", "url") if source.get(key)]
            if source.get("record"):
                lines.append(f"    record: {source['record']} of {source['origin']}")
        where = f"sentence {source['sentence']}" if source["sentence"] is not None else "says"
        lines.append(f"    {where}: {source['evidence']}")
    if c.get("decisions"):                 # the review's (contacts.corrections)
        from contacts.corrections import summary
        lines += ["  review:"] + [f"    {summary(d)}" for d in c["decisions"]]
    return visible("\n".join(lines))


def retired_line(retired: dict[str, Any], into: str) -> str:
    """What became of a retired contact id (contacts.lineage)."""
    what = {"merged": "was merged into", "split": "was split; its larger part is",
            "renamed": "was re-dated by a more precise report and is now"}.get(retired["how"], "is now")
    return f"{retired['id']} {what} {into} (on {retired['at']:%Y-%m-%d}):"


def office_words(kb) -> dict[str, str]:
    """Office code → the words for it ("fm" → "foreign minister"): the first of each in titles.toml."""
    words: dict[str, str] = {}
    for word, office in kb.titles.items():
        words.setdefault(office, word)
    return words


def role_text(role, words: dict[str, str]) -> str:
    """A role as read: its title (or the words for its office), state and dates."""
    title = words.get(role.title, role.title) if role.title == role.office else role.title
    return f"{title} ({role.country}): {role.start.iso() or '?'} – {role.end.iso() or 'in office'}"


def bar_chart(columns: list[str], rows: list[tuple], width: int = 40) -> str:
    """A small horizontal bar chart of (label, count) rows, for timelines."""
    if not rows:
        return ""
    top = max((r[-1] or 0) for r in rows) or 1
    labels = ["no one period" if r[0] is None else str(r[0]) for r in rows]    # a timeline's last row
    label_width = max(len(label) for label in labels)
    return visible("\n".join(f"{label:>{label_width}} {'█' * round((r[-1] or 0) * width / top):<{width}} {r[-1]}"
                     for label, r in zip(labels, rows)))
