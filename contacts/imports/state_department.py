"""The State Department's travel records: every foreign trip of the US President (since
1906) and of the Secretary of State (since 1866), as the Office of the Historian keeps
them (github.com/HistoryAtState/travels; public domain; XML, schema/trips.rnc).

Each <trip> is one stop and one record (its id: role/id, "president/4113"):
- a visit by the traveller to the stop's country, from its start-date to its end-date;
- a visit by the traveller to each host official its remarks name with a title ("Met with
  Prime Minister Boris Johnson and Queen Elizabeth II"), the person the knowledge base
  names for that title, state and day (contacts.kb.titled), or a person of that state
  added to the store when it knows none;
- a visit to each office holder the remarks name by office and state only ("the Prime
  Ministers of Denmark, Iceland, Norway, and Sweden"), the knowledge base's holder that day
  (none added when it knows none).
Kept out: officials named without a title ("Met with Kim Jong Un"), offices below a
minister's, the summits and conferences attended (no contact with anyone named), and the
rest of the remarks (ceremonies, speeches, agreements signed).

The traveller is the holder of the office that day (President: head of state; Secretary:
foreign minister) when the knowledge base has them under the record's surname, else a
person of the United States added to the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pycountry
from lxml import etree

from contacts.errors import InputError
from contacts.imports import remarks
from contacts.imports.records import Record, RecordContact
from contacts.kb import KnowledgeBase, name_key, slug
from contacts.kb.model import FOREIGN_MINISTER, HEAD_OF_STATE, Actor, Kind

DATASET = "state-department"
OFFICES = {"president": HEAD_OF_STATE, "secretary": FOREIGN_MINISTER}
URL = "https://history.state.gov/departmenthistory/travels/{role}/{who}"

# The records' country slugs whose labels ("Korea, South", "Yugoslavia (Kosovo)") name no
# state the knowledge base or ISO 3166 knows as written; historic states by ISO 3166-3.
SLUG_CODES = {"china": "CHN", "turkey": "TUR", "turkiye": "TUR", "denmark": "DNK", "korea-south": "KOR",
              "korea-north": "PRK", "burma": "MMR", "holy-see": "VAT", "west-bank": "PSE",
              "palestinian-authority": "PSE", "russia": "RUS", "congo-democratic-republic": "COD",
              "congo-kinshasa": "COD", "cote-divoire": "CIV", "laos": "LAO", "vietnam": "VNM", "kosovo": "XKX",
              "micronesia": "FSM", "moldova": "MDA", "cape-verde": "CPV", "iran": "IRN", "syria": "SYR",
              "venezuela": "VEN", "bolivia": "BOL", "tanzania": "TZA", "czechia": "CZE", "germany": "DEU",
              "bosnia-herzegovina": "BIH", "macedonia": "MKD", "samoa": "WSM", "czechoslovakia": "CSK",
              "german-democratic-republic": "DDR", "yugoslavia": "YUG", "netherlands-antilles": "ANT",
              "soviet-union": "SUN", "ussr": "SUN"}
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_REQUIRED = ("id", "start-date", "end-date", "country")


def read(paths: list[Path], kb: KnowledgeBase) -> Iterator[Record | InputError]:
    """The trips of every XML file under `paths` (files or folders), in file order."""
    reader = _Reader(kb)
    for path in _files(paths):
        yield from reader.file(path)


def _files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            found = sorted(path.rglob("*.xml"))
            yield from (p for p in found if p.parent.name != "code-tables")
        elif path.exists():
            yield path
        else:
            yield path            # _Reader.file reports it


class _Reader:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.countries: dict[str, Actor] = {}
        self.travellers: dict[tuple[str, str, date], Actor] = {}

    def file(self, path: Path) -> Iterator[Record | InputError]:
        if not path.is_file():
            yield InputError(str(path), "no such file", hint="give the travels folder or its XML files")
            return
        try:
            for _, trip in etree.iterparse(str(path), events=("end",), tag="trip"):
                yield self.trip(path, trip)
                trip.clear()
        except etree.XMLSyntaxError as exc:
            line = exc.position[0] if exc.position else None
            yield InputError(str(path), f"not well-formed XML: {exc.msg}", line=line,
                             hint="the trips before this line are imported")
            return
        except OSError as exc:
            yield InputError(str(path), f"cannot read: {exc}")
            return

    def trip(self, path: Path, trip) -> Record | InputError:
        line = trip.sourceline
        values = {key: " ".join((trip.findtext(key) or "").split()) for key in
                  ("id", "start-date", "end-date", "country", "name", "locale", "remarks")}
        missing = [k for k in _REQUIRED if not values[k]]
        role = trip.get("role") or trip.findtext("role") or ""
        if missing or role not in OFFICES:
            what = f"no <{missing[0]}>" if missing else f"role {role!r} is neither president nor secretary"
            return InputError(str(path), f"trip {values['id'] or '?'}: {what}", line=line,
                              hint="the schema (schema/trips.rnc) requires it")
        days = {}
        for key in ("start-date", "end-date"):
            try:
                days[key] = date.fromisoformat(values[key]) if len(values[key]) == 10 else None
            except ValueError:
                days[key] = None
            if days[key] is None:
                return InputError(str(path), f"trip {values['id']}: {key} {values[key]!r} is not a date",
                                  line=line, hint="write it YYYY-MM-DD")
        start, end = days["start-date"], days["end-date"]
        if end < start:
            return InputError(str(path), f"trip {values['id']}: end-date {end} is before start-date {start}",
                              line=line)
        country_slug = trip.find("country").get("id") or slug(values["country"])
        country = self.country(country_slug, values["country"])
        traveller = self.traveller(role, values["name"], trip.get("who") or slug(values["name"]), start)
        record_id = f"{role}/{values['id']}"
        stop = f"{values['locale']}, {values['country']}" if values["locale"] else values["country"]
        said = f"{values['name']} ({role}) in {stop}, {start} to {end}." + \
               (f" {values['remarks']}" if values["remarks"] else "")
        contacts = [RecordContact(traveller, country, "visit", True, start, end, evidence=said, location=country)]
        met = set()
        for host in remarks.hosts(values["remarks"], self.kb):
            person = self.host(host, country, start)
            if person is not None and person.id != traveller.id and person.id not in met:
                met.add(person.id)
                contacts.append(RecordContact(traveller, person, "visit", True, start, end, evidence=host.sentence,
                                              location=country))
        for office in remarks.offices(values["remarks"], self.kb):
            person = self.kb.holder(office.country, remarks.OFFICES.get(name_key(office.title), ""), start,
                                    title=office.title)
            if person is not None and person.id != traveller.id and person.id not in met:
                met.add(person.id)
                contacts.append(RecordContact(traveller, person, "visit", True, start, end, evidence=office.sentence,
                                              location=country))
        return Record(DATASET, record_id, str(path), line, said, title=f"{values['name']} in {values['country']}",
                      url=URL.format(role=role, who=trip.get("who") or ""), published=start, contacts=contacts)

    def country(self, slug_: str, label: str) -> Actor:
        found = self.countries.get(slug_)
        if found is None:
            found = self.countries[slug_] = self._country(slug_, label)
        return found

    def _country(self, slug_: str, label: str) -> Actor:
        code = SLUG_CODES.get(slug_)
        if code is None:
            for name in (label, slug_.replace("-", " ")):        # "Ceylon" is filed under sri-lanka
                resolved = self.kb.resolve(name, suggest=False).actor
                if resolved is not None and resolved.kind is not Kind.person:
                    return resolved
            code = _iso_code(label)
        state = self.kb.state(code) if code else None
        return state or Actor(slug(_PARENTHESES.sub("", label)), _PARENTHESES.sub("", label), Kind.state, code)

    def traveller(self, role: str, name: str, who: str, on: date) -> Actor:
        key = (role, who, on)
        found = self.travellers.get(key)
        if found is None:
            found = self.travellers[key] = self._traveller(role, name, who, on)
        return found

    def _traveller(self, role: str, name: str, who: str, on: date) -> Actor:
        plain = _PARENTHESES.sub("", name)
        surname = name_key(plain).split()[-1] if plain.strip() else ""
        holder = self.kb.holder("USA", OFFICES[role], on)
        if holder is not None and name_key(holder.name).split()[-1:] == [surname]:
            return holder
        resolved = self.kb.resolve(plain, suggest=False).actor
        if resolved is not None and resolved.kind is Kind.person:
            return resolved
        return Actor(slug(plain), plain, Kind.person, "USA")

    def host(self, host: remarks.Host, trip_country: Actor, on: date) -> Actor | None:
        """The official a titled name stands for that day; None for an American (the traveller's party)."""
        country = host.country or trip_country.country
        person = self.kb.resolve_titled(host.name, title=host.title, country=country, on=on)
        if person is None:      # a surname alone names one person per state ("Major" of the United Kingdom)
            key = host.name if " " in host.name else f"{host.name} {country or ''}"
            return Actor(slug(key), host.name, Kind.person, country)
        return None if self.kb.country_of(person, on) == "USA" and country != "USA" else person


def _iso_code(label: str) -> str | None:
    name = _PARENTHESES.sub("", label).strip()
    if "," in name:                                     # "Korea, South" -> "South Korea"
        head, _, tail = name.partition(",")
        name = f"{tail.strip()} {head.strip()}"
    for table in (pycountry.countries, pycountry.historic_countries):
        try:
            return table.lookup(name).alpha_3
        except LookupError:
            continue
    return None
