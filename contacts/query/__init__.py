"""The query language, as a pipeline of small modules:

    parser (grammar/contacts.lark → expressions) → binder ($params)
        → generator (SQL + parameters), with printer (AST → canonical text)

    >>> compile("count calls Xi -> Putin since 2022-02").sql.splitlines()[0]
    'SELECT count(*) AS count'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from contacts.errors import QueryValueError
from contacts.query import errors as E
from contacts.query.actors import QueryActors
from contacts.query.binder import bind, parameters
from contacts.query.expressions import Query
from contacts.query.generator import Compiled, Generator
from contacts.query.parser import parse, parse_script
from contacts.query.printer import to_text

__all__ = ["Compiled", "Query", "QueryActors", "bind", "compile", "parameters", "parse", "parse_script", "to_text"]


def compile(query: str | Query, *, actors: QueryActors | None = None, now: date | None = None,  # noqa: A001
            params: Mapping[str, Any] | None = None, text: str | None = None,
            unused_params: bool = False) -> Compiled:
    """SQL and parameters for one query, without running it.

    `actors` resolves names (default: the packaged knowledge base);
    `now` fixes "today" for `last N days` (default: today);
    a value in `params` that the query does not use is an error (a misspelt name would
    otherwise be silently ignored) unless `unused_params` (a file's or session's values).
    """
    now = _today(now)
    if isinstance(query, str):
        text, query = query, parse(query)
    text = text or ""
    if not unused_params:
        _check_known(query, params or {}, text)
    bound = bind(query, params or {}, text=text)
    return Generator(actors or QueryActors(), now or date.today(), text).generate(bound)


def _check_known(query: Query, params: Mapping[str, Any], text: str) -> None:
    unknown = sorted(set(params) - set(parameters(query)))
    if unknown:
        takes = ", ".join(f"${n}" for n in parameters(query)) or "no parameters"
        raise QueryValueError(f"unknown parameter {', '.join('$' + n for n in unknown)}", text=text,
                              code=E.PARAMETER, hint=f"this query takes {takes}")


def _today(now: Any) -> date | None:
    """`now` as a date: a date, a datetime's day, or YYYY-MM-DD text."""
    if now is None or type(now) is date:
        return now
    if isinstance(now, datetime):
        return now.date()
    try:
        return date.fromisoformat(now.strip()) if isinstance(now, str) else _refuse_now(now)
    except ValueError:
        return _refuse_now(now)


def _refuse_now(now: Any) -> date:
    raise QueryValueError(f"now={str(now)[:40]!r} is not a date", code=E.VALUE,
                          hint="give a datetime.date or YYYY-MM-DD text")
