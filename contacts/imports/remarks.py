"""Host officials named with a title in the State Department's travel remarks.

"Met with Prime Minister Boris Johnson and Queen Elizabeth II. Attended the G7 Summit."
names two officials: (title, name) pairs, each with the state a demonym or "of …" gives
("Israeli Prime Minister Benjamin Netanyahu" met in Rome speaks for Israel), else the
trip's country. Only the offices the knowledge base keeps for every state are read
(heads of state and government, monarchs and crown princes, foreign ministers, heads of
the organisations); a deputy, a "former" or a "late" one is not, nor is the President
the Secretary accompanied. A summit attended names nobody and gives nothing.

Shared by the importer (contacts.imports.state_department) and the test fixture's
derivation (tests/data/derive_state_department_hosts.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contacts.kb import KnowledgeBase, name_key
from contacts.kb.model import FOREIGN_MINISTER, HEAD_OF_GOVERNMENT, HEAD_OF_STATE

# Longest first, so "Crown Prince and Prime Minister" wins over "Crown Prince".
TITLES = sorted([
    "President", "Prime Minister", "Chancellor", "Premier", "Taoiseach", "King", "Queen", "Emperor", "Emir", "Amir",
    "Sultan", "Crown Prince", "Grand Duke", "Chairman", "State Counselor", "Pope", "Supreme Leader",
    "Foreign Minister", "Foreign Secretary", "External Affairs Minister", "Minister for Foreign Affairs",
    "Minister of Foreign Affairs", "Secretary of Foreign Affairs", "Minister of Foreign and European Affairs",
    "Minister for Europe and Foreign Affairs", "Minister of Foreign Affairs and International Cooperation",
    "Minister of Foreign Affairs and Expatriates", "Secretary General", "Secretary-General",
    "High Representative", "Commission Chairperson",
    "Secretary of State", "Crown Prince and Prime Minister", "Crown Prince-Prime Minister",
    "Deputy Prime Minister and Foreign Minister", "Deputy Prime Minister and Minister of Foreign Affairs",
    "Deputy Prime Minister and Minister of Foreign Affairs and Expatriates",
    "Prime Minister and Foreign Minister", "Prime Minister and Minister of Foreign Affairs",
], key=len, reverse=True)
# The remarks' titles and the office each names (None: only the roles' own titles tell,
# as for a crown prince or North Korea's chairman).
OFFICES = {"president": HEAD_OF_STATE, "prime minister": HEAD_OF_GOVERNMENT, "premier": HEAD_OF_GOVERNMENT,
           "chancellor": HEAD_OF_GOVERNMENT, "taoiseach": HEAD_OF_GOVERNMENT, "king": HEAD_OF_STATE,
           "queen": HEAD_OF_STATE, "emperor": HEAD_OF_STATE, "emir": HEAD_OF_STATE, "amir": HEAD_OF_STATE,
           "sultan": HEAD_OF_STATE, "grand duke": HEAD_OF_STATE, "pope": HEAD_OF_STATE, "supreme leader": HEAD_OF_STATE,
           "secretary general": HEAD_OF_STATE, "secretary-general": HEAD_OF_STATE,
           "commission chairperson": HEAD_OF_STATE, "foreign minister": FOREIGN_MINISTER,
           "foreign secretary": FOREIGN_MINISTER, "external affairs minister": FOREIGN_MINISTER,
           "minister for foreign affairs": FOREIGN_MINISTER, "minister of foreign affairs": FOREIGN_MINISTER,
           "secretary of foreign affairs": FOREIGN_MINISTER, "high representative": FOREIGN_MINISTER,
           "minister of foreign and european affairs": FOREIGN_MINISTER,
           "minister for europe and foreign affairs": FOREIGN_MINISTER,
           "minister of foreign affairs and international cooperation": FOREIGN_MINISTER,
           "minister of foreign affairs and expatriates": FOREIGN_MINISTER}
MODIFIERS = r"(?:(?:Acting|acting|Interim|interim|Transitional|transitional|Caretaker|caretaker)\s+)?"
HONORIFICS = (r"(?:(?:His|Her)\s+(?:Royal\s+)?(?:Majesty|Highness|Excellency|Holiness)|Hi\s+Holiness|Sheikh|"
              r"Sheikha|Dr\.?|Daw|U|Cardinal|Archbishop|Prince|Princess|General|Mr\.?|Mrs\.?|Ms\.?)")
WORD = r"(?:[A-Z]\.|[A-ZÀ-Þ][\w'’]*(?:-[\w'’]+)*)"
PARTICLE = r"(?:bin|bint|ibn|al|el|de|da|do|dos|van|von|der|du|la|le|di|y|e|abd)(?:\s+|-)"
NAME = rf"{WORD}(?:\s+(?:{PARTICLE})*{WORD})*"
PREFIX = r"(?:(?P<prefix>(?:[A-Z][\w.'’]*\s+){1,3}?))?"
TITLED = re.compile(rf"{PREFIX}{MODIFIERS}(?P<title>{'|'.join(map(re.escape, TITLES))})\s+"
                    rf"(?P<name>(?:{HONORIFICS}\s+)*{NAME})(?:\s+of\s+(?P<of>(?:the\s+)?{NAME}))?")
NOT_US = re.compile(r"\b(U\.?S\.?|American|United States)\b")
# The travellers themselves and their party, named with a title in the remarks.
NOT_NAMES = {"Trump", "Obama", "Biden", "Harris", "Pompeo", "Kerry", "Tillerson", "Blinken", "Rubio"}
# A title after these is another office ("Vice President", "Deputy Foreign Minister", "former
# President"), someone not met ("the death of King …"), or the President the Secretary went with.
NOT_AFTER = re.compile(r"(\b(Vice|vice|Deputy|deputy|Former|former|late|Assistant|Under)[\s-]+|\bto the\s+"
                       r"|\b(?:death|passing|funeral|grave) of\s+(?:\S+\s+)?|\bAccompanied\s+)$")


@dataclass(frozen=True)
class Host:
    """A titled official the remarks name, and the state (or organisation code) they speak for."""

    title: str
    name: str
    country: str | None          # None: the trip's country (the caller knows it)
    start: int                   # where the title starts in the remarks
    sentence: str                # the remarks' sentence that names them


def hosts(remarks: str, kb: KnowledgeBase) -> list[Host]:
    """The titled officials `remarks` names, in order, each once."""
    text = " ".join(remarks.split())
    found, seen = [], set()
    for m in TITLED.finditer(text):
        prefix = m.group("prefix")
        if (prefix and (NOT_US.search(prefix) or NOT_AFTER.search(prefix))) \
                or NOT_AFTER.search(text[:m.start("title")]) or NOT_AFTER.search(text[:m.start()]):   # "former Mexican …"
            continue
        name = clean_name(m.group("name"))
        if re.search(r"['’]s?$", name) or set(name.split()) & NOT_NAMES or len(name) < 3:   # "Biden’s visit"
            continue
        country = prefix_country(m.group("of"), kb) or prefix_country(prefix, kb)
        if (m.group("title"), name, country) not in seen:
            seen.add((m.group("title"), name, country))
            found.append(Host(m.group("title"), name, country, m.start("title"), sentence_at(text, m.start())))
    return found


# "the Presidents of Peru, Colombia, and Bolivia", "the Prime Ministers of Denmark, Iceland,
# Norway, and Sweden", "the Foreign Minister of Jordan": holders named by office and state.
OFFICE_OF = re.compile(r"\bthe\s+(?P<title>Presidents?|Prime\s+Ministers?|Foreign\s+Ministers?|Kings?|Chancellors?|"
                       r"Emirs?|Crown\s+Princes?|Premiers?)\s+of\s+(?=(?P<places>[^.;:()]+))")   # places not consumed: a
# list may hold the next office ("the President of Finland and the Prime Ministers of …")
_PLACE_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_PLURAL = {"Presidents": "President", "Prime Ministers": "Prime Minister", "Foreign Ministers": "Foreign Minister",
           "Kings": "King", "Chancellors": "Chancellor", "Emirs": "Emir", "Crown Princes": "Crown Prince",
           "Premiers": "Premier"}


@dataclass(frozen=True)
class Office:
    """An office holder the remarks name by office and state only: the holder that day is the one met."""

    title: str                  # singular: "President"
    country: str                # the state's code
    sentence: str


def offices(remarks: str, kb: KnowledgeBase) -> list[Office]:
    """The office holders `remarks` names by title and state ("the Presidents of Peru and Bolivia")."""
    text = " ".join(remarks.split())
    found: list[Office] = []
    for m in OFFICE_OF.finditer(text):
        if NOT_AFTER.search(text[:m.start()]) or NOT_AFTER.search(text[:m.start("title")]):
            continue
        title = _PLURAL.get(" ".join(m.group("title").split()), " ".join(m.group("title").split()))
        for place in _PLACE_SEPARATOR.split(m.group("places")):
            code = _state_at_start(place, kb)
            if code is None:
                break                   # the list of states ended ("… and Sweden for the summit")
            if code != "USA" and all((o.title, o.country) != (title, code) for o in found):
                found.append(Office(title, code, sentence_at(text, m.start())))
    return found


def _state_at_start(place: str, kb: KnowledgeBase) -> str | None:
    """The state whose name begins `place` ("Sweden for the third summit" -> SWE), if any."""
    words = place.removeprefix("the ").split()
    for cut in range(min(len(words), 5), 0, -1):
        actor = kb.resolve(" ".join(words[:cut]), suggest=False).actor
        if actor is not None and actor.kind.value == "state":
            return actor.country
    return None


def prefix_country(prefix: str | None, kb: KnowledgeBase) -> str | None:
    """The state or organisation a demonym or name before the title names ("Israeli", "U.K.", "NATO")."""
    if not prefix:
        return None
    words = re.sub(r"['’]s?\s*$", "", prefix.strip()).split()
    for cut in range(len(words)):
        key = name_key(" ".join(words[cut:]))
        if key in kb.demonyms:
            return kb.demonyms[key]
        states = [kb.actors[i] for i in kb.names.get(key, ()) if kb.actors[i].kind.value != "person"]
        if len(states) == 1:
            return states[0].country
    return None


def clean_name(name: str) -> str:
    """The name without what follows it in the sentence: ", and", "of Jordan", a trailing dot."""
    name = re.split(r"\s+(?:of|at|in|and|for|to|on)\s+", name)[0]
    return name[:-1] if name.endswith(".") and not re.search(r"\b[A-Z]\.$|Dr\.$", name) else name


def sentence_at(text: str, at: int) -> str:
    """The sentence of `text` around offset `at` (remarks end their sentences with '. ' or '; ')."""
    start = max(text.rfind(". ", 0, at), text.rfind("; ", 0, at))
    end = min((i for i in (text.find(". ", at), text.find("; ", at)) if i >= 0), default=len(text) - 1)
    return text[start + 2 if start >= 0 else 0:end + 1].strip()
