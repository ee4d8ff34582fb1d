"""Reference records beside the news: datasets imported into a store (`contacts import`).

    state-department   the US President's and Secretary of State's foreign trips (XML)

Each importer reads its files into records (contacts.imports.records) and
contacts.imports.load stores them with their origin, fused with the contacts read
from articles. docs/imports.md says what each keeps and drops.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from contacts.errors import ContactsError
from contacts.imports.records import ImportReport, Record, RecordContact

DATASETS = ("state-department",)

__all__ = ["DATASETS", "ImportReport", "Record", "RecordContact", "import_dataset"]


def import_dataset(store, dataset: str, paths: Iterable[str | Path], *,
                   advance: Callable[[int], None] | None = None) -> ImportReport:
    """Import `dataset`'s files (or folders) into `store`; bad records are reported, the others kept."""
    from contacts.imports import load
    paths = [Path(p) for p in paths]
    if dataset == "state-department":
        from contacts.imports import state_department
        records = state_department.read(paths, store.kb)
    else:
        raise ContactsError(f"unknown dataset {dataset!r}", hint=f"use {', '.join(DATASETS)}")
    return load.load(store, dataset, records, advance=advance)
