"""A person's name as a text writes it, resolved with the title, state and date it gives
(issue 20, kind 8): "King Philippe" in Belgium in 2021 is the king, not Édouard Philippe;
"Foreign Secretary Phillp Hammond" in 2015 is Philip Hammond.

Exact spellings first (as written, without honorifics and initials, family name first);
with a state, only people who held an office of it on the date count, and when none of
the exact matches does, the name is compared loosely (variants.likeness: transliterations,
extra or missing names, a letter off, a name cut short) with that state's office holders
on that date only: a typo is never guessed among all people. None when unsure.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from contacts.kb.model import Actor, Kind, Role
from contacts.kb.names import name_key
from contacts.kb.variants import core_words, likeness, prefix_likeness

if TYPE_CHECKING:
    from contacts.kb.base import KnowledgeBase

CUT_SHORT = 5            # the likeness of a name cut short ("Kang Kyung"): below any word matched in full


def resolve_titled(kb: KnowledgeBase, name: str, *, title: str | None = None, country: str | None = None,
                   on: date | None = None) -> Actor | None:
    found, full_name = people_spelled(kb, name)
    if not country:
        if on and len(found) > 1:
            found = [a for a in found if kb.roles_on(a.id, on)] or found
        return found[0] if len(found) == 1 else None
    holding = [a for a in found if _held_office(kb, a.id, country, on)]
    scores = office_holders_like(kb, name, country, on) if not holding or title else {}
    loose = list(scores)
    # those whose role there has that title first, then those whose office the title names;
    # among loose matches, the likest of those
    for exact, group in ((True, holding), (True, loose), (False, holding), (False, loose)):
        fitting = _likest(_fitting(kb, group, title, country, on, exact), scores)
        if len(fitting) == 1:
            return fitting[0]
    for group in (holding, _likest(loose, scores)):
        if len(group) == 1:
            return group[0]
    if holding or loose:
        return None
    return _known_elsewhere(kb, found, full_name, title, country)


def _known_elsewhere(kb: KnowledgeBase, found: list[Actor], full_name: bool, title: str | None,
                     country: str) -> Actor | None:
    """No office holder there: a full name known for one person is still that person; a family
    name alone only if the person is of that state ("King Philippe" of Belgium is not Édouard
    Philippe); never against an office the title names (a "King" Philippe of France is not the
    prime minister Philippe)."""
    if len(found) != 1 or not (full_name or found[0].country == country):
        return None
    office = kb.titles.get(name_key(title or ""))
    if office and not any(title_fits(kb, r, title) for r in kb.roles_of.get(found[0].id, ())):
        return None
    return found[0]


def people_spelled(kb: KnowledgeBase, name: str) -> tuple[list[Actor], bool]:
    """The people a name is an exact key of (and whether as a full name rather than a family
    name), tried as written, then without honorifics and initials, then in the other order."""
    core = core_words(name)
    for key in dict.fromkeys([name_key(name), " ".join(core), " ".join(reversed(core))]):
        ids, full_name = kb.names.get(key), True
        if not ids:
            ids, full_name = kb.surnames.get(key), False
        people = sorted((kb.actors[i] for i in ids or () if kb.actors[i].kind is Kind.person), key=lambda a: a.id)
        if people:
            return people, full_name
    return [], False


def office_holders_like(kb: KnowledgeBase, name: str, country: str, on: date | None) -> dict[Actor, int]:
    """The office holders of `country` (on `on`) whose names are like `name`, with how like."""
    written = core_words(name)
    scored: dict[str, int] = {}
    for role in kb.roles_in.get(country, ()):
        if role.actor not in scored and (on is None or role.holds_on(on)):
            scored[role.actor] = max((_likeness(written, form) for form in kb.forms_of(role.actor)), default=0)
    return {kb.actors[i]: score for i, score in scored.items() if score}


def _likeness(written: tuple[str, ...], form: tuple[str, ...]) -> int:
    return likeness(written, form) or (CUT_SHORT if prefix_likeness(written, form) else 0)


def _likest(people: list[Actor], scores: dict[Actor, int]) -> list[Actor]:
    """The people of the highest score (all of them when none is scored: exact matches)."""
    best = max((scores.get(a, 0) for a in people), default=0)
    return [a for a in people if scores.get(a, 0) == best]


def _held_office(kb: KnowledgeBase, actor_id: str, country: str, on: date | None) -> bool:
    return any(r.country == country and (on is None or r.holds_on(on)) for r in kb.roles_of.get(actor_id, ()))


def _fitting(kb: KnowledgeBase, people: list[Actor], title: str | None, country: str, on: date | None,
             exact: bool) -> list[Actor]:
    """Those of `people` whose role in `country` (on `on`) fits the title."""
    if not title:
        return []
    return [a for a in people if any(r.country == country and (on is None or r.holds_on(on))
                                     and title_fits(kb, r, title, exact) for r in kb.roles_of[a.id])]


def title_fits(kb: KnowledgeBase, role: Role, title: str, exact: bool = False) -> bool:
    """"Crown Prince and Prime Minister" fits a role titled "Crown Prince" and (not `exact`) any
    head of government: an office one of the title's words names (titles.toml)."""
    said, held = f" {name_key(title)} ", f" {name_key(role.title)} "
    if held in said or said in held:
        return True
    return not exact and any(f" {word} " in said and office == role.office for word, office in kb.titles.items())
