"""The interactive review (`contacts review QUERY`, the REPL's `.review QUERY`): the contacts a
query returns, one at a time, with their sentences and the actors in them highlighted; one
key per decision.

    a accept    r reject    e edit a field (then: m mode, d date, w who, o whom, t status,
    i direction, l location, and the value)    n note (kept with the next decision)
    s skip (also Space, Enter)    b back    q quit (also Ctrl-C, Ctrl-D)    ? help

The walk reads keys and lines through two functions it is given, `read_key(prompt, keys)`
and `read_line(prompt, choices)`: `terminal_keys()` and `terminal_line` read a real terminal
(prompt_toolkit); tests hand in their own. Every decision is stored (and applied) at once,
so quitting half-way loses nothing.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from typing import IO, Any

from rich.console import Console
from rich.text import Text

from contacts.corrections import summary
from contacts.errors import CorrectionError
from contacts.errors import ContactsError
from contacts.output import visible

KeyReader = Callable[[str, str], str]
LineReader = Callable[[str, list[str]], str]

KEYS = "arensbq?"
EDITS = {"m": "mode", "d": "date", "w": "who", "o": "whom", "t": "status", "i": "direction", "l": "location"}
CHOICES = {"mode": ["call", "meeting", "visit", "message", "envoy", "summons", "talks"],
           "status": ["occurred", "planned"], "direction": ["directed", "undirected", "reversed"],
           "date": ["unknown"]}
PROMPT = "a accept  r reject  e edit  n note  s skip  b back  q quit  ? help"
HELP = __doc__.split("\n\n")[1]


class Walk:
    """One review session over a store."""

    def __init__(self, store: Any, *, read_key: KeyReader, read_line: LineReader, out: IO[str] | None = None,
                 author: str | None = None, console: Console | None = None) -> None:
        self.store, self.read_key, self.read_line, self.author = store, read_key, read_line, author
        self.console = console or Console(file=out or sys.stdout, highlight=False)
        self.tally: Counter = Counter()

    # -- which contacts -------------------------------------------------------------------
    def contacts(self, query: str | None = None, *, again: bool = False, sample: int | None = None,
                 seed: int = 0, **params: Any) -> list[str]:
        """The ids a list query returns (every contact, by date, without one); those reviewed
        already are left out unless `again`; `sample` draws that many at random (`seed` fixes the draw)."""
        if self.store.read_only:
            raise CorrectionError("the store is open read-only", hint="open it without --read-only to review it")
        if query and query.strip():
            result = self.store.query(query, **params)
            if "id" not in result.columns:
                raise CorrectionError(f"{query!r} returns no contacts to walk",
                                      hint="give a list query, e.g. \"list calls Xi <-> *\"")
            at = result.columns.index("id")
            ids = list(dict.fromkeys(r[at] for r in result.records))
        else:
            ids = [r[0] for r in self.store.sql("SELECT id FROM contacts ORDER BY date_start NULLS LAST, id")[1]]
        if not again:
            done = {r[0] for r in self.store.sql("SELECT DISTINCT s.contact FROM contact_sources s "
                                                 "JOIN reviews r ON r.mention = s.mention")[1]}
            ids = [i for i in ids if i not in done]
        if sample is not None:
            ids = sorted(random.Random(seed).sample(ids, min(sample, len(ids))), key=ids.index)
        return ids

    # -- the walk ---------------------------------------------------------------------------
    def run(self, ids: Iterable[str]) -> Counter:
        """Walk the contacts; how many were accepted, rejected, corrected and skipped."""
        ids = list(ids)
        if not ids:
            self._say("nothing to review (reviewed contacts are left out; --again walks them too)")
            return self.tally
        at, note = 0, None
        while 0 <= at < len(ids):
            try:
                contact = self.store.show(ids[at])
            except ContactsError:            # a decision on another contact moved this one: skip it
                at += 1
                continue
            self._draw(contact, at, len(ids), note)
            key = self.read_key(PROMPT, KEYS)
            if key == "q":
                break
            if key == "?":
                self._say(HELP)
            elif key == "b":
                at = max(at - 1, 0)
            elif key == "s":
                self.tally["skipped"] += 1
                at += 1
            elif key == "n":
                note = self.read_line("note: ", []) or None
            elif self._decide(contact, key, note):
                at, note = at + 1, None
        self._summary()
        return self.tally

    def _decide(self, contact: dict, key: str, note: str | None) -> bool:
        """Make the decision a key stands for; True once made (the walk moves on)."""
        try:
            if key == "a":
                self.store.accept(contact["id"], note=note, author=self.author)
                self.tally["accepted"] += 1
                self._say("accepted")
            elif key == "r":
                self.store.reject(contact["id"], note=note, author=self.author)
                self.tally["rejected"] += 1
                self._say("rejected")
            elif key == "e":
                return self._edit(contact, note)
            else:
                return False
        except ContactsError as exc:
            self._say(f"error: {exc}")
            return False
        return True

    def _edit(self, contact: dict, note: str | None) -> bool:
        field_key = self.read_key("edit: " + "  ".join(f"{k} {f}" for k, f in EDITS.items()) + "  (Esc: back)",
                                  "".join(EDITS) + "q")
        field = EDITS.get(field_key)
        if field is None:
            return False
        value = self.read_line(f"{field} ({contact.get(field, '')}): ", CHOICES.get(field, []))
        if value is None or not value.strip() and field not in ("location", "date"):
            return False
        self.store.fix(contact["id"], note=note, author=self.author, **{field: value.strip()})
        self.tally["corrected"] += 1
        self._say(f"{field} is now {value.strip() or '(none)'}")
        return True

    # -- drawing ---------------------------------------------------------------------------
    def _draw(self, c: dict, at: int, total: int, note: str | None) -> None:
        arrow = "→" if c["directed"] else "↔"
        when = {"day": str(c["date_start"]), "month": str(c["date_start"])[:7],
                "year": str(c["date_start"])[:4]}.get(c["precision"], "undated")
        head = Text(f"\n[{at + 1}/{total}] {c['id']}  ")
        head.append(f"{c['who']} {arrow} {c['whom']}", style="bold")
        head.append(f"  {c['mode']}  {when}  {c['status']}  ({c['n_sources']} source"
                    f"{'s' if c['n_sources'] != 1 else ''})")
        self.console.print(head)
        names = self._names(c)
        article = None
        for source in c["sources"]:
            if source["article"] != article:
                article = source["article"]
                self.console.print(Text(visible(f"  {article} [{source['source'] or 'outlet unknown'}, "
                                                f"{source['published'] or 'undated'}]"), style="dim"))
            self.console.print(highlighted("    " + visible(source["evidence"]), names))
        for decision in c.get("decisions", []):
            self._say(f"  review: {summary(decision)}")
        if note:
            self._say(f"  note for the next decision: {note}")

    def _names(self, c: dict) -> list[str]:
        """The words that name the contact's two actors: names, aliases and surnames."""
        _, rows = self.store.sql("SELECT name, aliases FROM actors WHERE name IN (?, ?)", [c["who"], c["whom"]])
        words = set()
        for name, aliases in rows:
            for text in (name, *(aliases or [])):
                words.add(text)
                words.update(w for w in text.split() if len(w) > 3 and w[0].isupper())
        return sorted(words, key=len, reverse=True)

    def _say(self, text: str) -> None:
        self.console.print(Text(text))

    def _summary(self) -> None:
        t = self.tally
        self._say(f"this session: {t['accepted']} accepted, {t['corrected']} corrected, {t['rejected']} rejected, "
                  f"{t['skipped']} skipped")
        f = self.store.review_figures()
        if f["reviewed"]:
            self._say(f"the store: {f['reviewed']} reviewed, measured precision {f['precision']:.3f} "
                      f"({f['real_precision']:.3f} counting the corrected as real contacts)")


def highlighted(sentence: str, names: list[str]) -> Text:
    """The sentence with each of the names in it in bold yellow."""
    text = Text(sentence)
    if names:
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE)
        for m in pattern.finditer(sentence):
            text.stylize("bold yellow", m.start(), m.end())
    return text


# -- a real terminal ------------------------------------------------------------------------------
def terminal_keys() -> KeyReader:
    """Read one key at a time from the terminal (prompt_toolkit): only the keys offered count;
    Space and Enter are `s`, Ctrl-C, Ctrl-D and Esc are `q`."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import Layout
    from prompt_toolkit.layout.containers import Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    def read(prompt: str, keys: str) -> str:
        bindings = KeyBindings()
        for key in keys:
            bindings.add(key)(lambda event, key=key: event.app.exit(result=key))
        for key, means in (("space", "s"), ("enter", "s"), ("c-c", "q"), ("c-d", "q"), ("escape", "q")):
            bindings.add(key, eager=True)(lambda event, means=means: event.app.exit(result=means))
        bindings.add("<any>")(lambda event: None)          # another key does nothing
        app: Application[str] = Application(layout=Layout(Window(FormattedTextControl(prompt), height=1)),
                                            key_bindings=bindings, erase_when_done=True)
        return app.run()
    return read


def terminal_line(prompt: str, choices: list[str]) -> str | None:
    """Read a value (Tab completes the choices); None when Ctrl-C or Ctrl-D gives up."""
    from prompt_toolkit import prompt as ask
    from prompt_toolkit.completion import WordCompleter
    try:
        return ask(prompt, completer=WordCompleter(choices) if choices else None)
    except (KeyboardInterrupt, EOFError):
        return None
