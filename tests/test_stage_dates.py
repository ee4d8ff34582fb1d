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


# The article's anchor: the dateline's day when it fits the stamp, else the stamp.
ANCHORS = [
    ("JAKARTA, July 3, 2022 – (ACN Newswire) – President Joko Widodo completed his visits.", "2022-07-04", "2022-07-03"),
    ("MOSCOW, Oct 22 (Reuters) - Bolton met Patrushev.", "2018-10-23", "2018-10-22"),
    ("New Delhi [India], April 23 (ANI): Jaishankar spoke with Lavrov.", "2020-04-24", "2020-04-23"),
    ("Kyiv, Ukraine, 5 March - Zelensky met Duda.", "2023-03-06", "2023-03-05"),
    ("By Staff Writer\nJanuary 15, 2020\n\nTrump met the ministers on Wednesday.", "2020-01-16", "2020-01-15"),
    ("NAYPYIDAW - Sputnik. Lavrov met Min Aung Hlaing.", "2022-08-03", "2022-08-03"),        # no date in it
    ("PARIS, March 3, 2019 - Macron met Merkel.", "2023-04-26", "2023-04-26"),             # too far from the stamp
    ("Macron met Merkel in Paris on May 5, 2019, the Elysee said.", "2023-04-26", "2023-04-26"),  # not a dateline
]


@pytest.mark.parametrize("text, published, anchor", ANCHORS, ids=[a[0][:30] for a in ANCHORS])
def test_the_article_anchor(text, published, anchor):
    from contacts.extract.timing import article_anchor
    assert article_anchor(text, date.fromisoformat(published)) == date.fromisoformat(anchor)


COVERING = [   # (first day, last day, the interval at our precisions)
    ("2023-04-26", "2023-04-26", "2023-04-26"),
    ("2023-04-03", "2023-04-09", "2023-04"),
    ("2023-03-27", "2023-04-02", "2023"),
    ("2022-12-29", "2023-01-04", None),
]


@pytest.mark.parametrize("first, last, expected", COVERING)
def test_the_interval_covering_two_days(first, last, expected):
    from contacts.dates import DateInterval
    got = DateInterval.covering(date.fromisoformat(first), date.fromisoformat(last))
    assert got.iso() == expected
    assert got == DateInterval.covering(date.fromisoformat(last), date.fromisoformat(first))
