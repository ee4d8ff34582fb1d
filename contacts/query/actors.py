"""Names in a query → actors, through the same knowledge base as extraction.

A person stands for themself; a state or organisation stands for itself and
every actor of it at the contact's date (see `contacts.kb.affiliation`).
Actors the extractor found that the knowledge base lacks ("Hakan Fidan")
are looked up in the store.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from contacts.errors import ActorError, AmbiguousActorError, QueryValueError
from contacts.kb import KnowledgeBase, default
from contacts.kb.model import Kind
from contacts.kb.names import name_key
from contacts.kb.places import gazetteer, place_key
from contacts.query import errors as E
from contacts.query import expressions as X

MAX_NAME = 200
_SEATS = ("capital", "seat", "venue", "landmark")     # a place named for its state's seat: it wins over cities


@dataclass(frozen=True)
class Resolved:
    id: str
    name: str
    kind: str                     # person, state, org
    country: str | None

    @property
    def group(self) -> bool:
        """A state or organisation: it stands for its members too."""
        return self.kind != Kind.person.value


class QueryActors:
    """Resolves query names: the knowledge base first, then the store's own actors."""

    def __init__(self, kb: KnowledgeBase | None = None, extra: list[tuple[str, str, str, str | None, list]] = ()):
        self.kb = kb or default()
        self._found: dict[str, Resolved] = {}
        self.extra: dict[str, list[Resolved]] = {}
        for actor_id, name, kind, country, aliases in extra:
            found = Resolved(actor_id, name, kind, country)
            for text in (name, *(aliases or ())):
                self.extra.setdefault(name_key(text), []).append(found)

    def resolve(self, name: X.Name, text: str = "") -> Resolved:
        if len(name.text) > MAX_NAME:
            raise _at(name, text, f"a name of {len(name.text):,} characters ({name.text[:40]}…)", E.VALUE,
                      f"names are at most {MAX_NAME} characters")
        try:
            found = self._found.get(name.text)
            if found is None:
                found = self._found[name.text] = self._lookup(name.text)    # a name asked again is not resolved again
            return found
        except AmbiguousActorError as exc:
            raise _at(name, text, str(exc.message), E.AMBIGUOUS_ACTOR, exc.hint) from None
        except ActorError as exc:
            if not name.quoted:
                self._check_keywords(name, text)
            raise _at(name, text, exc.message, E.UNKNOWN_ACTOR, exc.hint) from None

    def _lookup(self, text: str) -> Resolved:
        resolution = self.kb.resolve(text, suggest=False)
        if resolution.actor:
            a = resolution.actor
            rivals = self._rivals(text, a)
            if not rivals:
                return Resolved(a.id, a.name, a.kind.value, a.country)
            resolution = type(resolution)(text, candidates=(a, *rivals))
        elif not resolution.candidates and (holders := self._holding(text, None)):
            # "Korea": no actor has that name, but North and South Korea hold it
            resolution = type(resolution)(text, candidates=holders) if len(holders) > 1 else \
                type(resolution)(text, suggestions=(holders[0].name,))
        elif not resolution.candidates:
            resolution = type(resolution)(text, suggestions=tuple(self.kb.suggest(text)))
        if not resolution.candidates and (found := self.extra.get(name_key(text))):
            if len({r.id for r in found}) == 1:
                return found[0]
            resolution = type(resolution)(text, candidates=())
        if not resolution.candidates and not resolution.suggestions:
            close = difflib.get_close_matches(name_key(text), list(self.extra), n=3, cutoff=0.7)
            suggestions = tuple(self.extra[k][0].name for k in close)
            resolution = type(resolution)(text, suggestions=suggestions)
        resolution.one()
        raise AssertionError("unreachable: one() raises without an actor")  # pragma: no cover

    def _rivals(self, text: str, actor) -> tuple:
        """Other actors of the same kind whose full name holds the name as whole words, when the
        name is not the actor's own full name (or a person's alias): "Johnson" (Boris Johnson,
        Ellen Johnson Sirleaf), "Congo" (an alias of the Republic, and the Democratic Republic)."""
        own = (actor.name, *actor.aliases) if actor.kind is Kind.person else (actor.name,)
        if name_key(text) in {name_key(n) for n in own}:
            return ()
        return tuple(a for a in self._holding(text, actor.kind) if a.id != actor.id)

    def _holding(self, text: str, kind) -> tuple:
        """Actors (of `kind`, or any) whose full name holds every word of `text`, in order."""
        words = name_key(text).split()
        if not words:
            return ()
        index = _word_index(self.kb)
        ids = set.intersection(*(index.get(w, set()) for w in words))
        found = [self.kb.actors[i] for i in sorted(ids) if kind is None or self.kb.actors[i].kind is kind]
        return tuple(a for a in found if f" {' '.join(words)} " in f" {name_key(a.name)} ")

    def resolve_place(self, name: X.Name, text: str = "") -> Resolved:
        """The state a place stands for (`where location = Samarkand` → Uzbekistan): a state or its
        capital by the knowledge base's names, else a city or seat of the extractor's gazetteer, the
        one the stored locations come from. A person is not a place; a name of cities in several
        states of equal rank is ambiguous."""
        if len(name.text) > MAX_NAME:
            raise _at(name, text, f"a name of {len(name.text):,} characters ({name.text[:40]}…)", E.VALUE,
                      f"names are at most {MAX_NAME} characters")
        found = self.kb.resolve(name.text, suggest=False).actor
        if found and found.kind is Kind.state:
            return Resolved(found.id, found.name, found.kind.value, found.country)
        readings = gazetteer(self.kb).places.get(place_key(name.text), ())
        states = [s for s in (self.kb.state(p.country) for p in readings if not p.weak) if s]
        if len(states) == 1 or (states and readings[0].kind in _SEATS and readings[1].kind not in _SEATS):
            return Resolved(states[0].id, states[0].name, states[0].kind.value, states[0].country)
        if states:
            listed = ", ".join(f"{p.name} ({p.country})" for p in readings if not p.weak)
            raise _at(name, text, f"'{name.text}' is a place in several states: {listed}", E.AMBIGUOUS_ACTOR,
                      "write the state instead: where location = Chile")
        if found:
            kind = "a person" if found.kind is Kind.person else "an organisation"
            raise _at(name, text, f"'{name.text}' is {kind}, not a place", E.UNKNOWN_ACTOR,
                      "a location is a state, its capital or a city: where location = Moscow")
        places = gazetteer(self.kb).places
        close = difflib.get_close_matches(place_key(name.text), list(places), n=3, cutoff=0.75)
        names = list(dict.fromkeys(places[k][0].name for k in close))
        raise _at(name, text, f"unknown place '{name.text}'", E.UNKNOWN_ACTOR,
                  f"did you mean {', '.join(names)}?" if names else
                  "a location is a state, its capital or a city: where location = Moscow")

    def _check_keywords(self, name: X.Name, text: str) -> None:
        """An unknown bare name that holds a keyword was most likely a misplaced or misspelt keyword."""
        if len(name.words) < 2:
            return
        for word, pos in name.words:
            w = word.lower()
            if w in X.MODE_OF:
                raise _at(name, text, f"'{word}' is a mode inside the name '{name.text}'", E.SYNTAX,
                          "modes go right after the verb (count calls Xi -> Putin); quote a name that holds one",
                          pos)
            if w in X.VERBS:
                raise _at(name, text, f"'{word}' starts a new query", E.SYNTAX,
                          "end each query with ; before the next", pos)
            close = difflib.get_close_matches(w, sorted(X.KEYWORDS), n=1, cutoff=0.75)
            if close and not self._known_word(w):
                raise _at(name, text, f"unknown word '{word}'", E.UNKNOWN_WORD, f"did you mean '{close[0]}'?", pos)

    def _known_word(self, word: str) -> bool:
        key = name_key(word)
        return bool(self.kb.names.get(key) or self.kb.surnames.get(key) or key in self.extra)


_WORDS: dict[str, dict[str, set[str]]] = {}


def _word_index(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Each word of an actor's full name → the actors whose name holds it (once per knowledge base)."""
    digest = kb.digest()
    if digest not in _WORDS:
        index: dict[str, set[str]] = {}
        for actor in kb.actors.values():
            for word in name_key(actor.name).split():
                index.setdefault(word, set()).add(actor.id)
        _WORDS.clear()
        _WORDS[digest] = index
    return _WORDS[digest]


def _at(name: X.Name, text: str, message: str, code: str, hint: str | None, pos: X.Pos | None = None):
    pos = pos or name.pos
    return QueryValueError(message, text=text, line=pos and pos.line, column=pos and pos.column, code=code,
                           hint=hint)
