"""Stage 2, actor mentions: names, aliases, surnames, titles by date, capitals and
metonyms, demonyms, new officials by pattern (tests/data/stages/actors.toml)."""

import tomllib
from datetime import date
from pathlib import Path

import pytest

from contacts.extract.actors import ArticleActors, find_mentions
from contacts.extract.tokens import tokenize
from contacts.kb import default

CASES = tomllib.loads((Path(__file__).parent / "data" / "stages" / "actors.toml").read_text("utf-8"))["case"]


def _rows(width: int) -> list:
    """The cases; a row with a reason after its columns is a known gap, expected to fail."""
    return [pytest.param(*row[:width], marks=pytest.mark.xfail(reason=row[width], strict=True), id=row[0][:40])
            if len(row) > width else pytest.param(*row, id=row[0][:40]) for row in CASES]


@pytest.mark.parametrize("text, names", _rows(2))
def test_actor_mentions(text, names):
    found = find_mentions(tokenize(text), ArticleActors(default(), date(2023, 4, 26)))
    assert [a.name for m in found for a in m.actors] == names
