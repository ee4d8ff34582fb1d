"""The fields a `where` clause can test, and what each accepts.

    where source = "CNN"        an outlet among the contact's sources
    where article = "003.txt"   a file among the contact's sources
    where status = planned      occurred, planned or any
    where mode = visit          one mode, or a family: in-person (visits, meetings), remote (calls, messages)
    where precision = day       day, month, year or unknown
    where location = Samarkand  where it took place (a place stands for its state: Uzbekistan)
    where sources >= 2          how many articles report it
    where directed = yes        whether the text says who initiated it
    where returned = yes        a directed contact (a visit) the other side's state returned later in kind
    where new = yes             the first contact between the pattern's named side and this partner
    where count >= 5            (tallies) the reported number
    where who.office = head-of-state    the office who (or whom) held at the contact's date
    where origin = "state-department"   extracted, or a dataset the contact was imported from
    where reviewed = yes        whether a researcher's decision is about it (contacts review)
    where review = corrected    accepted, corrected or manual (added by hand)
    where id = c1a2b3c4d5e6     one contact, by its id or an id it took over (contacts.lineage)
"""

from __future__ import annotations

from dataclasses import dataclass

from contacts.query.expressions import FAMILIES, MODES
from contacts.query.keys import NO_OFFICE, OFFICES

EQUALITY = ("=", "!=")
ORDERING = ("=", "!=", "<", "<=", ">", ">=")


@dataclass(frozen=True)
class Field:
    kind: str                       # text, enum, place, int, bool
    ops: tuple[str, ...] = EQUALITY
    values: tuple[str, ...] = ()    # for enums
    tables: tuple[str, ...] = ("contacts",)


FIELDS: dict[str, Field] = {
    "source": Field("text", tables=("contacts", "tallies")),
    "article": Field("text", tables=("contacts", "tallies")),
    "status": Field("enum", values=("occurred", "planned", "any")),
    "mode": Field("enum", values=(*MODES, *FAMILIES, "contact"), tables=("contacts", "tallies")),
    "precision": Field("enum", values=("day", "month", "year", "unknown")),
    "location": Field("place"),
    "sources": Field("int", ORDERING),
    "directed": Field("bool"),
    "returned": Field("bool"),
    "new": Field("bool"),
    "count": Field("int", ORDERING, tables=("tallies",)),
    "who.office": Field("enum", values=(*OFFICES, NO_OFFICE)),
    "whom.office": Field("enum", values=(*OFFICES, NO_OFFICE)),
    "origin": Field("text"),
    "reviewed": Field("bool"),
    "review": Field("enum", values=("accepted", "corrected", "manual")),
    "id": Field("text"),
}

BOOLEANS = {"yes": True, "true": True, "no": False, "false": False}
