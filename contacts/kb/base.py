"""The actor knowledge base: states, organisations, people and their roles.

Loaded once from the TOML files in ``contacts/kb/data`` (plus any files of
the user's own), then answered from dictionaries: no scans at look-up time.
"""

from __future__ import annotations

import difflib
import hashlib
import tomllib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import pycountry

from contacts.dates import DateInterval
from contacts.errors import AmbiguousActorError, InputError, UnknownActorError
from contacts.kb.model import HEAD_OF_GOVERNMENT, HEAD_OF_STATE, LEADER, Actor, Kind, Role
from contacts.kb import titled
from contacts.kb.names import name_key, slug
from contacts.kb.variants import core_words, spellings, surname_spellings

# Cultures whose press puts the family name first ("Xi" of Xi Jinping).
FAMILY_NAME_FIRST = {"CHN", "TWN", "PRK", "KOR", "HKG", "MAC"}


@dataclass(frozen=True)
class Resolution:
    """What a name stands for: one actor, or candidates, or suggestions."""

    text: str
    actor: Actor | None = None
    candidates: tuple[Actor, ...] = ()
    suggestions: tuple[str, ...] = ()

    def one(self) -> Actor:
        """The actor, or the error that says why there is not exactly one."""
        if self.actor:
            return self.actor
        if self.candidates:
            names = [f"{a.name} ({a.country})" for a in self.candidates]
            raise AmbiguousActorError(f"{self.text!r} is ambiguous: {', '.join(names)}",
                                      candidates=names, hint="use the full name")
        hint = f"did you mean {', '.join(self.suggestions)}?" if self.suggestions else \
            "add it with 'contacts actors add'"
        raise UnknownActorError(f"unknown actor {self.text!r}", candidates=list(self.suggestions), hint=hint)


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    surnames: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    demonyms: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    state_of_code: dict[str, str] = field(default_factory=dict)
    roles_of: dict[str, list[Role]] = field(default_factory=lambda: defaultdict(list))
    offices: dict[tuple[str, str], list[Role]] = field(default_factory=lambda: defaultdict(list))
    titled: dict[tuple[str, str], list[Role]] = field(default_factory=lambda: defaultdict(list))
    surnames_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # People whose surname alone is news shorthand without an introduction ("Putin
    # said"): people.toml's and the user's own; the regional office holders need
    # their full name first, or a "Davis" in any article would be the Bahamas' PM.
    well_known: set[str] = field(default_factory=set)
    roles_in: dict[str, list[Role]] = field(default_factory=lambda: defaultdict(list))   # by country
    _forms: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict, repr=False, compare=False)
    _digest: str | None = field(default=None, repr=False, compare=False)

    # ---- building -------------------------------------------------------
    def add_actor(self, actor: Actor, *, names: Sequence[str] = (), surnames: Sequence[str] = ()) -> None:
        self._digest = None
        self.actors[actor.id] = actor
        self._forms.pop(actor.id, None)
        for text in (actor.name, *actor.aliases, *names):
            if key := name_key(text):
                self.names[key].add(actor.id)
        for text in surnames:
            self.surnames[name_key(text)].add(actor.id)
            self.surnames_of[actor.id].append(name_key(text))
        if actor.kind is not Kind.person and actor.country:
            self.state_of_code[actor.country] = actor.id

    def add_role(self, role: Role) -> None:
        self._digest = None
        self.roles.append(role)
        self.roles_of[role.actor].append(role)
        self.roles_in[role.country].append(role)
        self.offices[(role.country, role.office)].append(role)
        self.titled[(role.country, name_key(role.title))].append(role)

    def digest(self) -> str:
        """A fingerprint of the actors and roles, so a store can tell when its copy is stale."""
        if self._digest is None:
            text = repr((sorted(self.actors.items()), self.roles))
            self._digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        return self._digest

    # ---- look-ups -------------------------------------------------------
    def state(self, code: str) -> Actor | None:
        actor_id = self.state_of_code.get(code)
        return self.actors.get(actor_id) if actor_id else None

    def country_of(self, actor: Actor, on: date | None = None) -> str | None:
        """The state (or organisation) an actor speaks for on a date."""
        if actor.kind is not Kind.person:
            return actor.country
        roles = self.roles_of.get(actor.id, [])
        if on:
            for role in roles:
                if role.holds_on(on) and not role.nominal:
                    return role.country
        return actor.country or (roles[-1].country if roles else None)

    def holder(self, country: str, office: str, on: date, title: str | None = None) -> Actor | None:
        """Who held `office` of `country` on `on`; 'leader' is the state's leading office.

        A `title` the press used ("crown prince", "president") is tried first against
        the roles' own titles, so "the Saudi crown prince" is not the king and "the
        Iranian president" is not the Supreme Leader.
        """
        if title:
            for role in self.titled.get((country, name_key(title)), ()):
                if role.holds_on(on):
                    return self.actors[role.actor]
        if office == LEADER:
            found = self.holder(country, LEADER, on) if (country, LEADER) in self.offices else None
            if found:
                return found
            state = self.state(country)
            office = state.leader_office if state else HEAD_OF_STATE
        for role in self.offices.get((country, office), ()):
            if role.holds_on(on):
                return self.actors[role.actor]
        if office == HEAD_OF_GOVERNMENT and (state := self.state(country)) and state.presidential:
            return self.holder(country, HEAD_OF_STATE, on)
        return None

    def resolve_title(self, text: str, on: date) -> Actor | None:
        """"the Ukrainian president", "Ukraine's president", "president of Ukraine",
        "the EU foreign policy chief" -> the office holder on `on`, or None."""
        key = name_key(text)
        for country, title in self._country_and_title(key):
            office = self.titles.get(title)
            if office or self.titled.get((country, title)):
                found = self.holder(country, office or "", on, title=title)
                if found:
                    return found
        return None

    def _country_and_title(self, key: str):
        """Every reading of `key` as a country (demonym, name, "name's") and a title."""
        if " of " in key:
            title, _, place = key.partition(" of ")
            yield from ((c, title) for c in self._countries_named(place))
        words = key.split()
        for cut in range(1, len(words)):
            place, title = " ".join(words[:cut]), " ".join(words[cut:])
            yield from ((c, title) for c in self._countries_named(place.removesuffix("'s")))

    def _countries_named(self, key: str) -> list[str]:
        if key in self.demonyms:
            return [self.demonyms[key]]
        return [self.actors[i].country for i in self.names.get(key, ()) if self.actors[i].kind is not Kind.person]

    def roles_on(self, actor_id: str, on: date) -> list[Role]:
        return [r for r in self.roles_of.get(actor_id, ()) if r.holds_on(on)]

    def resolve(self, text: str, on: date | None = None, *, suggest: bool = True) -> Resolution:
        """The actor a name, alias, surname, capital or country name stands for.

        `suggest=False` skips the (slow) closest-name search when nothing matches.
        """
        key = name_key(text)
        ids = self.names.get(key) or self.surnames.get(key) or set()
        if not ids and key in self.demonyms:
            ids = {self.state_of_code[self.demonyms[key]]}
        actors = sorted((self.actors[i] for i in ids), key=lambda a: a.id)
        if on and len(actors) > 1:
            in_office = [a for a in actors if a.kind is not Kind.person or self.roles_on(a.id, on)]
            actors = in_office or actors
        if len(actors) == 1:
            return Resolution(text, actor=actors[0])
        if actors:
            return Resolution(text, candidates=tuple(actors))
        return Resolution(text, suggestions=tuple(self.suggest(text)) if suggest else ())

    # ---- a name with its title, state and date ------------------------------------
    def resolve_titled(self, name: str, *, title: str | None = None, country: str | None = None,
                       on: date | None = None) -> Actor | None:
        """The person a name as written stands for, read with the title, state and date the text
        gives ("King Philippe", Belgium, 2021 -> the king, not Édouard Philippe): see titled.py."""
        return titled.resolve_titled(self, name, title=title, country=country, on=on)

    def forms_of(self, actor_id: str) -> tuple[tuple[str, ...], ...]:
        """The core words of each of a person's names (variants.core_words), computed once."""
        if actor_id not in self._forms:
            actor = self.actors[actor_id]
            self._forms[actor_id] = tuple(dict.fromkeys(core_words(t) for t in (actor.name, *actor.aliases)))
        return self._forms[actor_id]

    def suggest(self, text: str, n: int = 3) -> list[str]:
        keys = difflib.get_close_matches(name_key(text), list(self.names) + list(self.surnames), n=n, cutoff=0.7)
        found: list[str] = []
        for key in keys:
            for actor_id in sorted(self.names.get(key) or self.surnames.get(key)):
                name = self.actors[actor_id].name
                if name not in found:
                    found.append(name)
        return found[:n]

    def search(self, text: str) -> list[Actor]:
        """Actors whose name or alias contains `text` (for `contacts actors search`)."""
        key = name_key(text)
        ids = {i for k, v in [*self.names.items(), *self.surnames.items()] if key in k for i in v}
        return sorted((self.actors[i] for i in ids), key=lambda a: (a.kind.value, a.name))


# ---- loading ------------------------------------------------------------
def _toml(name: str) -> dict:
    return tomllib.loads(resources.files("contacts.kb.data").joinpath(name).read_text("utf-8"))


def _load_states(kb: KnowledgeBase) -> None:
    for code, entry in _toml("states.toml").items():
        country = pycountry.countries.get(alpha_3=code)
        official = entry.get("official") or (getattr(country, "official_name", None) if country else None)
        pyc_names = [getattr(country, "name", None), getattr(country, "common_name", None)] if country else []
        name = entry.get("name") or country.name
        extra = [n for n in (official, *pyc_names) if n]
        actor = Actor(slug(name), name, Kind.state, code, tuple(entry.get("aliases", [])),
                      entry.get("leader", HEAD_OF_STATE), entry.get("presidential", False))
        kb.add_actor(actor, names=extra + entry.get("capitals", []))
        for demonym in entry.get("demonyms", []):
            kb.demonyms[name_key(demonym)] = code


def _load_organisations(kb: KnowledgeBase) -> None:
    for code, entry in _toml("organisations.toml").items():
        actor = Actor(slug(entry["name"]), entry["name"], Kind.org, code, tuple(entry.get("aliases", [])))
        kb.add_actor(actor)
        for demonym in entry.get("demonyms", []):
            kb.demonyms.setdefault(name_key(demonym), code)


def _surnames(entry: dict, country: str | None) -> list[str]:
    """The names the press uses alone once a person is introduced: the family
    name of the name and of each alias ("Berdimuhamedow", "Berdimuhamedov"),
    or the `surname` the entry gives, or none (`surname = false`)."""
    choice = entry.get("surname", True)
    if choice is False:
        return []
    if isinstance(choice, str):
        return [choice]
    found = []
    for name in (entry["name"], *entry.get("aliases", [])):
        parts = name.replace("-", " ").split()
        if len(parts) >= 2:
            found.append(parts[0] if country in FAMILY_NAME_FIRST else parts[-1])
    return list(dict.fromkeys(found))


def load_people(kb: KnowledgeBase, people: list[dict], origin: str = "people.toml", well_known: bool = True) -> None:
    for entry in people:
        if "name" not in entry:
            raise InputError(origin, f"a person without a name: {entry}", hint="give every [[person]] a name")
        _check_types(entry, origin)
        roles = entry.get("roles", [])
        if any("office" not in r or "country" not in r for r in roles):
            raise InputError(origin, f"{entry['name']}: every role needs an office and a country",
                             hint='e.g. roles = [{ office = "envoy", country = "CHN", start = "2023-04" }]')
        actor_id = entry.get("id") or slug(entry["name"])
        known = kb.actors.get(actor_id)           # an entry for a known person adds to it
        # a known person keeps their country and surnames unless the entry says otherwise
        country = entry.get("country") or (known.country if known else None) or \
            (roles[-1]["country"] if roles else None)
        aliases = tuple(dict.fromkeys([*(known.aliases if known else ()), *entry.get("aliases", [])]))
        actor = Actor(actor_id, entry["name"], Kind.person, country, aliases)
        told = entry if not known or "surname" in entry else \
            {"name": "", "aliases": [a for a in entry.get("aliases", []) if a not in known.aliases]}
        kb.add_actor(actor, surnames=_surnames(told, country))
        if well_known:
            kb.well_known.add(actor.id)
        for r in roles:
            try:
                start, end = DateInterval.parse_iso(r.get("start")), DateInterval.parse_iso(r.get("end"))
            except ValueError as exc:
                raise InputError(origin, f"{entry['name']}: {exc}", hint="dates are YYYY, YYYY-MM or YYYY-MM-DD") from None
            kb.add_role(Role(actor.id, r["office"], r.get("title", r["office"]), r["country"], start, end,
                             r.get("nominal", False), r.get("joint", False)))


_TEXT_FIELDS = ("name", "id", "country", "surname")


def _check_types(entry: dict, origin: str) -> None:
    """A user's entry with a number where text belongs (name = 5) is refused by name, not a traceback."""
    label = entry["name"] if isinstance(entry["name"], str) else f"the person named {entry['name']!r}"
    for key in _TEXT_FIELDS:
        if key in entry and not isinstance(entry[key], str) and not (key == "surname" and isinstance(entry[key], bool)):
            raise InputError(origin, f"{label}: {key} = {entry[key]!r} is not text", hint=f'write {key} = "…" in quotes')
    if not isinstance(entry.get("aliases", []), list) or not all(isinstance(a, str) for a in entry.get("aliases", [])):
        raise InputError(origin, f"{label}: aliases must be a list of text", hint='e.g. aliases = ["Li Hui"]')
    roles = entry.get("roles", [])
    if not isinstance(roles, list) or not all(isinstance(r, dict) for r in roles):
        raise InputError(origin, f"{label}: roles must be a list of tables",
                         hint='e.g. roles = [{ office = "envoy", country = "CHN", start = "2023-04" }]')
    for role in roles:
        for key in ("office", "title", "country", "start", "end"):
            if key in role and not isinstance(role[key], str):
                raise InputError(origin, f"{label}: a role's {key} = {role[key]!r} is not text",
                                 hint=f'write {key} = "…" in quotes')


def _people_files() -> list[str]:
    """people.toml first (the most-cited actors), then the regional files of office holders."""
    regional = sorted(f.name for f in resources.files("contacts.kb.data").iterdir()
                      if f.name.startswith("people_") and f.name.endswith(".toml"))
    return ["people.toml", *regional]


def _load_titles(kb: KnowledgeBase) -> None:
    for office, words in _toml("titles.toml").items():
        for word in words:
            kb.titles[name_key(word)] = office


def load(extra_files: Sequence[Path] = (), people: Sequence[dict] = ()) -> KnowledgeBase:
    """The packaged knowledge base, plus the user's own: TOML files of [[person]]
    entries (the format of people.toml) and entries given directly (a store's own)."""
    kb = KnowledgeBase()
    _load_states(kb)
    _load_organisations(kb)
    _load_titles(kb)
    for name in _people_files():
        load_people(kb, _toml(name)["person"], name, well_known=name == "people.toml")
    for path in extra_files:
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InputError(str(path), f"cannot read actors file: {exc}",
                             hint="a TOML file of [[person]] entries, as in contacts/kb/data/people.toml") from None
        load_people(kb, data.get("person", []), str(path))
    load_people(kb, list(people), "the store's own actors")
    _index_spellings(kb)
    return kb


def _index_spellings(kb: KnowledgeBase) -> None:
    """Add the spellings real texts use for each person's names (variants.spellings) as keys,
    where no one else already has that key, so the gazetteer finds "Kishida Fumio" or "Sergey Lavrov"."""
    people = {i for i, a in kb.actors.items() if a.kind is Kind.person}
    added: dict[str, set[str]] = defaultdict(set)
    given: set[str] = set()            # first words of people's full names
    for key, ids in kb.names.items():
        for actor_id in ids & people:
            if " " in key:
                given.add(key.partition(" ")[0])
            for variant in spellings(key, kb.actors[actor_id].country):
                if variant not in kb.names:
                    added[variant].add(actor_id)
    added_surnames: dict[str, set[str]] = defaultdict(set)
    for actor_id in people:
        for surname in kb.surnames_of.get(actor_id, ()):
            for key in surname_spellings(surname):
                # a family name's variant that is a given name ("al-Yahya" -> "Yahya") is not indexed
                if key not in kb.surnames and key not in kb.names and key not in given:
                    added_surnames[key].add(actor_id)
    for key, ids in added.items():
        kb.names[key].update(ids)
    for key, ids in added_surnames.items():
        kb.surnames[key].update(ids)


_DEFAULT: KnowledgeBase | None = None


def default() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load()
    return _DEFAULT
