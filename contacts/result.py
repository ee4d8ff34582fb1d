"""What a query returns: its rows (computed once), its SQL and its parameters.

    >>> result = store.query("count calls Xi -> Zelensky since 2022-02")   # doctest: +SKIP
    >>> result.scalar                                                       # doctest: +SKIP
    1
    >>> result = store.query("count contacts with China by whom")            # doctest: +SKIP
    >>> figure = result.plot("partners.png")   # a matplotlib Figure; pip install 'contacts[plot]'   # doctest: +SKIP
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from contacts.errors import ContactsError


class Row(BaseModel):
    """Base of the records in `Result.rows`; each verb's rows have their own columns."""

    model_config = ConfigDict(frozen=True)


@functools.cache
def _row_model(verb: str, columns: tuple[str, ...]) -> type[Row]:
    fields: dict[str, Any] = {name: (Any, None) for name in columns}
    return create_model(f"{verb.capitalize()}Row", __base__=Row, **fields)


@dataclass(frozen=True)
class Result:
    columns: list[str]
    records: list[tuple]
    sql: str
    params: dict[str, Any]
    verb: str = "sql"
    text: str = ""
    scalar_query: bool = field(default=False, repr=False)
    notes: tuple[str, ...] = ()     # what the reader must know: rows a default limit left out
    query: Any = field(default=None, repr=False, compare=False)     # the bound query (its text titles a chart)
    store: Any = field(default=None, repr=False, compare=False)     # where it ran (a chart names it; tallies count in it)

    @property
    def scalar(self) -> Any:
        """The first value of the first row (a count's number), or None when there are no rows."""
        return self.records[0][0] if self.records and self.records[0] else None

    @property
    def rows(self) -> list[Row]:
        model = _row_model(self.verb, tuple(self.columns))
        return [model(**dict(zip(self.columns, r))) for r in self.records]

    def to_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r)) for r in self.records]

    def to_arrow(self):
        pa = _optional("pyarrow")
        return pa.table({c: [r[i] for r in self.records] for i, c in enumerate(self.columns)})

    def to_pandas(self):
        pd = _optional("pandas")
        return pd.DataFrame.from_records(self.records, columns=self.columns)

    def to_polars(self):
        pl = _optional("polars")
        return pl.DataFrame([list(r) for r in self.records], schema=self.columns, orient="row")

    def plot(self, path: str | None = None):
        """The result as a chart (a matplotlib Figure; a notebook shows it), written to `path`
        (.png, .svg or .pdf) when given. The chart follows the query: a timeline, bars, a strip
        of contacts per pair, or reported against counted tallies (contacts.plots)."""
        from contacts.plots import plot
        return plot(self, path)

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self):
        return iter(self.records)


def _optional(module: str):
    try:
        return __import__(module)
    except ImportError:
        raise ContactsError(f"{module} is not installed",
                            hint="install the data-frame extras: pip install 'contacts[frames]'") from None
