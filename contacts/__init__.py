"""contacts: diplomatic contacts from news articles, in a DuckDB store.

>>> import contacts
>>> store = contacts.open()                  # in memory; give a path to keep it
>>> report = store.ingest(["seeds/"])        # doctest: +SKIP
>>> store.query("count calls Xi -> Zelensky since 2022-02").scalar   # doctest: +SKIP
1
>>> print(contacts.compile("count calls Xi -> Putin").sql.splitlines()[0])
SELECT count(*) AS count

The names below are imported on first use, so `contacts --help` does not pay
for DuckDB, the extractor and the knowledge base.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"


def _grammar_from_the_source_tree() -> None:
    """The grammar's home is the top-level `grammar/` folder, which an install maps to
    `contacts.grammar`. Python started in a source checkout imports this folder rather
    than the installed package, so map the grammar the same way here. The folder beside
    this code wins over an installed mapping: an editable install of another checkout
    (a git worktree) would otherwise give this code that checkout's grammar."""
    home = Path(__file__).resolve().parent.parent / "grammar"
    if not (home / "contacts.lark").is_file():
        return
    spec = importlib.util.spec_from_file_location("contacts.grammar", home / "__init__.py",
                                                  submodule_search_locations=[str(home)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["contacts.grammar"] = module
    spec.loader.exec_module(module)
    globals()["grammar"] = module            # what an import of the subpackage sets


_grammar_from_the_source_tree()

_HOMES = {
    "contacts.errors": ["ActorError", "AmbiguousActorError", "ContactsError", "CorrectionError", "FrontMatterError",
                        "InputError", "PlotError",
                        "QueryError", "QuerySyntaxError", "QueryValueError", "SchemaVersionError", "StoreError",
                        "StoreInUseError", "UnknownActorError"],
    "contacts.models": ["Article", "ExtractedContact", "ExtractedTally", "IngestReport"],
    "contacts.network": ["Network"],
    "contacts.query": ["Compiled", "Query", "compile", "parse"],
    "contacts.result": ["Result", "Row"],
    "contacts.store": ["Store", "open"],
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_HOME_OF)

if TYPE_CHECKING:
    from contacts.errors import (ActorError, AmbiguousActorError, ContactsError, CorrectionError, FrontMatterError,
                                 InputError, PlotError,
                                 QueryError, QuerySyntaxError, QueryValueError, SchemaVersionError, StoreError,
                                 StoreInUseError, UnknownActorError)
    from contacts.models import Article, ExtractedContact, ExtractedTally, IngestReport
    from contacts.network import Network
    from contacts.query import Compiled, Query, compile, parse  # noqa: A004
    from contacts.result import Result, Row
    from contacts.store import Store, open  # noqa: A004


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'contacts' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
