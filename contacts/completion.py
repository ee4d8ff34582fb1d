"""Completion for the REPL that knows the grammar and the store.

What may come next is asked of the parser itself (Lark's interactive parser):
after a verb, modes and actors; after `where`, fields; after `by`, keys …
Actor names come from the knowledge base and the store, each shown with its
country and role.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lark.exceptions import UnexpectedInput
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from contacts.kb.names import name_key
from contacts.query.expressions import BY_KEYS, FAMILIES, KEYWORDS, ORDER_KEYS, PLURAL, STATUSES, UNITS
from contacts.query.fields import FIELDS
from contacts.query.parser import _lark
from contacts.typed import current_query

MODES = (*PLURAL.values(), "contacts", *FAMILIES)
DOT_COMMANDS = (".help", ".sql", ".format", ".output", ".once", ".plot", ".timer", ".show", ".actors", ".ingest",
                ".review", ".save", ".run", ".param", ".quit")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*$")
_NAME_RUN = re.compile(r"((?:[^\W\d_][\w'’.-]*\s+)*[^\W\d_][\w'’.-]*|)$")
_KEYWORD_TERMINALS = {"COUNT", "LIST", "FIRST", "LAST", "TIMELINE", "TALLIES", "SOURCES", "GAPS", "WITH", "SINCE", "UNTIL",
                      "BEFORE", "AFTER", "IN", "BETWEEN", "AND", "OR", "NOT", "WHERE", "STATUS", "BY", "ORDER",
                      "LIMIT"}


@dataclass(frozen=True)
class ActorEntry:
    name: str          # what is inserted
    meta: str          # country and role, shown beside it
    key: str           # for matching


class QueryCompleter(Completer):
    def __init__(self, actors: Iterable[ActorEntry] = ()) -> None:
        self.actors = sorted(actors, key=lambda a: a.name)

    def get_completions(self, document: Document, complete_event: CompleteEvent):
        seen: set[str] = set()
        for completion in self._candidates(document):
            if completion.text not in seen:
                seen.add(completion.text)
                yield completion

    def _candidates(self, document: Document):
        before = current_query(document.text_before_cursor)     # bounded: a long paste is not parsed per key
        if before is None:
            return
        line = before.rsplit("\n", 1)[-1]
        if line.lstrip().startswith(".") and " " not in line.strip():
            yield from self._words(line.strip(), DOT_COMMANDS, "command")
            return
        word = _WORD.search(before)
        word_text = word.group(0) if word else ""
        accepts, previous = self._next_terminals(before[: len(before) - len(word_text)])
        if accepts is None or accepts & _KEYWORD_TERMINALS or "MODE" in accepts:
            yield from self._words(word_text, self._keywords(accepts), "keyword")
        if accepts is None or "NAME" in accepts:
            yield from self._plain_words(word_text, previous)
            if previous not in ("WHERE", "BY", "STATUS", "ORDER_BY", "LAST_N", "FIELD"):
                yield from self._names(before)

    def _next_terminals(self, text: str) -> tuple[set[str] | None, str]:
        """The terminals the parser accepts after `text`, and what the last token was."""
        tokens = []
        try:
            ip = _lark().parse_interactive(text)
            for token in ip.iter_parse():
                tokens.append(token)
            accepts = set(ip.accepts())
        except UnexpectedInput:
            return None, ""
        return accepts, _previous(tokens)

    @staticmethod
    def _keywords(accepts: set[str] | None) -> list[str]:
        words = [t.lower() for t in sorted(_KEYWORD_TERMINALS) if accepts is None or t in accepts]
        if accepts is None or "MODE" in accepts:
            words += MODES
        if accepts is not None and "DIRECTION" in accepts:
            words += ["asc", "desc"]
        return words

    def _plain_words(self, word: str, previous: str):
        choices = {"WHERE": tuple(FIELDS), "BY": BY_KEYS, "STATUS": STATUSES, "ORDER_BY": ORDER_KEYS,
                   "LAST_N": tuple(u + "s" for u in UNITS)}.get(previous, ())
        yield from self._words(word, choices, "")

    @staticmethod
    def _words(word: str, choices: Iterable[str], meta: str):
        low = word.lower()
        for choice in choices:
            if choice.startswith(low) and choice != low:
                yield Completion(choice, start_position=-len(word), display_meta=meta)

    def _names(self, before: str):
        run = _name_run(before)
        key = name_key(run)
        if not key:
            return
        starts = [a for a in self.actors if a.key.startswith(key)]
        inside = [a for a in self.actors if not a.key.startswith(key) and f" {key}" in f" {a.key}"]  # "Zelen"
        seen = set()
        for actor in starts + inside:
            if actor.name not in seen:
                seen.add(actor.name)
                yield Completion(_quote_if_needed(actor.name), start_position=-len(run), display=actor.name,
                                 display_meta=actor.meta)


def _name_run(before: str) -> str:
    """The name being typed: the trailing bare words after the last keyword ('count calls Xi Jin' → 'Xi Jin')."""
    run = _NAME_RUN.search(before).group(1)
    words = list(re.finditer(r"\S+", run))
    first = len(words)
    while first and words[first - 1].group(0).lower() not in KEYWORDS:
        first -= 1
    return run[words[first].start():] if first < len(words) else ""


def _previous(tokens) -> str:
    if not tokens:
        return ""
    last = tokens[-1].type
    if last == "BY" and len(tokens) > 1 and tokens[-2].type == "ORDER":
        return "ORDER_BY"
    if last in ("INT", "PARAM") and len(tokens) > 1 and tokens[-2].type == "LAST":
        return "LAST_N"
    if last in ("WHERE", "AND", "OR", "NOT", "LPAR"):
        return "WHERE"
    if last == "COMMA" and any(t.type == "BY" for t in tokens[-6:]):
        return "BY"
    return last


def _quote_if_needed(name: str) -> str:
    from contacts.query.printer import _print_name
    from contacts.query.expressions import Name
    return _print_name(Name(name))


def actor_entries(store) -> list[ActorEntry]:
    """Every actor name and alias of the knowledge base and the store, with country and latest role."""
    kb = store.kb
    entries = []
    for actor in kb.actors.values():
        roles = kb.roles_of.get(actor.id, [])
        role = f" · {roles[-1].title}" if roles else ""
        meta = f"{actor.country or ''}{role}" if actor.kind.value == "person" else f"{actor.kind.value} {actor.country}"
        for text in (actor.name, *actor.aliases):
            entries.append(ActorEntry(text, meta, name_key(text)))
    for actor_id, name, kind, country, aliases in store.connection.execute(
            "SELECT id, name, kind, country, aliases FROM actors WHERE origin <> 'kb'").fetchall():
        for text in (name, *(aliases or [])):
            entries.append(ActorEntry(text, f"{country or ''} · in the store", name_key(text)))
    return entries
