"""What the REPL makes of typed and pasted text: where its queries end (the Enter rules),
and the bounds that keep a long paste cheap.

Enter runs a query it finds complete, continues an unfinished one on the next line,
and `;` or a blank line ends a query whatever it is. A paste (bracketed: the terminal
hands it over in one piece) lands in the buffer unrun, as a shell does, and Enter then
runs the queries it holds in turn, divided by the same rules as if each line had been
typed: `inputs` gives them.

A paste the terminal types character by character (no bracketed paste: an old terminal,
`tmux send-keys`) is one key press per character, and prompt_toolkit keeps the whole
buffer on its undo stack at each one: for one long line, memory grew with the square of
its length (160 KB went past 10 GB). `bound_undo` keeps the stack to a budget, the
completer looks only at the query being typed, within `COMPLETION_CONTEXT` characters,
and the screen is drawn at most every `REDRAW_INTERVAL` (each draw lays out and colours
the whole buffer).
"""

from __future__ import annotations

from prompt_toolkit.buffer import Buffer

from contacts.query.parser import is_incomplete

UNDO_STEPS = 200                  # undo keeps this many states of the buffer …
UNDO_CHARACTERS = 2_000_000       # … holding at most this much text between them
COMPLETION_CONTEXT = 2_000        # the completer reads this much of the current query at most
REDRAW_INTERVAL = 0.05            # seconds between redraws: a typed paste is not drawn once per key
PARSE_BUDGET = 20_000             # characters `inputs` parses to divide a paste, beyond twice its own


def query_is_finished(text: str) -> bool:
    """Should Enter run `text` (True) or start a new line of it (False)?"""
    stripped = text.strip()
    if not stripped or stripped.startswith(".") or stripped.endswith(";"):
        return True
    if text.endswith("\n") or text.split("\n")[-1].strip() == "":
        return True                          # a blank line ends a query
    return not is_incomplete(text)


def inputs(text: str) -> list[str]:
    """The inputs `text` holds, as Enter would have divided it had it been typed line by
    line: a line that finishes a query ends an input. Typed text gives one (Enter ran it
    as soon as it was finished); a pasted block gives one per query. Each line parses the
    query it continues again, so past twice the text and `PARSE_BUDGET` characters parsed
    (a paste of one query thousands of lines long) the rest stays one input, for the
    language to judge."""
    found: list[str] = []
    current: list[str] = []
    size = parsed = 0
    budget = 2 * len(text) + PARSE_BUDGET
    lines = text.split("\n")
    for n, line in enumerate(lines):
        current.append(line)
        size += len(line) + 1
        parsed += size
        if parsed > budget:
            current += lines[n + 1:]
            break
        part = "\n".join(current)
        if part.strip() and query_is_finished(part):
            found.append(part)
            current, size = [], 0
        elif not part.strip():
            current, size = [], 0
    rest = "\n".join(current)
    if rest.strip():
        found.append(rest)
    return found


def current_query(before_cursor: str) -> str | None:
    """The part of the text before the cursor that the completer needs: from the start of
    the query being typed (after the last `;` or blank line); None when that is too long
    to be worth completing (a pasted block: its last line then, if short)."""
    blank = before_cursor.rfind("\n\n")
    start = max(before_cursor.rfind(";") + 1, blank + 2 if blank >= 0 else 0)
    if len(before_cursor) - start <= COMPLETION_CONTEXT:
        return before_cursor[start:]
    line = before_cursor[before_cursor.rfind("\n") + 1:]
    return line if len(line) <= COMPLETION_CONTEXT else None


def bound_undo(buffer: Buffer, steps: int = UNDO_STEPS, characters: int = UNDO_CHARACTERS) -> None:
    """Keep `buffer`'s undo stack to the last `steps` states and about `characters` of text
    (as many states as the current text fits in that many times): the oldest go first.
    prompt_toolkit saves the whole text before each key press."""
    save = buffer.save_to_undo_stack

    def bounded(clear_redo_stack: bool = True) -> None:
        save(clear_redo_stack)
        stack = buffer._undo_stack                    # noqa: SLF001 - prompt_toolkit has no public bound
        keep = max(1, min(steps, characters // max(1, len(buffer.text))))
        if len(stack) > keep:
            del stack[:len(stack) - keep]

    buffer.save_to_undo_stack = bounded               # type: ignore[method-assign]
