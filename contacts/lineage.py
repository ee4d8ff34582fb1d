"""What became of the contacts a fusion replaced: ids that keep resolving, and exact counts.

Fusion recomputes the contacts of the groups a batch touches (contacts.store `_fuse_again`): the
old rows go, new ones come. Most new contacts continue an old one under the same id, but a
contact's id gives way when a more precise report takes over its founding, when contacts
merge (a meeting joins the visit it was part of) or split, and when its sources are removed.
Ids go into papers and notebooks, so a retired id is kept in `contact_aliases` with the
contact that took it over: the one that holds most of its mentions (NULL when none is
left). Aliases point straight at a live contact: when that contact's id is retired in turn,
the aliases that pointed at it move on, and an id that comes back to life leaves the table.

The ingest's counts are kept so that they do not depend on how its articles fell into
batches (nor on the workers' timing, which decides that): a contact is *created* by an
ingest when every article it stands on is new in this ingest, and *updated* when it stood on
earlier articles and gained a new one. Each batch adds the contacts it writes that are so and
takes off the ones it deletes that were, so the sums are exactly the contacts stored at the
end that are so. (Counting "a new id" per batch counted a contact again each time a later
batch changed its id: 19,169 created for 19,167 stored.) Merges and splits are counted for
contacts that stood on earlier articles: a contact of this ingest that a later batch merges
was never seen outside it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

# How an id was retired (contact_aliases.how).
MERGED = "merged"           # into a contact that took over another contact's mentions too
SPLIT = "split"             # its mentions went to several contacts; the id follows the largest part
RENAMED = "renamed"         # the same mentions, now under another id (a more precise report founds it)
REMOVED = "removed"         # none of its mentions is left (its articles were removed or re-read without it)


@dataclass
class Change:
    """What one fusion did to the contacts it replaced, and the rows of contact_aliases it adds."""

    created: int = 0            # contacts written less those deleted that stand on this ingest's articles alone
    updated: int = 0            # ... that stand on earlier articles and some of this ingest's
    merged: int = 0             # earlier contacts whose id retired into a contact that absorbed another too
    split: int = 0              # earlier contacts whose mentions went to several contacts
    renamed: int = 0
    removed: int = 0
    changed: int = 0            # contacts written whose mentions are not those of an old one of their id
    aliases: list[tuple[str, str | None, str]] = field(default_factory=list)     # (retired id, contact, how)


def article_of(mention_id: str) -> str:
    return mention_id.rsplit(":", 1)[0]


def change(old: dict[str, set[str]], new: dict[str, list[str]], fresh: set[str],
           modes: dict[str, str] | None = None) -> Change:
    """The change from the `old` contacts (id -> its mention ids) a fusion deleted to the `new`
    ones (id -> mention ids) it wrote; `fresh`: the ids of articles new in this ingest; `modes`:
    the mode of each contact, old and new (a meeting that joins a visit is merged into it)."""
    modes = modes or {}
    found = Change()
    home = {m: c for c, ms in new.items() for m in ms}          # mention id -> new contact
    parents: Counter[str] = Counter()                          # new contact -> old contacts it took mentions from
    fates = {}
    for o, ms in old.items():
        fates[o] = Counter(home[m] for m in ms if m in home)
        for c in fates[o].keys() | ({o} & new.keys()):
            parents[c] += 1
    for o, fate in fates.items():
        earlier = not _fresh_only(old[o], fresh)
        if earlier and len(fate) > 1:
            found.split += 1
        if o in new:
            continue
        if not fate:
            how, into = REMOVED, None
        else:
            into = min(fate, key=lambda c: (-fate[c], c))          # the most of its mentions; ties by id
            merged = parents[into] > 1 or modes.get(o) != modes.get(into)
            how = MERGED if merged else SPLIT if len(fate) > 1 else RENAMED
        found.aliases.append((o, into, how))
        if earlier and how != SPLIT:                # a split is counted above, retired or not
            setattr(found, how, getattr(found, how) + 1)
    found.changed = sum(1 for c, ms in new.items() if old.get(c) != set(ms))
    if not fresh:
        return found
    for ms, sign in [*((ms, -1) for ms in old.values()), *((ms, 1) for ms in new.values())]:
        if _fresh_only(ms, fresh):
            found.created += sign
        elif any(article_of(m) in fresh for m in ms):
            found.updated += sign
    return found


def _fresh_only(mention_ids, fresh: set[str]) -> bool:
    return bool(fresh) and bool(mention_ids) and all(article_of(m) in fresh for m in mention_ids)


def record(con, aliases: list[tuple[str, str | None, str]], alive: list[str], when) -> None:
    """Write a fusion's aliases in its transaction: the ids that `alive` brings back leave the
    table, aliases to a retired id move on to where it went, and the retired ids are added."""
    if alive:
        con.execute("DELETE FROM contact_aliases WHERE id IN (SELECT unnest($ids))", {"ids": alive})
    if not aliases:
        return
    retired, into = [a[0] for a in aliases], [a[1] for a in aliases]
    con.execute("UPDATE contact_aliases a SET contact = r.contact FROM "
                "(SELECT unnest($retired) AS retired, unnest($into) AS contact) r WHERE a.contact = r.retired",
                {"retired": retired, "into": into})
    with con.appender("contact_aliases") as appender:
        appender.append_rows([[o, c, how, when] for o, c, how in aliases])


def resolve(cur, contact_id: str) -> tuple[str | None, str, object] | None:
    """(the contact now, how the id was retired, when) for a retired id; None for any other."""
    row = cur.execute("SELECT contact, how, retired_at FROM contact_aliases WHERE id = ?", [contact_id]).fetchone()
    return tuple(row) if row else None


def id_test(column: str, parameter: str) -> str:
    """SQL true for the contact an id names, whether the id is its own or one it took over
    (for the query language's `where id = …`)."""
    return f"({column} = {parameter} OR {column} IN (SELECT contact FROM contact_aliases WHERE id = {parameter}))"
