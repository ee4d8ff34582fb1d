"""$parameters → values: the step between parsing and compiling.

A parameter takes the kind of the slot it fills (actor, date, number or
value). Values arrive as text from the command line (`--param leader=Xi`) or
as Python values from the library (`store.query(text, since=date(2022, 2, 1))`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from contacts.errors import QueryValueError
from contacts.query import errors as E
from contacts.query import expressions as X
from contacts.query.windows import canonical_date, check_date

KINDS = ("actor", "date", "number", "value")


def parameters(query: X.Query | list[X.Query]) -> dict[str, X.Param]:
    """Every parameter a query (or a script) uses, by name (first use wins)."""
    found: dict[str, X.Param] = {}
    for node in X.walk(tuple(query) if isinstance(query, list) else query):
        if isinstance(node, X.Param):
            found.setdefault(node.name, node)
    return found


def bind(query: X.Query, values: Mapping[str, Any], *, text: str = "") -> X.Query:
    """The query with every $parameter replaced by its value."""
    used = parameters(query)
    for name, param in used.items():
        if name not in values:
            pos = param.pos
            raise QueryValueError(f"no value for ${name}", text=text, line=pos and pos.line,
                                  column=pos and pos.column, code=E.PARAMETER,
                                  hint=f"give it with --param {name}=… (or {name}=… in store.query)")
    if not used:
        return query
    return X.transform(query, lambda node: _value(node, values[node.name], text) if isinstance(node, X.Param)
                       else _flat(node) if isinstance(node, X.Actors) else node)


def _flat(actors: X.Actors) -> X.Actors:
    """An actor $parameter given a list stands for each of its names: `$states` = [France, Germany]."""
    items = [i for item in actors.items for i in (item if isinstance(item, tuple) else (item,))]
    return X.Actors(tuple(items))


def _value(param: X.Param, value: Any, text: str) -> Any:
    try:
        return _convert(param.kind, value)
    except (TypeError, ValueError) as exc:
        pos = param.pos
        raise QueryValueError(f"${param.name}: {exc}", text=text, line=pos and pos.line,
                              column=pos and pos.column, code=E.PARAMETER) from None


def _convert(kind: str, value: Any) -> Any:
    if kind == "actor":
        if isinstance(value, (list, tuple)) and value:
            return tuple(_convert(kind, v) for v in value)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"an actor is a name or a list of names, not {str(value)[:40]!r}")
        return X.Name(value.strip(), quoted=True)
    if kind == "date":
        if isinstance(value, datetime):
            value = value.date()
        text = value.isoformat() if isinstance(value, date) else str(value).strip()
        try:
            check_date(text)
        except QueryValueError as exc:
            raise ValueError(exc.message) from None
        return X.DateLit(canonical_date(text))
    if kind == "number":
        digits = str(value).strip()
        if isinstance(value, bool) or not digits.isdigit() or len(digits) > 10 or not 1 <= int(digits) <= E.MAX_NUMBER:
            raise ValueError(f"expected a whole number from 1 to {E.MAX_NUMBER:,}, not {str(value)[:20]!r}")
        return int(digits)
    if isinstance(value, bool):
        return X.Literal("yes" if value else "no")
    if isinstance(value, int):
        if abs(value) > E.MAX_NUMBER:
            raise ValueError(f"{value} is too large (at most {E.MAX_NUMBER:,})")
        return X.Literal(value)
    return X.Literal(str(value), quoted=True)


def convert_text(kind: str, text: str) -> Any:
    """Check a parameter's value given as text (for typed headers of .cq files)."""
    if kind not in KINDS:
        raise ValueError(f"unknown parameter type {kind!r} (use {', '.join(KINDS)})")
    return _convert(kind, text)
