"""Issue 21: `contacts compare --reference DATASET [FILTER]`: the reference's contacts found and
missed by the news, and the news contacts the reference lacks."""

import subprocess
import sys

import pytest

import contacts
from contacts import Article
from contacts.compare import compare
from contacts.errors import ContactsError
from contacts.imports import import_dataset

from conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "imports" / "state_department"
SD = "state-department"
NEWS = [
    Article(name="arrival.txt", source="Reuters", published="2021-06-09",
            text="LONDON, June 9, 2021 (Reuters) — US President Joe Biden arrived in Britain on Wednesday "
                 "for a three-day visit."),
    Article(name="kyiv.txt", source="AP", published="2021-05-06",
            text="KYIV, May 6, 2021 — US Secretary of State Antony Blinken met President Volodymyr Zelensky in Kyiv "
                 "on Thursday."),
    Article(name="paris.txt", source="AP", published="2021-06-25",
            text="PARIS, June 25, 2021 — US Secretary of State Antony Blinken arrived in Paris on Friday for talks "
                 "with French officials."),
    Article(name="call.txt", source="AP", published="2021-06-25",
            text="Joe Biden spoke by phone with Boris Johnson on Friday."),       # not a mode of the reference
]


@pytest.fixture(scope="module")
def store():
    with contacts.open() as s:
        import_dataset(s, SD, [FIXTURE])
        s.ingest(NEWS)
        yield s


def _kinds(result):
    return {(r[0], r[4], r[5], r[2]) for r in result.rows if r[0] != "missed"}


def test_found_missed_and_lacking(store):
    result = compare(store, SD)
    assert _kinds(result) == {("found", "Joe Biden", "United Kingdom", "2021-06-09"),
                              ("found", "Antony Blinken", "Volodymyr Zelensky", "2021-05-05"),
                              ("lacking", "Antony Blinken", "France", "2021-06-25")}
    assert result.summary() == [("reference contacts", 15, None), ("found in the news", 2, 0.133),
                                ("missed by the news", 13, 0.867), ("news contacts the reference lacks", 1, 0.333)]


def test_a_news_contact_in_the_span_is_found_without_fusing(store):
    """A report dated inside the trip but not fused (another day of a multi-day stop) still counts."""
    with contacts.open() as s:
        import_dataset(s, SD, [FIXTURE])
        s.ingest([Article(name="brussels.txt", source="AP", published="2021-06-14",
                          text="BRUSSELS, June 14, 2021 — US President Joe Biden arrived in Brussels on Monday "
                               "for a visit to Belgium.")])
        found = [r for r in compare(s, SD).rows if r[0] == "found"]
        assert [(r[4], r[5]) for r in found] == [("Joe Biden", "Belgium")]


def test_by_year_and_country(store):
    result = compare(store, SD)
    assert result.by("year") == [(1866, 1, 0, 0.0, 0), (2021, 14, 2, 0.143, 1)]
    assert ("GBR", 6, 1, 0.167, 0) in result.by("country") and ("FRA", 0, 0, None, 1) in result.by("country")


def test_a_filter_narrows_both_sides(store):
    result = compare(store, SD, "visits Blinken -> * since 2021")
    assert result.summary()[:2] == [("reference contacts", 6, None), ("found in the news", 1, 0.167)]
    assert {r[4] for r in result.rows} == {"Antony Blinken"}


@pytest.mark.parametrize("reference, filter_text, message", [
    ("gdelt", None, "the store holds no contact of 'gdelt' (it holds state-department)"),
    (SD, "count visits", "the filter 'count visits' is not what follows 'list' in a query: unexpected 'count'"),
])
def test_bad_requests_are_one_line(store, reference, filter_text, message):
    with pytest.raises(ContactsError) as caught:
        compare(store, reference, filter_text)
    assert str(caught.value).startswith(message)


def test_the_command_writes_lists_as_csv(tmp_path):
    db = tmp_path / "s.duckdb"
    with contacts.open(db) as s:
        import_dataset(s, SD, [FIXTURE])
        s.ingest(NEWS)
    run = [sys.executable, "-m", "contacts", "compare", "--reference", SD, "--db", str(db)]
    lines = subprocess.run([*run, "--list", "lacking", "--format", "csv"], capture_output=True, text=True).stdout
    assert lines.splitlines()[0] == "kind,id,date,year,who,whom,mode,country,origin"
    assert ",2021-06-25,2021,Antony Blinken,France,visit,FRA,extracted" in lines
    bad = subprocess.run([*run, "--by", "decade"], capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stderr.startswith("error: --by 'decade' is neither year nor country")
