"""Place mentions in a sentence: where an encounter happened, never a party to it.

A known place name (contacts/kb/places.py) is a place mention when its words
say so: a preposition or verb before it ("in Sochi", "at the Kremlin", "arrived
in", "after Kiev,", "travelled to Samarkand"), its country after it ("Samarkand,
Uzbekistan": one place, and Uzbekistan is not a party), the "capital" before it
("the Qatari capital, Doha"), or a dateline at the start ("MOSCOW, Oct 22
(Reuters) -"). A name alone ("the Sochi talks", "Moscow said") is no place: a
capital there still stands for its state as an actor, and a city that is also
a word or a name ("Reading", "Victoria") never fires on its own.

`situate` turns the places into actor mentions of their state (via "place", or
"dateline"), replacing the state mentions they cover: a place after "to" or
"visited" is the host of a visit; after "in", "at", "after" it is where, and
frames read it as the location.
"""

from __future__ import annotations

import re
from itertools import compress, count
from typing import NamedTuple

from contacts.extract.actors import ActorMention
from contacts.extract.tokens import JOINERS, Token, tokenize
from contacts.kb import Kind, KnowledgeBase
from contacts.kb.places import Gazetteer, Place, gazetteer

# Words before a place that make it one. Locative: where something happens (a weak name too).
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside"})
# Movement: the place a visit goes to or comes from; a party of a visit ("travelled to Sochi": Russia).
MOVEMENT = frozenset({"to", "toward", "towards", "into", "from", "visit", "visits", "visited", "visiting",
                      "reached", "reach", "reaches", "via", "leaving", "left"})
# A place after these is where, not whom: "after Kiev, he travelled to Moscow".
SEQUENCE = frozenset({"after", "before", "from"})
PARTY_CUES = MOVEMENT - {"via", "leaving", "left"}
_DETERMINERS = frozenset({"the", "a", "an"})
_DASHES = frozenset({"-", "–", "—", "‐", ":"})
_MONTH_WORDS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
                         "july august september october november december".split())
_SKIPPED = JOINERS | {"."}


class PlaceMention(NamedTuple):
    first: int          # token positions, inclusive
    last: int
    place: Place
    cue: str            # the word before it, "," (its country follows), "capital", "dateline" ("" for none)


class _Stream(NamedTuple):
    """The sentence's words without joiners and dots, as place names are keyed ("Sharm el-Sheikh")."""

    tokens: list[Token]
    keys: list[str]
    all: list[Token]        # every token of the sentence (datelines read the punctuation)


def _stream(tokens: list[Token]) -> _Stream:
    kept = [t for t in tokens if t.text not in _SKIPPED]
    return _Stream(kept, [t.key for t in kept], tokens)


def _longest(s: _Stream, i: int, gaz: Gazetteer) -> tuple[int, tuple[Place, ...]]:
    """The longest place name starting at stream position i: (its last position, its readings)."""
    most = gaz.longest.get(s.keys[i], 0)
    for n in range(min(most, len(s.keys) - i), 0, -1):
        found = gaz.places.get(" ".join(s.keys[i:i + n]))
        if found and s.tokens[i + n - 1].capitalised:
            return i + n - 1, found
    return -1, ()


def _country_after(s: _Stream, j: int, gaz: Gazetteer) -> tuple[int, frozenset[str]]:
    """"…, Uzbekistan" / "…, Texas" after position j: (the country's last position, its codes)."""
    if j + 2 > len(s.keys) or s.tokens[j + 1].text != ",":
        return -1, frozenset()
    for n in range(min(4, len(s.keys) - j - 2), 0, -1):
        codes = gaz.countries.get(" ".join(s.keys[j + 2:j + 2 + n]))
        if codes and s.tokens[j + 2].capitalised:
            return j + 1 + n, codes
    return -1, frozenset()


def _cue(s: _Stream, i: int) -> str:
    """The word before a place, past its determiners ("at the Kremlin": "at")."""
    k = i - 1
    while k >= 0 and s.keys[k] in _DETERMINERS:
        k -= 1
    if k >= 0 and s.keys[k] == "capital":      # "in the Qatari capital(,) Doha": the capital is the place
        return "capital"
    if k >= 1 and s.keys[k] == "," and s.keys[k - 1] == "capital":
        return "capital"
    return s.keys[k] if k >= 0 else ""


def _capital_phrase(s: _Stream, i: int) -> int:
    """Where "the South Korean capital, Pyongyang" begins: the capital's own words describe the place
    (and may be an outlet's slip), so the state they name is no party either."""
    k = i - 1
    while k >= 0 and s.keys[k] in (",", "capital"):
        k -= 1
    while k >= 0 and s.tokens[k].capitalised and s.keys[k] not in _DETERMINERS:
        k -= 1
    return k + 1


def _choose(readings: tuple[Place, ...], codes: frozenset[str]) -> Place | None:
    return next((p for p in readings if p.country in codes), None) if codes else readings[0]


def _fires(place: Place, cue: str, comma_after: bool) -> bool:
    """Does the word before the name make it a place? A common word ("in March") never; a weak name
    only after "in", "at";
    "after", "before" only as a phrase of their own ("After Kiev, he …", not "after Moscow said")."""
    if place.word:
        return cue in ("capital", "dateline")
    if cue in LOCATIVE or cue in ("capital", "dateline"):
        return True
    if place.weak:
        return False
    return cue in MOVEMENT or (cue in SEQUENCE and comma_after)


def find_places(tokens: list[Token], kb: KnowledgeBase, named: frozenset[str] = frozenset(),
                blocked: frozenset[int] = frozenset()) -> list[PlaceMention]:
    """The place mentions of a sentence. `named`: countries the sentence names (a name shared by
    several places means the one there); `blocked`: token positions of people and organisations."""
    gaz = gazetteer(kb)
    s = _stream(tokens)
    out: list[PlaceMention] = []
    dateline = _dateline_end(s, gaz)
    done = 0                # stream positions before this are read
    # Most words begin no place name: only those that may are looked at (a dictionary probe each, in bulk).
    for i in compress(count(), map(gaz.longest.__contains__, s.keys)):
        if i < done:
            continue
        tok = s.tokens[i]
        opens = tok.capitalised or (s.keys[i] == "the" and i + 1 < len(s.tokens) and s.tokens[i + 1].capitalised)
        if not opens or tok.i in blocked:
            continue
        last, readings = _longest(s, i, gaz)
        if last < 0:
            continue
        end, codes = _country_after(s, last, gaz)
        place = _choose(readings, codes) if end >= 0 else None
        if place is None:
            end = last
            place = next((p for p in readings if p.country in named), readings[0])
        cue = "dateline" if last <= dateline else "," if end > last else _cue(s, i).strip(",")
        comma_after = end + 1 < len(s.tokens) and s.tokens[end + 1].text == ","
        if cue in (",", "dateline") or _fires(place, cue, comma_after) and not _name_goes_on(s, end):
            first = _capital_phrase(s, i) if cue == "capital" else i
            out.append(PlaceMention(s.tokens[first].i, s.tokens[end].i, place, cue))
        done = end + 1
    return out


def _name_goes_on(s: _Stream, end: int) -> bool:
    """"in Victoria Nuland's office": a capitalised word after the name makes it part of another."""
    return end + 1 < len(s.tokens) and s.tokens[end + 1].capitalised and s.tokens[end + 1].text.isalpha()


# ---- datelines -----------------------------------------------------------------------------
def _dateline_end(s: _Stream, gaz: Gazetteer) -> int:
    """Stream position of the place's last word when the sentence opens with a dateline
    ("SOCHI, Russia —", "JAKARTA, July 3, 2022 –", "MOSCOW, Oct 22 (Reuters) -",
    "MOSCOW, October 22. /TASS/.", "Pyongyang - Saba:"), else -1. A place in capitals needs only
    the dash; one in title case ("Moscow – Kyiv talks") also a date or an agency; TASS's
    "/TASS/." no dash."""
    if not s.keys or s.keys[0] not in gaz.longest:
        return -1
    last, _ = _longest(s, 0, gaz)
    if last < 0:
        return -1
    end, _ = _country_after(s, last, gaz)
    words = s.tokens[:last + 1]
    shouting = all(t.text.isupper() for t in words)
    j = s.tokens[end if end >= 0 else last].i + 1        # original token positions from here on
    tokens = s.all
    j = _skip_bracket(tokens, j)                          # "New Delhi [India], April 23 (ANI):"
    after_date = _skip_date(tokens, j)
    after_agency = _skip_agency(tokens, after_date)
    marked = shouting or after_agency > after_date or after_date > j or (
        after_agency < len(tokens) and tokens[after_agency].text in ("—", "–"))     # "Addis Ababa — …"
    at = after_agency
    while at < len(tokens) and tokens[at].text == ".":
        at += 1
    spaced = at < len(tokens) and at > 0 and tokens[at].start > tokens[at - 1].end
    dash = at < len(tokens) and tokens[at].text in _DASHES and (spaced or tokens[at].text == ":")
    slashed = after_agency > after_date and tokens[after_date].text == "/"     # "/TASS/." needs no dash
    return last if (dash and marked) or slashed else -1


def _skip_bracket(tokens: list[Token], j: int) -> int:
    if j < len(tokens) and tokens[j].text == "[":
        k = next((k for k in range(j + 1, min(j + 6, len(tokens))) if tokens[k].text == "]"), -1)
        return k + 1 if k > 0 else j
    return j


def _skip_date(tokens: list[Token], j: int) -> int:
    """Past ", July 3, 2022" / ", Oct 22" / ", 22 October." / a bare "," before "(Reuters)"
    (original token positions)."""
    if j + 1 < len(tokens) and tokens[j].text == "," and tokens[j + 1].text == "(":
        return j + 1
    if j + 1 < len(tokens) and tokens[j].text == "," and (tokens[j + 1].key in _MONTH_WORDS
                                                          or tokens[j + 1].key.isdigit()):
        j += 1
        while j < len(tokens) and (tokens[j].key in _MONTH_WORDS or tokens[j].key.isdigit()
                                   or tokens[j].text in (",", ".")):
            j += 1
    return j


def _skip_agency(tokens: list[Token], j: int) -> int:
    """Past "(Reuters)", "/TASS/." or "- Saba" (a dash, a word or two, then the colon)."""
    if j < len(tokens) and tokens[j].text in ("(", "/"):
        close = ")" if tokens[j].text == "(" else "/"
        k = next((k for k in range(j + 1, min(j + 8, len(tokens))) if tokens[k].text == close), -1)
        return k + 1 if k > 0 else j
    if j + 2 < len(tokens) and tokens[j].text in _DASHES and tokens[j + 1].text[:1].isupper():
        k = next((k for k in range(j + 2, min(j + 4, len(tokens))) if tokens[k].text == ":"), -1)
        return k if k > 0 else j
    return j


_PARAGRAPH = re.compile(r"[^\n]+")


def article_dateline(text: str, kb: KnowledgeBase, paragraphs: int = 3) -> Place | None:
    """The place of the article's dateline, in one of its first paragraphs (a subtitle may come first)."""
    for k, para in enumerate(_PARAGRAPH.finditer(text)):
        if k >= paragraphs:
            break
        head = para.group()[:120]
        found = [p for p in find_places(tokenize(head), kb) if p.cue == "dateline"]
        if found:
            return found[0].place
    return None


def _may_hold_place(tokens: list[Token], firsts: dict[str, int]) -> bool:
    """Does a capitalised word begin a place name? (Most sentences: no; one set probe per word.)"""
    keys = getattr(tokens, "keys", None) or [t.key for t in tokens]
    return any(tokens[i].text[:1].isupper() for i in compress(count(), map(firsts.__contains__, keys)))


def is_locative(tokens: list[Token], m: ActorMention) -> bool:
    """Is the mention where something happens: a state or place after "in", "at" ("in the Russian
    capital"), not an owner ("at Iran's suggestion")?"""
    k = m.first - 1
    while k >= 0 and tokens[k].key in _DETERMINERS:
        k -= 1
    after = tokens[m.last + 1].text if m.last + 1 < len(tokens) else ""
    return k >= 0 and tokens[k].key in LOCATIVE and after not in ("'", "’") and \
        all(a.kind is Kind.state for a in m.actors)


# ---- places as actor mentions --------------------------------------------------------------
def situate(tokens: list[Token], mentions: list[ActorMention], kb: KnowledgeBase) -> list[ActorMention]:
    """The sentence's actor mentions with its places as mentions of their states (via "place" or
    "dateline"): a place replaces the state mentions it covers ("Samarkand, Uzbekistan" is one)."""
    if not _may_hold_place(tokens, gazetteer(kb).longest):
        return mentions
    blocked = frozenset(i for m in mentions if any(a.kind is not Kind.state for a in m.actors)
                        for i in range(m.first, m.last + 1))
    named = frozenset(a.country for m in mentions for a in m.actors if a.kind is Kind.state)
    places = find_places(tokens, kb, named, blocked)
    if not places:
        return mentions
    kept = [m for m in mentions if not any(p.first <= m.last and m.first <= p.last for p in places)]
    for p in places:
        state = kb.state(p.place.country)
        if state is not None:
            kept.append(ActorMention(p.first, p.last, (state,), "dateline" if p.cue == "dateline" else "place"))
    return sorted(kept, key=lambda m: m.first)
