"""GDELT 2.0 event exports (YYYYMMDDHHMMSS.export.CSV: tab-separated, no header, the 61
columns of the GDELT 2.0 Event Codebook), streamed a line at a time. See contacts.imports.cameo
for what is kept; the record id is GLOBALEVENTID, the date SQLDATE, the source SOURCEURL."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from contacts.errors import InputError
from contacts.imports import cameo
from contacts.imports.records import Record, RecordContact, files
from contacts.kb import KnowledgeBase

DATASET = "gdelt"
COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL")
# Government and its executive: the types whose actor stands for its state.
STATE_TYPES = {"GOV", "MIL", ""}


def read(paths: list[Path], kb: KnowledgeBase, drops: Counter) -> Iterator[Record | InputError]:
    actors = cameo.Actors(kb)
    for path_ in files(paths):
        yield from _file(path_, actors, drops)


def _file(path: Path, actors: cameo.Actors, drops: Counter) -> Iterator[Record | InputError]:
    try:
        handle = path.open("r", encoding="utf-8", errors="replace", newline="")
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        for n, line in enumerate(handle, 1):
            if line.strip():
                yield from _line(path, n, line.rstrip("\r\n").split("\t"), actors, drops)


def _line(path: Path, n: int, cells: list[str], actors: cameo.Actors, drops: Counter):
    if len(cells) != len(COLUMNS):
        yield InputError(str(path), f"{len(cells)} tab-separated columns, not the {len(COLUMNS)} of a GDELT 2.0 "
                                    "event export", line=n, hint="give .export.CSV files (not mentions or gkg)")
        return
    row = dict(zip(COLUMNS, cells))
    raw = row["SQLDATE"]
    try:
        day = date(int(raw[:4]), int(raw[4:6]), int(raw[6:])) if len(raw) == 8 and raw.isdigit() else None
    except ValueError:
        day = None
    if day is None:
        yield InputError(str(path), f"SQLDATE {row['SQLDATE']!r} is not a YYYYMMDD date", line=n)
        return
    code = cameo.code_of(row["EventCode"])
    if code not in cameo.CONSULT:
        drops[cameo.DROPPED.get(code, "not a consult code (04x)")] += 1
        return
    sides = [actors.find(row[f"Actor{i}Name"], row[f"Actor{i}CountryCode"],
                         _state_level(row, i), day) for i in (1, 2)]
    found = cameo.consult(code, *sides, drops)
    if found is None or actors.mirrors.repeats(found, day, row["SOURCEURL"], drops):
        return
    who, whom, mode, directed = found
    text = f"{row['Actor1Name']} {code} {row['Actor2Name']} ({row['ActionGeo_FullName']})".strip()
    yield Record(DATASET, row["GLOBALEVENTID"], str(path), n, text, title=f"GDELT event {row['GLOBALEVENTID']} "
                 f"(CAMEO {code})", url=row["SOURCEURL"] or None, published=day,
                 contacts=[RecordContact(who, whom, mode, directed, day, day, evidence=text)])


def _state_level(row: dict, i: int) -> bool:
    """Is the actor its state, or its government ("USA", "USAGOV"), rather than someone of it?"""
    return row[f"Actor{i}Type1Code"] in STATE_TYPES and row[f"Actor{i}KnownGroupCode"] == ""
