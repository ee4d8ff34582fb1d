"""Issue 21: CAMEO-coded (GDELT 2.0, ICEWS) and PLOVER event data imported beside the news,
from hand-made fixtures in the published formats (tests/data/imports/{gdelt,icews,plover})."""


import pytest

from contacts.imports import import_dataset
from contacts.imports.cameo import code_of

from conftest import ROOT

DATA = ROOT / "tests" / "data" / "imports"

# dataset -> (what it states: (who, whom, mode, date, directed), failed, dropped)
CASES = {
    "gdelt": ({("China", "Russia", "visit", "2023-03-20", True),           # 042 and its mirror 043: once
               ("Xi Jinping", "Volodymyr Zelensky", "call", "2023-04-26", False),
               ("United States", "China", "talks", "2023-06-12", False),
               ("France", "India", "meeting", "2023-07-15", False)}, 0, 6),
    "icews": ({("Xi Jinping", "Vladimir Putin", "visit", "2023-03-20", True),
               ("Xi Jinping", "Volodymyr Zelensky", "call", "2023-04-26", False),
               ("Japan", "South Korea", "meeting", "2023-05-10", False),
               ("Russia", "Ukraine", "talks", "2023-05-12", False)}, 1, 5),
    "plover": ({("Xi Jinping", "Vladimir Putin", "visit", "2023-03-20", True),
                ("Xi Jinping", "Volodymyr Zelensky", "call", "2023-04-26", False),
                ("Narendra Modi", "Fumio Kishida", "meeting", "2023-05-20", False),
                ("China", "United States", "talks", "2023-06-12", False),      # no recipient: the actors' pair
                ("France", "India", "meeting", "2023-07-15", False)}, 2, 2),
}


def _stated(store):
    return set(store.sql("SELECT v.who, v.whom, v.mode, v.date, c.directed FROM contact_view v "
                         "JOIN contacts c USING (id)")[1])


def _pairs(rows):
    return {(*sorted(r[:2]), *r[2:]) if not r[4] else r for r in rows}


@pytest.mark.parametrize("dataset", sorted(CASES))
def test_the_consult_events_are_contacts_and_the_rest_is_counted(store, dataset):
    expected, failed, dropped = CASES[dataset]
    report = import_dataset(store, dataset, [DATA / dataset])
    assert _pairs(_stated(store)) == _pairs(expected)
    assert (report.failed, report.dropped) == (failed, dropped), (report.errors, report.notes)
    assert store.sql("SELECT DISTINCT origins FROM contacts")[1] == [([dataset],)]
    assert store.sql("SELECT max(n_sources) FROM contacts")[1] == [(1,)]     # the 042/043 pair is one source


@pytest.mark.parametrize("dataset", sorted(CASES))
def test_reimporting_events_changes_nothing(store, dataset):
    import_dataset(store, dataset, [DATA / dataset])
    before = store.sql("SELECT * FROM contacts ORDER BY id")[1]
    report = import_dataset(store, dataset, [DATA / dataset])
    assert report.new == report.changed == report.mentions == 0 and report.unchanged > 0
    assert store.sql("SELECT * FROM contacts ORDER BY id")[1] == before


@pytest.mark.parametrize("dataset, path, errors", [
    ("gdelt", "gdelt_bad.export.CSV", [
        ":1: 3 tab-separated columns, not the 61 of a GDELT 2.0 event export (give .export.CSV files (not mentions or gkg))",
        ":2: SQLDATE '2023-08-07' is not a YYYYMMDD date"]),
    ("icews", "icews", [":11: Event Date '2023-13-01' is not a YYYY-MM-DD date"]),
    ("plover", "plover", [":7: event PLV-0007: no date (PLOVER requires both)",
                          ":9: not JSON: Expecting ',' delimiter (column 1)"]),
    ("icews", "gdelt_bad.export.CSV", [":1: its header is not the 20 columns of an ICEWS event file "
                                       "(the first line names: Event ID, Event Date, Source Name, Source Sectors …)"]),
])
def test_bad_records_are_named_by_file_and_line(store, dataset, path, errors):
    report = import_dataset(store, dataset, [DATA / path])
    assert [e.split(".CSV" if ".CSV" in e else (".tab" if ".tab" in e else ".jsonl"), 1)[1] for e in report.errors] == errors


def test_the_same_visit_in_two_datasets_is_one_contact_with_both_origins(store):
    import_dataset(store, "icews", [DATA / "icews"])
    import_dataset(store, "plover", [DATA / "plover"])
    rows = store.sql("SELECT n_sources, origins FROM contacts c JOIN actors w ON w.id = c.who "
                     "JOIN actors m ON m.id = c.whom WHERE w.name = 'Xi Jinping' AND m.name = 'Vladimir Putin'")[1]
    assert rows == [(2, ["icews", "plover"])]
    assert store.query("count visits Xi -> * where origin = plover").scalar == 1


@pytest.mark.parametrize("raw, code", [("42", "042"), ("042", "042"), ("0311", "0311"), ("190", "190"), ("4", "004")])
def test_icews_codes_without_the_leading_zero(raw, code):
    assert code_of(raw) == code


def test_a_missing_path_is_one_line(store):
    from contacts.errors import ContactsError
    with pytest.raises(ContactsError, match="no such file or folder"):
        import_dataset(store, "gdelt", [DATA / "nowhere"])
