"""Regexes that turn a position away by its first character before trying a pattern.

Python's `re` tries every alternative of a pattern such as `\\b(?:January|February|…)`
at every position of the text. A lookahead of the characters a match can begin
with (`(?=[ADFJMNOS])`) turns most positions away at once: the date patterns run
twice as fast. The characters are read off the parsed pattern, so rules stay
plain regular expressions, and a pattern whose first character cannot be read
(a `\\w`, a `.`, an empty match) is compiled as it is.

`re` makes such a check itself when a pattern opens with literals or a class
("week|month|year"); a zero-width opening (`\\b`, a look-around) hides them from
it, and only then is the guard added (elsewhere it would double the work).
"""

from __future__ import annotations

import re
import re._parser as sre

_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))
_MAX_RANGE = 128        # a class wider than this ("[\u0000-\uffff]") says nothing worth a lookahead


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of `pattern` can begin with, or None when unknown or any."""
    parsed = _parse(pattern, flags)
    return None if parsed is None else _first_chars(parsed)


def compile_guarded(pattern: str, flags: int = 0) -> re.Pattern:
    """`pattern` compiled behind a lookahead of its first characters (same matches, faster misses)
    when a zero-width opening hides them from `re`. The lookahead takes the pattern's flags,
    so under IGNORECASE it admits every case."""
    parsed = _parse(pattern, flags)
    chars = _first_chars(parsed) if parsed is not None and _opens_zero_width(parsed) else None
    if chars is None:
        return re.compile(pattern, flags)
    return re.compile(f"(?=[{''.join(map(re.escape, sorted(chars)))}])(?:{pattern})", flags)


def _parse(pattern: str, flags: int):
    try:
        return sre.parse(pattern, flags)
    except Exception:       # a construct the parser's internals hold differently: no guard
        return None


def _first_chars(parsed) -> frozenset[str] | None:
    chars, nullable = _first_of_seq(parsed)
    return frozenset(chars) if chars and not nullable else None


def _first_of_seq(seq) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence can match the empty string)."""
    chars: set[str] = set()
    for op, arg in seq:
        if op in _ZERO_WIDTH:
            continue
        node, nullable = _first_of_node(op, arg)
        if node is None:
            return None, False
        chars |= node
        if not nullable:
            return chars, False
    return chars, True


def _first_of_node(op, arg) -> tuple[set[str] | None, bool]:
    if op is sre.LITERAL:
        return {chr(arg)}, False
    if op is sre.IN:
        return _class_chars(arg), False
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, body = arg
        return _first_of_seq(body) if not (add_flags or del_flags) else (None, False)
    if op is sre.BRANCH:
        parts = [_first_of_seq(alternative) for alternative in arg[1]]
        if any(chars is None for chars, _ in parts):
            return None, False
        return set().union(*(chars for chars, _ in parts)), any(nullable for _, nullable in parts)
    if op in _REPEATS:
        low, _high, body = arg
        chars, nullable = _first_of_seq(body)
        return chars, nullable or low == 0
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _first_of_seq(arg)
    return None, False


def _class_chars(items) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars.add(chr(arg))
        elif op is sre.RANGE and arg[1] - arg[0] < _MAX_RANGE:
            chars.update(map(chr, range(arg[0], arg[1] + 1)))
        else:               # a category (\w, \d), a negation, a wide range
            return None
    return chars


def _opens_zero_width(seq) -> bool:
    """Whether some way through the pattern meets a zero-width node before its first character."""
    for op, arg in seq:
        if op in _ZERO_WIDTH:
            return True
        if op is sre.SUBPATTERN:
            return _opens_zero_width(arg[-1])
        if op is sre.BRANCH:
            return any(_opens_zero_width(alternative) for alternative in arg[1])
        if op in _REPEATS:
            return _opens_zero_width(arg[2])
        return False
    return False
