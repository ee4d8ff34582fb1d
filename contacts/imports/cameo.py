"""CAMEO-coded event data: GDELT 2.0 event exports and ICEWS event files.

Only the consult codes (root 04) are contacts; docs/imports.md has the table:

    041 Discuss by telephone        call      (undirected: the caller is not coded)
    042 Make a visit                visit     Actor1/Source visits Actor2/Target
    043 Host a visit                visit     Actor2/Target visits Actor1/Source (the same visit as 042)
    044 Meet at a 'third' location  meeting
    046 Engage in negotiation       talks
    040 Consult, not specified      dropped: no mode can be told
    045 Engage in mediation         dropped: the mediator's contacts are with each side, not the pair coded
    036 Express intent to meet or negotiate   dropped: an intention, with no date or mode (not a planned contact)

CAMEO codes one visit twice, once from each side (042 by the visitor, 043 by the host): both
are the same visit (visitor -> host, that day). The second of the pair from one report (GDELT:
the same SOURCEURL; ICEWS: the same story and sentence) is dropped, so the visit is one
contact with one source; reports of it in other articles are its other sources.

An actor is a person the knowledge base knows by the coded name ("VLADIMIR PUTIN"), else
the state of its country code when the actor is that state or its government; other actors
(a tourist, "POLICE", a company) are not diplomatic and the event is dropped.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import dataclass
from datetime import date

from contacts.kb import KnowledgeBase
from contacts.kb.model import Actor, Kind

# CAMEO code -> (mode, directed, visitor is Actor2)
CONSULT = {"041": ("call", False, False), "042": ("visit", True, False), "043": ("visit", True, True),
           "044": ("meeting", False, False), "046": ("talks", False, False)}
DROPPED = {"040": "consult, not specified: no mode", "045": "mediation: not a contact of the pair coded",
           "036": "intent to meet or negotiate: an intention, not a contact"}
# CAMEO's own country codes where they differ from ISO 3166 alpha-3.
CAMEO_COUNTRIES = {"JAP": "JPN", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "GER": "DEU", "UK": "GBR",
                   "BAG": "IRQ", "SRP": "SRB", "WSB": "PSE", "GZS": "PSE", "PAL": "PSE", "KOS": "XKX"}


def code_of(raw: str) -> str:
    """A CAMEO event code as the codebook writes it: ICEWS files drop the leading zero ("42")."""
    raw = raw.strip()
    return raw.zfill(3) if raw.isdigit() and len(raw) < 3 else raw


@dataclass
class Coded:
    """One CAMEO-coded event's parts, as an importer read them."""

    code: str
    day: date
    actor1: Actor | None
    actor2: Actor | None


class Actors:
    """Coded actors -> the store's actors, remembered (event files repeat the same few)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.memo: dict[tuple, Actor | None] = {}
        self.mirrors = Mirrors()          # one import's visits, by report

    def find(self, name: str, country: str, state_level: bool, on: date) -> Actor | None:
        key = (name, country, state_level, on.year)
        if key not in self.memo:
            if len(self.memo) > 200_000:          # a bound on memory for files of many years and names
                self.memo.clear()
            self.memo[key] = self._find(name, country, state_level, on)
        return self.memo[key]

    def _find(self, name: str, country: str, state_level: bool, on: date) -> Actor | None:
        country = CAMEO_COUNTRIES.get(country, country)
        if name:
            found = self.kb.resolve(name.title(), on, suggest=False).actor
            if found is not None and found.kind is Kind.person and (not country or self.kb.country_of(found, on)
                                                                      in (country, None)):
                return found
            if found is not None and (found.kind is Kind.org or found.country == country):
                return found            # an organisation, or the state itself ("RUSSIA", "Russia")
        return self.kb.state(country) if state_level and country else None


MIRRORED = "the other side of a visit one report already gave (042 and 043)"


class Mirrors:
    """The visits already read, by report: CAMEO codes "X visited Y" in one sentence as 042 (X, Y)
    and 043 (Y, X); the second of the pair (same visitor, host, day and report) is dropped.
    Only the last KEEP visits are remembered (a report's events come together in the files), so
    memory stays flat however long the file."""

    KEEP = 100_000

    def __init__(self) -> None:
        self.seen: OrderedDict[tuple, None] = OrderedDict()

    def repeats(self, found: tuple, day: date, report: str, drops: Counter) -> bool:
        who, whom, mode, _ = found
        if mode != "visit" or not report:
            return False
        key = (who.id, whom.id, day, report)
        if key in self.seen:
            drops[MIRRORED] += 1
            return True
        self.seen[key] = None
        if len(self.seen) > self.KEEP:
            self.seen.popitem(last=False)
        return False


def consult(code: str, actor1: Actor | None, actor2: Actor | None, drops: Counter) -> tuple | None:
    """(who, whom, mode, directed) of a consult event; None, counted in `drops`, for any other."""
    if code not in CONSULT:
        drops[DROPPED.get(code, "not a consult code (04x)")] += 1
        return None
    if actor1 is None or actor2 is None or actor1.id == actor2.id:
        drops["an actor that is not a state, its government or a known person"] += 1
        return None
    mode, directed, reversed_ = CONSULT[code]
    who, whom = (actor2, actor1) if reversed_ else (actor1, actor2)
    return who, whom, mode, directed
