"""Named sets of states with their membership dates (sets.toml): `EU-members`, `NATO-members`,
`G7-members`, `G20-members`, `BRICS-members`, `ASEAN-members`, `AU-members`.

A set stands, on each side of a pattern, for its member states and every actor of them,
while the state belonged at the contact's date: Finland counts in `NATO-members` from
2023-04-04, the United Kingdom in `EU-members` until 2020-01-31. A file named by the
environment variable CONTACTS_SETS adds sets (or replaces one of the same name).

    >>> find("nato-members").name
    'NATO'
"""

from __future__ import annotations

import functools
import os
import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from contacts.errors import QueryValueError
from contacts.query import errors as E

SUFFIX = "-members"


@dataclass(frozen=True)
class StateSet:
    name: str
    title: str
    members: tuple[tuple[str, date | None, date | None], ...]     # (code, joined, last day a member)

    @property
    def codes(self) -> list[str]:
        return [code for code, _, _ in self.members]


def is_set_name(text: str) -> bool:
    return text.lower().endswith(SUFFIX) and len(text) > len(SUFFIX)


def find(text: str) -> StateSet | None:
    """The set `text` (NAME-members) names, any case; None when there is none."""
    return _sets().get(text[: -len(SUFFIX)].upper()) if is_set_name(text) else None


def names() -> list[str]:
    return [f"{name}{SUFFIX}" for name in _sets()]


@functools.cache
def _sets() -> dict[str, StateSet]:
    found = _read(resources.files("contacts.query").joinpath("sets.toml").read_text("utf-8"), "sets.toml")
    extra = os.environ.get("CONTACTS_SETS")
    if extra:
        try:
            text = Path(extra).read_text("utf-8")
        except OSError as exc:
            raise QueryValueError(f"CONTACTS_SETS: cannot read {extra}: {exc.strerror}", code=E.VALUE,
                                  hint="name a TOML file of sets, as contacts/query/sets.toml") from None
        found.update(_read(text, extra))
    return found


def _read(text: str, origin: str) -> dict[str, StateSet]:
    try:
        data = tomllib.loads(text)
        return {name.upper(): StateSet(name.upper(), entry.get("title", name),
                                       tuple(_member(m) for m in entry["members"]))
                for name, entry in data.items()}
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise QueryValueError(f"{origin}: not a file of sets ({exc})", code=E.VALUE,
                              hint='each set: [NAME] members = [["FIN", "2023-04-04"], ["GBR", "1973-01-01", '
                                   '"2020-01-31"]]') from None


def _member(entry: list) -> tuple[str, date | None, date | None]:
    code, *days = entry
    if not isinstance(code, str) or len(days) > 2:
        raise ValueError(f"a member is [code, joined, left], not {entry!r}")
    joined, left = (list(days) + [None, None])[:2]
    return code, date.fromisoformat(joined) if joined else None, date.fromisoformat(left) if left else None
