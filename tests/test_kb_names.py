"""Guards on the knowledge base's names: a surname alone must not be a word the press
capitalises for other reasons (months, weekdays, common words), or every "in May" is a person."""

import calendar

import pytest

from contacts.kb import default, name_key

COMMON = {"may", "march", "june", "august", "park", "will", "bill", "mark", "long", "young", "king", "rose",
          "hope", "chance", "church", "banks", "white", "black", "green", "brown", "president", "prime", "store",
          "said", "new", "north", "south", "east", "west", "china", "russia", "union", "state", "house"}
WORDS = {name_key(m) for m in calendar.month_name[1:]} | {name_key(d) for d in calendar.day_name} | COMMON


@pytest.mark.parametrize("word", sorted(WORDS))
def test_no_surname_is_a_common_word(word):
    assert word not in default().surnames, sorted(default().surnames[word])


def test_every_person_has_a_country_and_dated_roles_that_do_not_run_backwards():
    kb = default()
    for actor in kb.actors.values():
        if actor.kind.value == "person":
            assert actor.country, actor.name
        for role in kb.roles_of.get(actor.id, []):
            if role.start.start and role.end.end:
                assert role.start.start <= role.end.end, (actor.name, role)


def test_no_office_has_two_holders_at_once():
    kb = default()
    for (country, office), roles in kb.offices.items():
        if office not in ("hos", "hog", "fm"):
            continue
        spans = sorted((r.start.start, r.end.start or r.end.end, r.actor) for r in roles if r.start.start)
        for (s1, e1, a1), (s2, _e2, a2) in zip(spans, spans[1:]):
            assert e1 is not None and e1 <= s2, f"{country} {office}: {a1} until {e1} overlaps {a2} from {s2}"
