"""Normalising names into look-up keys, shared by the gazetteer and queries."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "–": "-", "—": "-"})
_NON_WORD = re.compile(r"[^a-z0-9']+")


# Latin letters that Unicode does not decompose into a base letter and an accent
# ("Støre", "Łukasz", "Đukanović", "Davíð", "Gürel"'s dotless ı): their plain spelling.
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ł": "l",
                               "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
                               "ß": "ss", "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T"})


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """'Erdoğan' -> 'erdogan'; 'Kim Jong-un' -> 'kim jong un'; 'the Kremlin' -> 'kremlin'.

    Dots vanish ('U.S.' -> 'us'), hyphens and spaces fold into one space, and a
    leading 'the' is dropped, so every spelling the press uses meets one key.
    """
    text = strip_accents(text.translate(_APOSTROPHES)).lower().replace(".", "")
    key = " ".join(_NON_WORD.split(text)).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


def slug(text: str) -> str:
    return name_key(text).replace("'", "").replace(" ", "-")
