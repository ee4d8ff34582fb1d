"""Stage 5, dates: explicit and relative expressions against the publication date, at the
precision the words support (tests/data/stages/dates.toml)."""

import tomllib
from datetime import date
from pathlib import Path

import pytest

from contacts.extract import extract
from contacts.models import Article

CASES = tomllib.loads((Path(__file__).parent / "data" / "stages" / "dates.toml").read_text("utf-8"))["case"]


def _rows(width: int) -> list:
    """The cases; a row with a reason after its columns is a known gap, expected to fail."""
    return [pytest.param(*row[:width], marks=pytest.mark.xfail(reason=row[width], strict=True), id=row[0][:40])
            if len(row) > width else pytest.param(*row, id=row[0][:40]) for row in CASES]


@pytest.mark.parametrize("text, published, planned, expected", _rows(4))
def test_the_contact_date(text, published, planned, expected):
    found = extract(Article(text=text, name="t", published=date.fromisoformat(published))).mentions
    assert len(found) == 1
    assert (found[0].status == "planned") == planned
    assert (found[0].date.iso() or "") == expected
