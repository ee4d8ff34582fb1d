"""Named sets of states with membership dates (issue 26, construct 2), and $parameters holding a list."""

from datetime import date

import pytest

import contacts
from contacts.errors import QueryError
from contacts.query import sets

NOW = date(2024, 1, 1)
# Finland joined NATO on 2023-04-04: the 2022 call was not between two members, the 2023 one was.
CALLS = {"2022.txt": ("2022-05-03", "held a phone call with"), "2023.txt": ("2023-05-02", "spoke by phone with")}


@pytest.fixture(scope="module")
def finland(tmp_path_factory):
    folder = tmp_path_factory.mktemp("finland")
    for name, (published, verb) in CALLS.items():
        (folder / name).write_text(f"---\ntitle: Calls\npublished: {published}\n---\n"
                                   f"Finnish President Sauli Niinisto {verb} US President Joe Biden on Monday.\n")
    store = contacts.open()
    store.ingest([folder])
    yield store
    store.close()


ANSWERS = [
    ("count calls Finland <-> *", 2),
    ("count calls NATO-members <-> NATO-members", 1),              # only once Finland was a member
    ("count calls nato-members <-> USA in 2022", 0),
    ("count calls with NATO-members", 2),                           # the USA was a member throughout
    ("count calls EU-members -> *", 2),
    ("count calls EU-members | BRICS-members <-> G7-members", 2),
    ("count calls ASEAN-members <-> *", 0),
]


@pytest.mark.parametrize("query, expected", ANSWERS, ids=[q for q, _ in ANSWERS])
def test_a_set_counts_its_members_while_they_belonged(finland, query, expected):
    assert finland.query(query, now=NOW).scalar == expected


def test_a_list_parameter_stands_for_each_name(finland):
    assert finland.query("count calls $states <-> *", now=NOW, states=["Finland", "Sweden"]).scalar == 2
    assert finland.query("count calls $states <-> USA", now=NOW, states=("NATO-members",)).scalar == 1
    with pytest.raises(QueryError) as caught:
        finland.query("count calls $states <-> *", now=NOW, states=[])
    assert caught.value.code == "E407"


def test_an_unknown_set_is_an_error_listing_the_sets(finland):
    with pytest.raises(QueryError) as caught:
        finland.query("count calls Mercosur-members <-> *", now=NOW)
    assert caught.value.code == "E411" and caught.value.column == 13 and "NATO-members" in caught.value.hint


def test_the_shipped_sets_and_their_dates():
    assert len(sets.find("EU-members").members) == 28 and len(sets.find("NATO-members").members) == 32
    assert len(sets.find("AU-members").members) == 55
    left = {code: last for code, _, last in sets.find("EU-members").members}
    assert left["GBR"] == date(2020, 1, 31) and left["FRA"] is None
    joined = {code: first for code, first, _ in sets.find("NATO-members").members}
    assert joined["FIN"] == date(2023, 4, 4) and joined["SWE"] == date(2024, 3, 7)


def test_a_users_file_adds_sets(finland, tmp_path, monkeypatch):
    (tmp_path / "mine.toml").write_text('[NORDIC]\ntitle = "Nordic states"\n'
                                        'members = [["FIN", "1952-01-01"], ["SWE", "1952-01-01"]]\n')
    monkeypatch.setenv("CONTACTS_SETS", str(tmp_path / "mine.toml"))
    sets._sets.cache_clear()
    try:
        assert finland.query("count calls Nordic-members <-> USA", now=NOW).scalar == 2
        assert sets.find("NATO-members") is not None                     # the shipped sets stay
    finally:
        monkeypatch.delenv("CONTACTS_SETS")
        sets._sets.cache_clear()
