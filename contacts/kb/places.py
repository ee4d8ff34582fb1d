"""The places the extractor knows, and the state each is in.

Three sources, built once per knowledge base (cached by its digest):
- data/places_geonames.tsv: GeoNames' cities of 15,000 people or more with
  their country, population, capital flag and other names, and the US states
  (GeoNames, CC BY 4.0, derived by data/places_geonames.py);
- data/places_seats.toml: seats of government, palaces, summit venues and
  regions that GeoNames' cities lack;
- the knowledge base's states: their names (for "Samarkand, Uzbekistan") and
  the capitals and seats states.toml lists.

A name can be several places ("Santiago", "Victoria"): its readings come in
order of preference (a seat or venue; then capitals, counted as ten times their
population; then the larger city), and the sentence may choose another.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import NamedTuple

from contacts.kb.base import KnowledgeBase
from contacts.kb.model import Kind
from contacts.kb.names import strip_accents

_WORD = re.compile(r"\w+")

STRONG_POPULATION = 100_000     # a city that is also a word or a name needs this many people to count
_CAPITAL_WEIGHT = 10            # a capital outranks a city up to ten times its size ("Victoria": Canada's)
_RANK = {"seat": 0, "venue": 0, "landmark": 0, "capital": 1, "city": 1, "region": 2}


class Place(NamedTuple):
    name: str
    country: str        # ISO 3166 alpha-3
    kind: str           # capital | city | seat | venue | landmark | region
    population: int
    weak: bool          # a person's name or a rare spelling: needs "in"/"at" or ", <country>"
    word: bool = False  # also a common word ("March", "Union", "Gap"): a place only as "Gap, France"


class Gazetteer(NamedTuple):
    places: dict[str, tuple[Place, ...]]     # name key -> readings, preferred first
    longest: dict[str, int]                  # first word of a key -> most words a key it begins has
    countries: dict[str, frozenset[str]]     # a state's or region's name key -> its codes ("georgia": GEO, USA)
    organisation_hosts: dict[str, str]       # organisation code -> the state it sits in (EU -> BEL)


_CACHE: dict[str, Gazetteer] = {}


def gazetteer(kb: KnowledgeBase) -> Gazetteer:
    digest = kb.digest()
    if digest not in _CACHE:
        _CACHE[digest] = _build(kb)
    return _CACHE[digest]


def _data(name: str) -> str:
    return resources.files("contacts.kb.data").joinpath(name).read_text("utf-8")


def place_key(name: str, article: bool = False) -> str:
    """A place name's words as the sentence's token keys give them ("Quai d'Orsay": "quai d orsay",
    "St. Petersburg": "st petersburg"), the plain ASCII names most cities have without a regex. A
    leading "the" goes ("the Kremlin") unless it is part of the name (`article`: GeoNames' "The
    Hague", "The Gap" is not "Gap")."""
    if name.isascii() and name.replace(" ", "").isalpha():
        key = name.lower()
    else:
        key = " ".join(_WORD.findall(strip_accents(name).lower().replace(".", "")))
    return key[4:] if key.startswith("the ") and not article else key



def _geonames() -> list[tuple[str, Place]]:
    """(key, place) for each city's name and other names, and each US state."""
    out = []
    for line in _data("places_geonames.tsv").splitlines():
        if not line or line[0] == "#":
            continue
        name, code, population, flags, others = line.split("\t")
        kind = "region" if "R" in flags else "capital" if "C" in flags else "city"
        people = int(population)
        word = "W" in flags and kind != "capital" and people < STRONG_POPULATION
        place = Place(name, code, kind, people, word, word)
        out.append((place_key(name, article=True), place))
        if others:
            rare = place._replace(weak=True)
            out += [(place_key(other, article=True), rare) for other in others.split("|")]
    return out


def _seats() -> tuple[list[tuple[str, Place]], dict[str, str], set[str]]:
    data = tomllib.loads(_data("places_seats.toml"))
    out = []
    for entry in data["place"]:
        codes = entry.get("countries") or [entry["country"]]
        for name in entry["names"]:
            out += [(place_key(name), Place(entry["names"][0], code, entry["kind"], 0, entry.get("weak", False)))
                    for code in codes]
    return out, dict(data.get("organisation_hosts", {})), {place_key(n) for n in data["not_places"]["names"]}


def _kb_places(kb: KnowledgeBase) -> tuple[list[tuple[str, Place]], dict[str, set[str]]]:
    """The capitals and seats states.toml lists, and every state's names by key."""
    states = tomllib.loads(_data("states.toml"))
    capitals = [(place_key(name), Place(name, code, "capital", 0, False))
                for code, entry in states.items() for name in entry.get("capitals", [])]
    names: dict[str, set[str]] = {}
    for key, ids in kb.names.items():
        for actor in (kb.actors[i] for i in ids):
            if actor.kind is Kind.state:
                names.setdefault(place_key(key), set()).add(actor.country)
    return capitals, names


def _preference(place: Place) -> tuple:
    weight = place.population * (_CAPITAL_WEIGHT if place.kind == "capital" else 1)
    return (place.weak, _RANK[place.kind], -weight)


def _build(kb: KnowledgeBase) -> Gazetteer:
    seats, hosts, never = _seats()
    capitals, state_names = _kb_places(kb)
    people = set(kb.surnames) | {k for k, ids in kb.names.items() if any(
        kb.actors[i].kind is Kind.person for i in ids)}
    not_places = set(kb.titles) | set(kb.demonyms) | never
    readings: dict[str, dict[str, Place]] = {}
    regions: dict[str, set[str]] = {}
    skip = not_places | {k for k in state_names}        # "Jordan", "Mexico": the state, not a town of that name
    for key, place in seats + capitals + _geonames():   # cities come largest first
        if place.kind == "region":
            regions.setdefault(key, set()).add(place.country)     # "Atlanta, Georgia": the US state too
        if key in skip and (place.kind != "capital" or key in not_places) or not key:
            continue
        if key in people and place.kind not in ("seat", "venue", "capital"):
            place = place._replace(weak=True)          # "Jackson", "Victoria": a place only after "in"
        best = readings.get(key)
        if best is None:
            readings[key] = {place.country: place}
            continue
        kept = best.get(place.country)
        if kept is None or (kept.weak and not place.weak and kept.kind not in ("seat", "venue")):
            best[place.country] = place     # the first reading stays (a seat, a capital, the largest city)
    places = {key: tuple(by_country.values()) if len(by_country) == 1 else
              tuple(sorted(by_country.values(), key=_preference)) for key, by_country in readings.items()}
    longest: dict[str, int] = {}
    for key in places:
        words = key.split(" ")
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    countries = {key: frozenset(codes | regions.get(key, set())) for key, codes in state_names.items()}
    countries.update((key, frozenset(codes)) for key, codes in regions.items() if key not in state_names)
    return Gazetteer(places, longest, countries, hosts)
