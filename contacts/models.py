"""Records that cross the edges: articles in, mentions and contacts out."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MODES = ("call", "meeting", "visit", "message", "envoy", "summons", "talks")
# Modes whose every contact is directed (visitor, sender, summoner first); a message is
# directed unless the text says the two exchanged them.
ALWAYS_DIRECTED = frozenset({"visit", "envoy", "summons"})
Mode = Literal["call", "meeting", "visit", "message", "envoy", "summons", "talks"]
Status = Literal["occurred", "planned"]


def normalize_text(text: str) -> str:
    """The text an article's identity is computed from: NFC, one space per run."""
    return " ".join(unicodedata.normalize("NFC", text).split())   # split() breaks at what \s matches


def article_id(text: str) -> str:
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


class Article(BaseModel):
    """One news article as read from a file (or handed in by a script)."""

    model_config = ConfigDict(frozen=True)

    text: str
    name: str = Field(description="file name, or the id given in a JSON Lines record")
    path: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    id: str = ""

    def model_post_init(self, __context) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self.text))


class ExtractedContact(BaseModel):
    """One contact found in one article: the JSONL contract of `contacts extract`."""

    article: str
    who: str
    who_country: str | None
    whom: str
    whom_country: str | None
    mode: Mode
    directed: bool
    date: str | None
    status: Status
    evidence: str


class ExtractedTally(BaseModel):
    """A reported count of contacts over a period ("spoke five times since …")."""

    article: str
    who: str
    whom: str
    mode: str
    count: int
    since: str | None
    until: str | None
    evidence: str


class IngestReport(BaseModel):
    """What one ingest did."""

    new: int = 0
    unchanged: int = 0
    reextracted: int = 0
    failed: int = 0
    mentions: int = 0
    tallies: int = 0
    contacts_created: int = 0
    contacts_updated: int = 0
    contacts_sorted: int = 0         # contacts put back in order after the ingest (contacts.layout)
    dated: int = 0                   # stored articles that this ingest gave their missing publication date
    undated: int = 0                 # articles of this ingest that stay without a publication date
    other_date: int = 0              # stored articles whose date this ingest gave otherwise: kept as stored
    # Contacts stored before that fusion changed (contacts.lineage); their old ids still resolve.
    contacts_merged: int = 0         # merged into another contact
    contacts_split: int = 0          # split into several
    contacts_renamed: int = 0        # given a new id by a more precise report
    contacts_removed: int = 0        # left without sources (a re-extraction no longer finds them)
    errors: list[str] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        return (f"{self.new} new, {self.unchanged} unchanged, {self.reextracted} re-extracted and "
                f"{self.failed} failed articles; {self.mentions} mentions and {self.tallies} tallies stored; "
                f"{self.contacts_created} contacts created, {self.contacts_updated} updated{self._lineage()}" +
                (f"; {self.contacts_sorted} contacts put in order" if self.contacts_sorted else "") +
                (f"; {_articles(self.dated)} given {'its' if self.dated == 1 else 'their'} publication date"
                 if self.dated else "") + ".")

    def warnings(self) -> list[str]:
        """What the user should act on although nothing failed, a line each."""
        lines = []
        if self.undated:
            lines.append(f"{_articles(self.undated)} stored without a publication date, so "
                         f"{'its' if self.undated == 1 else 'their'} relative dates ('on Monday') stay unresolved: "
                         "ingest again with --published YYYY-MM-DD (or a 'published:' line or field), or run "
                         "'contacts articles set ID --published YYYY-MM-DD' ('contacts articles list --undated' "
                         "lists them)")
        if self.other_date:
            lines.append(f"{_articles(self.other_date)} already stored with another publication date kept "
                         f"{'it' if self.other_date == 1 else 'theirs'}: "
                         "'contacts articles set ID --published YYYY-MM-DD' changes one")
        return lines

    def _lineage(self) -> str:
        said = [f"{n} {what}" for n, what in ((self.contacts_merged, "merged into others"),
                                              (self.contacts_split, "split"),
                                              (self.contacts_renamed, "re-dated under a new id"),
                                              (self.contacts_removed, "removed")) if n]
        return ", " + ", ".join(said) + " (their old ids still resolve)" if said else ""

    def add(self, change) -> None:
        """Count what one batch's fusion did (a contacts.lineage.Change)."""
        self.contacts_created += change.created
        self.contacts_updated += change.updated
        self.contacts_merged += change.merged
        self.contacts_split += change.split
        self.contacts_renamed += change.renamed
        self.contacts_removed += change.removed


def _articles(n: int) -> str:
    return f"{n:,} article{'s' if n != 1 else ''}"
