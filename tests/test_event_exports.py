"""Issue 21: `contacts export --format plover|cameo`, and the PLOVER round trip."""

import csv
import json
import subprocess
import sys

import pytest

import contacts
from contacts import Article
from contacts.event_exports import CAMEO_COLUMNS
from contacts.imports import import_dataset

from conftest import ROOT, SEEDS

FIXTURE = ROOT / "tests" / "data" / "imports" / "state_department"
SAME = "SELECT who, whom, mode, directed, date_start, date_end, precision, status FROM contacts ORDER BY ALL"

ARTICLES = [
    Article(name="plans.txt", source="AP", published="2023-05-02",
            text="Chinese President Xi Jinping will visit Moscow next month, the Kremlin said on Tuesday."),
    Article(name="summons.txt", source="AP", published="2023-05-02",
            text="Russia summoned the ambassador of Poland on Tuesday over the seizure of a school."),
    Article(name="undated.txt", source="AP",
            text="Macron and Scholz held talks, their offices said."),
]


@pytest.fixture(scope="module")
def full_store():
    with contacts.open() as store:
        store.ingest([SEEDS, *ARTICLES])
        import_dataset(store, "state-department", [FIXTURE])
        yield store


def test_a_plover_round_trip_gives_the_same_contacts(full_store, tmp_path):
    path = tmp_path / "events.jsonl"
    n = full_store.export(path, "plover")
    with contacts.open() as other:
        report = import_dataset(other, "plover", [path])
        assert report.records == n and not report.errors
        assert other.sql(SAME)[1] == full_store.sql(SAME)[1]
    modes = {m for (m,) in full_store.sql("SELECT DISTINCT mode FROM contacts")[1]}
    assert {"visit", "call", "summons"} <= modes          # the trip covers more than one PLOVER category
    assert full_store.sql("SELECT count(*) FROM contacts WHERE date_start IS NULL OR status = 'planned'")[1][0][0] >= 1


def test_plover_events_have_the_manuals_fields(full_store, tmp_path):
    path = tmp_path / "events.jsonl"
    full_store.export(path, "plover")
    events = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    visit = next(e for e in events if e["actor"][0]["entity_text"] == "Joe Biden"
                 and e["recipient"][0]["entity_text"] == "Boris Johnson")
    assert (visit["event"], visit["mode"], visit["date"], visit["enddate"]) == (["CONSULT"], ["visit"], "2021-06-09",
                                                                               "2021-06-13")
    assert visit["actor"][0]["code"] == "USA" and visit["recipient"][0]["code"] == "GBR"
    assert visit["sources"][0]["record"] == "president/4113" and visit["text"].startswith("Met with Prime Minister")
    assert {e["mode"][0] if e["mode"] else "" for e in events if e["event"] == ["CONSULT"]} <= \
        {"visit", "phone", "third-party", ""}
    assert all(e["id"] and e["actor"] and e["event"] for e in events)


@pytest.mark.parametrize("mode, status, code", [
    ("call", "occurred", "041"), ("visit", "occurred", "042"), ("meeting", "occurred", "044"),
    ("talks", "occurred", "046"), ("message", "occurred", "040"), ("envoy", "occurred", "042"),
    ("summons", "occurred", "110"), ("visit", "planned", "036"),
])
def test_cameo_rows_carry_the_code_of_the_mode(mode, status, code):
    from datetime import date

    from contacts.event_exports import cameo_row
    row = ("c1", "a", "A", "person", "USA", "b", "B", "state", "GBR", mode, True, date(2021, 6, 9), date(2021, 6, 9),
           "day", status, 1, "Said.", ["ap"], ["extracted"], [])
    out = dict(zip(CAMEO_COLUMNS, cameo_row(row)))
    assert (out["EventCode"], out["EventRootCode"], out["SQLDATE"], out["Actor1Code"]) == (code, code[:2], "20210609",
                                                                                             "USA")


def test_the_cameo_file_is_one_row_per_contact(full_store, tmp_path):
    path = tmp_path / "events.tsv"
    n = full_store.export(path, "cameo")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == n and list(rows[0]) == list(CAMEO_COLUMNS)


def test_the_command_refuses_an_unknown_format(tmp_path):
    with contacts.open(tmp_path / "s.duckdb") as store:
        import_dataset(store, "state-department", [FIXTURE])
    done = subprocess.run([sys.executable, "-m", "contacts", "export", str(tmp_path / "x"), "--format", "gdelt",
                           "--db", str(tmp_path / "s.duckdb")], capture_output=True, text=True)
    assert done.returncode == 1 and "unknown export format 'gdelt'" in done.stderr and "Traceback" not in done.stderr
