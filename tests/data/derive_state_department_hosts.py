"""Derive tests/data/state_department_hosts.tsv from the State Department's travel records.

Source: the Office of the Historian, US Department of State, "Travels of the President"
and "Travels of the Secretary of State" (github.com/HistoryAtState/travels, as kept in
../shared/data/state-department-travels/): a work of the US government, in the public
domain. Every trip since 2015 whose remarks name a host official with a title ("Met
with Prime Minister Boris Johnson and Queen Elizabeth II") gives one row per titled
name: the trip's first day, the country the official speaks for (the trip's country,
or the one a demonym or organisation before the title names: "Israeli Prime Minister
Benjamin Netanyahu" in Rome), the title and the name as written, and the record id.

The titled names are read as the importer reads them (contacts.imports.remarks: the
offices the knowledge base keeps for every state; no deputy, no defence minister, no US
official of the traveller's party).

    python tests/data/derive_state_department_hosts.py [FOLDER] > tests/data/state_department_hosts.tsv
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from contacts.imports import remarks, state_department
from contacts.kb import default

SINCE = "2015-01-01"
DEFAULT_FOLDER = Path(__file__).resolve().parents[3] / "shared" / "data" / "state-department-travels"

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


def rows(folder: Path):
    kb, seen = default(), set()
    countries = state_department._Reader(kb)          # the trip's country as the importer reads it
    for path in sorted(folder.glob("*-travels/*.xml")):
        for trip in ET.parse(path).getroot():
            day = trip.findtext("start-date") or ""
            if day < SINCE:
                continue
            home = countries.country(trip.find("country").get("id"), trip.findtext("country") or "").country
            for host in remarks.hosts(trip.findtext("remarks") or "", kb):
                country = CORRECTIONS.get((home, host.name), host.country or home)
                if country is None:
                    continue
                key = (day, country, host.title, host.name)
                if key not in seen:
                    seen.add(key)
                    yield day, country, host.title, host.name, f"{trip.get('role')}/{trip.findtext('id')}"


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
