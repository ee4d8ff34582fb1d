"""The default row limit of `list`: a list without `limit` shows its first LIST_ROWS
contacts (as many as a table draws) and says how many matched, so a question with
14,000 answers neither hangs the terminal nor hides that it was cut.

The compiled SQL asks for one row more than it shows and counts the matches in a
last column (`count(*) OVER ()`); `capped` takes that column off and writes the note.
"""

from __future__ import annotations

from typing import Any

from contacts.query.generator import Compiled


def capped(compiled: Compiled, columns: list[str], records: list[tuple]) -> tuple[list[str], list[tuple], tuple[str, ...]]:
    """The rows to show and the note of what was left out (none when nothing was)."""
    cap = compiled.row_cap
    if cap is None:
        return columns, records, ()
    matched: Any = records[0][-1] if records else 0
    shown = [r[:-1] for r in records[:cap]]
    if matched <= cap:
        return columns[:-1], shown, ()
    return columns[:-1], shown, (note(cap, matched),)


def note(shown: int, matched: int) -> str:
    return (f"{shown:,} of {matched:,} contacts shown: list shows {shown:,} unless told "
            f"(write 'limit {matched}' or 'limit all' for every one, or count … by … to sum them up)")
