"""One encounter in two modes is one contact (issue 27, item 7): a meeting joins the visit it
took place in, as the annotation guide counts them ("a visit during which the visitor meets
the host is one visit, not a visit plus a meeting")."""

from datetime import date

import pytest

import contacts
from contacts.fusion import MentionRow, contact_row, contacts as fuse, group_key
from contacts.models import Article

KIM, PUTIN, XI = "kim-jong-un", "vladimir-putin", "xi-jinping"


def visit(n, day, who=KIM, whom=PUTIN, precision="day", end=None, location="russia", status="occurred"):
    return MentionRow(f"v{n}:0", who, whom, "visit", True, day, end or day, precision, status, location)


def meeting(n, day, a=KIM, b=PUTIN, precision="day", end=None, location=None, status="occurred"):
    return MentionRow(f"m{n}:0", a, b, "meeting", False, day, end or (day if day else None),
                      precision if day else "unknown", status, location)


def fused(*mentions):
    by_group = {}
    for m in mentions:
        by_group.setdefault(group_key(m), []).append(m)
    return sorted(sorted(m.id for m in c.mentions) for c in fuse(by_group))


D = date(2023, 9, 12)
SEPT = (date(2023, 9, 1), date(2023, 9, 30))

CASES = [
    ("the day after the arrival", [visit(1, D), meeting(1, date(2023, 9, 13))], [["m1:0", "v1:0"]]),
    ("the host's own words, reversed", [visit(1, D), meeting(1, D, a=PUTIN, b=KIM)], [["m1:0", "v1:0"]]),
    ("a week into the trip", [visit(1, D), meeting(1, date(2023, 9, 19))], [["m1:0", "v1:0"]]),
    ("the day before (a trip reported by its end)", [visit(1, D), meeting(1, date(2023, 9, 11))],
     [["m1:0", "v1:0"]]),
    ("eight days on: another encounter", [visit(1, D), meeting(1, date(2023, 9, 20))], [["m1:0"], ["v1:0"]]),
    ("a month's meeting in the visit's month", [visit(1, D), meeting(1, SEPT[0], precision="month", end=SEPT[1])],
     [["m1:0", "v1:0"]]),
    ("a month's visit and a meeting in it", [visit(1, SEPT[0], precision="month", end=SEPT[1]),
                                              meeting(1, date(2023, 9, 25))], [["m1:0", "v1:0"]]),
    ("in the visited state", [visit(1, D), meeting(1, D, location="russia")], [["m1:0", "v1:0"]]),
    ("in a third state: a summit elsewhere", [visit(1, D), meeting(1, D, location="kazakhstan")],
     [["m1:0"], ["v1:0"]]),
    ("another pair", [visit(1, D), meeting(1, D, b=XI)], [["m1:0"], ["v1:0"]]),
    ("another status", [visit(1, D), meeting(1, D, status="planned")], [["m1:0"], ["v1:0"]]),
    ("the nearest of two trips", [visit(1, D), visit(2, date(2023, 9, 18), who=PUTIN, whom=KIM, location="north-korea"),
                                  meeting(1, date(2023, 9, 19))], [["m1:0", "v2:0"], ["v1:0"]]),
    ("an undated meeting and the pair's one visit", [visit(1, D), meeting(1, None)], [["m1:0", "v1:0"]]),
    ("an undated meeting and two visits", [visit(1, D), visit(2, date(2024, 6, 19), who=PUTIN, whom=KIM),
                                           meeting(1, None)], [["m1:0"], ["v1:0"], ["v2:0"]]),
    ("an undated meeting beside another meeting (which it joins: its group's one)",
     [visit(1, D), meeting(1, None), meeting(2, date(2024, 1, 5))], [["m1:0", "m2:0"], ["v1:0"]]),
    ("a visit of the visitor's state only", [visit(1, D, whom="russia"), meeting(1, D)], [["m1:0"], ["v1:0"]]),
]


@pytest.mark.parametrize("mentions, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_meeting_joins_the_visit_it_took_place_in(mentions, expected):
    assert fused(*mentions) == expected
    assert fused(*reversed(mentions)) == expected               # whatever the order of the rows


def test_the_joined_contact_is_the_visit_dated_by_its_most_precise_report():
    by_group = {}
    for m in (visit(1, SEPT[0], precision="month", end=SEPT[1]), meeting(1, date(2023, 9, 13), location="russia")):
        by_group.setdefault(group_key(m), []).append(m)
    [c] = fuse(by_group)
    row = contact_row(c)
    assert row[1:5] == (KIM, PUTIN, "visit", True) and row[5:8] == (date(2023, 9, 13), date(2023, 9, 13), "day")
    assert row[9:] == ("russia", 2)


TRIP = Article(text="North Korean leader Kim Jong Un arrived in Russia on Tuesday for a summit with Vladimir Putin.",
               name="trip.txt", published=date(2023, 9, 12), source="Reuters")
MEETING = Article(text="Kim Jong Un met Vladimir Putin at the Vostochny cosmodrome on Wednesday.",
                  name="meeting.txt", published=date(2023, 9, 13), source="AP")


@pytest.mark.parametrize("order", [(TRIP, MEETING), (MEETING, TRIP)])
def test_kim_s_trip_and_his_meeting_with_putin_are_one_contact(order):
    with contacts.open() as store:
        first = store.ingest(order[0])
        [before] = store.sql("SELECT id FROM contacts")[1][0]
        second = store.ingest(order[1])
        assert store.query("count contacts Kim Jong Un <-> Putin").scalar == 1
        [row] = store.query("list contacts Kim Jong Un <-> Putin").rows
        assert (row.mode, row.who, row.whom, row.date, row.sources) == ("visit", "Kim Jong Un", "Vladimir Putin",
                                                                        "2023-09-12", 2)
        shown = store.show(row.id)
        assert sorted(s["article"] for s in shown["sources"]) == ["meeting.txt", "trip.txt"]
        assert store.show(before)["id"] == row.id            # the meeting's id, when it came first, resolves
        assert first.contacts_created == 1 and second.contacts_created == 0
        assert second.contacts_merged == (1 if order[0] is MEETING else 0)
        assert store.check() == []


def test_a_meeting_a_researcher_added_by_hand_stays_a_meeting():
    by_group = {}
    for m in (visit(1, D), meeting(1, date(2023, 9, 13))):
        by_group.setdefault(group_key(m), []).append(m)
    assert len(fuse(by_group, pinned=frozenset({"m1:0"}))) == 2 and len(fuse(by_group)) == 1
