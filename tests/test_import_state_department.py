"""Issue 21: the State Department's travel records imported beside the news, each contact
with its origin and record id, fused with the contacts read from articles."""

import subprocess
import sys
from datetime import date

import duckdb
import pytest

import contacts
from contacts import Article
from contacts.imports import import_dataset

from conftest import ROOT, SHARED

DATA = ROOT / "tests" / "data" / "imports"
FIXTURE = DATA / "state_department"
BAD = DATA / "state_department_bad"
TRAVELS = SHARED / "data" / "state-department-travels"
SD = "state-department"

# What the six trips of the fixture state: (who, whom, first day), each a visit.
EXPECTED = {
    ("William Henry Seward", "Denmark", "1866-01-09"),       # "former Mexican President Santa Anna": no host
    ("Antony Blinken", "United Kingdom", "2021-05-03"),      # attended the G7 meeting: no contact with it
    ("Antony Blinken", "Boris Johnson", "2021-05-03"),
    ("Antony Blinken", "Dominic Raab", "2021-05-03"),        # "Foreign Secretary Raab", resolved for that day
    ("Antony Blinken", "Ukraine", "2021-05-05"),
    ("Antony Blinken", "Volodymyr Zelensky", "2021-05-05"),
    ("Antony Blinken", "Dmytro Kuleba", "2021-05-05"),
    ("Joe Biden", "United Kingdom", "2021-06-09"),
    ("Joe Biden", "Boris Johnson", "2021-06-09"),
    ("Joe Biden", "Elizabeth II", "2021-06-09"),
    ("Joe Biden", "Belgium", "2021-06-13"),
    ("Joe Biden", "King Philippe", "2021-06-13"),            # the king, not Édouard Philippe
    ("Joe Biden", "Alexander De Croo", "2021-06-13"),
    ("Joe Biden", "Holy See", "2021-10-29"),
    ("Joe Biden", "Pope Francis", "2021-10-29"),
}


def _contacts(store):
    return set(store.sql("SELECT who, whom, date FROM contact_view WHERE mode = 'visit'")[1])


def _everything(store):
    return [store.sql(f"SELECT * FROM {t} ORDER BY ALL")[1] for t in ("contacts", "contact_sources", "actors")] + \
        [store.sql("SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY ALL")[1],
         store.sql("SELECT * FROM mentions ORDER BY ALL")[1]]


def test_each_stop_is_a_visit_to_the_country_and_to_each_titled_host(store):
    report = import_dataset(store, SD, [FIXTURE])
    assert (report.records, report.new, report.failed) == (6, 6, 0), report.errors
    assert _contacts(store) == EXPECTED
    assert store.sql("SELECT DISTINCT origin, origins FROM contact_view JOIN contacts USING (id)")[1] == \
        [(SD, [SD])]
    seward = store.sql("SELECT kind, country, origin FROM actors WHERE name = 'William Henry Seward'")[1]
    assert seward == [("person", "USA", SD)]          # a Secretary the knowledge base does not hold


def test_reimport_changes_nothing(store):
    import_dataset(store, SD, [FIXTURE])
    before = _everything(store)
    report = import_dataset(store, SD, [FIXTURE])
    assert (report.unchanged, report.new, report.changed, report.mentions) == (6, 0, 0, 0)
    assert _everything(store) == before


def test_a_changed_record_replaces_its_old_contacts(store, tmp_path):
    import_dataset(store, SD, [FIXTURE])
    changed = tmp_path / "president-travels.xml"
    changed.write_text((FIXTURE / "president-travels.xml").read_text("utf-8")
                       .replace("Met with King Philippe and ", "Met with "), "utf-8")
    report = import_dataset(store, SD, [changed])
    assert (report.changed, report.unchanged) == (1, 2)
    assert _contacts(store) == EXPECTED - {("Joe Biden", "King Philippe", "2021-06-13")}


def test_bad_records_are_named_by_file_and_line_and_the_good_ones_kept(store):
    report = import_dataset(store, SD, [BAD])
    assert (report.records, report.new, report.failed) == (6, 2, 4)
    bad, cut = BAD / "bad-trips.xml", BAD / "cut-short.xml"
    assert report.errors == [
        f"{bad}:4: trip 9001: end-date 2021-05-05 is before start-date 2021-05-06",
        f"{bad}:14: trip 9002: no <country> (the schema (schema/trips.rnc) requires it)",
        f"{bad}:23: trip 9003: start-date '2021-05-7' is not a date (write it YYYY-MM-DD)",
        f"{cut}:18: not well-formed XML: Premature end of data in tag name line 17, line 18, column 1 "
        "(the trips before this line are imported)",
    ]
    assert _contacts(store) == {("Antony Blinken", "Poland", "2021-05-08"), ("Antony Blinken", "Zbigniew Rau", "2021-05-08"),
                                ("Joe Biden", "Poland", "2022-03-25"), ("Joe Biden", "Andrzej Duda", "2022-03-25")}


NEWS = [Article(name="arrival.txt", source="Reuters", published=date(2021, 6, 9),
                text="LONDON, June 9, 2021 (Reuters) — US President Joe Biden arrived in Britain on Wednesday "
                     "for a three-day visit."),
        Article(name="cornwall.txt", source="Reuters", published=date(2021, 6, 10),
                text="LONDON, June 10, 2021 — Biden met Prime Minister Boris Johnson in Cornwall on Thursday.")]


@pytest.mark.parametrize("order", ["news first", "record first"])
def test_a_visit_in_the_record_and_in_the_news_is_one_contact_with_both_origins(store, order):
    steps = [lambda: store.ingest(NEWS), lambda: import_dataset(store, SD, [FIXTURE])]
    for step in steps if order == "news first" else steps[::-1]:
        step()
    rows = store.sql("SELECT w.name, m.name, c.n_sources, c.origins, c.sources FROM contacts c "
                     "JOIN actors w ON w.id = c.who JOIN actors m ON m.id = c.whom "
                     "WHERE c.date_start BETWEEN '2021-06-09' AND '2021-06-13' AND w.name = 'Joe Biden' "
                     "AND m.name IN ('Boris Johnson', 'United Kingdom')")[1]
    assert sorted(rows) == [("Joe Biden", "Boris Johnson", 2, ["extracted", SD], ["reuters", SD]),
                            ("Joe Biden", "United Kingdom", 2, ["extracted", SD], ["reuters", SD])]
    johnson = store.sql("SELECT c.id FROM contacts c JOIN actors m ON m.id = c.whom "
                        "WHERE m.name = 'Boris Johnson' AND c.date_start = '2021-06-09'")[1][0][0]
    shown = store.show(johnson)
    assert shown["origins"] == ["extracted", SD]
    assert [(s["origin"], s["record"]) for s in shown["sources"]] == [("extracted", None), (SD, "president/4113")]


@pytest.mark.parametrize("query, expected", [
    ("count visits where origin = 'state-department'", 15),
    ("count visits where origin = 'State-Department'", 15),
    ("count visits where origin = extracted", 2),
    ("count visits where origin != extracted", 13),
    ("count visits Biden -> * where origin = extracted and origin = 'state-department'", 2),
    ("count visits where origin = icews", 0),
])
def test_queries_filter_by_origin(store, query, expected):
    store.ingest(NEWS)
    import_dataset(store, SD, [FIXTURE])
    assert store.query(query).scalar == expected


def test_reextract_leaves_imported_records_alone(store):
    import_dataset(store, SD, [FIXTURE])
    store.ingest(NEWS)
    assert store.reextract(everything=True).reextracted == 2


def test_contacts_show_says_which_record_it_is(tmp_path):
    db = str(tmp_path / "s.duckdb")
    run = [sys.executable, "-m", "contacts"]
    done = subprocess.run([*run, "import", SD, str(FIXTURE), "--db", db], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("6 state-department records read: 6 new"), done.stderr
    with contacts.open(db, read_only=True) as store:
        pope = store.sql("SELECT id FROM contact_view WHERE whom = 'Pope Francis'")[1][0][0]
    shown = subprocess.run([*run, "show", pope, "--db", db], capture_output=True, text=True).stdout
    assert "origin: state-department" in shown and "record: president/4116 of state-department" in shown
    assert "says: Met with Pope Francis." in shown


def test_the_command_names_bad_records_and_fails(tmp_path):
    done = subprocess.run([sys.executable, "-m", "contacts", "import", SD, str(BAD), "--db", str(tmp_path / "s.duckdb")],
                          capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.count("error: ") == 4 and f"error: {BAD / 'bad-trips.xml'}:4: trip 9001" in done.stderr
    assert "2 new" in done.stdout and "4 failed" in done.stdout


def test_an_unknown_dataset_is_one_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "contacts", "import", "cia", str(FIXTURE), "--db", str(tmp_path / "s.duckdb")],
                          capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr.startswith("error: unknown dataset 'cia'") and "Traceback" not in done.stderr


def test_a_schema_7_store_gains_origins(tmp_path):
    path = tmp_path / "s.duckdb"
    with contacts.open(path) as store:
        store.ingest(NEWS)
    con = duckdb.connect(str(path))                  # as schema 7 wrote it
    con.execute("DROP VIEW contact_view")
    con.execute("DROP INDEX mentions_grp")
    for table, column in (("articles", "origin"), ("mentions", "origin"), ("mentions", "record"), ("contacts", "origins")):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("CREATE INDEX mentions_grp ON mentions (grp)")
    con.execute("UPDATE schema_version SET version = 7")
    con.close()
    with contacts.open(path) as store:
        assert store.sql("SELECT DISTINCT origins FROM contacts")[1] == [(["extracted"],)]
        assert store.query("count visits where origin = extracted").scalar == 2
        import_dataset(store, SD, [FIXTURE])
        assert store.query("count visits where origin = extracted and origin = 'state-department'").scalar == 2
        assert store.check() == []


@pytest.mark.skipif(not TRAVELS.exists(), reason="no shared travel records here")
def test_the_whole_record_imports_every_trip(store):
    trips = sum(p.read_text("utf-8").count("<trip ") for p in TRAVELS.glob("*-travels/*.xml"))
    report = import_dataset(store, SD, [TRAVELS])
    assert report.records == report.new == trips == store.stats()["articles"] and not report.errors
    assert store.sql("SELECT count(*) FROM mentions WHERE whom IN (SELECT id FROM actors WHERE kind = 'state')")[1] \
        == [(trips,)]                                   # one visit to a country per stop
    assert store.check() == []


@pytest.mark.parametrize("remark, offices", [
    ("Met with the Presidents of Peru, Colombia, and Bolivia, and with the Vice President of Ecuador.",
     [("President", "PER"), ("President", "COL"), ("President", "BOL")]),
    ("Met with the President of Finland and the Prime Ministers of Denmark, Iceland, Norway, and Sweden for the "
     "third U.S.-Nordic Leaders’ Summit", [("President", "FIN"), ("Prime Minister", "DNK"), ("Prime Minister", "ISL"),
                                          ("Prime Minister", "NOR"), ("Prime Minister", "SWE")]),
    ("Met with the Prime Ministers of the Netherlands and Belgium.", [("Prime Minister", "NLD"),
                                                                      ("Prime Minister", "BEL")]),
    ("Attended the funeral of the King of Jordan.", []),
    ("Met with the former President of Brazil.", []),
    ("Attended the G7 Summit.", []),
])
def test_office_holders_named_by_office_and_state(remark, offices):
    from contacts.imports import remarks
    from contacts.kb import default
    assert [(o.title, o.country) for o in remarks.offices(remark, default())] == offices


@pytest.mark.parametrize("remark, hosts", [
    ("Met with Prime Minister Boris Johnson and Queen Elizabeth II. Attended the G7 Summit.",
     [("Prime Minister", "Boris Johnson"), ("Queen", "Elizabeth II")]),
    ("Also met with former Mexican President Santa Anna.", []),
    ("Accompanied President Bush to a meeting with President Iliescu.", [("President", "Iliescu")]),
    ("Met with Israeli Prime Minister Benjamin Netanyahu in Rome.", [("Prime Minister", "Benjamin Netanyahu")]),
    ("Attended the NATO Summit Meeting.", []),
])
def test_titled_hosts_in_the_remarks(remark, hosts):
    from contacts.imports import remarks
    from contacts.kb import default
    assert [(h.title, h.name) for h in remarks.hosts(remark, default())] == hosts
