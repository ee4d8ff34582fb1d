"""Reference records beside the news: datasets imported into a store (`contacts import`).

    state-department   the US President's and Secretary of State's foreign trips (XML)
    gdelt              GDELT 2.0 event exports (CAMEO, 61 tab-separated columns)
    icews              ICEWS event files (CAMEO, tab-separated with a header)
    plover, polecat    PLOVER events (JSON Lines; CONSULT and its mode)

Each importer reads its files into records (contacts.imports.records) and
contacts.imports.load stores them with their origin, fused with the contacts read
from articles. docs/imports.md says what each keeps and drops.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from contacts.errors import ContactsError
from contacts.imports.records import ImportReport, Record, RecordContact

DATASETS = ("state-department", "gdelt", "icews", "plover", "polecat")

__all__ = ["DATASETS", "ImportReport", "Record", "RecordContact", "import_dataset"]


def import_dataset(store, dataset: str, paths: Iterable[str | Path], *,
                   advance: Callable[[int], None] | None = None) -> ImportReport:
    """Import `dataset`'s files (or folders) into `store`; bad records are reported, the others kept.

    Store.import_dataset calls it.
    """
    from contacts.imports import load
    paths = [Path(p) for p in paths]
    drops: Counter = Counter()
    if dataset == "state-department":
        from contacts.imports import state_department
        records = state_department.read(paths, store.kb)
    elif dataset == "gdelt":
        from contacts.imports import gdelt
        records = gdelt.read(paths, store.kb, drops)
    elif dataset == "icews":
        from contacts.imports import icews
        records = icews.read(paths, store.kb, drops)
    elif dataset in ("plover", "polecat"):
        from contacts.imports import plover
        records = plover.read(paths, store.kb, drops, dataset)
    else:
        raise ContactsError(f"unknown dataset {dataset!r}", hint=f"use {', '.join(DATASETS)}")
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise ContactsError(f"no such file or folder: {missing[0]}", hint=f"give the {dataset} files to import")
    report = load.load(store, dataset, records, advance=advance)
    report.dropped = sum(drops.values())
    report.records += report.dropped
    report.notes += [f"{n:,} events dropped: {why}" for why, n in drops.most_common()]
    return report
