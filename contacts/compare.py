"""How a news store covers a reference dataset (`contacts compare --reference DATASET`).

A reference contact (one the imported dataset states) is *found* when the news states it
too: fused with a news report (the contact's origins hold both), or a news contact of the
same pair and mode whose first day falls within the reference's span (undirected contacts
match either way round). A news contact the reference *lacks* is one within the
reference's reach that matches none: the same mode, its `who` one the reference records
as acting (the travellers, for the State Department), dated within the reference's period.

FILTER narrows both sides with the query language, as after `list`:
"visits Biden -> * since 2021".
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from contacts.errors import ContactsError, QueryError
from contacts.store import EXTRACTED

KINDS = ("found", "missed", "lacking")
COLUMNS = ("kind", "id", "date", "year", "who", "whom", "mode", "country", "origin")

# Both sides, with the ids a filter allows in $ids (NULL: all).
_SQL = """
WITH allowed AS (SELECT unnest($ids) AS id),
ref AS (SELECT * FROM contacts c WHERE list_contains(c.origins, $ref)
        AND ($all OR c.id IN (SELECT id FROM allowed))),
news AS (SELECT * FROM contacts c WHERE list_contains(c.origins, $extracted)
         AND ($all OR c.id IN (SELECT id FROM allowed))),
reach AS (SELECT min(date_start) AS since, max(coalesce(date_end, date_start)) AS until FROM ref),
rows AS (
    SELECT CASE WHEN list_contains(r.origins, $extracted) OR EXISTS (
                SELECT 1 FROM news n WHERE n.mode = r.mode AND n.date_start BETWEEN r.date_start AND r.date_end
                AND ((n.who = r.who AND n.whom = r.whom) OR (NOT r.directed AND n.who = r.whom AND n.whom = r.who)))
           THEN 'found' ELSE 'missed' END AS kind, r.*
    FROM ref r
    UNION ALL
    SELECT 'lacking', n.* FROM news n, reach
    WHERE NOT list_contains(n.origins, $ref)
      AND n.mode IN (SELECT mode FROM ref) AND n.who IN (SELECT who FROM ref)
      AND n.date_start BETWEEN reach.since AND reach.until
      AND NOT EXISTS (SELECT 1 FROM ref r WHERE n.mode = r.mode AND n.date_start BETWEEN r.date_start AND r.date_end
                      AND ((n.who = r.who AND n.whom = r.whom) OR (NOT r.directed AND n.who = r.whom AND n.whom = r.who))))
SELECT x.kind, x.id, strftime(x.date_start, '%Y-%m-%d'), year(x.date_start), w.name, m.name, x.mode,
       coalesce(m.country, w.country), array_to_string(x.origins, ', ')
FROM rows x JOIN actors w ON w.id = x.who JOIN actors m ON m.id = x.whom
ORDER BY x.kind, x.date_start NULLS LAST, w.name, m.name, x.id
"""


@dataclass
class Comparison:
    reference: str
    rows: list[tuple] = field(default_factory=list)      # COLUMNS

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r[0] == kind)

    def summary(self) -> list[tuple]:
        """(what, count, rate) lines: the reference's contacts found and missed, the news' it lacks."""
        found, missed, lacking = (self.count(k) for k in KINDS)
        total = found + missed
        return [("reference contacts", total, None), ("found in the news", found, _rate(found, total)),
                ("missed by the news", missed, _rate(missed, total)),
                ("news contacts the reference lacks", lacking, _rate(lacking, lacking + found))]

    def by(self, key: str) -> list[tuple]:
        """(year or country, reference contacts, found, found rate, lacking), by `key`."""
        at = COLUMNS.index(key)
        counts: dict = defaultdict(lambda: [0, 0, 0])
        for r in self.rows:
            counts[r[at]][KINDS.index(r[0])] += 1
        return [(k, f + m, f, _rate(f, f + m), lack) for k, (f, m, lack) in
                sorted(counts.items(), key=lambda kv: (kv[0] is None, str(kv[0])))]


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def compare(store, reference: str, filter_text: str | None = None) -> Comparison:
    """Compare the news contacts of `store` with those `reference` (an imported dataset) states."""
    origins = {o for (os_,) in store.sql("SELECT DISTINCT origins FROM contacts")[1] for o in os_ or []}
    if reference not in origins:
        known = sorted(origins - {EXTRACTED})
        raise ContactsError(f"the store holds no contact of {reference!r}",
                            hint=f"import it first (contacts import {reference} PATH)" if not known
                            else f"it holds {', '.join(known)}")
    ids = _filtered(store, filter_text)
    _, rows = store.sql(_SQL, {"ids": ids or [], "all": ids is None, "ref": reference, "extracted": EXTRACTED})
    return Comparison(reference, rows)


def _filtered(store, filter_text: str | None) -> list[str] | None:
    """The ids of the contacts a filter ("visits Biden -> * since 2021") allows; None: no filter."""
    if not filter_text or not filter_text.strip():
        return None
    text = f"list {filter_text.strip()}"
    if not re.search(r"\blimit\s+\d+\s*$", text, re.IGNORECASE):
        text += " limit 1000000000"
    try:
        result = store.query(text)
    except QueryError as exc:       # its columns would count the "list " put before the filter
        raise ContactsError(f"the filter {filter_text!r} is not what follows 'list' in a query: {exc.message}",
                            hint="e.g. visits Biden -> * since 2021") from None
    if "id" not in result.columns:
        raise ContactsError(f"the filter {filter_text!r} does not list contacts", hint="e.g. visits Biden -> * since 2021")
    at = result.columns.index("id")
    return [r[at] for r in result.records]
