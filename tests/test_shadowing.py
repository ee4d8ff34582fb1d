"""Names that would take over (issue 28, item 13): an added person whose name or alias
already stands for another actor is refused, since every query naming it would change."""

import pytest

import contacts
from conftest import SEEDS


@pytest.fixture
def store():
    with contacts.open() as s:
        s.ingest([SEEDS])
        yield s


@pytest.mark.parametrize("entry, taken", [
    ({"name": "Li Hui", "country": "CHN", "aliases": ["Putin"]}, "'Putin' already names Vladimir Putin"),
    ({"name": "China", "country": "CHN"}, "'China' already names China"),
    ({"name": "Xi", "country": "CHN"}, "'Xi' already names Xi Jinping"),
    ({"name": "Wang Yi Jr", "country": "CHN", "aliases": ["Zelensky"]}, "already names Volodymyr Zelensky"),
])
def test_a_name_that_shadows_is_refused_and_answers_stay(store, entry, taken):
    before = store.query("count contacts Xi <-> *").scalar
    with pytest.raises(contacts.ActorError, match=taken):
        store.add_actor(entry)
    assert store.query("count contacts Xi <-> *").scalar == before
    assert store.sql("SELECT count(*) FROM user_actors")[1][0][0] == 0


def test_adding_to_a_known_person_or_a_new_name_is_fine(store):
    assert store.add_actor({"name": "Vladimir Putin", "country": "RUS", "aliases": ["VVP"]}).name == "Vladimir Putin"
    assert store.add_actor({"name": "Li Hui", "country": "CHN"}).name == "Li Hui"


def test_shadowing_on_purpose(store):
    assert store.add_actor({"name": "Li Hui", "country": "CHN", "aliases": ["Putin"]}, shadowing=True).name == "Li Hui"
