"""What a trigger reports: a contact that occurred, a planned one, a reported
count (tally), or nothing (negated, wished for, hypothetical)."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from contacts.extract.prefilter import compile_guarded

OCCURRED, PLANNED, TALLY, NOT_A_CONTACT = "occurred", "planned", "tally", "none"
WINDOW_BEFORE = 60   # characters of the clause before a trigger that cues may stand in
WINDOW_AFTER = 45
_CLAUSE_BREAK = compile_guarded(r"[;:“”\"()]|,\s|\b(?:that|which|who|but|however|while|whereas|although)\b", re.I)
_INFINITIVE = compile_guarded(r"\bto\s+$", re.I)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "twice": 2, "thrice": 3}


@cache
def _cues() -> dict[str, dict[str, re.Pattern]]:
    data = tomllib.loads(resources.files("contacts.extract").joinpath("rules/cues.toml").read_text("utf-8"))
    # Matched against lower-cased windows; a pattern with a capital also ignores case (slower).
    return {kind: {side: compile_guarded(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)",
                                    re.I if any(w != w.lower() for w in words) else 0)
                   for side, words in sides.items()} for kind, sides in data.items()}


def clause_before(sentence: str, start: int) -> str:
    window = sentence[max(0, start - WINDOW_BEFORE):start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end():] if breaks else window


def classify(sentence: str, start: int, end: int) -> str:
    """OCCURRED, PLANNED, TALLY or NOT_A_CONTACT for the trigger at [start, end)."""
    before = clause_before(sentence, start).lower()
    after = sentence[end:end + WINDOW_AFTER].lower()
    cues = _cues()
    if cues["negation"]["before"].search(before) or cues["negation"]["after"].match(after.lstrip()):
        return NOT_A_CONTACT
    if cues["denied"]["before"].search(sentence[max(0, start - WINDOW_BEFORE):start].lower()):
        return NOT_A_CONTACT     # across the clause break: "denied that …" governs the clause after it
    if cues["wish"]["before"].search(before) or cues["hypothetical"]["before"].search(before):
        return NOT_A_CONTACT
    if cues["tally"]["after"].search(after):
        return TALLY
    if cues["planned"]["before"].search(before) or cues["planned"]["after"].search(after):
        return PLANNED
    if _INFINITIVE.search(before):
        return NOT_A_CONTACT   # "sent an envoy to hold talks": a purpose, not a contact of its own
    return OCCURRED


def tally_count(sentence: str, end: int) -> int | None:
    m = _cues()["tally"]["after"].search(sentence[end:end + WINDOW_AFTER].lower())
    if not m:
        return None
    word = m.group().split()[0].lower() if " " in m.group() else m.group().lower()
    if word == "on":
        word = m.group().split()[1].lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word)
