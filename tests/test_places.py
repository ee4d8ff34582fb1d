"""The places stage: the gazetteer (contacts/kb/places.py), place mentions and datelines
(contacts/extract/places.py), from tests/data/stages/places.toml; and the gazetteer against the
State Department's record of where the US President and Secretary of State went."""

import re
import tomllib
from pathlib import Path
from xml.etree import ElementTree

import pytest

from contacts.extract.places import article_dateline, find_places
from contacts.extract.tokens import tokenize
from contacts.kb import default
from contacts.kb.places import gazetteer, place_key

TABLE = tomllib.loads((Path(__file__).parent / "data" / "stages" / "places.toml").read_text("utf-8"))
TRAVELS = Path(__file__).resolve().parents[2] / "shared" / "data" / "state-department-travels"


@pytest.fixture(scope="module")
def kb():
    return default()


@pytest.mark.parametrize("case", TABLE["name"], ids=[c["text"] for c in TABLE["name"]])
def test_name(kb, case):
    readings = gazetteer(kb).places.get(place_key(case["text"]), ())
    assert (readings[0].country if readings else "") == case["country"]
    if "word" in case:
        assert readings[0].word == case["word"]


@pytest.mark.parametrize("case", TABLE["sentence"], ids=[c["text"][:50] for c in TABLE["sentence"]])
def test_sentence(kb, case):
    tokens = tokenize(case["text"])
    found = find_places(tokens, kb, frozenset(case.get("named", ())))
    shown = [f"{case['text'][tokens[p.first].start:tokens[p.last].end]} | {p.place.country} | {p.cue}" for p in found]
    assert shown == case["places"]


def test_article_dateline_after_a_subtitle(kb):
    text = "Talks on arms control went on for a second day\n\nSOCHI, Russia — Putin met Erdogan.\n"
    assert article_dateline(text, kb).country == "RUS"
    assert article_dateline("Putin met Erdogan in Sochi on Friday.\n", kb) is None


def test_the_shipped_table_names_its_source_and_licence():
    from importlib import resources
    head = resources.files("contacts.kb.data").joinpath("places_geonames.tsv").read_text("utf-8")[:300]
    assert "GeoNames" in head and "CC BY 4.0" in head


def _stops() -> list[tuple[str, str]]:
    """(country, locale) of every stop since 1990."""
    stops = []
    for path in sorted(TRAVELS.glob("*-travels/*.xml")):
        for trip in ElementTree.parse(path).getroot().iter("trip"):
            if (trip.findtext("start-date") or "") >= "1990":
                stops.append((trip.findtext("country") or "", trip.findtext("locale") or ""))
    return stops


@pytest.mark.skipif(not TRAVELS.is_dir(), reason="shared/data/state-department-travels is not here")
def test_state_department_locales_resolve_to_the_trip_country(kb):
    """Each place a trip stopped at ("Tokyo", "Biarritz", "Camp David") has a reading in the country
    of the trip: >= 90% of the stops since 1990 (the rest: air bases, villages, Ramstein)."""
    places = gazetteer(kb).places
    hits = total = 0
    for country, locale in _stops():
        if ", " in country:                       # "Korea, South"
            country = " ".join(reversed(country.split(", ", 1)))
        state = kb.resolve(country, suggest=False).actor
        if state is None:
            continue
        for part in filter(None, (p.strip() for p in re.split(r",\s*|\s+and\s+|;\s*", locale))):
            total += 1
            hits += any(p.country == state.country for p in places.get(place_key(part), ()))
    assert total > 2500 and hits / total >= 0.90, f"{hits}/{total}"
