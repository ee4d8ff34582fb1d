"""The interactive REPL (`contacts repl`), in the spirit of the DuckDB CLI.

Enter runs a query it finds complete ("count calls Xi -> Putin"); Enter on an
unfinished one ("count calls Xi ->") continues it on the next line, and `;` or
a blank line ends it whatever it is. Several queries separated by `;` run in
turn. A paste waits for Enter, which then runs its queries in turn, divided as
if each line had been typed (contacts.typed).
Lines starting with `.` are commands (`.help` lists them). Ctrl-C clears the
line or cancels the running query; Ctrl-D leaves.

`Repl.handle(text)` does the work of one input and writes to `self.out`, so
the REPL can be driven without a terminal (tests use prompt_toolkit's pipe input).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, Any

import duckdb
from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit import search
from prompt_toolkit.filters import completion_is_selected, is_searching
from prompt_toolkit.history import FileHistory, InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.lexers import PygmentsLexer

from contacts.completion import QueryCompleter, actor_entries
from contacts.errors import ContactsError, QueryError, QuerySyntaxError
from contacts.highlight import ContactsLexer
from contacts.output import (FORMATS, bar_chart, error_lines, format_contact, format_for_file, office_words, render,
                             role_text)
from contacts.query.binder import parameters
from contacts.query.parser import parse, parse_script
from contacts.query.printer import to_text
from contacts.typed import REDRAW_INTERVAL, bound_undo, inputs, query_is_finished

BANNER = "contacts REPL on {path}: type a query (count calls Xi -> Putin), .help for commands, Ctrl-D to leave."

HELP = """\
Enter runs a query once it is complete, e.g.  count calls Xi -> Putin since 2022-02
Enter on an unfinished query (ending in ->, where, and, …) continues it on the next
line; ; or a blank line ends a query whatever it is; queries separated by ; run in
turn; a paste runs on Enter, query by query. Ctrl-R searches the history.
(See docs/query-language.md.) Commands:
  .help                 this text
  .sql                  the SQL and parameters of the last query
  .format FORMAT        table, csv, json or jsonl
  .output [FILE]        write results to FILE (no FILE: back to the screen);
                        FILE.csv, .json or .jsonl takes that format
  .once FILE            write the next result to FILE
  .plot FILE            draw the last result as a chart: FILE.png, .svg or .pdf
  .timer on|off         show how long each query takes
  .show ID              a contact with every source sentence
  .actors NAME          look up an actor
  .ingest PATH          read articles into the store
  .review [QUERY]       walk a list query's contacts: one key per decision
                        (a accept, r reject, e edit, s skip, q quit, ? help)
  .save FILE [TITLE]    append the last query to a .cq file
  .run FILE             run a saved query file
  .param [NAME [VALUE]] set, unset or list $parameters (.save writes them as
                        the file's # param lines)
  .quit                 leave (or Ctrl-D)"""


# Words that begin a clause, never a query: a line starting with one was meant to continue
# the query before it, which Enter had already run because it was complete.
_CLAUSE_STARTS = {"since", "until", "before", "after", "in", "between", "where", "status", "by", "order", "limit",
                  "and", "or"}
_PARAM_NAME = re.compile(r"[^\W\d]\w*$")
_UNCUT = 100_000                             # a table's width in a file: no text is cut


def history_path() -> Path:
    """Where the REPL keeps its history: $CONTACTS_HISTORY, else ~/.contacts_history."""
    return Path(os.environ.get("CONTACTS_HISTORY") or Path.home() / ".contacts_history")


class Repl:
    def __init__(self, store, *, out: IO[str] | None = None, now: date | None = None,
                 session_options: dict[str, Any] | None = None) -> None:
        self.store, self.out, self.now = store, out or sys.stdout, now
        self.format, self.timer = "table", False
        self.params: dict[str, str] = {}
        self.last_text: str | None = None
        self.last_compiled = None            # None after a query that did not compile
        self.last_result = None              # what .plot draws
        self.output_path: str | None = None
        self.once_path: str | None = None
        self.completer = QueryCompleter(actor_entries(store))
        self.review_input = None             # .review's (read_key, read_line); None: the terminal (contacts.review)
        self.session = self._session(session_options or {})

    def _session(self, options: dict[str, Any]) -> PromptSession:
        keys = KeyBindings()

        @keys.add("enter", filter=is_searching)
        def _enter_in_search(event) -> None:
            # Ctrl-R then Enter: take the line found and run it, as readline does
            search.accept_search()
            buffer = event.app.current_buffer
            if query_is_finished(buffer.text):
                buffer.validate_and_handle()

        @keys.add("enter", filter=~completion_is_selected & ~is_searching)
        def _enter(event) -> None:
            buffer = event.current_buffer
            if query_is_finished(buffer.text):
                buffer.validate_and_handle()
            else:
                buffer.insert_text("\n")

        @keys.add(Keys.BracketedPaste)
        def _paste(event) -> None:
            # In one piece and unrun (Enter runs its queries in turn: contacts.typed); no
            # completion or suggestion is computed over it until the next key
            data = event.data.replace("\r\n", "\n").replace("\r", "\n")
            event.current_buffer.insert_text(data, fire_event=False)

        history = options.pop("history", None) or _history()
        session = PromptSession(message="contacts> ", multiline=True, key_bindings=keys, history=history,
                                auto_suggest=AutoSuggestFromHistory(), completer=self.completer,
                                lexer=PygmentsLexer(ContactsLexer), enable_history_search=False,
                                prompt_continuation=lambda width, *_: "...> ".rjust(width), **options)
        bound_undo(session.default_buffer)
        session.app.min_redraw_interval = REDRAW_INTERVAL
        return session

    # ---- the loop -------------------------------------------------------------------
    def loop(self) -> None:
        self._say(BANNER.format(path=getattr(self.store, "path", "the store")))
        while True:
            try:
                text = self.session.prompt()
            except KeyboardInterrupt:
                continue                     # Ctrl-C at the prompt clears the line
            except EOFError:
                break
            try:
                if not self.handle(text):
                    break
            except KeyboardInterrupt:        # Ctrl-C while a long result is drawn: stop it, not the session
                self._say("cancelled")

    def handle(self, text: str) -> bool:
        """Do what was entered (typed, or pasted: several inputs, each run in turn as if typed
        line by line); False when the REPL should stop."""
        pieces = inputs(text)
        for piece in pieces:
            if len(pieces) > 1:
                self._say(f"contacts> {piece.strip()}")
            if not self._handle_one(piece):
                return False
        return True

    def _handle_one(self, text: str) -> bool:
        """Do one input; False when the REPL should stop."""
        text = text.strip()
        if not text:
            return True
        try:
            if text.startswith("."):
                return self._command(text)
            for query in _split(text):
                self._query(query)
        except QueryError as exc:
            for line in error_lines(exc):
                self._say(line)
            if isinstance(exc, QuerySyntaxError) and text.split()[0].lower() in _CLAUSE_STARTS:
                self._say("(Enter runs a line that is a complete query; to add clauses to it, "
                          "type them on the same line: Up recalls it)")
        except ContactsError as exc:
            self._say(f"error: {exc}")
        return True

    # ---- queries --------------------------------------------------------------------
    def _query(self, text: str) -> None:
        self.last_text, self.last_compiled = text.rstrip().rstrip(";"), None
        used = parameters(parse(self.last_text))          # the session's other .param values stay out
        self.last_compiled = self.store.compile(self.last_text, now=self.now,
                                                **{k: v for k, v in self.params.items() if k in used})
        started = time.perf_counter()
        result = self._interruptible(lambda cursor: self.store.run(self.last_compiled, self.last_text,
                                                                   cursor=cursor))
        if result is None:
            self._say("cancelled")
            return
        self._show_result(result)
        if self.timer:
            self._say(f"Run Time: {time.perf_counter() - started:.3f} s")

    def _interruptible(self, work: Callable[[Any], Any]) -> Any:
        """Run `work(cursor)`; Ctrl-C interrupts DuckDB and gives None.

        The query runs in this (the main) thread with a SIGINT handler that calls
        `cursor.interrupt()`: DuckDB checks for signals while it works, so the
        query stops at once and the connection stays usable.
        """
        cursor = self.store.connection.cursor()
        interrupted: list[bool] = []

        def on_ctrl_c(*_: Any) -> None:
            interrupted.append(True)
            cursor.interrupt()

        try:
            previous = signal.signal(signal.SIGINT, on_ctrl_c)
        except ValueError:                   # not the main thread: no handler, no cancelling
            previous = None
        try:
            return work(cursor)
        except (KeyboardInterrupt, duckdb.InterruptException):
            return None
        except ContactsError:
            if interrupted:
                return None
            raise
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
            _close(cursor)

    # ---- output ---------------------------------------------------------------------
    def _say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def _width(self) -> int:
        try:
            return self.session.output.get_size().columns
        except Exception:  # no terminal (pipes, tests)
            return 120

    def _target(self) -> str | None:
        """The file the next result goes to (None: the screen); `.once` lasts one result."""
        target = self.once_path or self.output_path
        self.once_path = None
        return target

    def _show_result(self, result, title: str | None = None) -> None:
        """A result in the session's format, or in the format a target file's extension names."""
        self.last_result = result
        target = self._target()
        fmt = format_for_file(target, self.format) if target else self.format
        width = _UNCUT if target else self._width()     # a file keeps long text whole
        shown = render(result.columns, result.records, fmt, scalar=result.scalar_query, width=width)
        if result.verb == "timeline" and fmt == "table" and result.records:
            shown += "\n" + bar_chart(result.columns, result.records)
        titled = title and fmt in ("table", "csv")        # as `contacts run` prints them; JSON stays JSON
        self._write(f"# {title}\n{shown}" if titled else shown, target)
        for note in result.notes:                         # on the screen: a file keeps its format
            self._say(f"… {note}")

    def _show(self, text: str) -> None:
        self._write(text, self._target())

    def _write(self, text: str, target: str | None) -> None:
        if target:
            try:
                with open(target, "a", encoding="utf-8") as f:
                    f.write(text + "\n")
            except OSError as exc:
                self.output_path = None
                self._say(f"error: cannot write to {target}: {exc.strerror or exc}; results go to the screen")
                self._say(text)
            return
        if self.out is sys.stdout and sys.stdout.isatty() and text.count("\n") > _height():
            import pydoc
            pydoc.pager(text)
            return
        self._say(text)

    # ---- dot commands ---------------------------------------------------------------
    def _command(self, text: str) -> bool:
        name, _, rest = text.partition(" ")
        name, rest = name.lower(), rest.strip()
        if name in (".quit", ".exit", ".q"):
            return False
        handler = getattr(self, f"_cmd_{name[1:]}", None)
        if handler is None:
            self._say(f"error: unknown command {name} (.help lists the commands)")
        else:
            handler(rest)
        return True

    def _cmd_help(self, rest: str) -> None:
        self._say(HELP)

    def _cmd_sql(self, rest: str) -> None:
        if self.last_compiled is None:
            self._say("no SQL: the last query did not compile" if self.last_text else "no query yet")
            return
        params = json.dumps(self.last_compiled.params, default=str, ensure_ascii=False)
        self._say(f"{self.last_compiled.sql}\n-- parameters: {params}")

    def _cmd_format(self, rest: str) -> None:
        if rest not in FORMATS:
            self._say(f"error: .format takes one of {', '.join(FORMATS)}")
            return
        self.format = rest

    def _cmd_output(self, rest: str) -> None:
        if not rest or self._writable(rest):
            self.output_path = rest or None

    def _cmd_once(self, rest: str) -> None:
        if not rest:
            self._say("error: .once needs a file name")
            return
        if self._writable(rest):
            self.once_path = rest

    def _writable(self, path: str) -> bool:
        """Can results be appended to `path`? Says why not, so a bad path fails here, not at the next query."""
        try:
            with open(path, "a", encoding="utf-8"):
                return True
        except OSError as exc:
            self._say(f"error: cannot write to {path}: {exc.strerror or exc} (give a file in a folder that exists)")
            return False

    def _cmd_plot(self, rest: str) -> None:
        if not rest:
            self._say("error: .plot needs a file name: .plot chart.png (or .svg, .pdf)")
        elif self.last_result is None:
            self._say("error: no result to draw yet: run a query, then .plot FILE")
        else:
            self.last_result.plot(rest)          # a PlotError is said like any other error
            self._say(f"chart written to {rest}")

    def _cmd_timer(self, rest: str) -> None:
        if rest not in ("on", "off"):
            self._say("error: .timer on or .timer off")
            return
        self.timer = rest == "on"

    def _cmd_show(self, rest: str) -> None:
        self._show(format_contact(self.store.show(rest)))

    def _cmd_actors(self, rest: str) -> None:
        kb = self.store.kb
        found = kb.search(rest) if rest else []
        if not found:
            self._say(f"no actor matches {rest!r}")
        words = office_words(kb)
        for actor in found[:20]:
            roles = "; ".join(role_text(r, words) for r in kb.roles_of.get(actor.id, []))
            self._say(f"{actor.name} ({actor.kind.value}, {actor.country}){': ' + roles if roles else ''}")

    def _cmd_review(self, rest: str) -> None:
        from contacts.review import Walk, terminal_keys, terminal_line
        read_key, read_line = self.review_input or (terminal_keys(), terminal_line)
        walk = Walk(self.store, read_key=read_key, read_line=read_line, out=self.out)
        walk.run(walk.contacts(rest, now=self.now, **self.params))

    def _cmd_ingest(self, rest: str) -> None:
        if self.store.read_only:
            self._say(f"error: {self.store.path} is a read-only dataset; ingest into a store file and export it again"
                      if self.store.dataset else "error: the store is open read-only; start the REPL without "
                                                 "--read-only to ingest")
            return
        try:
            paths = shlex.split(rest)
        except ValueError as exc:            # an unclosed quote
            self._say(f"error: .ingest {rest}: {exc}; close the quote or drop it")
            return
        report = self.store.ingest(paths)
        for line in report.errors:
            self._say(f"error: {line}")
        for line in report.warnings():
            self._say(f"warning: {line}")
        self._say(report.summary())
        self.completer.actors = sorted(actor_entries(self.store), key=lambda a: a.name)

    def _cmd_save(self, rest: str) -> None:
        if self.last_compiled is None:
            self._say("error: no query to save yet")
            return
        name, _, title = rest.partition(" ")
        if not name:
            self._say("error: .save needs a file name")
            return
        path = Path(name if name.endswith(".cq") else name + ".cq")
        used = parameters(parse(self.last_text))        # the compiled query has their values in
        query = self.last_text if used else to_text(self.last_compiled.query)
        try:
            declared = _declared_params(path)
            header = "".join(f"# param {n}: {p.kind} = {self.params[n]}\n" for n, p in used.items()
                             if n in self.params and n not in declared)
            with path.open("a", encoding="utf-8") as f:
                f.write(f"\n{header}\n# {title.strip() or query}\n{query};\n" if header
                        else f"\n# {title.strip() or query}\n{query};\n")
        except OSError as exc:
            self._say(f"error: cannot save to {path}: {exc.strerror or exc} (give a file in a folder that exists)")
            return
        self._say(f"saved to {path}")

    def _cmd_run(self, rest: str) -> None:
        from contacts import script
        from contacts.query.binder import parameters
        saved = script.load(rest)
        takes = set(saved.params) | set(parameters([q.query for q in saved.queries]))
        params = {k: v for k, v in self.params.items() if k in takes}     # the session's others stay out
        for title, result in self.store.run_script(saved, now=self.now, **params):
            self._show_result(result, title)

    def _cmd_param(self, rest: str) -> None:
        name, _, value = rest.partition(" ")
        name = name.lstrip("$")
        if not name:
            for key, val in sorted(self.params.items()):
                self._say(f"${key} = {val}")
        elif not _PARAM_NAME.match(name):
            self._say(f"error: ${name} is not a parameter name: a letter, then letters, digits or _ (e.g. .param who Xi)")
        elif not value.strip():
            self.params.pop(name, None)
        else:
            self.params[name] = value.strip()


def _split(text: str) -> list[str]:
    """The queries of one input: several when `;` separates them. Input that does not
    parse stays whole, so its error is the one the query itself gives."""
    try:
        queries = parse_script(text)
    except ContactsError:
        return [text]
    if len(queries) < 2 or any(q.pos is None for q in queries):
        return [text]
    starts = [_offset(text, q.pos.line, q.pos.column) for q in queries] + [len(text)]
    return [text[a:b].strip().rstrip(";").strip() for a, b in zip(starts, starts[1:])]


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[:line - 1]) + column - 1


def _declared_params(path: Path) -> set[str]:
    """The parameters a .cq file already declares (none when it does not exist yet)."""
    from contacts.script import _PARAM
    if not path.exists():
        return set()
    return {m[1] for line in path.read_text("utf-8").splitlines() if (m := _PARAM.match(line.strip()))}


def _close(cursor) -> None:
    """Close a cursor; DuckDB may need a moment to let go of an interrupted query."""
    for _ in range(40):
        try:
            cursor.close()
            return
        except duckdb.Error:
            time.sleep(0.05)


def _history():
    try:
        path = history_path()
        path.touch(exist_ok=True)
        return FileHistory(str(path))
    except OSError:                      # a read-only home: keep the history in memory
        return InMemoryHistory()


def _height() -> int:
    import shutil
    return shutil.get_terminal_size((80, 24)).lines - 2
