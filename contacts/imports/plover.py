"""PLOVER events (the PLOVER manual's JSON fields, one event per line: JSON Lines, as the
manual suggests, or one JSON array), POLECAT among them. Only CONSULT events are contacts,
by their mode (docs/imports.md):

    visit         visit     actor visits, recipient hosts
    third-party   meeting   hosted by a third party
    multilateral  meeting   in a multilateral setting (each actor with each recipient)
    phone         call
    (no mode)     talks     consultations of no stated form ("holding talks")

With no recipient, CAMEO's reciprocal pair (the manual: "all of the entities are considered
as the actor") is each pair of actors, undirected. An entity is the person the knowledge base
knows by its text (entity_text, identifier_text), else the state of its code. A record this
tool exported keeps its own mode in `contacts_mode`, so a round trip gives the same contacts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from itertools import combinations
from pathlib import Path

from contacts.errors import InputError
from contacts.imports import cameo
from contacts.imports.records import Record, RecordContact, files
from contacts.kb import KnowledgeBase
from contacts.kb.model import Actor, Kind

DATASET = "plover"
MODES = {"visit": ("visit", True), "third-party": ("meeting", False), "multilateral": ("meeting", False),
         "phone": ("call", False), "": ("talks", False)}
PRECISIONS = ("day", "month", "year", "unknown")


def read(paths: list[Path], kb: KnowledgeBase, drops: Counter, dataset: str = DATASET) -> Iterator[Record | InputError]:
    actors = cameo.Actors(kb)
    for path_ in files(paths):
        yield from _file(path_, kb, actors, drops, dataset)


def _events(path: Path) -> Iterator[tuple[int, object]]:
    """(line, event or the JSON error) of a JSON Lines file, or of a JSON array."""
    with path.open("r", encoding="utf-8") as handle:
        first = handle.read(1)
        while first.isspace():
            first = handle.read(1)
        handle.seek(0)
        if first == "[":
            try:
                yield from ((1, e) for e in json.load(handle))
            except json.JSONDecodeError as exc:
                yield exc.lineno, exc
            return
        for n, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield n, json.loads(line)
                except json.JSONDecodeError as exc:
                    yield n, exc


def _file(path: Path, kb: KnowledgeBase, actors: cameo.Actors, drops: Counter, dataset: str):
    try:
        for n, event in _events(path):
            if isinstance(event, json.JSONDecodeError):
                yield InputError(str(path), f"not JSON: {event.msg} (column {event.colno})", line=n)
            elif not isinstance(event, dict):
                yield InputError(str(path), "an event is a JSON object", line=n)
            else:
                yield from _event(path, n, event, kb, actors, drops, dataset)
    except (OSError, UnicodeDecodeError) as exc:
        yield InputError(str(path), f"cannot read: {exc}")


def _listed(value) -> list:
    return value if isinstance(value, list) else [] if value in (None, "") else [value]


def _event(path: Path, n: int, e: dict, kb: KnowledgeBase, actors: cameo.Actors, drops: Counter, dataset: str):
    undated = e.get("contacts_precision") == "unknown" and not e.get("date")     # this tool's undated contacts
    if not e.get("id") or not (e.get("date") or undated):
        yield InputError(str(path), f"event {e.get('id', '?')}: no {'id' if not e.get('id') else 'date'} "
                                    "(PLOVER requires both)", line=n)
        return
    try:
        start = None if undated else date.fromisoformat(str(e["date"]))
        end = None if undated else date.fromisoformat(str(e.get("enddate") or e["date"]))
    except ValueError:
        yield InputError(str(path), f"event {e['id']}: date {e['date']!r} is not YYYY-MM-DD", line=n)
        return
    own = e.get("contacts_mode") in ("call", "meeting", "visit", "message", "envoy", "summons", "talks")
    if not own and "CONSULT" not in [str(x).upper() for x in _listed(e.get("event"))]:
        drops["not a CONSULT event"] += 1
        return
    modes = [str(m).lower() for m in _listed(e.get("mode"))] or [""]
    mode, directed = (e["contacts_mode"], bool(e.get("contacts_directed", True))) if own \
        else MODES.get(modes[0], (None, False))
    if mode is None:
        drops[f"CONSULT of an unknown mode {modes[0]!r}"] += 1
        return
    sides = [[_entity(x, actors, start) for x in _listed(e.get(key))] for key in ("actor", "recipient")]
    if any(x is None for side in sides for x in side) or not sides[0]:
        drops["an entity that is not a state, its government or a known person"] += 1
        return
    pairs = [(a, b) for a in sides[0] for b in sides[1]] if sides[1] else list(combinations(sides[0], 2))
    if not sides[1]:
        directed = False                 # reciprocal: no side is the visitor
    text = str(e.get("text") or e.get("event_text") or f"{e['id']}: CONSULT {' '.join(modes)}").strip()
    precision = e.get("contacts_precision") if e.get("contacts_precision") in PRECISIONS else "day"
    status = e.get("contacts_status") if e.get("contacts_status") in ("occurred", "planned") else "occurred"
    contacts = [RecordContact(a, b, mode, directed, start, end, precision, text, status)
                for a, b in pairs if a.id != b.id]
    yield Record(dataset, str(e["id"]), str(path), n, text, title=f"PLOVER event {e['id']}",
                 url=(e.get("cite_info") or {}).get("url") if isinstance(e.get("cite_info"), dict) else None,
                 published=start, contacts=contacts)


def _entity(x, actors: cameo.Actors, on: date) -> Actor | None:
    if not isinstance(x, dict):
        return None
    name = str(x.get("identifier_text") or x.get("entity_text") or x.get("actorText") or "")
    own = x.get("contacts_id")            # a record this tool exported names its own actor
    if isinstance(own, str) and own:
        known = actors.kb.actors.get(own)
        if known is not None:
            return known
        if x.get("contacts_kind") in ("person", "state", "org") and name:
            return Actor(own, name, Kind(x["contacts_kind"]), str(x.get("code") or "") or None)
    return actors.find(name, str(x.get("code") or ""), True, on)
