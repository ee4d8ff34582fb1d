"""Spellings of a person's name as real texts write them (issue 20, kind 8).

Two jobs, both read from data/name_variants.toml:
- `spellings`: the variants of a knowledge-base name that are safe to index as
  gazetteer keys (transliterations, the name without its middle initials or an
  "al-", family name first where the press writes it so);
- `likeness`: how well a name as written matches a known person's name, allowing
  honorifics, particles, initials, transliterations, extra or missing names and a
  letter off. Used only among a state's office holders on a date (never to guess
  a typo among all people).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from itertools import product
from typing import NamedTuple

from contacts.kb.names import name_key

MAX_SPELLINGS = 8          # variants per name: enough for the transliterations, no combinatorial growth


class Rules(NamedTuple):
    honorifics: frozenset[str]
    suffixes: frozenset[str]
    particles: frozenset[str]
    spelling_group: dict[str, tuple[str, ...]]   # word -> every spelling of that name
    endings: dict[str, tuple[str, ...]]          # ending -> the endings written for it
    family_first: frozenset[str]


@cache
def rules() -> Rules:
    data = tomllib.loads(resources.files("contacts.kb.data").joinpath("name_variants.toml").read_text("utf-8"))
    groups = {w: tuple(g) for g in data["transliterations"] for w in g}
    endings: dict[str, set[str]] = {}
    for pair in data["endings"]:
        for ending in pair:
            endings.setdefault(ending, set()).update(pair)
    return Rules(frozenset(data["honorifics"]), frozenset(data["suffixes"]), frozenset(data["particles"]),
                 groups, {e: tuple(sorted(v - {e})) for e, v in endings.items()},
                 frozenset(data["family_name_first_in_text"]))


# ---- the parts of a name ------------------------------------------------------
def core_words(text: str) -> tuple[str, ...]:
    """The words that identify a person: no honorifics before, no "Jr" after, no particles,
    no initials ("Dr. S. Jaishankar" -> jaishankar; "Malcolm B. Turnbull" -> malcolm turnbull)."""
    r = rules()
    words = name_key(text).replace("'", "").split()
    while len(words) > 1 and words[0] in r.honorifics:
        words.pop(0)
    while len(words) > 1 and words[-1] in r.suffixes:
        words.pop()
    kept = [w for w in words if w not in r.particles and len(w) > 1]
    return tuple(kept or words)


@cache
def canonical(word: str) -> str:
    """One spelling for every transliteration of a word ("Muhammad" -> "mohammed", "Atambaev" -> "atambayev")."""
    r = rules()
    if word in r.spelling_group:
        return r.spelling_group[word][0]
    for size in (4, 3, 2):
        ending = word[-size:]
        if len(word) > size + 2 and ending in r.endings:
            return word[:-size] + min((ending, *r.endings[ending]))
    return word


# ---- comparing two names ---------------------------------------------------------
STRONG, ALIKE, OFF_BY_ONE = 3, 2, 1


def word_likeness(a: str, b: str) -> int:
    if a == b:
        return STRONG
    if canonical(a) == canonical(b):
        return ALIKE
    return OFF_BY_ONE if _one_edit(a, b) else 0


def _one_edit(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped ("Loung"/"Loong", "Koford"/"Kofod")."""
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 2:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]


def likeness(written: tuple[str, ...], known: tuple[str, ...]) -> int:
    """How well the core words of a name as written match a known name's (0 = not the same person).

    Every word of one side must be matched (extra given or family names on the other side are
    allowed: "Pedro Sánchez Pérez-Castejón", "Kang Kyung"), or two words strongly; at least one word
    must match in full or by transliteration unless both sides match word for word."""
    unused, strong, total, matched = list(known), 0, 0, 0
    for word in written:
        best = max(((word_likeness(word, k), k) for k in unused), default=(0, ""))
        if best[0]:
            unused.remove(best[1])
            matched += 1
            total += best[0]
            strong += best[0] >= ALIKE
    covered = matched == len(written) or matched == len(known)
    if not (covered or strong >= 2):
        return 0
    # no word in full: only a letter off in each of two words or more, or in one long word
    if not strong and not (matched == len(written) == len(known) and (matched >= 2 or len(written[0]) >= 6)):
        return 0
    return total * 10 + (matched == len(written)) + (matched == len(known))


def prefix_likeness(written: tuple[str, ...], known: tuple[str, ...]) -> bool:
    """A name cut short: "Kang Kyung" for "Kang Kyung-wha" (key 'kang kyung wha')."""
    return len(written) >= 2 and known[:len(written)] == written and len(known) > len(written)


# ---- spellings to index ----------------------------------------------------------
def spellings(key: str, country: str | None) -> list[str]:
    """Keys a knowledge-base name key is also written as, safe to look up anywhere: its
    transliterations, the name without middle initials or an "al-", the family name first where
    the press writes it so. (A key's one-letter words that are not particles are initials.)"""
    words = key.split()
    if len(words) < 2:
        return []
    r = rules()
    options = [_written_as(w) for w in words]
    varied = any(len(o) > 1 for o in options)
    if not varied and country not in r.family_first and not _ARTICLES.intersection(words) and \
            min(map(len, words)) > 1:
        return []                       # the common case: nothing to vary
    found: list[str] = []
    without_initials = [w for k, w in enumerate(words)
                        if len(w) > 1 or w in r.particles or k in (0, len(words) - 1)]
    if len(without_initials) >= 2 and without_initials != words:
        found.append(" ".join(without_initials))
    found += _without_article(words)
    if country in r.family_first and len(words) == 2:
        found.append(f"{words[1]} {words[0]}")
    if varied:
        one_changed = [(*words[:k], alt, *words[k + 1:]) for k, alts in enumerate(options) for alt in alts[1:]]
        for combo in [*one_changed, *product(*options)]:
            if len(found) >= MAX_SPELLINGS:
                break
            found.append(" ".join(combo))
    return [k for k in dict.fromkeys(found) if k != key]


def surname_spellings(surname_key: str) -> list[str]:
    """A family name's other spellings: without its article ("al jubeir" -> "jubeir") and with the
    other transliterated ending ("lipavsky" -> "lipavskyy"); given-name spellings are not used, or a
    "Mohamed" family name would answer for every Mohammed."""
    words = surname_key.split()
    found = _without_article(words)
    last = _ending_variants(words[-1])
    found += [" ".join((*words[:-1], w)) for w in last]
    return [k for k in dict.fromkeys(found) if k != surname_key and len(k) >= 4]


_ARTICLES = frozenset({"al", "el", "ad", "as", "ash"})


def _without_article(words: list[str]) -> list[str]:
    kept = [w for w in words if w not in _ARTICLES]
    return [" ".join(kept)] if kept and kept != words and (len(kept) >= 2 or len(words) == 2) else []


def _ending_variants(word: str) -> list[str]:
    r = rules()
    for size in (4, 3, 2):
        ending = word[-size:]
        if len(word) > size + 2 and ending in r.endings and ending in ("skyy", "skiy", "sky", "ayev", "aev"):
            return [word[:-size] + e for e in r.endings[ending]]
    return []


@cache
def _written_as(word: str) -> tuple[str, ...]:
    r = rules()
    if word in r.spelling_group:
        return (word, *(w for w in r.spelling_group[word] if w != word))
    return (word, *_ending_variants(word))
