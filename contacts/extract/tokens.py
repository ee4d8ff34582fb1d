"""Word tokens with offsets, and the look-up keys the gazetteer uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from contacts.kb.names import strip_accents

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+|[^\w\s]")
# Joiners inside names ("Kim Jong-un", "Xi-Zelenskyy", "d'Ivoire") that the
# gazetteer looks through.
JOINERS = frozenset({"-", "‐", "'", "’"})


@dataclass(frozen=True, slots=True)
class Token:
    i: int          # position among the sentence's tokens
    text: str
    start: int      # offsets into the sentence
    end: int
    key: str        # lower case, no accents, no dots

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    return [Token(i, m.group(), m.start(), m.end(), strip_accents(m.group()).lower().replace(".", ""))
            for i, m in enumerate(_TOKEN.finditer(text))]
