"""Stage 3, triggers: verbs and nominalisations of every mode (tests/data/stages/triggers.toml)."""

import tomllib
from pathlib import Path

import pytest

from contacts.extract.triggers import find_triggers

CASES = tomllib.loads((Path(__file__).parent / "data" / "stages" / "triggers.toml").read_text("utf-8"))["case"]


def _rows(width: int) -> list:
    """The cases; a row with a reason after its columns is a known gap, expected to fail."""
    return [pytest.param(*row[:width], marks=pytest.mark.xfail(reason=row[width], strict=True), id=row[0][:40])
            if len(row) > width else pytest.param(*row, id=row[0][:40]) for row in CASES]


@pytest.mark.parametrize("text, modes", _rows(2))
def test_trigger_modes(text, modes):
    assert [t.mode for t in find_triggers(text)] == modes


def test_every_mode_has_a_case():
    assert {m for row in CASES for m in row[1]} == {"call", "meeting", "talks", "visit", "summons", "message",
                                                         "envoy"}
