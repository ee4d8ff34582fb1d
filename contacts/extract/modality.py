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

from contacts.extract.prefilter import compile_guarded

OCCURRED, PLANNED, TALLY, NOT_A_CONTACT = "occurred", "planned", "tally", "none"
WINDOW_BEFORE = 60   # characters of the clause before a trigger that cues may stand in
WINDOW_AFTER = 45
WINDOW_REACH = 100   # "speculation that President Trump and Iranian President Hassan Rouhani would meet"
WINDOW_PUBLIC = 90   # "congratulated Argentina's president-elect Alberto Fernández on Twitter"
_CLAUSE_BREAK = compile_guarded(r"[;:“”\"()]|,\s|\b(?:that|which|who|but|however|while|whereas|although)\b", re.I)
# a sentence that opens with a phrase, not yet past its comma: "At the meeting with Patrushev"
_FRONTED = re.compile(r"\s*(?:at|during|in|after|before|following|on|ahead of|upon)\b[^,;:]*$", re.I)
_STRONG_BREAK = compile_guarded(r"[;“”\"()]|\b(?:but|however|whereas|although|while)\b", re.I)
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


@cache
def _any_cue() -> dict[str, re.Pattern]:
    """For each side, one regex of every kind's cues (a quick test that none is there)."""
    data = tomllib.loads(resources.files("contacts.extract").joinpath("rules/cues.toml").read_text("utf-8"))
    words: dict[str, list[str]] = {}
    for entry in data.values():
        for side, cues in entry.items():
            if side in _SIDES:
                words.setdefault(side, []).extend(cues)
    return {side: compile_guarded(rf"(?<!\w)(?:{'|'.join(w)})(?!\w)", re.I if any(c != c.lower() for c in w) else 0)
            for side, w in words.items()}


def _cue(kind: str, entry: dict) -> Cue:
    applies = tuple(entry.pop("applies", ()))
    if not set(entry) <= _SIDES or not entry:
        raise ValueError(f"cues.toml [{kind}]: sides {sorted(entry)}, expected some of {sorted(_SIDES)}")
    # Matched against lower-cased windows; a pattern with a capital also ignores case (slower).
    return Cue({side: compile_guarded(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)",
                                      re.I if any(w != w.lower() for w in words) else 0)
                for side, words in entry.items()}, applies)


def clause_before(sentence: str, start: int) -> str:
    window = sentence[max(0, start - WINDOW_BEFORE):start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end():] if breaks else window


def reach_before(sentence: str, start: int) -> str:
    """The words before a trigger across commas and "that", back to a contrast or a quote."""
    window = sentence[max(0, start - WINDOW_REACH):start]
    breaks = list(_STRONG_BREAK.finditer(window))
    return window[breaks[-1].end():] if breaks else window


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
    cues, any_cue = _cues(), _any_cue()
    reach = reach_before(sentence, start).lower()
    before = clause_before(sentence, start).lower()
    wide_after = clause_after(sentence, start, end, WINDOW_PUBLIC).lower()
    after = wide_after[:WINDOW_AFTER]
    # Most triggers stand among no cue at all: one search a side says so.
    near_before = bool(any_cue["before"].search(before))
    near_reach = bool(any_cue["reach"].search(reach))
    near_after = bool(any_cue["after"].search(wide_after))
    if (near_before and cues["negation"].on("before", before)
            or cues["negation"].sides["after"].match(sentence[end:end + WINDOW_AFTER].lower().lstrip())):
        return NOT_A_CONTACT
    if near_reach and cues["denied"].on("reach", reach):
        return NOT_A_CONTACT     # across the clause break: "denied that …" governs the clause after it
    firm = near_before and cues["firm"].on("before", before)
    if near_before and (cues["wish"].on("before", before) and not firm or cues["hypothetical"].on("before", before)):
        return NOT_A_CONTACT
    if cues["public"].applies_to(rule) and (
            near_reach and cues["public"].on("reach", reach) or near_after and cues["public"].on("after", wide_after)):
        return NOT_A_CONTACT     # "congratulated Lula in a post on X": a statement, not a message to him
    if near_after and cues["tally"].on("after", after):
        return TALLY
    if (firm or near_before and cues["planned"].on("before", before) or near_after and cues["planned"].on("after", after)
            or cues["planned"].on("own", sentence[start:end].lower())):
        return PLANNED
    if _INFINITIVE.search(before):
        # "arrived in Pyongyang, to meet Kim": still ahead on a trip; "sent an envoy to hold talks": a purpose only
        return PLANNED if near_reach and cues["purpose"].on("reach", reach) else NOT_A_CONTACT
    return OCCURRED


def tally_count(sentence: str, end: int) -> int | None:
    m = _cues()["tally"].sides["after"].search(clause_after(sentence, end, end).lower())
    if not m:
        return None
    word = m.group().split()[0].lower() if " " in m.group() else m.group().lower()
    if word == "on":
        word = m.group().split()[1].lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word)
