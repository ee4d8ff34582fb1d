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
from typing import Iterable, NamedTuple

from contacts.extract.prefilter import compile_guarded


class Trigger(NamedTuple):
    """A trigger's span and what it reports (a tuple: made per sentence)."""

    start: int          # character offsets in the sentence
    end: int
    mode: str
    reverse: bool = False
    directed: bool = False
    exchange: bool = False
    rule: str = ""          # the id of the rule that matched ("call.phoned"): its mode comes first
    yields: bool = False    # a courtesy inside another encounter (see triggers.toml)


MODES = frozenset({"call", "meeting", "visit", "message", "envoy", "summons", "talks"})
_KEYS = {"id", "mode", "pattern", "reverse", "directed", "exchange", "yields"}


@dataclass(frozen=True, slots=True)
class _Rule:
    id: str
    mode: str
    pattern: str            # as written (with word boundaries); `regex` runs it behind a first-character guard
    regex: re.Pattern
    reverse: bool
    directed: bool
    exchange: bool
    yields: bool


@cache
def _rules() -> tuple[_Rule, ...]:
    data = tomllib.loads(resources.files("contacts.extract").joinpath("rules/triggers.toml").read_text("utf-8"))
    rules = tuple(_rule(t) for t in data["trigger"])
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise ValueError(f"triggers.toml: ids used twice: {sorted({i for i in ids if ids.count(i) > 1})}")
    return rules


def _rule(entry: dict) -> _Rule:
    """One validated rule: known keys, a known mode, an id that names its mode first."""
    name = entry.get("id", "")
    if set(entry) - _KEYS or entry.get("mode") not in MODES or not name.startswith(f"{entry.get('mode')}."):
        raise ValueError(f"triggers.toml: bad rule {name or entry.get('pattern')!r}: keys {sorted(entry)}, "
                         f"mode {entry.get('mode')!r} (one of {sorted(MODES)}; the id begins with it)")
    pattern = rf"\b(?:{entry['pattern']})\b"
    # Rules match the lower-cased sentence; only a pattern that holds a capital ("[A-Z]")
    # also ignores case, which costs a third more.
    flags = re.IGNORECASE if pattern != pattern.lower() else 0
    return _Rule(name, entry["mode"], pattern, compile_guarded(pattern, flags), entry.get("reverse", False),
                 entry.get("directed", False), entry.get("exchange", False), entry.get("yields", False))


@cache
def _needles() -> tuple[frozenset[str] | None, ...]:
    """For each rule, words one of which every match contains (None: no such words found)."""
    return tuple(required_words(r.pattern) for r in _rules())


@cache
def _all_needles() -> tuple[str, ...]:
    return tuple(sorted(set().union(*(n for n in _needles() if n is not None))))


@cache
def _rules_by_needle() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Each needle's rules (by index), and the rules with no needles (they always run)."""
    by_needle: dict[str, list[int]] = {}
    for i, needles in enumerate(_needles()):
        for n in needles or ():
            by_needle.setdefault(n, []).append(i)
    always = tuple(i for i, needles in enumerate(_needles()) if needles is None)
    return {n: tuple(rules) for n, rules in by_needle.items()}, always


def _candidates(present: set[str]) -> list[int]:
    """The rules a sentence holding `present` may match, in the file's order."""
    by_needle, always = _rules_by_needle()
    if not present:
        return list(always)
    return sorted({i for n in present for i in by_needle.get(n, ())}.union(always))


def _present(low: str) -> set[str]:
    return {n for n in _all_needles() if n in low}


@cache
def _split_needles() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Needles of letters only, which lie inside one word when present, and the others ("sat down")."""
    needles = _all_needles()
    return tuple(n for n in needles if n.isalpha()), tuple(n for n in needles if not n.isalpha())


_HELD: dict[str, tuple[str, ...]] = {}      # a word -> the letters-only needles inside it


def _present_in_words(words: Iterable[str], low: str) -> set[str]:
    """The needles a sentence holds, found by its words: a dictionary probe per word
    instead of a substring search per needle. A word's key (lower case, accents and
    dots removed) holds every letters-only needle the sentence's text holds there."""
    letters, others = _split_needles()
    present = {n for n in others if n in low}
    for word in words:
        held = _HELD.get(word)
        if held is None:
            if len(_HELD) > 200_000:         # a bound on memory for endless streams of new words
                _HELD.clear()
            held = _HELD[word] = tuple(n for n in letters if n in word)
        if held:
            present.update(held)
    return present


def find_triggers(text: str, words: Iterable[str] | None = None) -> list[Trigger]:
    """The triggers of one sentence, left to right, overlaps resolved. `words`: the
    sentence's token keys, when known (a quicker test of which rules may match)."""
    low = text.lower()
    if len(low) != len(text):       # folding moved offsets ("İ"): fold letter by letter, keeping lengths
        low = "".join(f if len(f) == 1 else c for c, f in zip(text, map(str.lower, text)))
    present = _present(low) if words is None else _present_in_words(words, low)   # before the regexes
    rules = _rules()
    found = [Trigger(m.start(), m.end(), r.mode, r.reverse, r.directed, r.exchange, r.id, r.yields)
             for r in map(rules.__getitem__, _candidates(present))
             for m in r.regex.finditer(low) if m.group().strip()]
    if not found:
        return found
    kept: list[Trigger] = []
    # Longest first, but generic talks yield to a mode they overlap: "held video talks on Friday with"
    # is a call, though "talks on Friday with" is the longer match.
    for t in sorted(found, key=lambda t: (t.mode == "talks", -(t.end - t.start), t.start)):
        if all(t.end <= k.start or k.end <= t.start for k in kept):
            kept.append(t)
    return sorted(_without_courtesies(kept), key=lambda t: t.start)


def _without_courtesies(kept: list[Trigger]) -> list[Trigger]:
    """"Greeted Macron for a morning meeting", "congratulated him in a phone call": a
    courtesy said inside an encounter of another mode is part of it, not a contact."""
    if not any(t.yields for t in kept):
        return kept
    firm = {t.mode for t in kept if not t.yields}
    return [t for t in kept if not t.yields or not firm - {t.mode}]


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
    if not found or not all(found):
        return None
    # A needle holding another adds nothing ("dispatch" is in every "dispatched"): keep the shortest.
    return frozenset(n for n in found if not any(o != n and o in n for o in found))


def _required(seq) -> set[str] | None:
    """Needles of a sequence of regex nodes: the most selective of its parts. Runs of
    nodes that match only a few literal strings ("me" then "t|et") combine ("met", "meet")."""
    candidates: list[set[str]] = []
    run: set[str] | None = None                # the strings the current run of literal nodes spells

    def close_run() -> None:
        if run and all(run):
            candidates.append(run)

    for op, arg in seq:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue                                   # zero-width: requires nothing, breaks no literal
        exact = _exact(op, arg)
        if exact is not None:
            joined = _product(run, exact) if run is not None else exact
            if joined is None:                         # too many spellings: the run ends, a new one starts
                close_run()
            run = joined if joined is not None else exact
            continue
        close_run()
        run = None
        part = _required_node(op, arg)
        if part:
            candidates.append(part)
    close_run()
    return max(candidates, key=lambda c: min(len(w) for w in c), default=None)


_MAX_SPELLINGS = 64


def _exact(op, arg) -> set[str] | None:
    """Every string a node can match (lower case), when they are few and literal; else None."""
    if op is sre.LITERAL:
        return {chr(arg).lower()}
    if op is sre.SUBPATTERN:
        return _exact_seq(arg[-1])
    if op is sre.BRANCH:
        parts = [_exact_seq(alternative) for alternative in arg[1]]
        return None if any(p is None for p in parts) else set().union(*parts)
    if op is sre.MAX_REPEAT and arg[0] == 0 and arg[1] == 1:     # an optional part: "travell?ed"
        body = _exact_seq(arg[2])
        return body | {""} if body is not None else None
    return None


def _exact_seq(seq) -> set[str] | None:
    spelled: set[str] | None = {""}
    for op, arg in seq:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        exact = _exact(op, arg)
        spelled = _product(spelled, exact) if exact is not None and spelled is not None else None
        if spelled is None:
            return None
    return spelled


def _product(heads: set[str], tails: set[str]) -> set[str] | None:
    if len(heads) * len(tails) > _MAX_SPELLINGS:
        return None
    return {h + t for h in heads for t in tails}


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
