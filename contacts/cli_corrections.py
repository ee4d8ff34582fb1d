"""The commands of review and correction (contacts.corrections): reject, accept, fix, add,
review, and `corrections list|export|import|rm`. Thin: each calls one library method."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from contacts.cli import DbOption, _open, app
from contacts.errors import CorrectionError

corrections_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                              help="List, export, import or remove the review's decisions.")
app.add_typer(corrections_app, name="corrections")

NoteOption = typer.Option(None, "--note", help="Why: kept with the decision (and in its export).")
AuthorOption = typer.Option(None, "--author", envvar="CONTACTS_AUTHOR",
                            help="Who decides (default: $CONTACTS_AUTHOR, else your login name).")


def _made(made: list, what: str) -> None:
    mentions = len(made)
    typer.echo(f"{what}: {mentions} decision{'s' if mentions != 1 else ''} "
               f"({', '.join(c.id for c in made)}); they apply again after every re-extraction")


@app.command()
def reject(ids: list[str] = typer.Argument(..., help="Contact ids (or a mention's <article>:<n>)."),
           note: Optional[str] = NoteOption, author: Optional[str] = AuthorOption,
           db: Optional[str] = DbOption) -> None:
    """Record that contacts are not contacts: they leave the store, and stay out after re-extraction.

    Example: contacts reject c1a2b3c4d5e6 --note "an appeal, not a call"
    """
    _decide(ids, "reject", note, author, db)


@app.command()
def accept(ids: list[str] = typer.Argument(..., help="Contact ids (or a mention's <article>:<n>)."),
           note: Optional[str] = NoteOption, author: Optional[str] = AuthorOption,
           db: Optional[str] = DbOption) -> None:
    """Record that contacts are right as extracted (they count as reviewed; undoes a rejection).

    Example: contacts accept c1a2b3c4d5e6
    """
    _decide(ids, "accept", note, author, db)


def _decide(ids: list[str], action: str, note: Optional[str], author: Optional[str], db: Optional[str]) -> None:
    with _open(db) as store:
        made = [c for i in ids for c in getattr(store, action)(i, note=note, author=author)]
    _made(made, f"{action}ed {len(ids)} contact{'s' if len(ids) != 1 else ''}")


@app.command()
def fix(contact_id: str = typer.Argument(..., help="A contact id (or a mention's <article>:<n>)."),
        who: Optional[str] = typer.Option(None, "--who", help="The initiator (visitor, sender, caller)."),
        whom: Optional[str] = typer.Option(None, "--whom", help="The other side."),
        mode: Optional[str] = typer.Option(None, "--mode", help="call, meeting, visit, message, envoy, summons or talks."),
        when: Optional[str] = typer.Option(None, "--date", help="YYYY-MM-DD, YYYY-MM or YYYY (or unknown)."),
        status: Optional[str] = typer.Option(None, "--status", help="occurred or planned."),
        direction: Optional[str] = typer.Option(None, "--direction", help="directed, undirected or reversed."),
        location: Optional[str] = typer.Option(None, "--location", help="Where it took place ('' for nowhere known)."),
        note: Optional[str] = NoteOption, author: Optional[str] = AuthorOption,
        db: Optional[str] = DbOption) -> None:
    """Correct fields of a contact: one decision per field, kept across re-extraction.

    Example: contacts fix c1a2b3c4d5e6 --mode visit --date 2023-03
    """
    changes = {k: v for k, v in dict(who=who, whom=whom, mode=mode, date=when, status=status, direction=direction,
                                     location=location).items() if v is not None}
    with _open(db) as store:
        made = store.fix(contact_id, note=note, author=author, **changes)
    _made(made, f"fixed {', '.join(changes)} of {contact_id}")


@app.command()
def add(who: str = typer.Option(..., "--who", help="The initiator (or either side of an undirected contact)."),
        whom: str = typer.Option(..., "--whom", help="The other side."),
        mode: str = typer.Option(..., "--mode", help="call, meeting, visit, message, envoy, summons or talks."),
        when: Optional[str] = typer.Option(None, "--date", help="YYYY-MM-DD, YYYY-MM or YYYY."),
        status: str = typer.Option("occurred", "--status", help="occurred or planned."),
        directed: Optional[bool] = typer.Option(None, "--directed/--undirected",
                                                help="Whether who initiated it (default: by mode)."),
        location: Optional[str] = typer.Option(None, "--location", help="Where it took place."),
        article: Optional[str] = typer.Option(None, "--article", help="A stored article's id or file name."),
        evidence: Optional[str] = typer.Option(None, "--evidence", help="The article's sentence that reports it."),
        citation: Optional[str] = typer.Option(None, "--citation",
                                               help="Instead of an article: the source it comes from."),
        note: Optional[str] = NoteOption, author: Optional[str] = AuthorOption,
        db: Optional[str] = DbOption) -> None:
    """Add a contact the extractor missed, from a stored article's sentence or from a citation.

    Example: contacts add --who Xi --whom Lula --mode meeting --date 2023-04-14 --citation "Joint Statement, 14 April 2023"
    """
    with _open(db) as store:
        made = store.add(who=who, whom=whom, mode=mode, date=when, status=status, directed=directed,
                         location=location, article=article, evidence=evidence, citation=citation,
                         note=note, author=author)
    _made([made], f"added {mode} {who} – {whom}")


@app.command()
def merge(ids: list[str] = typer.Argument(..., help="Two or more contact ids of one kind (mode, status, actors)."),
          note: Optional[str] = NoteOption, author: Optional[str] = AuthorOption,
          db: Optional[str] = DbOption) -> None:
    """Record that contacts fusion kept apart are one encounter (kept across re-extraction).

    Example: contacts merge c1a2b3c4d5e6 c6e5d4c3b2a1 --note "one call, dated by each side's day"
    """
    with _open(db) as store:
        made = store.merge(ids, note=note, author=author)
    _made(made, f"merged {len(ids)} contacts")


@app.command()
def split(contact_id: str = typer.Argument(..., help="A contact reported by several articles."),
          article: Optional[str] = typer.Option(None, "--article", help="The article (id or file name) whose "
                                                                         "reports become a contact of their own; "
                                                                         "default: each article's."),
          note: Optional[str] = NoteOption, author: Optional[str] = AuthorOption,
          db: Optional[str] = DbOption) -> None:
    """Record that a fused contact is several encounters (kept across re-extraction).

    Example: contacts split c1a2b3c4d5e6 --article 003.txt
    """
    with _open(db) as store:
        made = store.split(contact_id, article=article, note=note, author=author)
    _made(made, f"split {contact_id}")


@app.command()
def review(query: Optional[str] = typer.Argument(None, help="A list query; default: every contact."),
           stale: bool = typer.Option(False, "--stale", help="List the decisions no longer in force, and why."),
           again: bool = typer.Option(False, "--again", help="Walk contacts already reviewed too."),
           sample: Optional[int] = typer.Option(None, "--sample", help="Walk N contacts drawn at random "
                                                                        "(for a measured precision)."),
           seed: int = typer.Option(0, "--seed", help="The random draw's seed (the same seed, the same sample)."),
           author: Optional[str] = AuthorOption, db: Optional[str] = DbOption) -> None:
    """Walk the contacts a query returns, one at a time, with their sentences: one key per
    decision (a accept, r reject, e edit a field, s skip, q quit, ? help).

    Example: contacts review "list calls Xi <-> *"
    """
    if stale:
        return _stale(db)
    from contacts.review import Walk, terminal_keys, terminal_line
    with _open(db) as store:
        walk = Walk(store, author=author, read_key=terminal_keys(), read_line=terminal_line)
        ids = walk.contacts(query, again=again, sample=sample, seed=seed)
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise CorrectionError("contacts review reads keys from a terminal, and this is not one",
                                  hint="run it in a terminal; scripts use contacts accept, reject, fix and add")
        walk.run(ids)


def _stale(db: Optional[str]) -> None:
    with _open(db, read_only=True) as store:
        found = store.stale_corrections()
    for c, why in found:
        typer.echo(f"{c.id}  {describe(c)}  — {why}")
    typer.echo(f"{len(found)} stale decision{'s' if len(found) != 1 else ''}", err=True)


def describe(c) -> str:
    """A decision in a few words: what, about which contact, in which sentence."""
    what = {"fix": f"fix {c.field} = {c.value or '(none)'}", "add": "add",
            "merge": f"merge ({(c.details or {}).get('merge')})",
            "split": f"split ({(c.details or {}).get('split')})"}.get(c.action, c.action)
    sentence = c.sentence if len(c.sentence or "") <= 70 else c.sentence[:69] + "…"
    return f"{what}: {c.who} {c.mode} {c.whom} in {c.article} “{sentence}” ({c.author}, {c.made_at:%Y-%m-%d})"


@corrections_app.command("list")
def corrections_list(db: Optional[str] = DbOption) -> None:
    """Every decision, in the order made.

    Example: contacts corrections list
    """
    with _open(db, read_only=True) as store:
        made = store.corrections()
    for c in made:
        typer.echo(f"{c.id}  {describe(c)}" + (f"  note: {c.note}" if c.note else ""))


@corrections_app.command("export")
def corrections_export(path: str = typer.Argument(..., help="The JSON Lines file to write (.csv: a table)."),
                       db: Optional[str] = DbOption) -> None:
    """Write every decision as JSON Lines, one a line in the order made (keep it in git; merge; import);
    a FILE ending in .csv gets a table for a paper's appendix instead.

    Example: contacts corrections export decisions.jsonl
    """
    with _open(db, read_only=True) as store:
        n = store.export_corrections(path)
    typer.echo(f"{n} decisions written to {path}")


@corrections_app.command("import")
def corrections_import(path: str = typer.Argument(..., help="A file 'contacts corrections export' wrote."),
                       db: Optional[str] = DbOption) -> None:
    """Read decisions made on another store of the same articles, and apply them.

    Example: contacts corrections import decisions.jsonl
    """
    with _open(db) as store:
        new, known = store.import_corrections(path)
    typer.echo(f"{new} new decisions applied, {known} already here")


@corrections_app.command("rm")
def corrections_rm(ids: list[str] = typer.Argument(..., help="Decision ids (contacts corrections list)."),
                   db: Optional[str] = DbOption) -> None:
    """Take decisions back: their contacts return to what the extractor found.

    Example: contacts corrections rm r0123456789a
    """
    with _open(db) as store:
        n = store.remove_corrections(ids)
    typer.echo(f"{n} decision{'s' if n != 1 else ''} removed")


def stats_lines(store) -> list[str]:
    """The review's figures for `contacts stats` (nothing when nothing was reviewed)."""
    f = store.review_figures()
    if not (f["reviewed"] or f["added"] or f["stale"] or f.get("merged") or f.get("split")):
        return []
    lines = [f"{'reviewed':10} {f['reviewed']} (accepted {f['accepted']}, corrected {f['corrected']}, "
             f"rejected {f['rejected']})", f"{'added':10} {f['added']}"]
    if f.get("merged") or f.get("split"):
        lines.append(f"{'fusion':10} {f['merged']} merged, {f['split']} split")
    lines.append(f"{'stale':10} {f['stale']}")
    if f["reviewed"]:
        lines.append(f"{'precision':10} {f['precision']:.3f} measured on the reviewed "
                     f"({f['real_precision']:.3f} counting the corrected as real contacts)")
    return lines

