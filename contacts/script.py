"""Saved query files (`.cq`): several titled queries sharing typed parameters.

    # Calls and meetings of China's leader            <- what the file is about
    # param leader: actor = Xi Jinping                <- name: type = default
    # param since: date = 2022-02-24                     (no default: required)

    # Calls with Zelensky since the invasion          <- a query's title: the
    count calls $leader <-> Zelensky since $since;       comment just above it

Parameter types: actor, date, number, value. Queries end with `;`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contacts.errors import InputError, QueryError, QueryValueError
from contacts.query import errors as E
from contacts.query import expressions as X
from contacts.query.binder import KINDS, convert_text, parameters
from contacts.query.parser import parse_script
from contacts.query.printer import to_text

_PARAM = re.compile(r"^#\s*param\s+([^\W\d]\w*)\s*:\s*(\w+)\s*(?:=\s*(.*?))?\s*$")


@dataclass(frozen=True)
class ParamSpec:
    name: str
    kind: str
    default: str | None
    line: int


@dataclass(frozen=True)
class SavedQuery:
    title: str
    query: X.Query
    line: int


@dataclass
class Script:
    path: str
    text: str
    queries: list[SavedQuery] = field(default_factory=list)
    params: dict[str, ParamSpec] = field(default_factory=dict)

    def values(self, given: dict[str, Any]) -> dict[str, Any]:
        """The parameter values to run with: the given ones over the defaults."""
        unknown = sorted(set(given) - set(self.params) - set(parameters([q.query for q in self.queries])))
        if unknown:
            raise QueryValueError(f"unknown parameter {', '.join(unknown)}", source=self.path, code=E.PARAMETER,
                                  hint=f"this file takes: {', '.join(self.params) or 'no parameters'}")
        values = {name: spec.default for name, spec in self.params.items() if spec.default is not None}
        values.update(given)
        return values


def load(path: str | Path) -> Script:
    """Read and check a .cq file; errors name the file, line and column."""
    try:
        text = Path(path).read_text("utf-8-sig")      # an editor's byte order mark is not a query
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the query file: {exc}") from None
    return parse(text, str(path))


def parse(text: str, path: str = "<queries>") -> Script:
    script = Script(path, text)
    lines = text.splitlines()
    try:
        script.params = _params(lines, path)
        queries = parse_script(text)
    except QueryError as exc:
        exc.source = exc.source or path
        raise
    for query in queries:
        line = query.pos.line if query.pos else 1
        script.queries.append(SavedQuery(_title(lines, line) or to_text(query), query, line))
    _check_kinds(script)
    return script


def _params(lines: list[str], path: str) -> dict[str, ParamSpec]:
    specs: dict[str, ParamSpec] = {}
    for number, line in enumerate(lines, 1):
        m = _PARAM.match(line.strip())
        if not m:
            continue
        name, kind, default = m[1], m[2].lower(), m[3] or None
        error = dict(text="\n".join(lines), line=number, column=1, source=path, code=E.PARAMETER)
        if kind not in KINDS:
            raise QueryValueError(f"unknown parameter type '{kind}'", hint=f"use {', '.join(KINDS)}", **error)
        if default is not None:
            try:
                convert_text(kind, default.strip('"'))
            except ValueError as exc:
                raise QueryValueError(f"default of ${name}: {exc}", **error) from None
            default = default.strip('"')
        specs[name] = ParamSpec(name, kind, default, number)
    return specs


def _title(lines: list[str], line: int) -> str | None:
    """The first line of the comment block just above `line` (param lines are not titles)."""
    block: list[str] = []
    n = line - 2
    while n >= 0 and lines[n].strip().startswith("#"):
        block.insert(0, lines[n].strip())
        n -= 1
    titles = [b.lstrip("#").strip() for b in block if not _PARAM.match(b)]
    return titles[0] if titles and titles[0] else None


def _check_kinds(script: Script) -> None:
    for saved in script.queries:
        for node in X.walk(saved.query):
            if isinstance(node, X.Param) and node.name in script.params:
                spec = script.params[node.name]
                if spec.kind not in (node.kind, "value"):
                    pos = node.pos
                    raise QueryValueError(f"${node.name} is declared {spec.kind} (line {spec.line}) but used as "
                                          f"{node.kind}", text=script.text, line=pos and pos.line,
                                          column=pos and pos.column, source=script.path, code=E.PARAMETER)
