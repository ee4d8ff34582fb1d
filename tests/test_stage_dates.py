"""Stage 5, dates: explicit and relative expressions against the publication date, at the
precision the words support (tests/data/stages/dates.toml)."""

from datetime import date

import pytest

from contacts.extract import extract
from contacts.models import Article

from conftest import stage_cases


@pytest.mark.parametrize("text, published, planned, expected", stage_cases("dates", 4))
def test_the_contact_date(text, published, planned, expected):
    found = extract(Article(text=text, name="t", published=date.fromisoformat(published))).mentions
    assert len(found) == 1
    assert (found[0].status == "planned") == planned
    assert (found[0].date.iso() or "") == expected
