"""Making decisions on a store: the library's accept, reject, fix and add (Store's methods
call these), each stored and applied at once by storing its articles again.

A decision about a fused contact is one decision per mention of it (one per article that
reports it), keyed as contacts.corrections says; all of one call are stored in the same
transaction as the articles they change, so a failure leaves neither.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from contacts import corrections
from contacts.corrections import Correction
from contacts.errors import CorrectionError
from contacts.errors import ActorError
from contacts import models
from contacts.models import ALWAYS_DIRECTED, MODES
EXTRACTED = "extracted"     # as contacts.store names what the extractor read

_KEY = ("article", "sentence", "who", "whom", "mode")


def keys(store: Any, target: str) -> list[dict[str, str]]:
    """The keys of the mentions a contact id (or one mention's id, `<article>:<n>`) stands for:
    the contact as first extracted (a mention fixed before is keyed as it was then)."""
    return [key for _, _, key in keyed(store, target)]


def keyed(store: Any, target: str) -> list[tuple[str, bool, dict[str, str]]]:
    """(mention id, whether it is stored, key) for each mention of `target` (a rejected one is not stored)."""
    column = "m.id" if ":" in target else "s.contact"
    target = target if ":" in target else current(store, target)
    _, rows = store.sql("SELECT m.id, m.article, m.evidence, m.who, m.whom, m.mode, m.origin FROM contact_sources s "
                        f"JOIN mentions m ON m.id = s.mention WHERE {column} = ? ORDER BY m.id", [target])
    read = [r[:-1] for r in rows if r[-1] in (EXTRACTED, corrections.MANUAL)]
    if rows and not read:
        raise CorrectionError(f"contact {target} comes only from imported records ({', '.join(sorted({r[-1] for r in rows}))})",
                              hint="decisions correct what the extractor read; an imported record changes with its dataset")
    rows, stored = read, bool(read)
    if not rows and ":" in target:          # a rejected mention, stored no more: its decisions know it
        _, rows = store.sql("SELECT target, article, sentence, who, whom, mode FROM corrections "
                            "WHERE target = ? ORDER BY made_at LIMIT 1", [target])
    if not rows:
        raise CorrectionError(f"no contact with id {target!r}",
                              hint="contacts query 'list …' shows ids (and 'contacts review QUERY' walks them)")
    earlier = {r[0]: dict(zip(_KEY, r[1:])) for r in store.sql(
        "SELECT target, article, sentence, who, whom, mode FROM corrections WHERE target IN (SELECT unnest(?)) "
        "ORDER BY made_at DESC", [[r[0] for r in rows]])[1]}
    return [(r[0], stored, earlier.get(r[0]) or dict(zip(_KEY, r[1:]))) for r in rows]


def current(store: Any, contact_id: str) -> str:
    """The contact an id names now: itself, or the one that took it over (contacts.lineage)."""
    _, rows = store.sql("SELECT contact FROM contact_aliases WHERE id = ? AND contact IS NOT NULL "
                        "AND ? NOT IN (SELECT id FROM contacts)", [contact_id, contact_id])
    return rows[0][0] if rows else contact_id


def decide(store: Any, target: str, action: str, *, changes: dict[str, Any] | None = None,
           note: str | None = None, author: str | None = None) -> list[Correction]:
    """Accept, reject or fix the contact `target` (`changes`: field -> new value, one decision
    each, so that each can be judged alone): the decisions made."""
    if store.read_only:
        raise CorrectionError("the store is open read-only", hint="open it without --read-only to correct it")
    if action == "fix" and not changes:
        raise CorrectionError("nothing to fix", hint=f"give one of {', '.join(corrections.FIELDS)}")
    edits = [(f, checked_value(store, f, v)) for f, v in (changes or {}).items()] if action == "fix" else [(None, None)]
    who = corrections.author(author)
    found = keyed(store, target)
    made = [Correction(action, **key, field=field, value=value, author=who, note=note)
            for _, _, key in found for field, value in edits]
    if action == "accept" and all(stored for _, stored, _ in found):
        store._in_transaction(lambda: _accept_stored(store.connection, made, [mid for mid, _, _ in found]))
    else:
        record(store, made)
    return made


def _accept_stored(con: Any, made: list[Correction], mention_ids: list[str]) -> None:
    """Accepting stored mentions changes none of them (the review walk's commonest key): the
    decisions are stored with their mentions as targets, and each mention not reviewed yet
    becomes accepted, without extracting its article again (what `record` would do, at ~50x the cost)."""
    corrections.insert(con, made)
    con.executemany("UPDATE corrections SET target = ? WHERE id = ?", [[m, c.id] for c, m in zip(made, mention_ids)])
    con.executemany("INSERT INTO reviews SELECT ?, ?, 'accepted' WHERE NOT EXISTS "
                    "(SELECT 1 FROM reviews WHERE mention = ?)", [[m.rsplit(":", 1)[0], m, m] for m in mention_ids])


def checked_value(store: Any, field: str | None, value: Any) -> str:
    """A fix's value as stored: an actor's id for who, whom and location; a CorrectionError
    that says what is accepted when it is not a value of its field."""
    if field in ("who", "whom") or (field == "location" and value):
        value = actor_id(store, str(value))
    elif field == "date":
        value = value.isoformat() if isinstance(value, date) else ("" if value in (None, "unknown") else str(value))
    else:
        value = "" if value is None else str(value)
    try:
        corrections.check_fix(field, value)
    except ValueError as exc:
        raise CorrectionError(str(exc), hint=_HINTS.get(field or "", "")) from None
    return value


_HINTS = {"mode": "e.g. --mode visit", "status": "--status occurred or --status planned",
          "direction": "--direction directed (who initiated), undirected or reversed (swap who and whom)",
          "date": "e.g. --date 2023-04-26, 2023-04 or 2023 (or unknown)"}


def actor_id(store: Any, name: str) -> str:
    """An actor's id from a name the knowledge base knows, or an actor of this store by its id or name."""
    try:
        return store.kb.resolve(name).one().id
    except ActorError as exc:
        _, rows = store.sql("SELECT id FROM actors WHERE id = ? OR lower(name) = lower(?) ORDER BY id", [name, name])
        if len(rows) == 1:
            return rows[0][0]
        raise CorrectionError(str(exc.message), hint=exc.hint) from None


def add(store: Any, *, who: str, whom: str, mode: str, date: Any = None, status: str = "occurred",
        directed: bool | None = None, location: str | None = None, article: str | None = None,
        evidence: str | None = None, citation: str | None = None, note: str | None = None,
        author: str | None = None) -> Correction:
    """Add a contact the extractor missed: from a stored article (its id or file name) and the
    sentence that reports it, or from a citation (a source outside the store)."""
    if store.read_only:
        raise CorrectionError("the store is open read-only", hint="open it without --read-only to correct it")
    if mode not in MODES:
        raise CorrectionError(f"mode {mode!r} is not one of {', '.join(MODES)}", hint="e.g. --mode call")
    if status not in corrections.STATUSES:
        raise CorrectionError(f"status {status!r} is not occurred or planned", hint=_HINTS["status"])
    when = checked_value(store, "date", date)
    details = {"date": when or None, "status": status,
               "directed": mode in ALWAYS_DIRECTED if directed is None else bool(directed),
               "location": actor_id(store, location) if location else None}
    if (article is None) == (citation is None):
        raise CorrectionError("give the article and its sentence, or a citation",
                              hint="--article ID --evidence 'the sentence', or --citation 'the source'")
    if citation is not None:
        if not citation.strip():
            raise CorrectionError("the citation is empty", hint="--citation 'Joint statement, 2023-05-01'")
        details["citation"] = citation.strip()
        sentence = citation.strip()
        article_id = models.article_id(sentence)
    else:
        article_id, text = article_of(store, article)
        sentence = " ".join((evidence or "").split())
        if not sentence or sentence not in " ".join(text.split()):
            raise CorrectionError(f"the evidence is not a sentence of article {article!r}" if sentence
                                  else "the evidence sentence is missing",
                                  hint="copy the sentence from 'contacts show ID' or the article's text")
    c = Correction("add", article_id, sentence, actor_id(store, who), actor_id(store, whom), mode,
                   details={k: v for k, v in details.items() if v is not None},
                   author=corrections.author(author), note=note)
    record(store, [c])
    return c


def article_of(store: Any, given: str) -> tuple[str, str]:
    """(id, text) of a stored article named by its id or file name."""
    _, rows = store.sql("SELECT id, text FROM articles WHERE id = ? OR name = ? ORDER BY id", [given, given])
    if len(rows) != 1:
        raise CorrectionError(f"no stored article {given!r}" if not rows else f"{given!r} names several articles",
                              hint="give the article's id: contacts sql \"select id, name from articles\"")
    return rows[0]


def record(store: Any, decisions: list[Correction]) -> None:
    """Store decisions and apply them: the articles they are about are stored again (extracted
    afresh, the decisions applied, their contacts fused again) in one transaction with them;
    a contact added from a citation brings the citation in as its article."""
    if not decisions:
        return
    articles = sorted({c.article for c in decisions})
    citations = [a for a in map(corrections.citation_article, decisions) if a is not None]
    store._restore(articles, before=lambda con: corrections.insert(con, decisions), also=citations)


def import_file(store: Any, path: str) -> tuple[int, int]:
    """Import an export file's decisions: (new, already there). The stored articles they are
    about are stored again, so they apply at once; the others apply when those articles come."""
    decisions = corrections.read(path)
    if store.read_only:
        raise CorrectionError("the store is open read-only", hint="open it without --read-only to import")
    known = {r[0] for r in store.sql("SELECT id FROM corrections")[1]}
    fresh = [c for c in decisions if c.id not in known]
    record(store, fresh)
    return len(fresh), len(decisions) - len(fresh)


def remove(store: Any, ids: list[str]) -> int:
    """Delete decisions, and store their articles again without them: how many."""
    if store.read_only:
        raise CorrectionError("the store is open read-only", hint="open it without --read-only to remove decisions")
    _, rows = store.sql("SELECT id, article FROM corrections WHERE id IN (SELECT unnest(?))", [ids])
    missing = sorted(set(ids) - {r[0] for r in rows})
    if missing:
        raise CorrectionError(f"no decision with id {missing[0]!r}", hint="contacts corrections list shows them")
    store._restore(sorted({r[1] for r in rows}), before=lambda con: con.execute(
        "DELETE FROM corrections WHERE id IN (SELECT unnest($ids))", {"ids": ids}))
    return len(rows)


def merge(store: Any, contact_ids: list[str], *, note: str | None = None, author: str | None = None) -> list[Correction]:
    """One merge decision over every mention of the contacts (rows sharing a merge id)."""
    if len(set(contact_ids)) < 2:
        raise CorrectionError("a merge needs two contacts or more", hint="contacts merge ID ID …")
    kinds = {}
    contact_ids = [current(store, cid) for cid in contact_ids]
    for cid in contact_ids:
        _, rows = store.sql("SELECT mode, status, directed, CASE WHEN directed THEN who || '>' || whom ELSE "
                            "least(who, whom) || '~' || greatest(who, whom) END FROM contacts WHERE id = ?", [cid])
        if not rows:
            raise CorrectionError(f"no contact with id {cid!r}", hint="contacts query 'list …' shows ids")
        kinds[cid] = rows[0]
    if len(set(kinds.values())) > 1:
        raise CorrectionError(f"contacts {', '.join(contact_ids)} differ in mode, status, direction or actors: "
                              "fusion merges only contacts of one kind",
                              hint="fix one first (contacts fix ID --mode … / --status … / --direction …)")
    who = corrections.author(author)
    together = "m" + hashlib.sha1("|".join(sorted(contact_ids)).encode()).hexdigest()[:11]
    made = [Correction("merge", **key, details={"merge": together}, author=who, note=note)
            for cid in contact_ids for key in keys(store, cid)]
    record(store, made)
    return made


def split(store: Any, contact_id: str, *, article: str | None = None, note: str | None = None,
          author: str | None = None) -> list[Correction]:
    """Split decisions: the mentions of `article` (or of each article) taken apart."""
    found = keys(store, contact_id)
    if len({k["article"] for k in found}) < 2:
        raise CorrectionError(f"contact {contact_id} is reported by one article: there is nothing to split",
                              hint="reject it, or fix its fields, if it is wrong")
    if article is not None:
        article_id, _ = article_of(store, article)
        if article_id not in {k["article"] for k in found}:
            raise CorrectionError(f"article {article!r} does not report contact {contact_id}",
                                  hint="contacts show ID lists the articles that do")
        found = [k for k in found if k["article"] == article_id]
    who = corrections.author(author)
    apart = "s" + hashlib.sha1(contact_id.encode()).hexdigest()[:11]      # one split; an id per part
    made = [Correction("split", **key, details={"split": f"{apart}-{key['article']}"}, author=who, note=note)
            for key in found]
    record(store, made)
    return made
