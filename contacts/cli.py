"""The `contacts` command: a thin layer over the library.

Each command opens the store, calls one library method and prints; errors of
the ContactsError family become one line on stderr with a non-zero exit.
"""

from __future__ import annotations

import contextlib
import json
import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup

from contacts.errors import ContactsError, QueryError

_QUERY_COMMANDS = {"query", "run", "network"}      # their query errors show the code and a caret


class _Commands(TyperGroup):
    """The CLI's one error path: a ContactsError from any command (or a group's sub-command) is
    printed (`_fail`), and the command exits 1; commands raise, none catches."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ContactsError as exc:
            _fail(exc, query=ctx.invoked_subcommand in _QUERY_COMMANDS)


app = typer.Typer(cls=_Commands, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False)
actors_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Look up actors in the knowledge base, and add your own.")
app.add_typer(actors_app, name="actors")
articles_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                           help="List the stored articles, correct their metadata, remove them.")
app.add_typer(articles_app, name="articles")

DEFAULT_DB = "contacts.duckdb"
DbOption = typer.Option(None, "--db", envvar="CONTACTS_DB",
                        help=f"Store file (default: $CONTACTS_DB or ./{DEFAULT_DB}).")


def _db(db: Optional[str]) -> str:
    if db is not None and not db.strip():        # '' fell back to ./contacts.duckdb without a word
        raise ContactsError("--db is empty", hint=f"give a store file, or leave --db out for ./{DEFAULT_DB}")
    return db or DEFAULT_DB


def _fail(exc: ContactsError, *, query: bool = False) -> None:
    """One line on stderr, "error: …" (a query's error with its code, then the query with a
    caret under the spot), and exit 1."""
    from contacts.output import error_lines
    for line in error_lines(exc) if query and isinstance(exc, QueryError) else [f"error: {exc}"]:
        typer.echo(line, err=True)
    raise typer.Exit(1)


_ACTOR_FILES: list[str] = []


def _version(asked: bool) -> None:
    if asked:
        from contacts import __version__
        from contacts.extract import EXTRACTOR_VERSION
        typer.echo(f"contacts {__version__} (extractor {EXTRACTOR_VERSION})")
        raise typer.Exit()


@app.callback()
def _main(actors: Optional[list[str]] = typer.Option(
        None, "--actors", help="A TOML file of your own actors ([[person]] entries, as in the package's "
                               "people.toml), added to the knowledge base. Repeatable."),
          version: bool = typer.Option(False, "--version", is_eager=True, callback=_version,
                                       help="Print the version (to cite) and leave.")) -> None:
    """Diplomatic contacts from news articles, in a DuckDB store.

    \b
    Start with:  contacts ingest seeds/ --db seeds.duckdb
                 contacts query "count calls Xi -> Zelensky since 2022-02" --db seeds.duckdb
    """
    _ACTOR_FILES[:] = actors or []


def _open(db: Optional[str], read_only: bool = False):
    from contacts import dataset
    from contacts.store import Store
    if not read_only and dataset.is_dataset(_db(db)):     # a command that writes, on Parquet files
        raise dataset.refuse_writes(_db(db))
    return Store(_db(db), read_only=read_only, actor_files=_ACTOR_FILES)


def _is_dataset(db: Optional[str]) -> bool:
    from contacts.dataset import is_dataset
    return is_dataset(_db(db))


def _kb():
    from contacts.kb import default, load
    return load(_ACTOR_FILES) if _ACTOR_FILES else default()


def _options(published: Optional[str], source: Optional[str], max_mb: int):
    from contacts.read import ReadOptions
    try:
        day = date.fromisoformat(published) if published else None
    except ValueError:
        raise ContactsError(f"--published {published!r} is not a YYYY-MM-DD date") from None
    return ReadOptions(published=day, source=source, max_bytes=max_mb * 1024 * 1024)


@app.command()
def ingest(paths: list[str] = typer.Argument(..., help="Files, directories or globs."),
           db: Optional[str] = DbOption,
           published: Optional[str] = typer.Option(None, help="Publication date for plain text without front matter."),
           source: Optional[str] = typer.Option(None, help="Outlet for articles that do not name one."),
           max_mb: int = typer.Option(20, help="Largest file to read, in MB."),
           quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the summary.")) -> None:
    """Read articles, extract their contacts and fuse them into the store.

    Example: contacts ingest seeds/ --db contacts.duckdb
    """
    opts = _options(published, source, max_mb)
    with _open(db) as store:
        # the bar is transient: on a terminal it shows while a long ingest runs, then goes
        report = store.ingest(paths, options=opts, progress=not quiet and sys.stderr.isatty())
    _tell(report)
    if not report.ok:
        raise typer.Exit(1)


def _tell(report) -> None:
    """An ingest's errors and warnings on stderr, its summary on stdout."""
    for line in report.errors:
        typer.echo(f"error: {line}", err=True)
    for line in report.warnings():
        typer.echo(f"warning: {line}", err=True)
    typer.echo(report.summary())



@app.command()
def extract(paths: list[str] = typer.Argument(..., help="Files, directories or globs."),
            format: str = typer.Option("jsonl", "--format", "-f", help="jsonl (the evaluation's format) or table."),
            tallies: bool = typer.Option(False, help="Print reported counts (tallies) instead of contacts."),
            published: Optional[str] = typer.Option(None, help="Publication date for plain text."),
            source: Optional[str] = typer.Option(None, help="Outlet for articles that do not name one.")) -> None:
    """Print the contacts found in each article, without a store.

    Example: contacts extract seeds/*.txt --format jsonl > pred.jsonl
    """
    from contacts.extract import contract_lines, extract as run, tally_lines
    from contacts.read import read_paths
    failed = False
    opts = _options(published, source, 20)
    for item in read_paths(paths, opts):
        if isinstance(item, ContactsError):
            typer.echo(f"error: {item}", err=True)
            failed = True
            continue
        x = run(item, _kb())
        lines = tally_lines(x) if tallies else contract_lines(x)
        for line in lines:
            if format == "jsonl":
                typer.echo(line.model_dump_json())
            else:
                d = line.model_dump()
                typer.echo("\t".join(str(d.get(k)) for k in ("article", "who", "mode", "whom", "date",
                                                               "status", "count") if k in d))
    if failed:
        raise typer.Exit(1)


FormatOption = typer.Option("table", "--format", "-f", help="table, csv, json or jsonl.")
ParamOption = typer.Option(None, "--param", "-p", help="A $parameter's value: name=value (repeatable).")
NowOption = typer.Option(None, "--now", help="Take this date (YYYY-MM-DD) as today, for 'last N days'.")
PlotOption = typer.Option(None, "--plot", help="Also draw the result as a chart: FILE.png, .svg or .pdf "
                                              "(needs: pip install 'contacts[plot]').")


def _params(pairs: Optional[list[str]]) -> dict[str, str]:
    values = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ContactsError(f"--param {pair!r} is not name=value", hint="e.g. --param leader=Xi")
        values[name.strip().lstrip("$")] = value
    return values


def _now(now: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(now) if now else None
    except ValueError:
        raise ContactsError(f"--now {now!r} is not a YYYY-MM-DD date") from None


def _check_format(fmt: str) -> None:
    from contacts.output import FORMATS
    if fmt not in FORMATS:
        raise ContactsError(f"unknown format {fmt!r}", hint=f"use {', '.join(FORMATS)}")


@app.command("eval")
def evaluate(gold: str = typer.Argument(..., help="Gold contacts, JSON Lines (docs/annotation.md's format)."),
             paths: list[str] = typer.Argument(..., help="The articles: files, directories or globs."),
             people: Optional[list[str]] = typer.Option(
                 None, "--people", help="A JSON map of person name to ISO3 code (or organisation) for the "
                                        "country level, instead of the knowledge base. Repeatable."),
             show: bool = typer.Option(False, "--show", help="List the misses and the false positives."),
             as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON.")) -> None:
    """Extract the articles and score the contacts against gold ones (strict, country and pair
    levels, as docs/annotation.md defines them). Only the articles the gold names are scored.

    \b
    Example: contacts eval gold/seeds.jsonl seeds/ --show
    """
    from contacts.evaluate import Scorer, report
    from contacts.extract import contract_lines, extract as run
    from contacts.read import read_paths
    kb = _kb()
    gold_lines = _jsonl(gold)
    scorer = Scorer(kb, _people(people or []))
    predicted = []
    for item in read_paths(paths, _options(None, None, 20)):
        if isinstance(item, ContactsError):
            typer.echo(f"error: {item}", err=True)
            continue
        predicted += [line.model_dump() for line in contract_lines(run(item, kb), kb)]
    scores = scorer.score(gold_lines, predicted)
    if as_json:
        typer.echo(json.dumps({level: s.figures() for level, s in scores.items()}))
    else:
        typer.echo(report(scores, len({g["article"] for g in gold_lines}), gold_lines, len(predicted), show))


def _people(paths: list[str]) -> dict[str, str]:
    from contacts.errors import InputError
    people: dict[str, str] = {}
    for path in paths:
        try:
            found = json.loads(Path(path).read_text("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(path, f"cannot read: {exc}") from None
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not JSON ({exc.msg})", line=exc.lineno) from None
        if not isinstance(found, dict) or not all(isinstance(v, str) for v in found.values()):
            raise InputError(path, "not a map of names to codes", hint='e.g. {"Xi Jinping": "CHN"}')
        people.update(found)
    return people


def _jsonl(path: str) -> list[dict]:
    from contacts.errors import InputError
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(path, f"not JSON ({exc.msg})", line=n) from None
            if not isinstance(rows[-1], dict) or "article" not in rows[-1]:
                raise InputError(path, "a gold line needs at least an \"article\"", line=n,
                                 hint='e.g. {"article": "a.txt", "who": "Xi Jinping", "whom": "Vladimir Putin", '
                                      '"mode": "call", "date": "2023-04"}')
    return rows


@app.command()
def query(text: str = typer.Argument(..., help="A query, e.g. 'count calls Xi -> Putin since 2022-02'."),
          db: Optional[str] = DbOption,
          format: str = FormatOption,
          show_sql: bool = typer.Option(False, "--sql", help="Print the SQL and its parameters; do not run it."),
          param: Optional[list[str]] = ParamOption,
          now: Optional[str] = NowOption,
          plot: Optional[str] = PlotOption) -> None:
    """Answer a question in the query language.

    \b
    Examples:
      contacts query "count calls Xi -> Zelensky since 2022-02"
      contacts query "list summons * -> China" --format csv
      contacts query 'count calls $who <-> Putin' --param who=Xi --sql
      contacts query "timeline with China since 2022 by quarter" --plot china.png
    """
    from contacts.output import render
    _check_format(format)
    _check_plot(plot)
    with _open(db, read_only=True) as store:
        compiled = store.compile(text, now=_now(now), **_params(param))
        if show_sql:
            typer.echo(compiled.sql)
            typer.echo(f"-- parameters: {json.dumps(compiled.params, default=str, ensure_ascii=False)}")
            return
        if plot and compiled.scalar:
            from contacts.plots.shapes import one_number
            raise one_number(None)
        result = store.run(compiled, text)
        typer.echo(render(result.columns, result.records, format, scalar=result.scalar_query))
        _notes(result, format)
        if plot:
            result.plot(plot)
            typer.echo(f"chart written to {plot}", err=True)


def _notes(result, format: str) -> None:
    """What a result left out, after a table; on stderr beside csv or json, which stay parseable."""
    for note in result.notes:
        typer.echo(f"… {note}", err=format != "table")


@app.command()
def run(file: str = typer.Argument(..., help="A saved query file (.cq)."),
        db: Optional[str] = DbOption,
        format: str = FormatOption,
        param: Optional[list[str]] = ParamOption,
        now: Optional[str] = NowOption,
        plot: Optional[str] = PlotOption) -> None:
    """Run every query of a saved query file, each under its title. With --plot FILE, each
    query that makes a chart writes it: FILE for a file of one query, else FILE-1, FILE-2 …
    numbered by the query's place in the file.

    Example: contacts run queries/china_ukraine.cq --param invasion=2022-02-24
    """
    from contacts import script
    _check_format(format)
    _check_plot(plot)
    saved = script.load(file)
    with _open(db, read_only=True) as store:
        results = store.run_script(saved, now=_now(now), **_params(param))
        _print_results(results, format)
        if plot:                        # with the store open: a tallies chart counts in it
            from contacts.plots import write_charts
            for line in write_charts(results, plot):
                typer.echo(line, err=True)


def _print_results(results, format: str) -> None:
    from contacts.output import render
    if format == "json":            # one JSON document: each query's title and rows
        typer.echo("[" + ",\n".join(json.dumps({"title": title}, ensure_ascii=False)[:-1] + ', "rows": ' +
                                    render(result.columns, result.records, "json") + "}"
                                    for title, result in results) + "]")
        return
    for n, (title, result) in enumerate(results):
        if format in ("table", "csv"):
            typer.echo(("\n" if n else "") + f"# {title}")
        if format == "jsonl":       # one object a line, each naming its query
            result = type(result)(["query", *result.columns], [(title, *r) for r in result.records], result.sql,
                                  result.params, result.verb)
        typer.echo(render(result.columns, result.records, format, scalar=result.scalar_query))
        _notes(result, format)


def _check_plot(path: Optional[str]) -> None:
    """A chart file's type and matplotlib, checked before any work."""
    if path is not None:
        from contacts.plots import chart_format, require
        chart_format(path)
        require()


@app.command()
def sql(text: str = typer.Argument(..., help="SQL to run against the store."),
        db: Optional[str] = DbOption,
        format: str = typer.Option("table", "--format", "-f", help="table, json, jsonl or csv."),
        param: Optional[list[str]] = typer.Option(None, "--param", "-p",
                                                  help="A $parameter: name=value; a JSON value ([\"CHN\"], 3) is "
                                                       "decoded (repeatable)."),
        params: Optional[str] = typer.Option(None, "--params", help="Every $parameter as a JSON object: the "
                                                                    "'-- parameters:' line that query --sql prints.")) -> None:
    """Run SQL against the store (read-only). Tables: contacts, contact_view, mentions, articles, actors …

    \b
    Examples:
      contacts sql "select * from contact_view where mode = 'call'"
      contacts sql "select count(*) from contacts where who = $who" --param who=xi-jinping
    """
    values = _sql_params(param, params)
    with _open(db, read_only=True) as store:
        columns, rows = store.user_sql(text, values or None)      # read-only: no access outside the store
    _print_rows(columns, rows, format)


def _sql_params(pairs: Optional[list[str]], whole: Optional[str]) -> dict:
    """The values of `contacts sql`'s $parameters, so the SQL `query --sql` prints runs as printed."""
    values: dict = {}
    if whole:
        try:
            values = json.loads(whole)
        except json.JSONDecodeError as exc:
            raise ContactsError(f"--params is not JSON ({exc.msg})", hint='e.g. --params \'{"who": "xi-jinping"}\'') from None
        if not isinstance(values, dict):
            raise ContactsError("--params is a JSON object of name: value", hint='e.g. --params \'{"who": "xi-jinping"}\'')
    for name, text in _params(pairs).items():
        try:
            values[name] = json.loads(text) if text[:1] in '[{"-0123456789' or text in ("true", "false", "null") \
                else text
        except json.JSONDecodeError:
            values[name] = text
    return values


def _print_rows(columns: list[str], rows: list[tuple], fmt: str) -> None:
    from contacts.output import visible
    if fmt == "json":
        typer.echo(json.dumps([dict(zip(columns, r)) for r in rows], default=str, ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        for r in rows:
            typer.echo(json.dumps(dict(zip(columns, r)), default=str, ensure_ascii=False))
    elif fmt == "csv":
        import csv
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns)
        w.writerows([[visible(v) if isinstance(v, str) else v for v in r] for r in rows])
    else:
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table
        table = Table(*map(escape, columns))
        for r in rows:      # an article's escape sequences and [markup] are shown, not obeyed
            table.add_row(*("" if v is None else escape(visible(str(v))) for v in r))
        Console().print(table)


@app.command()
def network(text: str = typer.Argument("", help="The contacts to draw: a query of contacts, its verb optional "
                                                "(default: every contact that occurred)."),
            db: Optional[str] = DbOption,
            format: str = typer.Option("table", "--format", "-f",
                                       help="graphml or gexf (the graph), or table, csv, json, jsonl (its edges)."),
            output: Optional[str] = typer.Option(None, "--output", "-o",
                                                 help="Write the graph to FILE.graphml or FILE.gexf."),
            plot: Optional[str] = PlotOption,
            states: bool = typer.Option(False, "--states", help="One node per state (each side's state at the "
                                                                 "contact's date) instead of per actor."),
            param: Optional[list[str]] = ParamOption,
            now: Optional[str] = NowOption) -> None:
    """Actors as nodes and their contacts as edges (one per pair and mode, weighted by the
    number of contacts, directed from the initiator where the contacts are), printed as a
    table of edges, written as GraphML or GEXF (Gephi, networkx), or drawn.

    \b
    Examples:
      contacts network "visits * -> China since 2022" --plot china.png
      contacts network "with China" --format graphml > china.graphml
      contacts network "visits since 2023" --states --output visits.gexf
    """
    from contacts.network import GRAPH_FORMATS, graph_format
    from contacts.output import FORMATS, render
    if format not in (*FORMATS, *GRAPH_FORMATS):
        raise ContactsError(f"unknown format {format!r}", hint=f"use {', '.join((*GRAPH_FORMATS, *FORMATS))}")
    graph = format if format in GRAPH_FORMATS else graph_format(output) if output else None
    _check_plot(plot)
    with _open(db, read_only=True) as store:
        net = store.network(text, now=_now(now), states=states, **_params(param))
    if output:
        net.write(output, graph)
        typer.echo(f"{len(net.nodes)} actors and {len(net.edges)} edges written to {output}", err=True)
    elif graph:
        typer.echo(net.text(graph), nl=False)
    else:
        columns, rows = net.rows()
        typer.echo(render(columns, rows, format))
    if plot:
        net.plot(plot)
        typer.echo(f"chart written to {plot}", err=True)


@app.command()
def show(contact_id: str = typer.Argument(..., help="A contact id (see contact_view)."),
         db: Optional[str] = DbOption) -> None:
    """Show one contact with every article and sentence that reports it.

    Example: contacts show c1a2b3c4d5e6
    """
    with _open(db, read_only=True) as store:
        c = store.show(contact_id)
    from contacts.output import format_contact
    typer.echo(format_contact(c))


@app.command()
def stats(db: Optional[str] = DbOption) -> None:
    """Count what the store holds.

    Example: contacts stats --db contacts.duckdb
    """
    with _open(db, read_only=True) as store:
        for table, n in store.stats().items():
            typer.echo(f"{table:10} {n}")
        for line in cli_corrections.stats_lines(store):      # what the review measured
            typer.echo(line)


@app.command()
def check(db: Optional[str] = DbOption) -> None:
    """Read every row of the store and check the links between tables (exit 1 if damaged).

    Example: contacts check --db contacts.duckdb
    """
    with _open(db, read_only=True) as store:
        problems = store.check()
    for problem in problems:
        typer.echo(f"error: {problem}", err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"{_db(db)}: every table read, every link sound")


@app.command()
def export(path: str = typer.Argument(..., help="Output file: .parquet, .csv, .jsonl or .dta (Stata) names the format."),
           format: Optional[str] = typer.Option(None, "--format", "-f",
                                                help="parquet, csv, jsonl, dta, the event-data formats plover "
                                                     "(JSON Lines) and cameo (tab-separated) (default: from the extension), "
                                                     "or dataset: the whole store as Parquet datasets in the folder PATH, "
                                                     "partitioned by month, which --db PATH queries read-only "
                                                     "(docs/scale-out.md)."),
           db: Optional[str] = DbOption) -> None:
    """Write the fused contacts with their provenance to a file: actors with ISO3 codes,
    date start/end and precision, status, outlets, evidence sentence, and the first
    reporting article's title, URL, outlet and date.

    Example: contacts export contacts.csv --db seeds.duckdb
    """
    with _open(db, read_only=True) as store:
        n = store.export(path, format)
    typer.echo(f"{n} contacts written to {path}" + (" with the whole store, as Parquet datasets"
                                                    if format == "dataset" else ""))


@app.command("import")
def import_(dataset: str = typer.Argument(..., help="The dataset: state-department, gdelt, icews, plover or polecat."),
            paths: list[str] = typer.Argument(..., help="Its files or folders."),
            db: Optional[str] = DbOption,
            quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the summary.")) -> None:
    """Import reference records beside the news, each contact with its origin (the dataset)
    and the record's own id; they fuse with the contacts read from articles. Importing
    the same records again changes nothing. docs/imports.md says what each keeps.

    Example: contacts import state-department ../shared/data/state-department-travels/
    """
    from contacts.imports import import_dataset
    with _open(db) as store, _progress(f"importing {dataset}", not quiet and sys.stderr.isatty()) as advance:
        report = import_dataset(store, dataset, paths, advance=advance)
    for line in report.errors:
        typer.echo(f"error: {line}", err=True)
    typer.echo(report.summary())
    for line in [] if quiet else report.notes:
        typer.echo(f"  {line}")
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def compare(filter_text: Optional[str] = typer.Argument(None, metavar="[FILTER]",
                                                        help='What follows "list" in a query: "visits Biden -> * since 2021".'),
            reference: str = typer.Option(..., "--reference", "-r", help="An imported dataset: state-department …"),
            by: Optional[str] = typer.Option(None, "--by", help="year or country: rates by each."),
            listing: Optional[str] = typer.Option(None, "--list", help="found, missed, lacking or all: the contacts."),
            db: Optional[str] = DbOption,
            format: str = typer.Option("table", "--format", "-f", help="table, csv, json or jsonl.")) -> None:
    """How the news store covers a reference dataset: which of its contacts the news finds
    (same pair and mode, dated within the reference's span), which it misses, and which news
    contacts the reference lacks; as counts, rates by year or country (--by), or lists (--list).

    Example: contacts compare --reference state-department "visits * -> * since 2021" --by year
    """
    from contacts.compare import COLUMNS, KINDS
    from contacts.compare import compare as run_compare
    _check_format(format)
    if by not in (None, "year", "country"):
        raise ContactsError(f"--by {by!r} is neither year nor country", hint="use --by year or --by country")
    if listing not in (None, "all", *KINDS):
        raise ContactsError(f"--list {listing!r} is not a kind", hint="use found, missed, lacking or all")
    with _open(db, read_only=True) as store:
        result = run_compare(store, reference, filter_text)
    if listing:
        _print_rows(list(COLUMNS), [r for r in result.rows if listing in ("all", r[0])], format)
    elif by:
        _print_rows([by, "reference", "found", "found_rate", "lacking"], result.by(by), format)
    else:
        _print_rows(["what", "contacts", "rate"], result.summary(), format)


@contextlib.contextmanager
def _progress(what: str, shown: bool):
    """A transient bar on stderr counting records (nothing when it is not a terminal)."""
    if not shown:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(what, total=None)
        yield lambda n: bar.advance(task, n)


@app.command()
def optimize(db: Optional[str] = DbOption) -> None:
    """Sort the contacts by who, whom and date, so that queries naming actors read only
    their rows. Ingest does this by itself once a tenth of the contacts are new.

    Example: contacts optimize --db contacts.duckdb
    """
    with _open(db) as store:
        n = store.optimize()
    typer.echo(f"{n} contacts in order.")


@app.command()
def reextract(db: Optional[str] = DbOption,
              everything: bool = typer.Option(False, "--all", help="Every article, e.g. after adding actors.")) -> None:
    """Extract again the articles stored by an older extractor version.

    Example: contacts reextract --db contacts.duckdb
    """
    with _open(db) as store:
        report = store.reextract(everything=everything)
    _tell(report)


@app.command()
def repl(db: Optional[str] = DbOption,
         read_only: bool = typer.Option(False, "--read-only", help="Open the store read-only (no .ingest)."),
         now: Optional[str] = NowOption) -> None:
    """Ask questions interactively: completion, history (Ctrl-R), .help for commands.

    Example: contacts repl --db contacts.duckdb
    """
    from contacts.repl import Repl
    with _open(db, read_only=read_only or _is_dataset(db)) as store:
        Repl(store, now=_now(now)).loop()


@articles_app.command("list")
def articles_list(match: Optional[str] = typer.Argument(None, help="Only articles whose name, title, outlet or "
                                                                    "path contains this."),
                  undated: bool = typer.Option(False, "--undated", help="Only those without a publication date."),
                  limit: int = typer.Option(200, help="Show at most this many (0: all)."),
                  format: str = typer.Option("table", "--format", "-f", help="table, csv, json or jsonl."),
                  db: Optional[str] = DbOption) -> None:
    """List the stored articles: id, name, publication date, outlet, title, mentions.

    \b
    Example: contacts articles list --undated
    """
    _check_format(format)
    with _open(db, read_only=True) as store:
        found = store.articles(undated=undated, match=match, limit=limit + 1 if limit > 0 else None)
    shown = found[:limit] if limit > 0 else found
    columns = ["id", "name", "published", "source", "title", "url", "mentions", "origin"]
    _print_rows(columns, [tuple(getattr(a, c) for c in columns) for a in shown], format)
    if len(found) > len(shown):
        typer.echo(f"(the first {limit} shown; --limit 0 shows all)", err=True)


@articles_app.command("rm")
def articles_rm(refs: list[str] = typer.Argument(..., help="Article ids (or their first 6+ characters), names or paths."),
                db: Optional[str] = DbOption) -> None:
    """Remove articles with everything extracted from them; the contacts they reported are
    fused again (a contact only they reported goes). One transaction.

    Example: contacts articles rm notes.txt
    """
    with _open(db) as store:
        removal = store.remove_articles(*refs)
    typer.echo(removal.summary())


@articles_app.command("set")
def articles_set(ref: str = typer.Argument(..., help="An article id (or its first 6+ characters), name or path."),
                 published: Optional[str] = typer.Option(None, help="Its publication date, YYYY-MM-DD."),
                 title: Optional[str] = typer.Option(None, help='Its title ("" empties it).'),
                 source: Optional[str] = typer.Option(None, help='Its outlet ("" empties it).'),
                 url: Optional[str] = typer.Option(None, help='Its URL ("" empties it).'),
                 db: Optional[str] = DbOption) -> None:
    """Correct an article's metadata and extract it again (its relative dates are resolved
    against a new publication date), its contacts fused anew, in one transaction.

    Example: contacts articles set notes.txt --published 2023-04-27 --source Reuters
    """
    with _open(db) as store:
        report = store.set_article(ref, published=published, title=title, source=source, url=url)
    _tell(report)


def _actors_of(db: Optional[str]):
    """Where to look actors up: the store's knowledge base (the package's plus the actors added
    to it) and the actors its extractor found in articles, when there is a store; else the package's."""
    if db is None and not Path(DEFAULT_DB).exists():
        return _kb(), []
    with _open(db, read_only=True) as store:
        found = store.connection.execute("SELECT name, kind, country, aliases FROM actors "
                                         "WHERE origin = 'extracted' ORDER BY name").fetchall()
        return store.kb, found


@actors_app.command("show")
def actors_show(name: str = typer.Argument(..., help="A name, alias or surname."),
                on: Optional[str] = typer.Option(None, help="Resolve as of this date (YYYY-MM-DD)."),
                db: Optional[str] = DbOption) -> None:
    """Show an actor and its roles with dates. A title ("the Ukrainian president")
    shows whoever held it on --on (default: today). With a store, the actors added to it
    and those its articles named are found too.

    \b
    Example: contacts actors show Zelensky
             contacts actors show "the Ukrainian president" --on 2016-05-01
    """
    from contacts.errors import UnknownActorError
    from contacts.kb.names import name_key
    kb, extracted = _actors_of(db)
    day = _day(on, "--on")
    found = kb.resolve(name, day)
    actor = found.actor or (None if found.candidates else kb.resolve_title(name, day or date.today()))
    try:
        actor = actor or found.one()
    except UnknownActorError:
        named = [row for row in extracted if name_key(name) in {name_key(t) for t in (row[0], *(row[3] or []))}]
        if not named:
            raise
        for text, kind, country, _ in named:
            typer.echo(f"{text} ({kind}, {country or 'country unknown'}): named in the store's articles, "
                       f"not in the knowledge base")
        return
    typer.echo(f"{actor.name} ({actor.kind.value}, {actor.country}) id={actor.id}")
    if actor.aliases:
        typer.echo(f"  aliases: {', '.join(actor.aliases)}")
    from contacts.output import office_words, role_text
    words = office_words(kb)
    for role in kb.roles_of.get(actor.id, []):
        typer.echo(f"  {role_text(role, words)}")


def _day(text: Optional[str], option: str) -> Optional[date]:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise ContactsError(f"{option} {text!r} is not a YYYY-MM-DD date") from None


@actors_app.command("search")
def actors_search(text: str = typer.Argument(..., help="Part of a name."),
                  db: Optional[str] = DbOption) -> None:
    """List actors whose name or alias contains TEXT (with a store: also those added to
    it and those its articles named).

    Example: contacts actors search kim
    """
    from contacts.kb.names import name_key
    kb, extracted = _actors_of(db)
    for a in kb.search(text):
        typer.echo(f"{a.name:40} {a.kind.value:7} {a.country or ''}")
    key = name_key(text)
    for name, kind, country, aliases in extracted:
        if any(key in name_key(t) for t in (name, *(aliases or []))):
            typer.echo(f"{name:40} {kind:7} {country or '':4} (named in the store's articles)")


@actors_app.command("add")
def actors_add(name: str = typer.Argument(..., help="The person's full name."),
               country: Optional[str] = typer.Option(None, help="Their own country (ISO alpha-3, e.g. CHN)."),
               role: Optional[str] = typer.Option(None, help='Their title, e.g. "Special Envoy for Eurasian Affairs".'),
               role_country: Optional[str] = typer.Option(None, "--for",
                                                          help="Whom the role speaks for (default: --country)."),
               start: Optional[str] = typer.Option(None, "--from", help="Start of the role: YYYY, YYYY-MM or YYYY-MM-DD."),
               end: Optional[str] = typer.Option(None, "--to", help="End of the role (none: still in it)."),
               alias: Optional[list[str]] = typer.Option(None, "--alias", help="Another name the press uses."),
               db: Optional[str] = DbOption) -> None:
    """Add a person to this store's knowledge base (envoys, ministers, officials the package lacks).

    \b
    Example:
      contacts actors add "Li Hui" --country CHN --role "Special Representative for Eurasian Affairs" --from 2019
    """
    kb = _kb()
    known = kb.resolve(name, suggest=False).actor
    if known is not None and known.kind.value == "person" and not (role or alias):
        raise ContactsError(f"{known.name} ({known.country}) is already in the knowledge base (id={known.id})",
                            hint="give --role or --alias to add to them, or check with: "
                                 f"contacts actors show {name!r}")
    entry = _person_entry(kb, name, country or (known.country if known else None), role, role_country,
                          start, end, alias or [])
    with _open(db) as store:
        actor = store.add_actor(entry)
        stored = store.stats()["articles"]
    verb = "added to" if known is not None and known.kind.value == "person" else "added"
    typer.echo(f"{verb} {actor.name} ({actor.country}) id={actor.id}")
    if stored:
        typer.echo(f"{stored} articles were extracted without it: 'contacts reextract --all' redoes them")


def _person_entry(kb, name: str, country: Optional[str], role: Optional[str], role_country: Optional[str],
                  start: Optional[str], end: Optional[str], aliases: list[str]) -> dict:
    """A [[person]] entry from the options, its country codes checked against the knowledge base."""
    from contacts.kb.names import name_key
    codes = {a.country for a in kb.actors.values() if a.kind.value != "person" and a.country}
    if not (country or role_country):
        raise ContactsError("a role needs a country" if role else "a person needs their country",
                            hint="give --country (or --for), e.g. --country CHN")
    for option, code in (("--country", country), ("--for", role_country)):
        if code and code.upper() not in codes:
            raise ContactsError(f"{option} {code!r} is not a state or organisation code the knowledge base knows",
                                hint="use an ISO alpha-3 code such as CHN, UKR, USA, or EU, UN, NATO")
    entry: dict = {"name": name, "aliases": aliases, "country": (country or role_country).upper()}
    if role or start or end:
        office = kb.titles.get(name_key(role or ""), "other")
        entry["roles"] = [{k: v for k, v in {"office": office, "country": (role_country or country).upper(),
                                             "title": role or office, "start": start, "end": end}.items() if v}]
    return entry


from contacts import cli_corrections  # noqa: E402 - reject, accept, fix, add, review, corrections (its commands join app)

_GLOBAL_OPTIONS = ("--actors",)


def _global_options_first(argv: list[str]) -> list[str]:
    """`contacts ingest … --actors FILE` works as `contacts --actors FILE ingest …` does:
    the options of the whole program are moved before the command."""
    front, rest, n = [], [], 0
    while n < len(argv):
        word = argv[n]
        if word == "--":
            rest += argv[n:]
            break
        if word in _GLOBAL_OPTIONS and n + 1 < len(argv):
            front += argv[n:n + 2]
            n += 2
            continue
        if word.split("=", 1)[0] in _GLOBAL_OPTIONS and "=" in word:
            front.append(word)
        else:
            rest.append(word)
        n += 1
    return front + rest


def main() -> None:
    try:
        app(args=_global_options_first(sys.argv[1:]), prog_name="contacts")
    except ContactsError as exc:  # anything a command did not catch itself
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:     # Ctrl-C before a command could say what it stopped (while loading, say)
        sys.exit(130)
