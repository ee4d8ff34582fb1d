"""The fusion group's key, written once in Python and once in SQL (contacts.fusion): the two agree."""

from datetime import date

import duckdb
import pytest

from contacts import fusion

# (mode, status, directed, who, whom): the group text both sides must give
CASES = [
    (("call", "occurred", True, "xi", "putin"), "call|occurred|xi>putin"),
    (("call", "occurred", True, "putin", "xi"), "call|occurred|putin>xi"),
    (("meeting", "occurred", False, "xi", "putin"), "meeting|occurred|putin~xi"),
    (("meeting", "occurred", False, "putin", "xi"), "meeting|occurred|putin~xi"),
    (("visit", "planned", True, "kim", "putin"), "visit|planned|kim>putin"),
    (("talks", "cancelled", False, "a", "a"), "talks|cancelled|a~a"),
    (("message", "occurred", False, "Zelensky", "biden"), "message|occurred|Zelensky~biden"),
    (("meeting", "occurred", False, "é-ü", "ö"), "meeting|occurred|é-ü~ö"),
]


def _mention(mode, status, directed, who, whom):
    return fusion.MentionRow("m1", who, whom, mode, directed, date(2023, 1, 1), date(2023, 1, 1), "day", status, None)


@pytest.fixture(scope="module")
def by_sql():
    con = duckdb.connect()
    con.execute("CREATE TABLE m (mode VARCHAR, status VARCHAR, directed BOOLEAN, who VARCHAR, whom VARCHAR)")
    con.executemany("INSERT INTO m VALUES (?, ?, ?, ?, ?)", [fields for fields, _ in CASES])
    rows = con.execute(f"SELECT {fusion.group_text_sql('m')}, {fusion.group_sql('m')} FROM m").fetchall()
    return {fields: row for (fields, _), row in zip(CASES, rows)}


@pytest.mark.parametrize("fields, text", CASES)
def test_python_and_sql_give_the_same_group_text(by_sql, fields, text):
    assert fusion.group_text(fusion.group_key(_mention(*fields))) == text
    assert by_sql[fields][0] == text


@pytest.mark.parametrize("fields, text", CASES)
def test_python_and_sql_give_the_same_group_hash(by_sql, fields, text):
    assert by_sql[fields][1] == fusion.group_hash(fusion.group_key(_mention(*fields)))


def test_the_two_directions_of_an_undirected_pair_are_one_group():
    one = fusion.group_key(_mention("meeting", "occurred", False, "xi", "putin"))
    other = fusion.group_key(_mention("meeting", "occurred", False, "putin", "xi"))
    assert fusion.group_hash(one) == fusion.group_hash(other)
