"""Stage 3, triggers: verbs and nominalisations of every mode (tests/data/stages/triggers.toml)."""

import pytest

from contacts.extract.triggers import _rule, _rules, find_triggers

from conftest import stage_cases, stage_rows


@pytest.mark.parametrize("text, modes", stage_cases("triggers", 2))
def test_trigger_modes(text, modes):
    assert [t.mode for t in find_triggers(text)] == modes


def test_every_mode_has_a_case():
    modes = {m for row in stage_rows("triggers") for m in row[1]}
    assert modes == {"call", "meeting", "talks", "visit", "summons", "message", "envoy"}


@pytest.mark.parametrize("text, rule", [
    ("Kishida telephoned Albanese.", "call.phoned"),
    ("Kerry spent about an hour with Fabius.", "meeting.spent-time-with"),
    ("Wang is expected in Tonga on Wednesday.", "visit.expected-in"),
    ("The ambassador was hauled in for a dressing-down.", "summons.was-called-in"),
])
def test_a_match_carries_its_rule_id(text, rule):
    assert [t.rule for t in find_triggers(text)] == [rule]


def test_rule_ids_are_unique_and_name_their_mode():
    ids = [r.id for r in _rules()]
    assert len(ids) == len(set(ids))
    assert all(r.id.startswith(f"{r.mode}.") for r in _rules())


@pytest.mark.parametrize("entry", [
    {"id": "call.x", "mode": "call", "pattern": "rang", "revers": True},        # a misspelt key
    {"id": "chat.x", "mode": "chat", "pattern": "chatted"},                      # no such mode
    {"id": "visit.x", "mode": "call", "pattern": "rang"},                        # the id names another mode
    {"mode": "call", "pattern": "rang"},                                         # no id
])
def test_a_bad_rule_is_refused(entry):
    with pytest.raises(ValueError):
        _rule(entry)


@pytest.mark.parametrize("text, rules", [
    # a courtesy alone is a contact; inside an encounter of another mode it is part of it
    ("Erdogan congratulated Putin on his re-election.", ["message.congratulated"]),
    ("Erdogan congratulated Putin in a phone call.", ["call.a-call"]),
    ("Zelensky greeted Jokowi at the Maryinsky Palace.", ["visit.greeted"]),
    ("Johnson greeted Macron before their meeting.", ["meeting.met"]),
    # a letter is no courtesy: it stays beside the visit
    ("Pompeo visited Ankara and handed Erdogan a letter from Trump.", ["visit.visit", "message.letter-from"]),
])
def test_courtesies_yield_to_the_encounter(text, rules):
    assert [t.rule for t in find_triggers(text)] == rules
