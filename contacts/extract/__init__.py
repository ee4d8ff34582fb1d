"""The extractor: from an article's text to its diplomatic contacts.

The pipeline (and its Bling Fire import) loads on first use,
so opening a store to query it does not pay for extraction.
"""

from __future__ import annotations

import importlib
from typing import Any

# Bump when extraction changes what it finds: `contacts reextract` redoes older articles.
EXTRACTOR_VERSION = "0.8.0"

_HOME_OF = {"Evidence": "contacts.extract.merge", "Mention": "contacts.extract.merge",
            **{name: "contacts.extract.pipeline"
               for name in ("Extraction", "Tally", "contract_lines", "extract", "tally_lines")}}

__all__ = ["EXTRACTOR_VERSION", *sorted(_HOME_OF)]


def __getattr__(name: str) -> Any:
    if name not in _HOME_OF:
        raise AttributeError(f"module 'contacts.extract' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOME_OF[name]), name)
