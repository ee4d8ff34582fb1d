"""Stage 4, modality: negation, wishes, conditions, speculation, plans and tallies
(tests/data/stages/modality.toml)."""

import tomllib
from pathlib import Path

import pytest

from contacts.extract.modality import classify
from contacts.extract.triggers import find_triggers

CASES = tomllib.loads((Path(__file__).parent / "data" / "stages" / "modality.toml").read_text("utf-8"))["case"]


def _rows(width: int) -> list:
    """The cases; a row with a reason after its columns is a known gap, expected to fail."""
    return [pytest.param(*row[:width], marks=pytest.mark.xfail(reason=row[width], strict=True), id=row[0][:40])
            if len(row) > width else pytest.param(*row, id=row[0][:40]) for row in CASES]


@pytest.mark.parametrize("text, word, status", _rows(3))
def test_status_of_the_trigger(text, word, status):
    at = text.index(word)
    trigger = next(t for t in find_triggers(text) if t.start <= at < t.end)
    assert classify(text, trigger.start, trigger.end) == status
