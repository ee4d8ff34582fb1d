"""Parse + compile time of the design's example queries, against running the same SQL.

Target: parse + compile under 1 ms median (goal 0.2 ms).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import contacts
from benchmarks.common import Figure, measure
from contacts.query import compile, parse

EXAMPLES = [
    "count calls Xi → Putin since 2022-02",
    "count calls Xi -> Putin since 2022-02 by month",
    "list meetings Xi <-> Putin in 2023",
    "first contact Xi <-> Zelensky since 2022-02-24",
    "count contacts China -> * by whom since 2022 order by count desc limit 10",
    "list summons * -> China in 2023-04",
    'list visits * -> China where source = "CNN"',
    "count visits, meetings Xi <-> * between 2023-01 and 2023-06 by mode",
    "timeline Xi <-> Zelensky",
    "tallies Xi <-> Putin",
]
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(quick: bool = False) -> list[Figure]:
    repeat = 7 if quick else 25
    now = date(2023, 4, 26)
    store = contacts.open()
    store.ingest([SEEDS])
    actors = store.query_actors()
    parse_t = measure(lambda: [parse(q) for q in EXAMPLES], repeat, 5)
    compile_t = measure(lambda: [compile(q, actors=actors, now=now) for q in EXAMPLES], repeat, 5)
    compiled = [compile(q, actors=actors, now=now) for q in EXAMPLES]
    execute_t = measure(lambda: [store.run(c) for c in compiled], repeat)
    n = len(EXAMPLES)
    per = lambda t: (t[0] / n, t[1] / n)  # noqa: E731 - per query
    figures = [
        Figure("parse, per query", *per(parse_t)),
        Figure("parse + compile, per query", *per(compile_t), "running its SQL (seeds)",
               compile_t[0] / execute_t[0], "≤ 1 ms (goal ≤ 0.2 ms)"),
        Figure("running the compiled SQL, per query (seeds)", *per(execute_t)),
    ]
    store.close()
    return figures
