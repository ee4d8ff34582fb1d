"""The knowledge base: loading it whole, and resolving a name, against reading its
TOML files (the least any load can cost) in the same run.

Target: load well under 200 ms; a name is a dictionary look-up, not a scan.
"""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources

from benchmarks.common import Figure, measure
from contacts.kb import base

NAMES = ["Zelenskyy", "Kim Jong-un", "Erdogan", "the Kremlin", "Lula", "Macky Sall", "Kiev", "Berdimuhamedov"]


def _parse_files() -> None:
    folder = resources.files("contacts.kb.data")
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            tomllib.loads(entry.read_text("utf-8"))


def run(quick: bool = False) -> list[Figure]:
    repeat = 5 if quick else 15
    parse = measure(_parse_files, repeat)
    load = measure(base.load, repeat)
    kb = base.load()
    day = date(2023, 4, 26)
    resolve = measure(lambda: [kb.resolve(n, day) for n in NAMES], repeat, 200)
    title = measure(lambda: kb.resolve_title("the Ukrainian president", day), repeat, 200)
    people = sum(1 for a in kb.actors.values() if a.kind.value == "person")
    per_name = (resolve[0] / len(NAMES), resolve[1] / len(NAMES))
    return [
        Figure("KB: parse its TOML files", *parse),
        Figure(f"KB: load ({people} people, {len(kb.roles)} roles)", *load, "parse its TOML files",
               load[0] / parse[0], "well under 200 ms"),
        Figure("KB: resolve a name", *per_name),
        Figure("KB: resolve a title on a date", *title, "resolve a name", title[0] / per_name[0]),
    ]
