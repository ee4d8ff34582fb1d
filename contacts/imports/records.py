"""What an importer reads from a dataset: records, each with the contacts it states.

An importer turns a dataset's files into `Record`s (one trip stop, one event), or into an
`InputError` naming the file and line of a record it cannot read; `contacts.imports.load`
stores them. A record is stored as an article of its dataset (origin = the dataset's name)
and its contacts as that article's mentions, so fusion, `show`, `where source` and the
counts of sources treat it as they treat a news report.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from contacts.kb.model import Actor


@dataclass(frozen=True)
class RecordContact:
    """One contact a record states: who and whom are actors (of the knowledge base, or new)."""

    who: Actor
    whom: Actor
    mode: str
    directed: bool
    start: date | None
    end: date | None
    precision: str = "day"          # day, month, year or unknown
    evidence: str = ""              # the record's words for it
    status: str = "occurred"
    location: Actor | None = None


@dataclass
class Record:
    """One record of a dataset: its own id, where it was read, and the contacts it states."""

    dataset: str                    # the origin: 'state-department', 'gdelt' …
    record_id: str                  # the dataset's own id ("president/4113", a GLOBALEVENTID)
    path: str
    line: int | None
    text: str                       # what the record says, as one line (stored as the article's text)
    title: str | None = None
    url: str | None = None
    published: date | None = None
    contacts: list[RecordContact] = field(default_factory=list)
    size: int = 0                   # bytes of the file read up to the end of this record (progress)

    @property
    def article_id(self) -> str:
        """The id it is stored under: the dataset and its own id, so a re-import finds it again."""
        return f"{self.dataset}/{self.record_id}".replace(":", "_")   # ':' separates a mention's number

    def digest(self) -> str:
        """What the record states, as a digest: a re-import that states the same stores nothing."""
        facts = [self.text, self.title, self.url, str(self.published),
                 [(c.who.id, c.whom.id, c.mode, c.directed, str(c.start), str(c.end), c.precision, c.status,
                   c.location.id if c.location else None, c.evidence) for c in self.contacts]]
        return hashlib.sha1(json.dumps(facts).encode("utf-8")).hexdigest()[:16]


@dataclass
class ImportReport:
    """What an import did. `new_actors`: people and states the knowledge base lacks, added to the store."""

    dataset: str
    records: int = 0
    new: int = 0
    unchanged: int = 0
    changed: int = 0
    failed: int = 0
    skipped: int = 0                # records that state no contact the import keeps (documented per importer)
    mentions: int = 0
    contacts_created: int = 0
    contacts_updated: int = 0
    new_actors: int = 0
    dropped: int = 0                # events of the dataset that are not contacts (notes say which)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        return (f"{self.records:,} {self.dataset} records read: {self.new:,} new, {self.unchanged:,} unchanged, "
                f"{self.changed:,} changed, {self.failed:,} failed, {self.skipped:,} without a contact; "
                f"{self.mentions:,} contacts stated, {self.contacts_created:,} contacts created, "
                f"{self.contacts_updated:,} updated; {self.new_actors:,} actors added"
                + (f"; {self.dropped:,} events not contacts" if self.dropped else ""))


def files(paths: list[Path]) -> Iterator[Path]:
    """Each file named, and every file under each folder named, in name order."""
    for path in paths:
        yield from sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
