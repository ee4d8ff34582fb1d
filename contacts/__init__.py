"""contacts: diplomatic contacts from news articles, in a DuckDB store.

>>> import contacts
>>> store = contacts.open()                  # in memory; give a path to keep it
>>> report = store.ingest(["seeds/"])        # doctest: +SKIP
"""

from contacts.errors import (ActorError, AmbiguousActorError, ContactsError, FrontMatterError, InputError,
                             QueryError, QuerySyntaxError, QueryValueError, SchemaVersionError, StoreError,
                             StoreInUseError, UnknownActorError)
from contacts.models import Article, ExtractedContact, ExtractedTally, IngestReport
from contacts.store import Store, open  # noqa: A004 - the library's verb

__version__ = "0.1.0"

__all__ = ["ActorError", "AmbiguousActorError", "Article", "ContactsError", "ExtractedContact", "ExtractedTally",
           "FrontMatterError", "IngestReport", "InputError", "QueryError", "QuerySyntaxError", "QueryValueError",
           "SchemaVersionError", "Store", "StoreError", "StoreInUseError", "UnknownActorError", "open"]
