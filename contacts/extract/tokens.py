"""Word tokens with offsets, and the look-up keys the gazetteer uses."""

from __future__ import annotations

import re
from typing import NamedTuple

from contacts.kb.names import strip_accents

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+|[^\w\s]")
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


def tokenize(text: str) -> list[Token]:
    # Keys are slices of the sentence folded once; folding can change the length
    # only outside ASCII (a ligature, say), where each token is folded alone.
    folded = text.lower() if text.isascii() else None
    tokens = []
    make = tuple.__new__          # skips NamedTuple's Python-level __new__: a third of the cost
    for i, m in enumerate(_TOKEN.finditer(text)):
        start, end = m.span()
        word = m.group()
        key = folded[start:end] if folded is not None else strip_accents(word).lower()
        tokens.append(make(Token, (i, word, start, end, key.replace(".", "") if "." in key else key)))
    return tokens
