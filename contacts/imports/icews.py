"""ICEWS coded event files (events.YYYY.*.tab, Harvard Dataverse doi:10.7910/DVN/28075):
tab-separated with a header of 20 named columns, streamed a line at a time. See
contacts.imports.cameo for what is kept; the record id is the Event ID, the date the Event Date.

ICEWS names countries in full ("Russian Federation") and codes CAMEO without the leading zero
("42"); a source or target stands for its state when it is the country itself, "Government
(Country)", or a government sector ("Executive", "Government", "Foreign Ministry" …)."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from contacts.errors import InputError
from contacts.imports import cameo
from contacts.imports.records import Record, RecordContact, files
from contacts.kb import KnowledgeBase
from contacts.kb.model import Kind

DATASET = "icews"
COLUMNS = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
           "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
           "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude")
GOVERNMENT_SECTORS = ("Government", "Executive", "Foreign Ministry", "Cabinet", "Head of State",
                      "Ministry")


def read(paths: list[Path], kb: KnowledgeBase, drops: Counter) -> Iterator[Record | InputError]:
    actors = cameo.Actors(kb)
    codes: dict[str, str | None] = {}
    for path_ in files(paths):
        yield from _file(path_, kb, actors, codes, drops)


def _file(path: Path, kb: KnowledgeBase, actors: cameo.Actors, codes: dict, drops: Counter):
    try:
        handle = path.open("r", encoding="utf-8", errors="replace", newline="")
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows, None)
        if header is None or [h.strip() for h in header] != list(COLUMNS):
            yield InputError(str(path), "its header is not the 20 columns of an ICEWS event file", line=1,
                             hint=f"the first line names: {', '.join(COLUMNS[:4])} …")
            return
        for cells in rows:
            n = rows.line_num
            if len(cells) != len(COLUMNS):
                yield InputError(str(path), f"{len(cells)} tab-separated columns, not {len(COLUMNS)}", line=n)
                continue
            yield from _row(path, n, dict(zip(COLUMNS, cells)), kb, actors, codes, drops)


def _row(path: Path, n: int, row: dict, kb: KnowledgeBase, actors: cameo.Actors, codes: dict, drops: Counter):
    try:
        day = date.fromisoformat(row["Event Date"])
    except ValueError:
        yield InputError(str(path), f"Event Date {row['Event Date']!r} is not a YYYY-MM-DD date", line=n)
        return
    code = cameo.code_of(row["CAMEO Code"])
    if code not in cameo.CONSULT:
        drops[cameo.DROPPED.get(code, "not a consult code (04x)")] += 1
        return
    sides = [actors.find(row[f"{side} Name"], _code(kb, codes, row[f"{side} Country"]),
                         _state_level(row, side), day) for side in ("Source", "Target")]
    found = cameo.consult(code, *sides, drops)
    if found is None or actors.mirrors.repeats(found, day, f"{row['Story ID']}/{row['Sentence Number']}", drops):
        return
    who, whom, mode, directed = found
    text = f"{row['Source Name']} {row['Event Text']} {row['Target Name']}".strip()
    yield Record(DATASET, row["Event ID"], str(path), n, text, title=f"ICEWS event {row['Event ID']} (CAMEO {code})",
                 published=day, contacts=[RecordContact(who, whom, mode, directed, day, day, evidence=text)])


def _code(kb: KnowledgeBase, codes: dict, country: str) -> str:
    if country not in codes:
        found = kb.resolve(country, suggest=False).actor if country else None
        codes[country] = found.country if found is not None and found.kind is not Kind.person else None
    return codes[country] or ""


def _state_level(row: dict, side: str) -> bool:
    name, sectors = row[f"{side} Name"], row[f"{side} Sectors"]
    return (name == row[f"{side} Country"] or name.startswith("Government")
            or any(s in sectors for s in GOVERNMENT_SECTORS))
