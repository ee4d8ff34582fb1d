"""Word tokens with offsets, and the look-up keys the gazetteer uses."""

from __future__ import annotations

import re
from itertools import count, repeat
from typing import NamedTuple

from contacts.kb.names import strip_accents

_TOKEN = re.compile(r"[A-Za-z]\.(?:[A-Za-z]\.)+|\w+|[^\w\s]")
_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end
# Joiners inside names ("Kim Jong-un", "Xi-Zelenskyy", "d'Ivoire") that the
# gazetteer looks through.
JOINERS = frozenset({"-", "‐", "'", "’"})


class Token(NamedTuple):
    """A word or punctuation mark (a tuple: tens of thousands are made per second)."""

    i: int          # position among the sentence's tokens
    text: str
    start: int      # offsets into the sentence
    end: int
    key: str        # lower case, no accents, no dots

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


class Tokens(list):
    """A sentence's tokens, with their texts and keys also as lists (the chunker reads them in bulk)."""

    __slots__ = ("texts", "keys")


def tokenize(text: str) -> Tokens:
    matches = list(_TOKEN.finditer(text))
    words = list(map(_GROUP, matches))
    if text.isascii():
        keys = map(str.lower, words)
    else:           # folding can change a word's length outside ASCII (a ligature): each word alone
        keys = (strip_accents(w).lower() for w in words)
    keys = list(map(str.replace, keys, repeat("."), repeat("")))
    # Built by C-level maps, skipping NamedTuple's Python-level __new__: most of the cost otherwise.
    tokens = Tokens(map(tuple.__new__, repeat(Token),
                        zip(count(), words, map(_START, matches), map(_END, matches), keys)))
    tokens.texts, tokens.keys = words, keys
    return tokens
