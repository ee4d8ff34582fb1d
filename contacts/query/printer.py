"""AST → canonical query text: lower-case keywords, ASCII arrows, plural modes,
clauses in a fixed order. `parse(to_text(q)) == q` for every query q.

    >>> to_text(parse("COUNT Call Xi → Putin SINCE 2022-02"))
    'count calls Xi -> Putin since 2022-02'
"""

from __future__ import annotations

import re

from contacts.query import expressions as X
from contacts.query.fields import FIELDS

_BARE = re.compile(r"^[^\W\d_][\w'’.-]*$")


def to_text(node) -> str:
    return _print(node)


def _print(node) -> str:
    kind = "onedate" if isinstance(node, X.OneDate) else type(node).__name__.lower()
    return globals()[f"_print_{kind}"](node)


def _print_query(q: X.Query) -> str:
    parts = [q.verb, f"distinct {q.distinct}" if q.distinct else "",
             ", ".join(X.PLURAL[m] for m in q.modes) if q.modes else ""]
    if q.pattern:
        parts.append(_print(q.pattern))
    parts += [_print(t) for t in q.times]
    if q.where:
        parts.append(f"where {_print(q.where)}")
    if q.status:
        parts.append(f"status {q.status}")
    if q.by:
        parts.append(f"by {', '.join(q.by)}")
    if q.compare is not None:
        parts.append(f"compare {_print(q.compare)}")
    if q.share:
        parts.append("as share")
    if q.order:
        parts.append(f"order by {q.order.key}{' desc' if q.order.descending else ''}")
    if q.limit is not None:
        parts.append(f"limit {_number(q.limit)}")
    return " ".join(p for p in parts if p)


def _print_pair(p: X.Pair) -> str:
    return f"{_print(p.left)} {p.arrow} {_print(p.right)}"


def _print_with(p: X.With) -> str:
    return " and ".join(f"with {_print(a)}" for a in (p.actors, *p.also))


def _print_actors(a: X.Actors) -> str:
    return " | ".join(_print(i) for i in a.items)


def _print_name(n: X.Name) -> str:
    words = n.text.split(" ")
    if all(_BARE.match(w) and w.lower() not in X.KEYWORDS for w in words):
        return n.text
    return _quote(n.text)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _print_anyone(_: X.Anyone) -> str:
    return "*"


def _print_param(p: X.Param) -> str:
    return f"${p.name}"


def _print_datelit(d: X.DateLit) -> str:
    return d.text


def _print_onedate(t: X.OneDate) -> str:
    return f"{t.keyword} {_print(t.date)}"


def _print_between(t: X.Between) -> str:
    return f"between {_print(t.first)} and {_print(t.last)}"


def _print_last(t: X.Last) -> str:
    return f"last {_number(t.count)} {t.unit}{'' if t.count == 1 else 's'}"


def _number(n: int | X.Param | str) -> str:
    return _print(n) if isinstance(n, X.Param) else str(n)


def _print_compare(c: X.Compare) -> str:
    value = c.value
    if isinstance(value, X.Literal) and FIELDS[c.field].kind in ("text", "place"):
        return f"{c.field} {c.op} {_quote(str(value.value))}"
    return f"{c.field} {c.op} {_print(value)}"


def _print_literal(v: X.Literal) -> str:
    if isinstance(v.value, int):
        return str(v.value)
    if v.value.lower() in X.MODE_OF or v.value.lower() in X.FAMILIES:    # one mode word is a value
        return v.value
    if not all(_BARE.match(w) and w.lower() not in X.KEYWORDS for w in v.value.split(" ")):
        return _quote(v.value)
    return v.value


def _print_and(c: X.And) -> str:
    return " and ".join(_grouped(i, (X.And, X.Or)) for i in c.items)


def _print_or(c: X.Or) -> str:
    return " or ".join(_grouped(i, X.Or) for i in c.items)


def _print_not(c: X.Not) -> str:
    return f"not {_grouped(c.item, (X.And, X.Or))}"


def _grouped(node, kinds) -> str:
    text = _print(node)
    return f"({text})" if isinstance(node, kinds) else text
