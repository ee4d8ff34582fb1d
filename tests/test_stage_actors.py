"""Stage 2, actor mentions: names, aliases, surnames, titles by date, capitals and
metonyms, demonyms, new officials by pattern (tests/data/stages/actors.toml)."""

from datetime import date

import pytest

from contacts.extract.actors import ArticleActors, find_mentions
from contacts.extract.tokens import tokenize
from contacts.kb import default

from conftest import stage_cases


@pytest.mark.parametrize("text, names", stage_cases("actors", 2))
def test_actor_mentions(text, names):
    found = find_mentions(tokenize(text), ArticleActors(default(), date(2023, 4, 26)))
    assert [a.name for m in found for a in m.actors] == names
