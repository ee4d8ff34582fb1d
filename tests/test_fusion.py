"""Fusion by a date-sorted sweep (issue 28, item 7) clusters exactly as the rule says: each
dated mention, most precise first, joins the first-founded contact whose best mention's dates
it overlaps. The reference below is that rule written out (n² but plain). Within a contact, the order of
its mentions is no part of the rule (the contact's id, best mention and sources do not depend on it)."""

import random
from datetime import date, timedelta

import pytest

from contacts.fusion import _RANK, Cluster, MentionRow, cluster


def by_the_rule(mentions: list[MentionRow]) -> list[list[str]]:
    dated = sorted((m for m in mentions if m.date_start), key=lambda m: (_RANK[m.precision], m.date_start, m.id))
    undated = sorted((m for m in mentions if not m.date_start), key=lambda m: m.id)
    clusters: list[list[MentionRow]] = []
    for m in dated:
        home = next((c for c in clusters if c[0].date_start <= m.date_end and m.date_start <= c[0].date_end), None)
        if home is None:
            clusters.append(home := [])
        home.append(m)
    if undated:
        if len(clusters) == 1:
            clusters[0].extend(undated)
        else:
            clusters.append(undated)
    return [[m.id for m in c] for c in clusters]


def mention(n: int, rng: random.Random) -> MentionRow:
    precision = rng.choice(["day", "day", "day", "month", "year", "unknown"])
    if precision == "unknown" and rng.random() < 0.5:
        return MentionRow(f"a{n}:0", "xi", "putin", "call", False, None, None, "unknown", "occurred", None)
    start = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
    if precision == "month":
        start = start.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    elif precision == "year":
        start, end = date(start.year, 1, 1), date(start.year, 12, 31)
    elif precision == "unknown":
        end = start + timedelta(days=rng.randrange(1, 400))
    else:
        end = start
    return MentionRow(f"a{n}:0", "xi", "putin", "call", False, start, end, precision, "occurred", None)


@pytest.mark.parametrize("seed", range(40))
def test_the_sweep_clusters_as_the_rule(seed):
    rng = random.Random(seed)
    mentions = [mention(n, rng) for n in range(rng.choice([1, 5, 50, 400]))]
    rng.shuffle(mentions)                   # the input's order changes nothing
    got = [sorted(m.id for m in c.mentions) for c in cluster(mentions)]
    assert got == [sorted(c) for c in by_the_rule(mentions)]


def test_a_large_group_is_one_contact_per_day():
    day = date(2023, 4, 26)
    mentions = [MentionRow(f"a{n:05d}:0", "xi", "putin", "call", False, day + timedelta(days=n % 30),
                           day + timedelta(days=n % 30), "day", "occurred", None) for n in range(20_000)]
    clusters = cluster(mentions)           # was n²: 20,000 reports did not finish in 900 s
    assert len(clusters) == 30 and sum(len(c.mentions) for c in clusters) == 20_000
    assert isinstance(clusters[0], Cluster)
