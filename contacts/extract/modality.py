"""What a trigger reports: a contact that occurred, a planned one, a reported
count (tally), or nothing (negated, wished for, hypothetical, said in public).

The cues are data (rules/cues.toml); this module says where each side of a cue
is looked for and in which order the kinds of cue decide."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import NamedTuple

from contacts.extract.prefilter import compile_guarded, first_chars

OCCURRED, PLANNED, TALLY, NOT_A_CONTACT = "occurred", "planned", "tally", "none"
WINDOW_BEFORE = 60   # characters of the clause before a trigger that cues may stand in
WINDOW_AFTER = 45
WINDOW_REACH = 100   # "speculation that President Trump and Iranian President Hassan Rouhani would meet"
WINDOW_PUBLIC = 90   # "congratulated Argentina's president-elect Alberto Fernández on Twitter"
_CLAUSE_BREAK = compile_guarded(r"[;:“”\"()]|,\s|\b(?:that|which|who|but|however|while|whereas|although)\b", re.I)
# a sentence that opens with a phrase, not yet past its comma: "At the meeting with Patrushev"
_FRONTED = re.compile(r"\s*(?:at|during|in|after|before|following|on|ahead of|upon)\b[^,;:]*$", re.I)
_BREAK = compile_guarded(r"(?P<strong>[;“”\"()]|\b(?:but|however|whereas|although|while)\b)|:|,\s|\b(?:that|which|who)\b", re.I)
_INFINITIVE = compile_guarded(r"\bto\s+$", re.I)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "twice": 2, "thrice": 3}
_SIDES = {"before", "reach", "after", "own"}
_KINDS = {"negation", "denied", "wish", "hypothetical", "public", "tally", "firm", "planned", "purpose"}


class Cue(NamedTuple):
    """One kind of cue: a regex per side it is looked for on, and what it applies to."""

    sides: dict[str, re.Pattern]
    applies: tuple[str, ...]        # modes or rule ids; empty: every trigger

    def applies_to(self, rule: str) -> bool:
        return not self.applies or any(rule == a or rule.startswith(f"{a}.") for a in self.applies)

    def on(self, side: str, text: str) -> bool:
        regex = self.sides.get(side)
        return bool(regex and regex.search(text))


@cache
def _cues() -> dict[str, Cue]:
    data = tomllib.loads(resources.files("contacts.extract").joinpath("rules/cues.toml").read_text("utf-8"))
    if set(data) != _KINDS:
        raise ValueError(f"cues.toml: kinds {sorted(data)}, expected {sorted(_KINDS)}")
    return {kind: _cue(kind, entry) for kind, entry in data.items()}


# The kinds in the order they decide: where two begin at one place, the first is reported.
_PRECEDENCE = ("negation", "denied", "firm", "wish", "hypothetical", "public", "tally", "planned", "purpose")


class _Side(NamedTuple):
    """Every cue of one side in one regex, and each kind's own regex to tell which it was."""

    any: re.Pattern
    kinds: tuple[tuple[str, re.Pattern], ...]     # in the order they decide


@cache
def _sides() -> dict[str, _Side]:
    """One pass over a window finds every cue in it; the kind of each cue found is then
    read in _PRECEDENCE order (one cue may be of two kinds: "agreed to" is firm and planned)."""
    cues = _cues()
    words: dict[str, list[str]] = {}
    for kind in _PRECEDENCE:
        for side, words_of_kind in _cue_words()[kind].items():
            words.setdefault(side, []).extend(words_of_kind)
    sides = {side: _Side(_bucketed(w), tuple((kind, cues[kind].sides[side]) for kind in _PRECEDENCE
                                              if side in cues[kind].sides))
             for side, w in words.items()}
    # the words before a trigger are scanned once for both their sides ("left")
    sides["left"] = _Side(_bucketed(words["before"] + words["reach"]), ())
    return sides


@cache
def _cue_words() -> dict[str, dict[str, list[str]]]:
    data = tomllib.loads(resources.files("contacts.extract").joinpath("rules/cues.toml").read_text("utf-8"))
    return {kind: {side: w for side, w in entry.items() if side in _SIDES} for kind, entry in data.items()}


def _bucketed(alternatives: list[str]) -> re.Pattern:
    """The alternatives as one regex, grouped by the letter they begin with behind a
    lookahead of it: `re` then tries a few groups at each word, not every alternative."""
    buckets: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for alternative in alternatives:
        chars = first_chars(alternative)
        for c in sorted(chars) if chars else ():
            buckets.setdefault(c, []).append(alternative)
        if not chars:
            anywhere.append(alternative)
    parts = [f"(?={re.escape(c)})(?:{'|'.join(alts)})" for c, alts in sorted(buckets.items())] + anywhere
    flags = re.I if any(a != a.lower() for a in alternatives) else 0
    return compile_guarded(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", flags)


def _left_kinds(reach: str, clause_from: int) -> tuple[set[str], set[str]]:
    """The kinds of `before` cues in the clause (from `clause_from` on) and of `reach`
    cues anywhere in `reach`, in one pass."""
    sides = _sides()
    before_kinds, reach_kinds = sides["before"].kinds, sides["reach"].kinds
    before: set[str] = set()
    across: set[str] = set()
    for at in _starts(sides["left"].any, reach):
        kind = next((kind for kind, regex in reach_kinds if regex.match(reach, at)), "")
        if kind:
            across.add(kind)
        if at >= clause_from:
            before.add(next((kind for kind, regex in before_kinds if regex.match(reach, at)), ""))
    return before, across


def _kinds(side: str, text: str, limit: int = 1 << 30) -> set[str]:
    """The kinds of cue on `side` found in `text` (beginning before `limit`)."""
    found: set[str] = set()
    where = _sides()[side]
    for at in _starts(where.any, text):
        if at >= limit:
            break
        found.add(next((kind for kind, regex in where.kinds if regex.match(text, at)), ""))
    return found


def _starts(regex: re.Pattern, text: str):
    """Where cues begin, overlaps included: a long cue ("plans for a … $") must not hide
    one inside it ("possible")."""
    m = regex.search(text)
    while m:
        yield m.start()
        m = regex.search(text, m.start() + 1)


def _cue(kind: str, entry: dict) -> Cue:
    applies = tuple(entry.pop("applies", ()))
    if not set(entry) <= _SIDES or not entry:
        raise ValueError(f"cues.toml [{kind}]: sides {sorted(entry)}, expected some of {sorted(_SIDES)}")
    # Matched against lower-cased windows; a pattern with a capital also ignores case (slower).
    return Cue({side: compile_guarded(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)",
                                      re.I if any(w != w.lower() for w in words) else 0)
                for side, words in entry.items()}, applies)


def clause_before(sentence: str, start: int) -> str:
    return windows_before(sentence, start)[0]


def reach_before(sentence: str, start: int) -> str:
    return windows_before(sentence, start)[1]


def windows_before(sentence: str, start: int) -> tuple[str, str]:
    """The trigger's clause up to it (at most WINDOW_BEFORE characters, from its last
    clause break), and its reach: the words before it across commas and "that", back
    to a contrast or a quote (at most WINDOW_REACH). One pass over the text finds both."""
    first = max(0, start - WINDOW_REACH)
    window = sentence[first:start]
    clause_from = max(0, start - WINDOW_BEFORE) - first
    last_break = last_strong = 0
    for m in _BREAK.finditer(window):
        if m.lastgroup == "strong":
            last_strong = m.end()
        if m.start() >= clause_from:
            last_break = m.end()
    return window[max(last_break, clause_from):], window[last_strong:]


def clause_after(sentence: str, start: int, end: int, width: int = WINDOW_AFTER) -> str:
    """The words after a trigger up to the next clause break: a neighbouring clause's
    "next week" is not this trigger's ("met Xi, and will fly to Delhi next week"). A
    trigger in a fronted phrase takes its main clause ("At the meeting with Patrushev,
    Bolton is expected to …"): the window then runs past the comma."""
    window = sentence[end:end + width]
    found = _CLAUSE_BREAK.search(window)
    if found and (not window[:found.start()].strip() and found.group()[0].isalpha()    # "a visit that begins Monday"
                  or found.group().startswith(",") and _FRONTED.match(sentence[:start])):
        found = _CLAUSE_BREAK.search(window, found.end())
    return window[:found.start()] if found else window


def classify(sentence: str, start: int, end: int, rule: str = "") -> str:
    """OCCURRED, PLANNED, TALLY or NOT_A_CONTACT for the trigger at [start, end);
    `rule`: the id of the trigger's rule (some cues are for some modes only)."""
    clause, reach_text = windows_before(sentence, start)
    before, reach = _left_kinds(reach_text.lower(), len(reach_text) - len(clause))
    wide_after = clause_after(sentence, start, end, WINDOW_PUBLIC).lower()
    after = _kinds("after", wide_after, WINDOW_AFTER)
    cues = _cues()
    if "negation" in before or cues["negation"].sides["after"].match(sentence[end:end + WINDOW_AFTER].lower().lstrip()):
        return NOT_A_CONTACT
    if "denied" in reach:
        return NOT_A_CONTACT     # across the clause break: "denied that …" governs the clause after it
    if "wish" in before and "firm" not in before or "hypothetical" in before:
        return NOT_A_CONTACT
    if cues["public"].applies_to(rule) and ("public" in reach or "public" in _kinds("after", wide_after)):
        return NOT_A_CONTACT     # "congratulated Lula in a post on X": a statement, not a message to him
    if "tally" in after:
        return TALLY
    if "firm" in before or "planned" in before or "planned" in after or "planned" in _kinds("own", sentence[start:end].lower()):
        return PLANNED
    if _INFINITIVE.search(clause):
        # "arrived in Pyongyang, to meet Kim": still ahead on a trip; "sent an envoy to hold talks": a purpose only
        return PLANNED if "purpose" in reach else NOT_A_CONTACT
    return OCCURRED


def tally_count(sentence: str, end: int) -> int | None:
    m = _cues()["tally"].sides["after"].search(clause_after(sentence, end, end).lower())
    if not m:
        return None
    word = m.group().split()[0].lower() if " " in m.group() else m.group().lower()
    if word == "on":
        word = m.group().split()[1].lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word)
