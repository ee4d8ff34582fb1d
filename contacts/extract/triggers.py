"""Contact triggers: the words that report a call, meeting, visit and so on.

The patterns are data (rules/triggers.toml). Finding every match is separate
from resolving overlaps: where two matches overlap, the longest wins.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int          # character offsets in the sentence
    end: int
    mode: str
    reverse: bool = False
    directed: bool = False
    exchange: bool = False


@dataclass(frozen=True, slots=True)
class _Rule:
    mode: str
    regex: re.Pattern
    reverse: bool
    directed: bool
    exchange: bool


@cache
def _rules() -> tuple[_Rule, ...]:
    data = tomllib.loads(resources.files("contacts.extract").joinpath("rules/triggers.toml").read_text("utf-8"))
    return tuple(_Rule(t["mode"], re.compile(rf"\b(?:{t['pattern']})\b", re.IGNORECASE),
                       t.get("reverse", False), t.get("directed", False), t.get("exchange", False))
                 for t in data["trigger"])


@cache
def _any_trigger() -> re.Pattern:
    """All trigger patterns in one: most sentences have none, and one pass tells."""
    return re.compile("|".join(f"(?:{r.regex.pattern})" for r in _rules()), re.IGNORECASE)


def find_triggers(text: str) -> list[Trigger]:
    """The triggers of one sentence, left to right, overlaps resolved."""
    if not _any_trigger().search(text):
        return []
    found = [Trigger(m.start(), m.end(), r.mode, r.reverse, r.directed, r.exchange)
             for r in _rules() for m in r.regex.finditer(text) if m.group().strip()]
    kept: list[Trigger] = []
    for t in sorted(found, key=lambda t: (-(t.end - t.start), t.start)):
        if all(t.end <= k.start or k.end <= t.start for k in kept):
            kept.append(t)
    return sorted(kept, key=lambda t: t.start)
