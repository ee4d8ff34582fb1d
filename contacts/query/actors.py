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
from contacts.query import errors as E
from contacts.query import expressions as X

MAX_NAME = 200


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
            return self._lookup(name.text)
        except AmbiguousActorError as exc:
            raise _at(name, text, str(exc.message), E.AMBIGUOUS_ACTOR, exc.hint) from None
        except ActorError as exc:
            if not name.quoted:
                self._check_keywords(name, text)
            raise _at(name, text, exc.message, E.UNKNOWN_ACTOR, exc.hint) from None

    def _lookup(self, text: str) -> Resolved:
        resolution = self.kb.resolve(text)
        if resolution.actor:
            a = resolution.actor
            return Resolved(a.id, a.name, a.kind.value, a.country)
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


def _at(name: X.Name, text: str, message: str, code: str, hint: str | None, pos: X.Pos | None = None):
    pos = pos or name.pos
    return QueryValueError(message, text=text, line=pos and pos.line, column=pos and pos.column, code=code,
                           hint=hint)
