"""Stage 1, sentences: Bling Fire's segmenter per paragraph, with offsets (tests/data/stages/segmentation.toml)."""

import tomllib
from pathlib import Path

import pytest

from contacts.extract.sentences import split

CASES = tomllib.loads((Path(__file__).parent / "data" / "stages" / "segmentation.toml").read_text("utf-8"))["case"]


def _rows(width: int) -> list:
    """The cases; a row with a reason after its columns is a known gap, expected to fail."""
    return [pytest.param(*row[:width], marks=pytest.mark.xfail(reason=row[width], strict=True), id=row[0][:40])
            if len(row) > width else pytest.param(*row, id=row[0][:40]) for row in CASES]


@pytest.mark.parametrize("text, expected", _rows(2))
def test_sentences_and_their_offsets(text, expected):
    found = split(text)
    assert [s.text for s in found] == expected
    assert all(text[s.start:s.end] == s.text for s in found)
    assert [s.index for s in found] == list(range(len(found)))
