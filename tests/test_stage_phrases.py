"""Stage 3, phrases: actor mentions grouped into the parties of a clause (qualifying states and
appositions in the person's phrase, lists paired, definite descriptions resolved;
tests/data/stages/phrases.toml)."""

from datetime import date

import pytest

from contacts.extract.actors import ArticleActors, find_mentions
from contacts.extract.phrases import phrases
from contacts.extract.tokens import tokenize
from contacts.kb import default

from conftest import stage_cases


@pytest.mark.parametrize("text, expected", stage_cases("phrases", 2))
def test_phrases(text, expected):
    tokens = tokenize(text)
    ctx = ArticleActors(default(), date(2023, 4, 26))
    found = phrases(tokens, find_mentions(tokens, ctx), ctx)
    shown = [" ".join(t.text for t in tokens[m.first:m.last + 1]) + " => " + ", ".join(a.name for a in m.actors)
             for m in found]
    assert shown == expected
