"""Contact triggers: the words that report a call, meeting, visit and so on.

The patterns are data (rules/triggers.toml). Finding every match is separate
from resolving overlaps: where two matches overlap, the longest wins.
"""

from __future__ import annotations

import re
import re._parser as sre    # the regex parser, to read what a pattern requires
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
def _needles() -> tuple[frozenset[str] | None, ...]:
    """For each rule, words one of which every match contains (None: no such words found).

    A needle holding another of the same rule's needles adds nothing ("dispatch"
    is in every "dispatched"), so only the shortest are kept."""
    found = (required_words(r.regex.pattern) for r in _rules())
    return tuple(frozenset(n for n in needles if not any(o != n and o in n for o in needles))
                 if needles is not None else None for needles in found)


@cache
def _all_needles() -> tuple[str, ...]:
    return tuple(sorted(set().union(*(n for n in _needles() if n is not None))))


def find_triggers(text: str) -> list[Trigger]:
    """The triggers of one sentence, left to right, overlaps resolved."""
    low = text.lower()
    present = {n for n in _all_needles() if n in low}          # a cheap test before the regexes
    found = [Trigger(m.start(), m.end(), r.mode, r.reverse, r.directed, r.exchange)
             for r, needles in zip(_rules(), _needles())
             if needles is None or not needles.isdisjoint(present)
             for m in r.regex.finditer(text) if m.group().strip()]
    kept: list[Trigger] = []
    for t in sorted(found, key=lambda t: (-(t.end - t.start), t.start)):
        if all(t.end <= k.start or k.end <= t.start for k in kept):
            kept.append(t)
    return sorted(kept, key=lambda t: t.start)


# ---- what a pattern requires ---------------------------------------------------------
# A rule is tried on a sentence only if the sentence holds one of the rule's
# "needles": literal strings of which every match must contain one. They are
# read off the pattern itself, so the rules stay plain regular expressions.

def required_words(pattern: str) -> frozenset[str] | None:
    """Literal strings one of which every match of `pattern` contains (lower case), or None."""
    try:
        found = _required(sre.parse(pattern, re.IGNORECASE))
    except Exception:  # an unusual construct: no needles, the rule always runs
        return None
    return frozenset(found) if found and all(found) else None


def _required(seq) -> set[str] | None:
    """Needles of a sequence of regex nodes: the most selective of its parts."""
    candidates: list[set[str]] = []
    run = ""
    for op, arg in seq:
        if op is sre.LITERAL:
            run += chr(arg).lower()
            continue
        if run:
            candidates.append({run})
            run = ""
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue                                   # zero-width: requires nothing, breaks no literal
        part = _required_node(op, arg)
        if part:
            candidates.append(part)
    if run:
        candidates.append({run})
    return max(candidates, key=lambda c: min(len(w) for w in c), default=None)


def _required_node(op, arg) -> set[str] | None:
    if op is sre.SUBPATTERN:
        return _required(arg[-1])
    if op is sre.BRANCH:
        parts = [_required(alternative) for alternative in arg[1]]
        return None if any(not p for p in parts) else set().union(*parts)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, _high, body = arg
        return _required(body) if low >= 1 else None
    return None
