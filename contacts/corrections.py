"""A researcher's corrections: decisions about contacts that survive re-extraction.

One row of the `corrections` table per decision:

    accept   the contact is right as extracted
    reject   it is not a contact
    fix      one field is wrong: who, whom, mode, date, status, direction or location
    add      a contact the extractor missed, with its article and sentence (or a citation)

A decision is keyed to what it corrects by what re-extraction keeps: the article's id (a
hash of its text) and the evidence sentence, with the actors and mode the extractor gave
the contact there; never by a mention's row id, which re-extraction recreates. Every time
an article's contacts are stored (ingest, reextract, a new decision) `apply` finds each
decision's contact among the fresh extraction and applies it, before fusion; a decision
whose contact is no longer found is kept and recorded as stale (`stale`), never dropped.
`reviews` records what the decisions made of each stored mention (accepted, corrected,
manual), for `contacts stats` and queries.
"""

from __future__ import annotations

import dataclasses
import getpass
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from contacts.dates import DateInterval
from contacts.errors import CorrectionError, InputError, StoreError
from contacts.models import ALWAYS_DIRECTED, MODES

ACTIONS = ("accept", "reject", "fix", "add", "merge", "split")
FUSING = ("merge", "split")    # decisions about fusion: applied to the contacts, not to the mentions
FIELDS = ("who", "whom", "mode", "date", "status", "direction", "location")
DIRECTIONS = ("directed", "undirected", "reversed")
STATUSES = ("occurred", "planned")
# An article made for a contact added from a citation (a communiqué, a memoir, an archive)
# rather than from a stored article: it is a source, and its text is not read for contacts.
CITATION = "citation: "
MANUAL = "manual"           # the review and the origin of a contact added by hand
_COLUMNS = ("id", "action", "article", "sentence", "who", "whom", "mode", "field", "value", "details",
            "author", "made_at", "note")
_SELECT = ", ".join(_COLUMNS)


@dataclasses.dataclass(frozen=True)
class Correction:
    """One decision. `article`, `sentence`, `who`, `whom` and `mode` key it to its contact (for
    `add`, they are the added contact's); `field`/`value` say what a fix changes; `details`
    hold an added contact's date, status, direction, location and citation."""

    action: str
    article: str | None
    sentence: str | None
    who: str | None
    whom: str | None
    mode: str | None
    field: str | None = None
    value: str | None = None
    details: dict | None = None
    author: str = ""
    made_at: datetime = dataclasses.field(default_factory=datetime.now)   # orders the decisions
    note: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", self._digest())

    def _digest(self) -> str:
        """The same decision has the same id in every store: import merges by it."""
        record = {k: v for k, v in self.record().items() if k != "id"}
        return "r" + hashlib.sha1(json.dumps(record, sort_keys=True).encode()).hexdigest()[:11]

    def record(self) -> dict[str, Any]:
        """The decision as one JSON object (an export line)."""
        row = {name: getattr(self, name) for name in _COLUMNS}
        row["made_at"] = self.made_at.isoformat()
        return {k: v for k, v in row.items() if v is not None}

    @classmethod
    def from_row(cls, row: Sequence) -> "Correction":
        values = dict(zip(_COLUMNS, row))
        values["details"] = json.loads(values["details"]) if values["details"] else None
        return cls(**values)

    def row(self) -> list:
        return [getattr(self, name) if name != "details" else
                (json.dumps(self.details, sort_keys=True) if self.details else None) for name in _COLUMNS]


def author(given: str | None = None) -> str:
    """Who makes the decisions: the name given, else $CONTACTS_AUTHOR, else the login name."""
    name = given or os.environ.get("CONTACTS_AUTHOR") or _login()
    return name.strip() or "unknown"


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:          # no user name in this environment (a container, say)
        return "unknown"


def citation_article(c: Correction) -> Any:
    """The article that stands for an added contact's citation (None for other decisions)."""
    citation = (c.details or {}).get("citation") if c.action == "add" else None
    if not citation:
        return None
    from contacts.models import Article
    when = (c.details or {}).get("date")
    return Article(text=citation, name=CITATION + " ".join(citation.split())[:80], source="citation",
                   published=DateInterval.parse_iso(when).start if when else None)


# -- applying -------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class _Ref:
    """An actor as the store's writer needs it: its id."""

    id: str


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def find(mentions: Sequence[tuple[str, Any]], c: Correction) -> str | None:
    """The id of the mention a decision is about, among an article's (id, mention) pairs as
    extracted: one with the decision's sentence among its evidence and the same actors and mode;
    else the same pair in either order and mode; else the same pair (the extractor now reads
    another mode there). None: the decision is stale."""
    here = [(mid, m) for mid, m in mentions if any(_same_text(e.text, c.sentence or "") for e in m.evidence)]
    pair = {c.who, c.whom}
    for fits in (lambda m: (m.who.id, m.whom.id, m.mode) == (c.who, c.whom, c.mode),
                 lambda m: {m.who.id, m.whom.id} == pair and m.mode == c.mode,
                 lambda m: {m.who.id, m.whom.id} == pair):
        found = [mid for mid, m in here if fits(m)]
        if found:
            return found[0]
    return None


def fixed(mention: Any, field: str, value: str) -> Any:
    """The mention with one field changed (values checked when the decision was made)."""
    replace = dataclasses.replace
    if field in ("who", "whom"):
        return replace(mention, **{field: _Ref(value)})
    if field == "mode":           # a visit, an envoy, a summons always has its initiator first
        return replace(mention, mode=value, directed=mention.directed or value in ALWAYS_DIRECTED)
    if field == "status":
        return replace(mention, status=value)
    if field == "date":
        return replace(mention, date=DateInterval.parse_iso(value))
    if field == "location":
        return replace(mention, location=_Ref(value) if value else None)
    if value == "reversed":
        return replace(mention, who=mention.whom, whom=mention.who, directed=True)
    return replace(mention, directed=value == "directed")


def added(c: Correction, article_text: str) -> Any:
    """The mention an `add` decision makes."""
    from contacts.extract.merge import Evidence, Mention
    details = c.details or {}
    sentence = c.sentence or ""
    start = article_text.find(sentence)
    start = max(start, 0)
    location = details.get("location")
    return Mention(c.mode, _Ref(c.who), _Ref(c.whom), bool(details.get("directed", True)),
                   details.get("status", "occurred"), DateInterval.parse_iso(details.get("date")),
                   _Ref(location) if location else None,
                   (Evidence(None, start, start + len(sentence), sentence),))


@dataclasses.dataclass
class _Fate:
    mention: Any
    review: str | None = None
    rejected: bool = False


def decide(article_id: str, article_text: str, extracted: list[tuple[str, Any]], decisions: list[Correction],
           targets: dict[str, str | None], *, citation: bool = False) -> list[tuple[str, Any, str | None]]:
    """One article's mentions after its decisions, in order made: (id, mention, review).
    A rejected mention is left out; its id stays unused, so the others keep theirs.
    `targets` gets each decision's mention id (None: stale)."""
    original = [] if citation else list(extracted)
    fates = {mid: _Fate(m) for mid, m in original}
    for c in decisions:
        if c.action == "add":
            mid = f"{article_id}:m{c.id[1:9]}"
            fates[mid] = _Fate(added(c, article_text), MANUAL)
            original.append((mid, fates[mid].mention))      # a later decision may be about it
            targets[c.id] = mid
            continue
        mid = targets[c.id] = find(original, c)
        if mid is None or c.action in FUSING:
            continue
        fate = fates[mid]
        if c.action == "reject":
            fate.rejected = True
        elif c.action == "accept":
            fate.rejected = False
            fate.review = fate.review or "accepted"
        else:
            fate.mention = fixed(fate.mention, c.field, c.value)
            fate.review = MANUAL if fate.review == MANUAL else "corrected"
    return [(mid, f.mention, f.review) for mid, f in fates.items() if not f.rejected]


def apply(con: duckdb.DuckDBPyConnection, xs: Sequence[Any]) -> list[list[tuple[str, Any, str | None]]]:
    """The mentions of each extraction after the decisions about its article (in the open
    transaction): records each decision's mention (`target`) and each mention's review."""
    article_ids = [x.article.id for x in xs]
    found = load(con, articles=article_ids)
    by_article: dict[str, list[Correction]] = {}
    for c in found:
        by_article.setdefault(c.article, []).append(c)
    targets: dict[str, str | None] = {}
    out = []
    for x in xs:
        numbered = [(f"{x.article.id}:{n}", m) for n, m in enumerate(x.mentions)]
        decisions = by_article.get(x.article.id, [])
        citation = x.article.name.startswith(CITATION)
        if not decisions and not citation:
            out.append([(mid, m, None) for mid, m in numbered])
            continue
        out.append(decide(x.article.id, x.article.text, numbered, decisions, targets, citation=citation))
    if found:
        con.execute("UPDATE corrections SET target = t.target FROM (SELECT unnest($ids) AS id, "
                    "unnest($targets) AS target) t WHERE corrections.id = t.id",
                    {"ids": list(targets), "targets": list(targets.values())})
    con.execute("DELETE FROM reviews WHERE article IN (SELECT unnest($ids))", {"ids": article_ids})
    rows = [[mid.rsplit(":", 1)[0], mid, review] for mentions in out for mid, _, review in mentions if review]
    if rows:
        con.executemany("INSERT INTO reviews VALUES (?, ?, ?)", rows)
    return out


def regroup(con: duckdb.DuckDBPyConnection, clusters: list) -> list:
    """Fusion's contacts after the merge and split decisions about their mentions: the mentions
    a split takes apart form a contact of their own; the contacts a merge names become one."""
    if not clusters or not con.execute("SELECT count(*) FROM corrections WHERE action IN ('merge', 'split')"
                                       ).fetchall()[0][0]:
        return clusters            # the usual case: no mention list is sent (a group can hold 60,000)
    ids = [m.id for c in clusters for m in c.mentions]
    rows = con.execute("SELECT target, action, details FROM corrections WHERE action IN ('merge', 'split') "
                       "AND target IN (SELECT unnest($ids)) ORDER BY made_at, id", {"ids": ids}).fetchall()
    if not rows:
        return clusters
    splits: dict[str, str] = {}
    merges: dict[str, str] = {}
    for target, action, details in rows:        # in order made: the later of a merge and a split wins
        (splits if action == "split" else merges)[target] = json.loads(details)[action]
        (merges if action == "split" else splits).pop(target, None)
    apart: dict[str, tuple[list, str]] = {}     # split id -> (mentions, the founder they left)
    kept = []
    for c in clusters:
        stay = [m for m in c.mentions if m.id not in splits]
        for m in c.mentions:
            if m.id in splits:
                apart.setdefault(splits[m.id], ([], c.founder))[0].append(m)
        if stay:
            kept.append(_cluster(c, stay, c.founder))
    # a part taken apart is a contact of its own, its id from its split (fusion.Cluster.id)
    kept += [_cluster(clusters[0], ms, f"{founder}|split {part}") for part, (ms, founder) in sorted(apart.items())]
    return _merged(kept, merges)


def _cluster(like: Any, mentions: list, founder: str) -> Any:
    return dataclasses.replace(like, mentions=mentions, founder=founder)


def _merged(clusters: list, merges: dict[str, str]) -> list:
    """Contacts that share a merge decision become one (only within a fusion group: a contact
    one of whose mentions was fixed into another group since is left apart)."""
    from contacts.fusion import group_key
    parent = list(range(len(clusters)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    first: dict[tuple, int] = {}
    for i, c in enumerate(clusters):
        for m in c.mentions:
            if m.id in merges:
                key = (merges[m.id], group_key(m))
                if key in first:
                    parent[root(i)] = root(first[key])
                else:
                    first[key] = i
    joined: dict[int, list] = {}
    for i, c in enumerate(clusters):
        joined.setdefault(root(i), []).append(c)
    # a merged contact keeps the id of the contact with the first founder of those it joins
    return [_cluster(cs[0], [m for c in cs for m in c.mentions], min(c.founder for c in cs)) if len(cs) > 1
            else cs[0] for cs in joined.values()]


def forget(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    """An article leaves the store: its mentions' reviews go, its decisions stay (stale)."""
    con.execute("DELETE FROM reviews WHERE article IN (SELECT unnest($ids))", {"ids": article_ids})
    con.execute("UPDATE corrections SET target = NULL WHERE article IN (SELECT unnest($ids))", {"ids": article_ids})


# -- reading and writing decisions ------------------------------------------------------------
def load(con: duckdb.DuckDBPyConnection, *, articles: list[str] | None = None) -> list[Correction]:
    """Decisions in the order they were made (of the given articles only, if any)."""
    where = "WHERE article IN (SELECT unnest($ids))" if articles is not None else ""
    rows = con.execute(f"SELECT {_SELECT} FROM corrections {where} ORDER BY made_at, id",
                       {"ids": articles} if articles is not None else {}).fetchall()
    return [Correction.from_row(r) for r in rows]


def insert(con: duckdb.DuckDBPyConnection, decisions: Iterable[Correction]) -> list[Correction]:
    """Store the decisions not stored yet (by id): those, in order."""
    decisions = list(decisions)
    known = {r[0] for r in con.execute("SELECT id FROM corrections WHERE id IN (SELECT unnest($ids))",
                                       {"ids": [c.id for c in decisions]}).fetchall()}
    fresh, seen = [], set(known)
    for c in decisions:
        if c.id not in seen:
            seen.add(c.id)
            fresh.append(c)
    if fresh:
        con.executemany(f"INSERT INTO corrections ({_SELECT}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                        [c.row() for c in fresh])
    return fresh


def about(con: duckdb.DuckDBPyConnection, contact_id: str) -> list[Correction]:
    """The decisions in force about a contact's mentions, in the order made."""
    rows = con.execute(f"SELECT {_SELECT} FROM corrections WHERE target IN "
                       "(SELECT mention FROM contact_sources WHERE contact = ?) ORDER BY made_at, id",
                       [contact_id]).fetchall()
    return [Correction.from_row(r) for r in rows]


def summary(c: Correction) -> str:
    """A decision in a few words, for `contacts show` and the walk."""
    what = {"fix": f"{c.field} → {c.value or '(none)'}", "merge": "merged", "split": "split off",
            "add": "added by hand", "accept": "accepted", "reject": "rejected"}[c.action]
    return f"{what} by {c.author}, {c.made_at:%Y-%m-%d}" + (f": {c.note}" if c.note else "")


def stale(con: duckdb.DuckDBPyConnection) -> list[tuple[Correction, str]]:
    """Decisions not in force, each with the reason: their article is not in the store, or its
    extraction no longer has their contact."""
    rows = con.execute(f"SELECT {', '.join('c.' + n for n in _COLUMNS)}, a.id IS NOT NULL FROM corrections c LEFT JOIN articles a "
                       "ON a.id = c.article WHERE c.target IS NULL ORDER BY c.made_at, c.id").fetchall()
    return [(Correction.from_row(r[:-1]), "the contact is no longer extracted from its sentence" if r[-1]
             else "its article is not in this store") for r in rows]


def export(con: duckdb.DuckDBPyConnection, path: str | Path) -> int:
    """Write every decision, in the order made (a stable order: files diff and merge): JSON Lines,
    which `read` takes back, or, for a file ending in .csv, a table for a paper's appendix."""
    decisions = load(con)
    names = dict(con.execute("SELECT id, name FROM articles WHERE id IN (SELECT DISTINCT article FROM corrections)")
                 .fetchall())
    lines = [{**c.record(), **({"article_name": names[c.article]} if c.article in names else {})} for c in decisions]
    try:
        with open(path, "w", encoding="utf-8", newline="") as out:
            if str(path).lower().endswith(".csv"):
                _write_csv(out, lines)
            else:
                out.writelines(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in lines)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror}", hint="give a writable path") from None
    return len(decisions)


_CSV_COLUMNS = ("id", "made_at", "author", "action", "article_name", "article", "sentence", "who", "whom", "mode",
                "field", "value", "date", "status", "directed", "citation", "note")


def _write_csv(out: Any, lines: list[dict]) -> None:
    import csv
    writer = csv.DictWriter(out, _CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for line in lines:
        writer.writerow({**line, **{k: v for k, v in (line.get("details") or {}).items() if k in _CSV_COLUMNS}})


def read(path: str | Path) -> list[Correction]:
    """The decisions of an export file; an InputError naming the file and line of a bad one."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    decisions = []
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            decisions.append(parse(json.loads(text)))
        except (ValueError, TypeError, KeyError) as exc:
            raise InputError(str(path), f"not a decision: {exc}", line=number,
                             hint="each line is one object as 'contacts corrections export' writes") from None
    return decisions


def parse(record: dict) -> Correction:
    """A decision from an export line, checked."""
    if not isinstance(record, dict):
        raise ValueError("a JSON object is expected")
    values = {k: record.get(k) for k in _COLUMNS if k not in ("made_at", "id")}
    if values["action"] not in ACTIONS:
        raise ValueError(f"action {values['action']!r} is not one of {', '.join(ACTIONS)}")
    if not values.get("article") or not values.get("who") or not values.get("whom") or not values.get("mode"):
        raise ValueError("article, who, whom and mode are required")
    if values["action"] == "fix":
        check_fix(values.get("field"), values.get("value"))
    if values["action"] in FUSING and not (values.get("details") or {}).get(values["action"]):
        raise ValueError(f"a {values['action']} needs its id in details.{values['action']}")
    made_at = datetime.fromisoformat(record["made_at"])
    c = Correction(**{**values, "author": values.get("author") or "unknown"}, made_at=made_at)
    if record.get("id") and record["id"] != c.id:
        raise ValueError(f"its id {record['id']!r} does not match its content (edited by hand?)")
    return c


def check_fix(field: str | None, value: str | None) -> None:
    """A ValueError when a fix's field or value (of the non-actor fields) is not one we know."""
    if field not in FIELDS:
        raise ValueError(f"field {field!r} is not one of {', '.join(FIELDS)}")
    value = value or ""
    if field == "mode" and value not in MODES:
        raise ValueError(f"mode {value!r} is not one of {', '.join(MODES)}")
    if field == "status" and value not in STATUSES:
        raise ValueError(f"status {value!r} is not occurred or planned")
    if field == "direction" and value not in DIRECTIONS:
        raise ValueError(f"direction {value!r} is not one of {', '.join(DIRECTIONS)}")
    if field == "date":
        DateInterval.parse_iso(value)
    if field in ("who", "whom") and not value:
        raise ValueError(f"{field} needs an actor")


# -- what the review measured ---------------------------------------------------------------
def measured(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The review's figures, per extracted contact (one per article and sentence) that a decision
    in force is about: reviewed, accepted (right as extracted), corrected (a real contact with a
    wrong field), rejected (not a contact), added by hand, stale; precision = accepted / reviewed
    (exact), and real_precision = (accepted + corrected) / reviewed (the contact itself was real)."""
    verdicts: dict[str, str] = {}
    added, fusing = 0, {"merge": set(), "split": set()}
    for c, target in _in_force(con):
        if c.action == "add":
            added += 1
        elif c.action in FUSING:
            fusing[c.action].add(str((c.details or {}).get(c.action)).split("-")[0])   # a split's parts: one
        elif c.action == "reject":
            verdicts[target] = "rejected"
        elif c.action == "accept":
            verdicts[target] = "corrected" if verdicts.get(target) == "corrected" else "accepted"
        else:
            verdicts[target] = "corrected"
    counts = {v: sum(1 for x in verdicts.values() if x == v) for v in ("accepted", "corrected", "rejected")}
    reviewed = len(verdicts)
    stale_count = con.execute("SELECT count(*) FROM corrections WHERE target IS NULL").fetchall()[0][0]
    return {"reviewed": reviewed, **counts, "added": added, "stale": stale_count,
            "merged": len(fusing["merge"]), "split": len(fusing["split"]),
            "precision": counts["accepted"] / reviewed if reviewed else None,
            "real_precision": (counts["accepted"] + counts["corrected"]) / reviewed if reviewed else None}


def _in_force(con: duckdb.DuckDBPyConnection) -> list[tuple[Correction, str]]:
    rows = con.execute(f"SELECT {_SELECT}, target FROM corrections WHERE target IS NOT NULL "
                       "ORDER BY made_at, id").fetchall()
    return [(Correction.from_row(r[:-1]), r[-1]) for r in rows]
