"""Stage 1, sentences: Bling Fire's segmenter per paragraph, with offsets (tests/data/stages/segmentation.toml)."""

import pytest

from contacts.extract.sentences import split

from conftest import stage_cases


@pytest.mark.parametrize("text, expected", stage_cases("segmentation", 2))
def test_sentences_and_their_offsets(text, expected):
    found = split(text)
    assert [s.text for s in found] == expected
    assert all(text[s.start:s.end] == s.text for s in found)
    assert [s.index for s in found] == list(range(len(found)))
