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
