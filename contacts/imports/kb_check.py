"""The knowledge base's office holders against the State Department's travel records.

Each titled host official a trip's remarks name ("Met with Prime Minister Boris Johnson",
United Kingdom, 2021-06-09) is a test of the knowledge base: does it name, as holder of that
office of that state on that day, the person the record names? The share it names correctly
is reported for national offices (the organisations' heads are listed apart); a compound
title ("Crown Prince and Prime Minister") is right when any of its offices is.

    python -m contacts.imports.kb_check [TRAVELS FOLDER] [--since YYYY-MM-DD]

prints the share by period and every miss, for a person to sort into the knowledge base's
faults (a missing or wrong holder) and the record's (a wrong title).
"""

from __future__ import annotations

import difflib
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from contacts.kb import KnowledgeBase, default, name_key
from contacts.imports.remarks import OFFICES
from contacts.kb.model import Kind

@dataclass(frozen=True)
class Row:
    day: date
    country: str
    title: str
    name: str
    source: str = ""


@dataclass(frozen=True)
class Outcome:
    row: Row
    holder: str | None           # whom the knowledge base names for the office that day
    right: bool
    national: bool               # an office of the host state (not an organisation's, not another state's)


def parts(title: str) -> list[str]:
    """A compound title's offices: "Deputy Prime Minister and Minister of Foreign Affairs" ->
    the foreign minister (a deputy's office is not read); "Crown Prince-Prime Minister" -> both."""
    found = [p.strip() for p in re.split(r"\s+and\s+(?=[A-Z])|-(?=Prime)|/", title)]
    return [p for p in found if not p.lower().startswith("deputy")] or [title]


def named(kb: KnowledgeBase, actor_id: str, row: Row) -> bool:
    """Is the holder the person the record names? The name in full or by surname, spelt as the
    knowledge base spells it or nearly ("Xi Jingping", "Petro Porochenko": the record's
    misspellings), or the person the name resolves to with its title, state and day."""
    actor = kb.actors[actor_id]
    forms = [name_key(f) for f in (actor.name, *actor.aliases)]
    key = name_key(row.name)
    words = {w for f in forms for w in f.split()}
    if key in forms or (key.split() and key.split()[-1] in words):
        return True
    if any(difflib.SequenceMatcher(None, key, f).ratio() >= 0.8 for f in forms):
        return True
    found = kb.resolve_titled(row.name, title=row.title, country=row.country, on=row.day)
    return found is not None and found.id == actor_id


def elsewhere(kb: KnowledgeBase, row: Row) -> bool:
    """Does the name stand for someone who that day held an office of another state only
    (Macron met in Rome, an Italian summit's remarks with no demonym)?"""
    found = kb.resolve(row.name, row.day, suggest=False).actor
    if found is None or found.kind is not Kind.person:
        return False
    countries = {r.country for r in kb.roles_on(found.id, row.day)}
    return bool(countries) and row.country not in countries


def check(rows: list[Row], kb: KnowledgeBase | None = None) -> list[Outcome]:
    kb = kb or default()
    outcomes = []
    for row in rows:
        holder = None
        right = False
        for title in parts(row.title):
            office = OFFICES.get(name_key(title), "")
            found = kb.holder(row.country, office, row.day, title=title)
            holder = holder or found
            if found is not None and named(kb, found.id, row):
                holder, right = found, True
                break
        state = kb.state(row.country)
        national = state is not None and state.kind is Kind.state and not elsewhere(kb, row)
        outcomes.append(Outcome(row, holder.name if holder else None, right, national))
    return outcomes


def share(outcomes: list[Outcome]) -> float:
    national = [o for o in outcomes if o.national]
    return sum(o.right for o in national) / len(national) if national else 1.0


def rows_from_record(folder: Path, since: str = "0000") -> list[Row]:
    """Every titled host of every trip in the travel records since `since`."""
    from lxml import etree

    from contacts.imports import remarks
    from contacts.imports.state_department import _Reader
    kb, found = default(), []
    reader = _Reader(kb)
    for path in sorted(folder.glob("*-travels/*.xml")):
        for _, trip in etree.iterparse(str(path), events=("end",), tag="trip"):
            day = trip.findtext("start-date") or ""
            if day >= since and trip.find("country") is not None:
                country = reader.country(trip.find("country").get("id"), trip.findtext("country") or "").country
                for host in remarks.hosts(trip.findtext("remarks") or "", kb):
                    if host.country or country:
                        found.append(Row(date.fromisoformat(day), host.country or country, host.title, host.name,
                                         f"{trip.get('role')}/{trip.findtext('id')}"))
            trip.clear()
    return found


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv and not argv[0].startswith("--") else \
        Path(__file__).resolve().parents[3] / "shared" / "data" / "state-department-travels"
    since = argv[argv.index("--since") + 1] if "--since" in argv else "0000"
    outcomes = check(rows_from_record(folder, since))
    by_period: dict[str, Counter] = {}
    for o in outcomes:
        if o.national:
            period = f"{o.row.day.year // 10 * 10}s"
            by_period.setdefault(period, Counter())[o.right] += 1
    for period, n in sorted(by_period.items()):
        print(f"{period}: {n[True] / (n[True] + n[False]):6.1%} of {n[True] + n[False]:4} titled hosts named right")
    print(f"all: {share(outcomes):.1%} of {sum(o.national for o in outcomes)} (national offices)")
    for o in outcomes:
        if o.national and not o.right:
            print(f"miss\t{o.row.day}\t{o.row.country}\t{o.row.title}\t{o.row.name}\t{o.holder}\t{o.row.source}")


if __name__ == "__main__":
    main(sys.argv[1:])
