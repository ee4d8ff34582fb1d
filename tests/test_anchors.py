"""Named anchors for tallies: "has spoken to Putin five times since the invasion"."""

from datetime import date

import pytest

import contacts

CASES = [
    # (text, published, expected since)
    ("Xi has spoken to Putin five times since the invasion.", "2023-04-26", "2022-02-24"),
    ("Xi has spoken to Putin five times since Russia's full-scale invasion of Ukraine.", "2023-04-26", "2022-02-24"),
    ("Macron has spoken to Putin a dozen times since the war began, the Elysee said; Zelensky disagreed.",
     "2023-04-26", None),                                   # "a dozen times" is not a count the cue knows
    ("Macron has spoken to Putin four times since the war began in Ukraine.", "2023-04-26", "2022-02-24"),
    ("Xi has spoken to Putin five times since the invasion.", "2021-06-01", None),     # before the event
    ("Biden has spoken to Netanyahu three times since the Hamas attack.", "2023-11-20", "2023-10-07"),
    ("Biden has spoken to Netanyahu three times since the invasion.", "2023-11-20", None),   # no Ukraine or Russia
    ("Modi has met Xi twice since January 2020.", "2023-04-26", "2020-01"),
]


@pytest.mark.parametrize("text, published, since", CASES, ids=[c[0][:50] for c in CASES])
def test_tally_since(text, published, since):
    from contacts.extract import extract, tally_lines
    article = contacts.Article(text=text, published=date.fromisoformat(published), name="t.txt")
    tallies = tally_lines(extract(article))
    if since is None and not tallies:
        return
    assert [t.since for t in tallies] == [since] * len(tallies) and tallies
