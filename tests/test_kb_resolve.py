"""The knowledge base's look-ups, table-driven from tests/data/kb_cases.toml:
titles by date, aliases and diacritics, metonyms, demonyms, ambiguity, suggestions."""

import tomllib
from datetime import date
from pathlib import Path

import pytest

from contacts.errors import AmbiguousActorError, UnknownActorError
from contacts.kb import default, name_key

CASES = tomllib.loads((Path(__file__).parent / "data" / "kb_cases.toml").read_text("utf-8"))


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@pytest.mark.parametrize("text, on, expected", CASES["title"], ids=lambda v: str(v))
def test_title_resolves_to_the_holder_on_the_date(text, on, expected):
    found = default().resolve_title(text, _day(on))
    assert (found.name if found else "") == expected


def test_title_cases_cover_25_countries_and_4_organisations():
    kb = default()
    places = set()
    for text, on, expected in CASES["title"]:
        for country, _title in kb._country_and_title(name_key(text)):
            places.add(country)
            break
    organisations = {p for p in places if kb.state(p) and kb.state(p).kind.value == "org"}
    assert len(places - organisations) >= 25 and len(organisations) >= 4, sorted(places)


@pytest.mark.parametrize("text, expected", CASES["alias"] + CASES["metonym"], ids=lambda v: str(v))
def test_every_spelling_resolves_to_one_actor(text, expected):
    assert default().resolve(text).one().name == expected


@pytest.mark.parametrize("text, code", CASES["demonym"])
def test_demonym_names_its_state(text, code):
    kb = default()
    assert kb.demonyms[name_key(text)] == code
    assert kb.resolve(text).one().country == code


@pytest.mark.parametrize("text, on, names", CASES["ambiguous"], ids=lambda v: str(v))
def test_ambiguous_name_gives_its_candidates(text, on, names):
    found = default().resolve(text, _day(on))
    assert found.actor is None
    assert sorted(a.name for a in found.candidates) == sorted(names)
    with pytest.raises(AmbiguousActorError) as error:
        found.one()
    assert error.value.hint == "use the full name"


@pytest.mark.parametrize("text, on, expected", CASES["by_date"], ids=lambda v: str(v))
def test_a_shared_surname_is_decided_by_who_held_office(text, on, expected):
    assert default().resolve(text, _day(on)).one().name == expected


@pytest.mark.parametrize("text, suggestion", CASES["unknown"])
def test_unknown_name_suggests_the_closest(text, suggestion):
    found = default().resolve(text)
    assert suggestion in found.suggestions
    with pytest.raises(UnknownActorError, match="did you mean"):
        found.one()


def test_a_nominal_headship_does_not_make_the_king_canadian():
    kb = default()
    charles = kb.resolve("King Charles").one()
    assert kb.holder("CAN", "hos", date(2023, 4, 26)) == charles
    assert kb.country_of(charles, date(2023, 4, 26)) == "GBR"


def test_a_presidential_state_answers_head_of_government_with_its_president():
    kb = default()
    assert kb.holder("USA", "hog", date(2023, 4, 26)).name == "Joe Biden"
    assert kb.holder("FRA", "hog", date(2023, 4, 26)).name == "Élisabeth Borne"    # not presidential


def test_regional_office_holders_need_an_introduction_but_the_well_known_do_not():
    kb = default()
    assert kb.resolve("Putin").one().id in kb.well_known
    assert kb.resolve("Philip Davis").one().id not in kb.well_known


@pytest.mark.parametrize("name, title, country, on, expected", CASES["titled"], ids=lambda v: str(v))
def test_a_name_resolves_with_its_title_state_and_date(name, title, country, on, expected):
    found = default().resolve_titled(name, title=title or None, country=country or None, on=_day(on))
    assert (found.name if found else "") == expected


@pytest.mark.parametrize("text, expected", CASES["spelling"])
def test_the_spellings_texts_use_are_gazetteer_keys(text, expected):
    kb = default()
    ids = kb.names.get(name_key(text), set())
    assert [kb.actors[i].name for i in ids] == [expected]
