"""Stage 3, triggers: verbs and nominalisations of every mode (tests/data/stages/triggers.toml)."""

import pytest

from contacts.extract.triggers import find_triggers

from conftest import stage_cases, stage_rows


@pytest.mark.parametrize("text, modes", stage_cases("triggers", 2))
def test_trigger_modes(text, modes):
    assert [t.mode for t in find_triggers(text)] == modes


def test_every_mode_has_a_case():
    modes = {m for row in stage_rows("triggers") for m in row[1]}
    assert modes == {"call", "meeting", "talks", "visit", "summons", "message", "envoy"}
