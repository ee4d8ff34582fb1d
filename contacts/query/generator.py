"""AST → SQL plus parameters, one small method per node type.

Every value (actor ids, country codes, dates, where-values, limits) goes in
as a named parameter; the SQL text holds only the query's shape.

    >>> compile("count calls Xi -> Putin since 2022-02").params["since"]
    datetime.date(2022, 2, 1)
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from contacts import lineage
from contacts.errors import QueryValueError
from contacts.models import ALWAYS_DIRECTED
from contacts.query import errors as E
from contacts.query import expressions as X
from contacts.query.actors import QueryActors, Resolved
from contacts.query.fields import BOOLEANS, FIELDS
from contacts.query.sets import StateSet, find as find_set, is_set_name, names as set_names
from contacts.query.keys import NO_OFFICE, OFFICES, holds_any_office, holds_office
from contacts.query.keys import NEEDS_PARTNER, PERIOD_LABEL as _PERIOD_LABEL, STATE_KEYS, country_at, key_sql
from contacts.query.windows import Window, period, window

TRUE = None    # a condition that always holds is left out
TOTAL = "_matched"     # a list's last column without a limit: how many matched (Compiled.row_cap)

# A contact a researcher's decision is about (contacts.corrections keeps each mention's review).
_REVIEWED = ("EXISTS (SELECT 1 FROM contact_sources s JOIN reviews r ON r.mention = s.mention "
             "WHERE s.contact = c.id AND {test})")


@dataclass(frozen=True)
class Compiled:
    """What a query compiles to: DuckDB SQL and its named parameters."""

    sql: str
    params: dict[str, Any]
    verb: str
    query: X.Query
    scalar: bool = False          # one number (count without by)
    row_cap: int | None = None    # list without limit: show this many; its last column is how many matched

    def __str__(self) -> str:
        return f"{self.sql}\n-- parameters: {self.params}"


@dataclass(frozen=True)
class _Table:
    """Where a query's rows come from: contacts (alias c) or tallies (alias t)."""

    name: str
    alias: str
    first_day: str
    last_day: str


CONTACTS = _Table("contacts", "c", "c.date_start", "c.date_end")
TALLIES = _Table("tallies", "t", "t.until", "t.until")

_DAYS = {"year": 365, "quarter": 90, "month": 28, "week": 7, "day": 1}      # at least, a period
_STEP = {"year": "INTERVAL 1 YEAR", "quarter": "INTERVAL 3 MONTH", "month": "INTERVAL 1 MONTH",
         "week": "INTERVAL 7 DAY", "day": "INTERVAL 1 DAY"}
_DATE_LABEL = ("CASE {a}.precision WHEN 'day' THEN strftime({a}.date_start, '%Y-%m-%d') "
               "WHEN 'month' THEN strftime({a}.date_start, '%Y-%m') WHEN 'year' THEN strftime({a}.date_start, '%Y') END")


_PARTNERS = "-partners"        # NAME-partners: one hop out from NAME


def _is_partners(text: str) -> bool:
    return text.lower().endswith(_PARTNERS) and len(text) > len(_PARTNERS)


def _bucket(unit: str) -> str:
    """The first day of the period that holds a contact's whole date (NULL when none does)."""
    return (f"CASE WHEN date_trunc('{unit}', c.date_start) = date_trunc('{unit}', c.date_end) "
            f"THEN CAST(date_trunc('{unit}', c.date_start) AS DATE) END")


def _always_directed(q: X.Query) -> bool:
    return bool(q.modes) and set(q.modes) <= ALWAYS_DIRECTED


def _all(*parts: str | None) -> str | None:
    kept = [p for p in parts if p is not TRUE]
    if not kept:
        return TRUE
    return kept[0] if len(kept) == 1 else " AND ".join(_wrap(p, " OR ") for p in kept)


def _any(*parts: str | None) -> str | None:
    if any(p is TRUE for p in parts):
        return TRUE
    return parts[0] if len(parts) == 1 else " OR ".join(_wrap(p, " AND ", " OR ") for p in parts)


def _wrap(part: str, *operators: str) -> str:
    return f"({part})" if any(op in part for op in operators) else part


@dataclass
class _Params:
    values: dict[str, Any] = field(default_factory=dict)

    def add(self, hint: str, value: Any) -> str:
        name, n = hint, 2
        while name in self.values and self.values[name] != value:
            name, n = f"{hint}_{n}", n + 1
        self.values[name] = value
        return f"${name}"


@dataclass(frozen=True)
class _Side:
    """One side of a pattern, resolved: anyone, or actor ids and group codes."""

    anyone: bool = False
    ids: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    sets: tuple[StateSet, ...] = ()     # named sets of states, each member while it belonged
    partners_of: tuple["_Side", ...] = ()   # NAME-partners: whoever was in contact with NAME


class Generator:
    def __init__(self, actors: QueryActors, now: date, text: str = "") -> None:
        self.actors, self.now, self.text = actors, now, text
        self.p = _Params()
        self.ctes: dict[str, str] = {}      # the members of each country or organisation named
        self._sides: dict[X.Actors, _Side] = {}

    def generate(self, q: X.Query) -> Compiled:
        self._query = q
        self._check_clauses(q)
        sql = self._with_members(getattr(self, f"_verb_{q.verb}")(q))
        capped = q.verb == "list" and q.limit is None
        return Compiled(sql, self.p.values, q.verb, q, scalar=q.verb == "count" and not q.by and q.compare is None,
                        row_cap=E.LIST_ROWS if capped else None)

    # ---- verbs ---------------------------------------------------------------
    def _verb_count(self, q: X.Query) -> str:
        if not (q.by or q.distinct or q.compare):
            return f"SELECT count(*) AS count\nFROM {self._contacts(q)} c{self._where(self._filter(q))}"
        names = list(dict.fromkeys([*q.by, *([q.distinct] if q.distinct else [])]))
        keys = [self._key(k) for k in names]
        joins = "".join(dict.fromkeys(j for _, js in keys for j in js))     # who and pair share a join
        columns = "".join(f", {e}" for e, _ in keys)
        select, order = self._counts(q), self._group_order(q)
        grouped = f"\nGROUP BY {', '.join(q.by)}" if q.by else ""
        share = ", round(count / sum(count) OVER (), 4) AS share" if q.share else ""
        return (f"WITH matched AS (\n{self._matched(q)}\n),\n"
                f"keyed AS (\nSELECT c.id, c.date_start, c.date_end{columns}\nFROM matched c{joins}\n),\n"
                f"counted AS (\nSELECT {''.join(k + ', ' for k in q.by)}{select}\nFROM keyed{grouped}\n)\n"
                f"SELECT *{share}\nFROM counted{self._order_by(order)}{self._limit(q)}")

    def _counts(self, q: X.Query) -> str:
        """The count columns: how many (or how many different values of the distinct key), or with
        `compare D` how many before D, how many since D, and the change."""
        what = f"DISTINCT {q.distinct}" if q.distinct else "DISTINCT id" if "source" in q.by else "*"
        if q.compare is None:
            return f"count({what}) AS count"
        first = self.p.add("compare", period(q.compare.text)[0])
        before, since = f"date_end < {first}", f"date_start >= {first}"
        return (f"count({what}) FILTER (WHERE {before}) AS before, count({what}) FILTER (WHERE {since}) AS since, "
                f"count({what}) FILTER (WHERE {since}) - count({what}) FILTER (WHERE {before}) AS change")

    @staticmethod
    def _order_by(order: str) -> str:
        return f"\nORDER BY {order}" if order else ""

    def _verb_timeline(self, q: X.Query) -> str:
        """Counts per period, empty periods as 0; contacts that no one period holds (undated, or
        known only to the month in a timeline by day) are counted in a last row with an empty
        period, so the rows always add up to `count`."""
        unit = q.by[0] if q.by else "month"
        if len(q.by) > 1:
            return self._panel(q, unit)
        lo, hi = self._timeline_bounds(q, unit)
        bucket = _bucket(unit)
        descending = bool(q.order and q.order.descending)
        order = "count DESC, period" if q.order and q.order.key == "count" and descending else \
            "count, period" if q.order and q.order.key == "count" else \
            "period DESC" if descending else "period"
        return (f"WITH matched AS (\nSELECT {bucket} AS period\nFROM {self._contacts(q)} c{self._where(self._filter(q))}\n),\n"
                f"{self._periods(lo, hi, unit)},\n"
                f"counted AS (SELECT p.period, count(m.period) AS count\n"
                f"FROM periods p LEFT JOIN matched m ON m.period = p.period GROUP BY p.period\n"
                f"UNION ALL SELECT NULL, count(*) FROM matched WHERE period IS NULL HAVING count(*) > 0)\n"
                f"SELECT {_PERIOD_LABEL[unit].format(d='period')} AS {unit}, count\nFROM counted\n"
                f"ORDER BY period IS NULL, {order}{self._limit(q)}")

    def _panel(self, q: X.Query, unit: str) -> str:
        """`timeline … by year, dyad`: a panel with a row for every period and every value of the other
        keys that the matched contacts hold (each dyad that ever had a contact), zeros included."""
        others = q.by[1:]
        keys = [self._key(k) for k in others]
        joins = "".join(dict.fromkeys(j for _, js in keys for j in js))
        lo, hi = self._timeline_bounds(q, unit)
        same = " AND ".join(f"m.{k} IS NOT DISTINCT FROM k.{k}" for k in others)
        listed = ", ".join(others)
        order = "count DESC, " if q.order and q.order.key == "count" else ""
        return (f"WITH contacts_matched AS (\n{self._matched(q)}\n),\n"
                f"matched AS (\nSELECT {_bucket(unit)} AS period, {', '.join(e for e, _ in keys)}\n"
                f"FROM contacts_matched c{joins}\n),\n"
                f"{self._periods(lo, hi, unit)},\n"
                f"values_seen AS (SELECT DISTINCT {listed} FROM matched),\n"
                f"counted AS (SELECT p.period, {', '.join('k.' + k for k in others)}, count(m.period) AS count\n"
                f"FROM periods p CROSS JOIN values_seen k LEFT JOIN matched m ON m.period = p.period AND {same}\n"
                f"GROUP BY ALL\n"
                f"UNION ALL SELECT NULL, {listed}, count(*) FROM matched WHERE period IS NULL GROUP BY ALL)\n"
                f"SELECT {_PERIOD_LABEL[unit].format(d='period')} AS {unit}, {listed}, count\nFROM counted\n"
                f"ORDER BY period IS NULL, {order}period{' DESC' if q.order and q.order.descending else ''}, "
                f"{', '.join(k + ' NULLS LAST' for k in others)}{self._limit(q)}")

    @staticmethod
    def _periods(lo: str, hi: str, unit: str) -> str:
        return (f"bounds AS (SELECT {lo} AS lo, {hi} AS hi{' FROM matched' if 'period' in lo + hi else ''}),\n"
                f"periods AS (SELECT CAST(unnest(generate_series(lo, hi, {_STEP[unit]})) AS DATE) AS period "
                f"FROM bounds WHERE lo <= hi)")

    def _verb_list(self, q: X.Query, first_or_last: str | None = None) -> str:
        """The contacts, with their dates (as written, and first and last day) and the states of both
        sides at that date. Without `limit`, at most LIST_ROWS rows and the number that matched."""
        tie = "w.name, m.name, c.mode, c.id"          # a stable order among contacts of one date
        order = f"c.date_start NULLS LAST, c.date_end, {tie}"
        if q.order and q.order.key == "sources":
            order = f"c.n_sources{' DESC' if q.order.descending else ''}, {order}"
        elif q.order and q.order.descending:
            order = f"c.date_start DESC NULLS LAST, c.date_end DESC, {tie}"
        extra, limit, total = "", self._limit(q), ""
        if first_or_last:
            extra = "\nWHERE c.date_start IS NOT NULL"
            order = f"c.date_start, c.date_end, {tie}" if first_or_last == "first" else \
                f"c.date_end DESC, c.date_start DESC, {tie}"
            limit = limit or "\nLIMIT 1"
        elif q.limit is None:
            limit, total = f"\nLIMIT {self.p.add('limit', E.LIST_ROWS + 1)}", f", count(*) OVER () AS {TOTAL}"
        today = self.p.add("today", self.now)
        day = f"coalesce(c.date_start, {today})"
        prelude, keys = f"WITH matched AS (\n{self._matched(q)}\n)\n", ""
        if first_or_last and q.by:
            prelude, keys = self._firsts(q, first_or_last), "".join(f"c.key_{k} AS {k}, " for k in q.by)
            limit = self._limit(q)
            order = f"c.date_start{' DESC' if first_or_last == 'last' else ''}, {tie}"
        # the rows are chosen first and only they get their states looked up (at 1M contacts, looking
        # up every match before the limit cost seconds)
        shown = order.replace("w.name", "c.who_name").replace("m.name", "c.whom_name")
        total_out = f", c.{TOTAL}" if total else ""
        return (f"{prelude.rstrip().removesuffix(')')}),\npicked AS (\n"
                f"SELECT c.*, w.name AS who_name, m.name AS whom_name, l.name AS location_name{total}\n"
                f"FROM matched c JOIN actors w ON w.id = c.who JOIN actors m ON m.id = c.whom "
                f"LEFT JOIN actors l ON l.id = c.location{extra}\n"
                f"ORDER BY {order}{limit}\n)\n"
                f"SELECT {keys}c.id, {_DATE_LABEL.format(a='c')} AS date, c.date_start, c.date_end, "
                f"c.who_name AS who, {country_at('c.who', day)} AS who_country, "
                f"c.whom_name AS whom, {country_at('c.whom', day)} AS whom_country, c.mode, "
                f"c.directed, c.status, c.location_name AS location, c.n_sources AS sources, c.evidence{total_out}\n"
                f"FROM picked c\nORDER BY {shown}")

    def _firsts(self, q: X.Query, first_or_last: str) -> str:
        """`first … by KEY`: the matching contacts cut to the first (or last) dated one of each key's value
        (each partner's first contact), the key kept as key_<name>."""
        keys = [self._key(k) for k in q.by]
        joins = "".join(dict.fromkeys(j for _, js in keys for j in js))
        columns = "".join(f", {e.rsplit(' AS ', 1)[0]} AS key_{k}" for (e, _), k in zip(keys, q.by))
        order = "c.date_start, c.date_end, c.id" if first_or_last == "first" else \
            "c.date_end DESC, c.date_start DESC, c.id"
        return (f"WITH all_matched AS (\n{self._matched(q)}\n),\n"
                f"matched AS (\nSELECT c.*{columns}\nFROM all_matched c{joins}\nWHERE c.date_start IS NOT NULL\n"
                f"QUALIFY row_number() OVER (PARTITION BY {', '.join('key_' + k for k in q.by)} ORDER BY {order}) = 1\n)\n")

    def _verb_first(self, q: X.Query) -> str:
        return self._verb_list(q, "first")

    def _verb_last(self, q: X.Query) -> str:
        return self._verb_list(q, "last")

    def _verb_gaps(self, q: X.Query) -> str:
        """Each dated contact with the one before it (of the same key's value, with `by`) and the days
        between them: from the earlier one's last day to this one's first."""
        keys = [self._key(k) for k in q.by]
        joins = "".join(dict.fromkeys(j for _, js in keys for j in js))
        columns = "".join(f", {e.rsplit(' AS ', 1)[0]} AS key_{k}" for (e, _), k in zip(keys, q.by))
        within = f"PARTITION BY {', '.join('key_' + k for k in q.by)} " if q.by else ""
        window = f"OVER ({within}ORDER BY c.date_start, c.date_end, c.id)"
        descending = " DESC" if q.order and q.order.descending else ""
        order = f"c.days{descending} NULLS LAST, c.date_start" if q.order and q.order.key == "days" else \
            f"{''.join('c.key_' + k + ', ' for k in q.by)}c.date_start{descending}, c.date_end, c.id"
        return (f"WITH matched AS (\n{self._matched(q)}\n),\n"
                f"keyed AS (\nSELECT c.*{columns}\nFROM matched c{joins}\nWHERE c.date_start IS NOT NULL\n),\n"
                f"gaps AS (\nSELECT c.*, lag({_DATE_LABEL.format(a='c')}) {window} AS previous, "
                f"CASE WHEN lag(c.date_end) {window} IS NOT NULL THEN greatest(c.date_start - lag(c.date_end) {window}, 0) END "
                f"AS days\nFROM keyed c\n)\n"
                f"SELECT {''.join(f'c.key_{k} AS {k}, ' for k in q.by)}{_DATE_LABEL.format(a='c')} AS date, "
                f"c.previous, c.days, c.mode, w.name AS who, m.name AS whom, c.id\n"
                f"FROM gaps c JOIN actors w ON w.id = c.who JOIN actors m ON m.id = c.whom\n"
                f"ORDER BY {order}{self._limit(q)}")

    def _verb_sources(self, q: X.Query) -> str:
        order = "a.published NULLS LAST, a.name"
        if q.order and q.order.key == "count":
            order = f"contacts{' DESC' if q.order.descending else ''}, {order}"
        elif q.order and q.order.descending:
            order = "a.published DESC NULLS LAST, a.name"
        return (f"WITH matched AS (\nSELECT c.id\nFROM {self._contacts(q)} c{self._where(self._filter(q))}\n)\n"
                f"SELECT a.name AS article, a.source, a.published, a.title, a.url, count(DISTINCT c.id) AS contacts\n"
                f"FROM matched c JOIN contact_sources s ON s.contact = c.id "
                f"JOIN mentions mm ON mm.id = s.mention JOIN articles a ON a.id = mm.article\n"
                f"GROUP BY ALL\nORDER BY {order}{self._limit(q)}")

    def _verb_tallies(self, q: X.Query) -> str:
        t = TALLIES
        conds = [self._modes(q, t)]
        if q.pattern:
            left, _, right = self._pattern_sides(q.pattern)
            conds.append(self._pair(left, right, "<->", t))
        conds += [self._window(q, t), self._condition(q.where, t) if q.where else TRUE]
        order = "t.until, t.id"
        if q.order and q.order.key == "count":
            order = f"t.count{' DESC' if q.order.descending else ''}, {order}"
        elif q.order and q.order.descending:
            order = "t.until DESC, t.id"
        return ("SELECT t.count, w.name AS who, m.name AS whom, t.mode, t.since, t.until, a.source, "
                "a.name AS article, t.evidence\n"
                "FROM tallies t JOIN actors w ON w.id = t.who JOIN actors m ON m.id = t.whom "
                f"JOIN articles a ON a.id = t.article{self._where(_all(*conds))}\nORDER BY {order}{self._limit(q)}")

    # ---- the matching contacts ----------------------------------------------------
    def _filter(self, q: X.Query) -> str | None:
        c = CONTACTS
        pattern = TRUE
        if q.pattern:
            left, arrow, right = self._pattern_sides(q.pattern)
            pattern = self._pair(left, right, arrow, c, directed=_always_directed(q))
        return _all(self._modes(q, c), pattern, self._window(q, c), self._status(q), self._also(q),
                    self._condition(q.where, c) if q.where else TRUE)

    def _also(self, q: X.Query) -> str | None:
        """`with A and with B`: the contact's partner (the side A did not match) was also in contact
        with B — in the same modes, window and status — so `count distinct partner with China and
        with USA` is how many actors met both."""
        if not (isinstance(q.pattern, X.With) and q.pattern.also):
            return TRUE
        first = self._resolve(q.pattern.actors)
        partner = f"CASE WHEN {self._side(first, 'c.who', CONTACTS, 'left')} THEN c.whom ELSE c.who END"
        return _all(*(f"{partner} IN ({self._partners_of(self._resolve(actors), f'also{n}')})"
                      for n, actors in enumerate(q.pattern.also, 2)))

    def _partners_of(self, side: _Side, hint: str) -> str:
        """A subquery of the actors in contact with `side` (the other side of each of its contacts), in
        the query's modes, window and status."""
        q, alias = self._query, f"o_{hint}"
        other = _Table("contacts", alias, f"{alias}.date_start", f"{alias}.date_end")
        facing = self._side(side, f"{alias}.who", other, hint)
        status = q.status or "occurred"
        met = _all(self._modes(q, other), self._window(q, other),
                   TRUE if status == "any" else f"{alias}.status = {self.p.add('status', status)}",
                   _any(facing, self._side(side, f"{alias}.whom", other, hint)))
        return f"SELECT CASE WHEN {facing} THEN {alias}.whom ELSE {alias}.who END FROM contacts {alias}{self._where(met)}"

    def _matched(self, q: X.Query) -> str:
        """The matching contacts, with undirected ones turned to face the pattern (its left side as who)
        where the answer shows who and whom, and (for `by partner`) the other side of the pattern."""
        swap = TRUE
        shows_sides = q.verb != "count" or any(k in ("who", "whom", "pair", "who_country", "whom_country")
                                                for k in (*q.by, q.distinct))
        if q.pattern and shows_sides and not _always_directed(q):
            left, arrow, right = self._pattern_sides(q.pattern)
            initiator, recipient = (right, left) if arrow == "<-" else (left, right)
            faces = _all(self._side(initiator, "c.who", CONTACTS, "right" if arrow == "<-" else "left"),
                         self._side(recipient, "c.whom", CONTACTS, "left" if arrow == "<-" else "right"))
            swap = faces and f"NOT c.directed AND NOT ({faces})"
        who = f"CASE WHEN {swap} THEN c.whom ELSE c.who END" if swap else "c.who"
        whom = f"CASE WHEN {swap} THEN c.who ELSE c.whom END" if swap else "c.whom"
        partner = f", {self._partner(q)} AS partner" if any(k in NEEDS_PARTNER for k in (*q.by, q.distinct)) else ""
        return (f"SELECT c.id, {who} AS who, {whom} AS whom{partner}, c.mode, c.directed, c.date_start, c.date_end, "
                f"c.precision, c.status, c.location, c.n_sources, c.evidence, c.sources\nFROM {self._contacts(q)} c{self._where(self._filter(q))}")

    def _partner(self, q: X.Query) -> str:
        """The side of each contact that the pattern's named side (its left, or its right after `* ->`)
        did not match: whom Xi met in `with Xi`, whether he visited or was visited."""
        left, _, right = self._pattern_sides(q.pattern)
        anchor, hint = (right, "right") if left.anyone else (left, "left")
        return f"CASE WHEN {self._side(anchor, 'c.who', CONTACTS, hint)} THEN c.whom ELSE c.who END"

    def _modes(self, q: X.Query, t: _Table) -> str | None:
        return self._one_of(f"{t.alias}.mode", list(q.modes), "mode") if q.modes else TRUE

    def _status(self, q: X.Query) -> str | None:
        if q.where and any(isinstance(n, X.Compare) and n.field == "status" for n in X.walk(q.where)):
            return TRUE
        status = q.status or "occurred"
        return TRUE if status == "any" else f"c.status = {self.p.add('status', status)}"

    def _window(self, q: X.Query, t: _Table) -> str | None:
        w = window(q.times, self.now)
        if w is None:
            return TRUE
        return _all(f"{t.first_day} >= {self.p.add('since', w.first)}" if w.first else TRUE,
                    f"{t.last_day} <= {self.p.add('until', w.last)}" if w.last else TRUE,
                    f"{t.first_day} IS NOT NULL")

    # ---- actors --------------------------------------------------------------------
    def _pattern_sides(self, pattern: X.Pair | X.With) -> tuple[_Side, str, _Side]:
        if isinstance(pattern, X.With):
            return self._resolve(pattern.actors), "<->", _Side(anyone=True)
        return self._resolve(pattern.left), pattern.arrow, self._resolve(pattern.right)

    def _resolve(self, actors: X.Actors) -> _Side:
        """The side's actors, resolved once per query (the filter, the orientation and the prefilter ask)."""
        if actors not in self._sides:
            self._sides[actors] = self._resolve_now(actors)
        return self._sides[actors]

    def _resolve_now(self, actors: X.Actors) -> _Side:
        if any(isinstance(a, X.Anyone) for a in actors.items):
            return _Side(anyone=True)
        hop = [a for a in actors.items if _is_partners(a.text)]
        named = [a for a in actors.items if not is_set_name(a.text) and a not in hop]
        found: list[Resolved] = [self.actors.resolve(a, self.text) for a in named]
        ids = tuple(dict.fromkeys(r.id for r in found if not r.group))
        groups = tuple(dict.fromkeys(r.country for r in found if r.group and r.country))
        chosen = tuple(self._set(a) for a in actors.items if is_set_name(a.text))
        partners = tuple(self._resolve(X.Actors((X.Name(a.text[:-len(_PARTNERS)], True, a.pos),))) for a in hop)
        return _Side(ids=ids, groups=groups, sets=tuple(dict.fromkeys(chosen)), partners_of=partners)

    def _set(self, name: X.Name) -> StateSet:
        found = find_set(name.text)
        if found is None:
            pos = name.pos
            raise QueryValueError(f"unknown set '{name.text}'", text=self.text, line=pos and pos.line,
                                  column=pos and pos.column, code=E.UNKNOWN_ACTOR,
                                  hint=f"the sets are {', '.join(set_names())} (more with CONTACTS_SETS)")
        return found

    def _side(self, side: _Side, column: str, t: _Table, hint: str, cheap: bool = False) -> str | None:
        """Who may stand on one side of the pattern. `cheap`: a superset test without dates (a hash look-up)
        that lets DuckDB drop most rows before the exact, date-aware test."""
        if side.anyone:
            return TRUE
        parts = []
        if side.ids:
            parts.append(self._one_of(column, list(side.ids), hint))
        for n, hop in enumerate(side.partners_of):
            parts.append(f"{column} IN ({self._partners_of(hop, f'{hint}_hop{n}')})")
        if side.sets:
            members = self._set_members(side, hint)
            if cheap:
                parts.append(f"{column} IN (SELECT actor FROM {members})")
            else:
                during = (f"(f.{{0}} IS NULL OR f.{{0}} <= {t.last_day}) AND (f.{{1}} IS NULL OR f.{{1}} >= {t.first_day})")
                overlap = (f"({t.first_day} IS NULL OR ({during.format('start_date', 'end_date')} "
                           f"AND {during.format('joined', 'left_on')}))")
                parts.append(f"EXISTS (SELECT 1 FROM {members} f WHERE f.actor = {column} AND {overlap})")
        if side.groups:
            members = self._members(side, hint)
            if cheap:
                parts.append(f"{column} IN (SELECT actor FROM {members})")
            else:
                overlap = (f"({t.first_day} IS NULL OR ((f.start_date IS NULL OR f.start_date <= {t.last_day}) "
                           f"AND (f.end_date IS NULL OR f.end_date >= {t.first_day})))")
                parts.append(f"EXISTS (SELECT 1 FROM {members} f WHERE f.actor = {column} AND {overlap})")
        return _any(*parts)

    def _one_of(self, column: str, values: list, hint: str) -> str:
        """`column` is one of `values`: an IN list of parameters (DuckDB filters those at the scan),
        or for long lists one list parameter."""
        if len(values) > 16:
            return f"list_contains({self.p.add(hint + 's', values)}, {column})"
        names = [self.p.add(hint, v) for v in values]
        return f"{column} = {names[0]}" if len(names) == 1 else f"{column} IN ({', '.join(names)})"

    def _members(self, side: _Side, hint: str) -> str:
        """A CTE of the actors (with their dates) that stand for the side's countries and organisations."""
        name = f"{hint}_members"
        countries = self.p.add(f"{hint}_countries", list(side.groups))
        self.ctes[name] = (f"{name} AS (SELECT actor, start_date, end_date FROM affiliations "
                           f"WHERE list_contains({countries}, country))")
        return name

    def _set_members(self, side: _Side, hint: str) -> str:
        """A CTE of the actors of the side's sets' states, with the dates of each affiliation and
        of the state's membership (a member's days as parameters, like every value)."""
        name = f"{hint}_set_members"
        members = [m for one in side.sets for m in one.members]
        codes = self.p.add(f"{hint}_set_countries", [code for code, _, _ in members])
        joined = self.p.add(f"{hint}_set_joined", [first for _, first, _ in members])
        left = self.p.add(f"{hint}_set_left", [last for _, _, last in members])
        self.ctes[name] = (f"{name} AS (SELECT f.actor, f.start_date, f.end_date, s.joined, s.left_on "
                           f"FROM affiliations f JOIN (SELECT unnest({codes}) AS country, "
                           f"CAST(unnest({joined}) AS DATE) AS joined, CAST(unnest({left}) AS DATE) AS left_on) s "
                           f"ON s.country = f.country)")
        return name

    def _with_members(self, sql: str) -> str:
        if not self.ctes:
            return sql
        ctes = ",\n".join(self.ctes.values())
        return f"WITH {ctes},\n{sql[5:]}" if sql.startswith("WITH ") else f"WITH {ctes}\n{sql}"

    def _contacts(self, q: X.Query) -> str:
        """The contacts table, or (when a country is named) the rows that can match at all, found cheaply."""
        if not q.pattern:
            return "contacts"
        left, arrow, right = self._pattern_sides(q.pattern)
        if not (left.groups or right.groups or left.sets or right.sets):
            return "contacts"
        cheap = self._pair(left, right, arrow, CONTACTS, cheap=True, directed=_always_directed(q))
        return f"(SELECT * FROM contacts c WHERE {cheap})" if cheap else "contacts"

    def _pair(self, left: _Side, right: _Side, arrow: str, t: _Table, cheap: bool = False,
              directed: bool = False) -> str | None:
        """The pattern's two sides as a condition on who and whom; `directed`: every contact
        that can match is directed, so a one-way arrow has no undirected way back."""
        names = ("left", "right")
        if arrow == "<-":
            left, right, names = right, left, ("right", "left")
        who, whom = f"{t.alias}.who", f"{t.alias}.whom"
        forward = _all(self._side(left, who, t, names[0], cheap), self._side(right, whom, t, names[1], cheap))
        backward = _all(self._side(right, who, t, names[1], cheap), self._side(left, whom, t, names[0], cheap))
        if arrow != "<->":
            if directed:
                return forward
            backward = _all(f"NOT {t.alias}.directed", backward)
        return _any(forward, backward)

    # ---- where ---------------------------------------------------------------------
    def _condition(self, node: X.Condition, t: _Table) -> str:
        method = getattr(self, f"_cond_{type(node).__name__.lower()}")
        sql = method(node, t)
        return "TRUE" if sql is TRUE else sql

    def _cond_and(self, node: X.And, t: _Table) -> str:
        return " AND ".join(f"({self._condition(i, t)})" for i in node.items)

    def _cond_or(self, node: X.Or, t: _Table) -> str:
        return " OR ".join(f"({self._condition(i, t)})" for i in node.items)

    def _cond_not(self, node: X.Not, t: _Table) -> str:
        return f"NOT ({self._condition(node.item, t)})"

    def _cond_compare(self, node: X.Compare, t: _Table) -> str:
        spec = FIELDS[node.field]
        if t.name not in spec.tables:
            raise self._value_error(node, f"'{node.field}' is not a field of {t.name}", E.NOT_WITH_VERB,
                                    f"{t.name} have: {', '.join(f for f, s in FIELDS.items() if t.name in s.tables)}")
        if node.op not in spec.ops:
            raise self._value_error(node, f"'{node.field}' takes {' or '.join(spec.ops)}, not {node.op}",
                                    E.BAD_OPERATOR)
        value = self._field_value(node, spec)
        return getattr(self, f"_field_{node.field.replace('.', '_')}")(node, value, t)

    def _field_value(self, node: X.Compare, spec) -> Any:
        raw = node.value.value
        if spec.kind == "int":
            if isinstance(raw, int) or str(raw).isdigit():
                return int(raw)
            raise self._value_error(node, f"'{node.field}' is a number, not {raw!r}", E.VALUE)
        text = str(raw).strip()
        if spec.kind == "enum":
            value = text.lower()
            if node.field == "mode" and value in X.MODE_OF:
                value = "contact" if X.MODE_OF[value] == X.ALL_MODES else X.MODE_OF[value]
            if value not in spec.values:
                close = difflib.get_close_matches(value, spec.values, n=1, cutoff=0.6)
                raise self._value_error(node, f"{node.field} cannot be {text!r}", E.VALUE,
                                        f"did you mean {close[0]}?" if close else f"use {', '.join(spec.values)}")
            return value
        if spec.kind == "bool":
            if text.lower() not in BOOLEANS:
                raise self._value_error(node, f"'{node.field}' is yes or no, not {text!r}", E.VALUE)
            return BOOLEANS[text.lower()]
        if spec.kind == "place":
            return self.actors.resolve_place(X.Name(text, True, node.pos), self.text)
        return text

    def _compare(self, column: str, node: X.Compare, value: Any, hint: str) -> str:
        return f"{column} {node.op} {self.p.add(hint, value)}"

    def _field_source(self, node: X.Compare, value: str, t: _Table) -> str:
        if t is not TALLIES:       # a contact's outlets are kept with it, in lower case
            found = f"list_contains({t.alias}.sources, lower({self.p.add('source', value)}))"
            return found if node.op == "=" else f"NOT {found}"
        test = f"lower(a.source) = lower({self.p.add('source', value)})"
        return self._article_test(node, test, t)

    def _field_article(self, node: X.Compare, value: str, t: _Table) -> str:
        name = self.p.add("article", value)
        return self._article_test(node, f"(a.name = {name} OR a.path = {name})", t)

    def _article_test(self, node: X.Compare, test: str, t: _Table) -> str:
        if t is TALLIES:
            found = f"EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article AND {test})"
        else:
            found = ("EXISTS (SELECT 1 FROM contact_sources s JOIN mentions mm ON mm.id = s.mention "
                     f"JOIN articles a ON a.id = mm.article WHERE s.contact = c.id AND {test})")
        return found if node.op == "=" else f"NOT {found}"

    def _field_status(self, node: X.Compare, value: str, t: _Table) -> str:
        if value == "any":
            return "TRUE" if node.op == "=" else "FALSE"
        return self._compare("c.status", node, value, "status")

    def _field_mode(self, node: X.Compare, value: str, t: _Table) -> str:
        if value == "contact":          # `contacts` is every mode, as after the verb
            return "TRUE" if node.op == "=" else "FALSE"
        if value in X.FAMILIES:
            found = self._one_of(f"{t.alias}.mode", list(X.FAMILIES[value]), "mode")
            return found if node.op == "=" else f"NOT ({found})"
        return self._compare(f"{t.alias}.mode", node, value, "mode")

    def _field_precision(self, node: X.Compare, value: str, t: _Table) -> str:
        return self._compare("c.precision", node, value, "precision")

    def _field_location(self, node: X.Compare, value: Resolved, t: _Table) -> str:
        column = "c.location" if node.op == "=" else "coalesce(c.location, '')"
        return self._compare(column, node, value.id, "location")

    def _field_sources(self, node: X.Compare, value: int, t: _Table) -> str:
        return self._compare("c.n_sources", node, value, "sources")

    def _field_directed(self, node: X.Compare, value: bool, t: _Table) -> str:
        return self._compare("c.directed", node, value, "directed")

    def _field_id(self, node: X.Compare, value: str, t: _Table) -> str:
        found = lineage.id_test(f"{t.alias}.id", self.p.add("id", value))     # retired ids resolve too
        return found if node.op == "=" else f"NOT {found}"

    def _field_who_office(self, node: X.Compare, value: str, t: _Table, side: str = "c.who") -> str:
        day = f"coalesce(c.date_start, {self.p.add('today', self.now)})"
        held = holds_any_office(side, day) if value == NO_OFFICE else \
            holds_office(side, self.p.add("office", OFFICES[value]), day)
        return held if (node.op == "=") != (value == NO_OFFICE) else f"NOT {held}"

    def _field_whom_office(self, node: X.Compare, value: str, t: _Table) -> str:
        return self._field_who_office(node, value, t, "c.whom")

    def _field_returned(self, node: X.Compare, value: bool, t: _Table) -> str:
        """A directed contact answered in kind later: the same mode, from the state that received it
        to the state that made it (a visit returned), each state as of its contact's date. Two CTEs
        (each directed contact's states; each ordered pair's latest contact of a mode) and a join give
        the returned ones once, not a search per row."""
        today, occurred = self.p.add("today", self.now), self.p.add("status", "occurred")
        day = f"coalesce(r.date_start, {today})"
        self.ctes["directed_states"] = (
            f"directed_states AS (SELECT r.id, r.mode, r.status, r.date_start, r.date_end, "
            f"{country_at('r.who', day)} AS from_state, {country_at('r.whom', day)} AS to_state "
            f"FROM contacts r WHERE r.directed)")
        self.ctes["returned_ids"] = (
            "returned_ids AS (SELECT a.id FROM directed_states a JOIN (SELECT from_state, to_state, mode, "
            f"max(date_start) AS latest FROM directed_states WHERE status = {occurred} AND date_start IS NOT NULL "
            "GROUP BY ALL) b ON b.from_state = a.to_state AND b.to_state = a.from_state AND b.mode = a.mode "
            "WHERE b.latest > a.date_end)")
        returned = "c.id IN (SELECT id FROM returned_ids)"
        return returned if value == (node.op == "=") else f"NOT {returned}"

    def _field_new(self, node: X.Compare, value: bool, t: _Table) -> str:
        """The contact begins on the first day that the same two met in any mode (that occurred): the
        pattern's named side and this contact's partner, or without a pattern the same two actors.
        One look-up of each pair's first day (a hash join), not a search for earlier contacts per row."""
        occurred = f"e.status = {self.p.add('status', 'occurred')} AND e.date_start IS NOT NULL"
        q = self._query
        if self._named_side(q):
            left, _, right = self._pattern_sides(q.pattern)
            anchor, hint = (right, "right") if left.anyone else (left, "left")
            e = _Table("contacts", "e", "e.date_start", "e.date_end")
            on_e = self._side(anchor, "e.who", e, hint)
            their = f"CASE WHEN {on_e} THEN e.whom ELSE e.who END"
            near = _any(on_e, self._side(anchor, "e.whom", e, hint))
            pair = f"(CASE WHEN {self._side(anchor, 'c.who', CONTACTS, hint)} THEN c.whom ELSE c.who END)"
            firsts = f"SELECT {their}, min(e.date_start) FROM contacts e WHERE {occurred} AND {_wrap(near, ' OR ')} GROUP BY 1"
            first = f"(({pair}, c.date_start) IN ({firsts}))"
        else:
            firsts = (f"SELECT least(e.who, e.whom), greatest(e.who, e.whom), min(e.date_start) FROM contacts e "
                      f"WHERE {occurred} GROUP BY 1, 2")
            first = f"((least(c.who, c.whom), greatest(c.who, c.whom), c.date_start) IN ({firsts}))"
        return first if value == (node.op == "=") else f"NOT coalesce({first}, FALSE)"

    def _field_count(self, node: X.Compare, value: int, t: _Table) -> str:
        return self._compare("t.count", node, value, "count")

    def _field_origin(self, node: X.Compare, value: str, t: _Table) -> str:
        found = f"list_contains(c.origins, lower({self.p.add('origin', value)}))"   # origins are kept in lower case
        return found if node.op == "=" else f"NOT {found}"

    def _field_reviewed(self, node: X.Compare, value: bool, t: _Table) -> str:
        found = _REVIEWED.format(test="TRUE")
        return found if value == (node.op == "=") else f"NOT {found}"

    def _field_review(self, node: X.Compare, value: str, t: _Table) -> str:
        found = _REVIEWED.format(test=f"r.review = {self.p.add('review', value)}")
        return found if node.op == "=" else f"NOT {found}"

    # ---- shape ---------------------------------------------------------------------
    def _key(self, key: str) -> tuple[str, tuple[str, ...]]:
        today = self.p.add("today", self.now) if key in STATE_KEYS else ""
        return key_sql(key, today)

    def _group_order(self, q: X.Query) -> str:
        """Rows with an empty key (undated, no location …) come last, whatever the order, so a
        `limit` keeps the real groups."""
        if not q.by:
            return ""
        empty = ", ".join(f"{k} IS NULL" for k in q.by)
        keys = ", ".join(q.by)
        periodic = any(k in _PERIOD_LABEL for k in q.by)
        measure = "change" if q.compare is not None else "count"
        direction = " DESC" if q.order and q.order.descending else ""
        if q.order and q.order.key in ("count", "change"):
            return f"{empty}, {q.order.key}{direction}, {keys}"
        if q.order and q.order.key in q.by:
            return f"{empty}, {q.order.key}{direction}, {keys}"
        if q.order and q.order.descending:
            return f"{empty}, " + ", ".join(f"{k} DESC" for k in q.by)
        if q.order or periodic:
            return f"{empty}, {keys}"
        return f"{empty}, {measure} DESC, {keys}"

    def _timeline_bounds(self, q: X.Query, unit: str) -> tuple[str, str]:
        """The first and last period: the window's, else the matched contacts'. An open end
        (`since 2022`, or no time clause) runs to today only as far as the store reaches (its
        latest article, else its latest contact): later periods would be zeros the store cannot know. Every
        matched contact's period is inside, so none is left out."""
        w = window(q.times, self.now) or Window()
        last = w.last or (self.now if w.first else None)
        if w.first and last and (last - w.first).days // _DAYS[unit] > E.MAX_PERIODS:
            self._refuse(q, f"a timeline by {unit} from {w.first} to {last} has over {E.MAX_PERIODS:,} {unit}s",
                         "narrow the dates, or count by a longer period (month, quarter, year)")
        lo = f"CAST(date_trunc('{unit}', {self.p.add('from', w.first)}) AS DATE)" if w.first else "min(period)"
        if w.last:
            hi = f"CAST(date_trunc('{unit}', {self.p.add('to', w.last)}) AS DATE)"
        elif w.first:
            reach = "coalesce((SELECT max(published) FROM articles), (SELECT max(date_start) FROM contacts))"
            hi = (f"greatest(max(period), CAST(date_trunc('{unit}', least({self.p.add('to', last)}, {reach})) AS DATE))")
        else:
            hi = "max(period)"
        return lo, hi

    def _limit(self, q: X.Query) -> str:
        if q.limit is None or q.limit == X.NO_LIMIT:
            return ""
        return f"\nLIMIT {self.p.add('limit', q.limit)}"

    @staticmethod
    def _where(condition: str | None) -> str:
        return f"\nWHERE {condition}" if condition else ""

    # ---- what goes with what -------------------------------------------------------
    def _check_clauses(self, q: X.Query) -> None:
        verb = q.verb
        self._check_measures(q)
        if q.by and verb not in ("count", "timeline", "first", "last", "gaps"):
            self._refuse(q, f"'{verb}' does not take 'by'", "group with count … by or timeline … by; "
                                                            "first … by partner gives each partner's first contact")
        if q.by and verb in ("first", "last", "gaps") and any(k in _PERIOD_LABEL for k in q.by):
            self._refuse(q, f"'{verb} … by' takes keys other than periods", f"write: {verb} with China by partner")
        if verb == "timeline" and q.by and (q.by[0] not in _PERIOD_LABEL or any(k in _PERIOD_LABEL for k in q.by[1:])):
            self._refuse(q, "timeline takes one period first, then other keys: by year, dyad",
                         "for other groupings use count … by")
        if q.order and verb in ("first", "last"):
            self._refuse(q, f"'{verb}' already orders by date", "use list … order by date for more")
        if q.order and q.order.key == "sources" and verb != "list":
            self._refuse(q, "order by sources goes with list", "use order by count or order by date")
        if q.order and q.order.key == "count" and (verb in ("list", "first", "last", "gaps") or (verb == "count" and not q.by)):
            self._refuse(q, f"order by count needs counts to order; '{verb}' gives none here",
                         "use count … by …, or list … order by date")
        if q.order and q.order.key == "date" and verb == "count" and q.by and \
                not any(k in _PERIOD_LABEL for k in q.by):
            self._refuse(q, "order by date needs a period in 'by'", "add by month (or year, …), or order by count")
        if any(k in NEEDS_PARTNER for k in (*q.by, q.distinct)) and not self._named_side(q):
            self._refuse(q, "'by partner' needs a pattern with a named side, whose partners it lists",
                         "write with Xi, Xi <-> *, or * -> China")
        if q.limit is not None and verb == "count" and not q.by:
            self._refuse(q, "count without 'by' gives one number; limit has nothing to cut",
                         "add by who (or another key), or drop limit")
        if q.status and q.where and any(isinstance(n, X.Compare) and n.field == "status" for n in X.walk(q.where)):
            self._refuse(q, f"the status is given twice: 'status {q.status}' and a 'where status' condition",
                         "keep one of them", E.DUPLICATE)
        if q.status and verb == "tallies":
            self._refuse(q, "tallies have no status", "drop the status clause")

    def _check_measures(self, q: X.Query) -> None:
        """distinct, share, compare and the order keys they bring."""
        for clause, given in (("distinct", q.distinct), ("as share", q.share), ("compare", q.compare is not None)):
            if given and q.verb != "count":
                self._refuse(q, f"'{clause}' goes with count", f"write: count … {clause} …")
        if q.share and not q.by:
            self._refuse(q, "'as share' needs groups to share", "add by partner_country (or another key)")
        if q.share and q.compare is not None:
            self._refuse(q, "'as share' and 'compare' do not go together", "drop one of them")
        key = q.order.key if q.order else None
        if key == "days" and q.verb != "gaps":
            self._refuse(q, "order by days goes with gaps", "write: gaps with Xi by partner order by days desc")
        if key == "change" and q.compare is None:
            self._refuse(q, "order by change needs 'compare D'", "add compare 2022-02-24, or order by count")
        if key == "count" and q.compare is not None:
            self._refuse(q, "with compare the counts are before, since and change", "order by change")
        if key in X.BY_KEYS and key not in q.by:
            self._refuse(q, f"order by {key} needs {key} in 'by'", f"add by {key}, or order by count")

    def _named_side(self, q: X.Query) -> bool:
        if isinstance(q.pattern, X.With):
            return True
        return isinstance(q.pattern, X.Pair) and not all(
            any(isinstance(a, X.Anyone) for a in side.items) for side in (q.pattern.left, q.pattern.right))

    def _refuse(self, q: X.Query, message: str, hint: str, code: str = E.NOT_WITH_VERB) -> None:
        pos = q.pos
        raise QueryValueError(message, text=self.text, line=pos and pos.line, column=pos and pos.column,
                              code=code, hint=hint)

    def _value_error(self, node: X.Compare, message: str, code: str, hint: str | None = None) -> QueryValueError:
        pos = node.pos
        return QueryValueError(message, text=self.text, line=pos and pos.line, column=pos and pos.column,
                               code=code, hint=hint)
