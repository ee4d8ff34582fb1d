"""Issue 20, kind 8: host officials as the State Department's travel records name them
("Met with Prime Minister Boris Johnson and Queen Elizabeth II", with country and date)
resolve, title and name together, to a person who held an office of that country that day.

The fixture (tests/data/state_department_hosts.tsv, public domain) is derived from the
records by tests/data/derive_state_department_hosts.py; this test reads only the fixture."""

import csv
from datetime import date
from pathlib import Path

import pytest

from contacts.kb import default

FIXTURE = Path(__file__).parent / "data" / "state_department_hosts.tsv"
BAR = 0.95


def _rows() -> list[dict]:
    lines = [line for line in FIXTURE.read_text("utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _held_office(actor, country: str, on: date) -> bool:
    return any(r.country == country and r.holds_on(on) for r in default().roles_of.get(actor.id, ()))


def test_the_fixture_covers_the_trips_since_2015():
    rows = _rows()
    assert len(rows) >= 700
    assert min(r["date"] for r in rows) >= "2015-01-01"
    assert len({r["country"] for r in rows}) >= 100


def test_titled_hosts_resolve_to_an_office_holder_of_that_country_on_that_day():
    kb, missed = default(), []
    rows = _rows()
    for row in rows:
        on = date.fromisoformat(row["date"])
        actor = kb.resolve_titled(row["name"], title=row["title"], country=row["country"], on=on)
        if actor is None or not _held_office(actor, row["country"], on):
            missed.append(f"{row['date']} {row['country']} {row['title']} {row['name']!r} -> "
                          f"{actor.name if actor else None} ({row['source']})")
    share = 1 - len(missed) / len(rows)
    assert share >= BAR, f"{share:.1%} resolve; missed:\n" + "\n".join(missed)


@pytest.mark.parametrize("name, title, country, day", [
    ("Philippe", "King", "BEL", "2021-06-13"),       # a king, not Édouard Philippe
    ("Salman", "King", "SAU", "2017-05-20"),         # the king, not the crown prince Mohammed bin Salman
    ("Francis", "Pope", "VAT", "2019-10-02"),
])
def test_a_title_and_a_first_name_find_the_monarch(name, title, country, day):
    actor = default().resolve_titled(name, title=title, country=country, on=date.fromisoformat(day))
    assert actor is not None and _held_office(actor, country, date.fromisoformat(day))


# Issue 21, item 4: does the knowledge base name, as holder of the office the record's title
# gives on that day, the person the record names? (contacts.imports.kb_check.) Rows where the
# record itself is wrong or names no national officer of the host state, checked by hand, are
# not counted: (source, name) -> why.
RECORD_FAULTS = {
    ("secretary/3701", "Narendra Modi"): "the record says President; he was Prime Minister",
    ("secretary/3771", "Justin Trudeau"): "the record says President; he was Prime Minister",
    ("secretary/3607", "Isa Mustafa"): "the record says President; he was Prime Minister",
    ("secretary/3937", "Nazarbayev"): "'First President' (Elbasy) in 2020, not the president",
    ("secretary/3587", "Mariano Rajoy"): "Spain's 'President of the Government', the prime minister",
    ("secretary/3724", "Bui Thanh Son"): "deputy foreign minister in January 2017",
    ("secretary/4061", "Yair Lapid"): "foreign minister and alternate prime minister in March 2022",
    ("secretary/3655", "Nechrivan Barzani"): "the Kurdistan Region's prime minister, not Iraq's",
    ("secretary/4002", "Múte Bourup Egede"): "Greenland's premier, not Denmark's",
    ("secretary/3676", "Vittus Qujaukitsoq"): "Greenland's foreign minister, not Denmark's",
    ("secretary/3761", "Peter Maurer"): "the ICRC's president, met in Geneva",
}
KB_BAR = 0.97


def test_the_knowledge_base_names_the_office_holder_the_record_names():
    from contacts.imports.kb_check import Row, check, share
    rows = [Row(date.fromisoformat(r["date"]), r["country"], r["title"], r["name"], r["source"]) for r in _rows()
            if (r["source"], r["name"]) not in RECORD_FAULTS]
    outcomes = check(rows, default())
    missed = [f"{o.row.day} {o.row.country} {o.row.title} {o.row.name!r}: the knowledge base names {o.holder}"
              for o in outcomes if o.national and not o.right]
    assert share(outcomes) >= KB_BAR, f"{share(outcomes):.1%} named right; missed:\n" + "\n".join(missed)
    assert sum(o.national for o in outcomes) >= 750


@pytest.mark.parametrize("title, parts", [
    ("Crown Prince and Prime Minister", ["Crown Prince", "Prime Minister"]),
    ("Crown Prince-Prime Minister", ["Crown Prince", "Prime Minister"]),
    ("Deputy Prime Minister and Minister of Foreign Affairs", ["Minister of Foreign Affairs"]),
    ("Prime Minister", ["Prime Minister"]),
])
def test_a_compound_title_is_each_of_its_offices(title, parts):
    from contacts.imports.kb_check import parts as split
    assert split(title) == parts
