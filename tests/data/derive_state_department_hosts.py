"""Derive tests/data/state_department_hosts.tsv from the State Department's travel records.

Source: the Office of the Historian, US Department of State, "Travels of the President"
and "Travels of the Secretary of State" (github.com/HistoryAtState/travels, as kept in
../shared/data/state-department-travels/): a work of the US government, in the public
domain. Every trip since 2015 whose remarks name a host official with a title ("Met
with Prime Minister Boris Johnson and Queen Elizabeth II") gives one row per titled
name: the trip's first day, the country the official speaks for (the trip's country,
or the one a demonym or organisation before the title names: "Israeli Prime Minister
Benjamin Netanyahu" in Rome), the title and the name as written, and the record id.

Only the offices the knowledge base keeps for every state are read (heads of state and
government, monarchs and crown princes, foreign ministers, heads of the organisations):
a deputy or a defence minister is not a row. US officials (the traveller's party) are
not rows.

    python tests/data/derive_state_department_hosts.py [FOLDER] > tests/data/state_department_hosts.tsv
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pycountry

from contacts.kb import default, name_key

SINCE = "2015-01-01"
DEFAULT_FOLDER = Path(__file__).resolve().parents[3] / "shared" / "data" / "state-department-travels"

# The travel records' country slugs that pycountry's names do not give.
SLUG_CODES = {"china": "CHN", "turkey": "TUR", "denmark": "DNK", "korea-south": "KOR", "korea-north": "PRK",
              "burma": "MMR", "holy-see": "VAT", "west-bank": "PSE", "palestinian-authority": "PSE",
              "turkiye": "TUR", "russia": "RUS",
              "congo-democratic-republic": "COD", "cote-divoire": "CIV", "laos": "LAO", "vietnam": "VNM",
              "kosovo": "XKX", "micronesia": "FSM", "moldova": "MDA", "cape-verde": "CPV", "iran": "IRN",
              "syria": "SYR", "venezuela": "VEN", "bolivia": "BOL", "tanzania": "TZA", "czechia": "CZE"}

# Titles of the offices read, longest first so "Crown Prince and Prime Minister" wins over "Crown Prince".
TITLES = sorted([
    "President", "Prime Minister", "Chancellor", "Premier", "Taoiseach", "King", "Queen", "Emir", "Amir",
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
NOT_NAMES = {"Trump", "Obama", "Biden", "Harris", "Pompeo", "Kerry", "Tillerson", "Blinken", "Rubio"}
# A title after these is another office ("Vice President", "Deputy Foreign Minister", "former President").
NOT_AFTER = re.compile(r"(\b(Vice|vice|Deputy|deputy|Former|former|late|Assistant|Under)[\s-]+|\bto the\s+"
                       r"|\b(?:death|passing) of\s+(?:\S+\s+)?)$")

# Rows whose remarks name, without a demonym, an official of another state met in the trip's
# country (at a summit, on a stop-over), checked by hand: (trip country, name) -> their country,
# or None for an office that is not a state's (the ICRC, a regional government).
CORRECTIONS = {
    ("ITA", "Emmanuel Macron"): "FRA", ("ITA", "Angela Merkel"): "DEU", ("ITA", "Boris Johnson"): "GBR",
    ("FRA", "Volodymyr Zelenskyy"): "UKR", ("GBR", "Ayman Safadi"): "JOR", ("LAO", "Wang Yi"): "CHN",
    ("KOR", "Kim Jong-un"): "PRK", ("BEL", "Sassoli"): "EU", ("CHE", "Adel al-Jubeir"): "SAU",
    ("CHE", "Peter Maurer"): None, ("IRQ", "Nechrivan Barzani"): None, ("FRA", "Mathias Cormann"): None,
    ("GUY", "Irwin LaRocque"): None,      # the OECD's and CARICOM's secretaries-general
}


def country_code(slug: str, label: str) -> str | None:
    if slug in SLUG_CODES:
        return SLUG_CODES[slug]
    try:
        return pycountry.countries.lookup(label.split(",")[0].strip()).alpha_3
    except LookupError:
        return None


def prefix_country(prefix: str | None) -> str | None:
    """The state or organisation a demonym or name before the title names ("Israeli", "U.K.", "NATO")."""
    if not prefix:
        return None
    kb, words = default(), re.sub(r"['’]s?\s*$", "", prefix.strip()).split()
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


def rows(folder: Path):
    seen = set()
    for path in sorted(folder.glob("*-travels/*.xml")):
        for trip in ET.parse(path).getroot():
            day = trip.findtext("start-date") or ""
            if day < SINCE:
                continue
            home = country_code(trip.find("country").get("id"), trip.findtext("country") or "")
            if not home:
                print(f"no country code for {trip.find('country').get('id')}", file=sys.stderr)
            remarks = " ".join((trip.findtext("remarks") or "").split())
            for m in TITLED.finditer(remarks):
                prefix = m.group("prefix")
                if (prefix and (NOT_US.search(prefix) or NOT_AFTER.search(prefix))) or \
                        NOT_AFTER.search(remarks[:m.start("title")]):
                    continue
                name = clean_name(m.group("name"))
                if re.search(r"['’]s?$", name):            # "President Biden’s visit"
                    continue
                country = prefix_country(m.group("of")) or prefix_country(prefix) or home
                country = CORRECTIONS.get((home, name), country)
                if country is None:
                    continue
                if set(name.split()) & NOT_NAMES or len(name) < 3:
                    continue
                key = (day, country, m.group("title"), name)
                if key not in seen:
                    seen.add(key)
                    yield day, country, m.group("title"), name, f"{trip.get('role')}/{trip.findtext('id')}"


HEADER = """\
# Host officials named with a title in the US State Department's travel records since 2015.
# Source: Office of the Historian, US Department of State, travels of the President and of the
# Secretary of State (github.com/HistoryAtState/travels, commit 3170c773): a work of the US
# government, in the public domain. Derived by tests/data/derive_state_department_hosts.py.
# date: the trip's first day; country: ISO 3166 alpha-3 (or organisation code) the official speaks for;
# title and name as the remarks write them; source: <role>/<trip id>.
date\tcountry\ttitle\tname\tsource
"""


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER
    sys.stdout.write(HEADER)
    for row in rows(folder):
        sys.stdout.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
