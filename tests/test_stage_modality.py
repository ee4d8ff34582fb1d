"""Stage 4, modality: negation, wishes, conditions, speculation, plans and tallies
(tests/data/stages/modality.toml)."""

import pytest

from contacts.extract.modality import _cue, _cues, classify
from contacts.extract.triggers import find_triggers

from conftest import stage_cases


@pytest.mark.parametrize("text, word, status", stage_cases("modality", 3))
def test_status_of_the_trigger(text, word, status):
    at = text.index(word)
    trigger = next(t for t in find_triggers(text) if t.start <= at < t.end)
    assert classify(text, trigger.start, trigger.end, trigger.rule) == status


def test_cues_for_some_modes_only():
    """A public channel takes a congratulation out, not a meeting told of in a speech."""
    public = _cues()["public"]
    assert public.applies_to("message.congratulated") and public.applies_to("visit.greeted")
    assert not public.applies_to("visit.hosted") and not public.applies_to("meeting.met")
    text = "In a speech on Monday, Erdogan said he met Putin in Sochi."
    trigger = next(t for t in find_triggers(text) if t.mode == "meeting")
    assert classify(text, trigger.start, trigger.end, trigger.rule) == "occurred"


def test_a_cue_on_an_unknown_side_is_refused():
    with pytest.raises(ValueError):
        _cue("planned", {"befor": ["will"]})
