"""Stage 4, modality: negation, wishes, conditions, speculation, plans and tallies
(tests/data/stages/modality.toml)."""

import pytest

from contacts.extract.modality import classify
from contacts.extract.triggers import find_triggers

from conftest import stage_cases


@pytest.mark.parametrize("text, word, status", stage_cases("modality", 3))
def test_status_of_the_trigger(text, word, status):
    at = text.index(word)
    trigger = next(t for t in find_triggers(text) if t.start <= at < t.end)
    assert classify(text, trigger.start, trigger.end) == status
