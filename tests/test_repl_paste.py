"""Pasting into the REPL (issue 28, item 7): a bracketed paste lands in one piece and waits
for Enter, which runs its queries in turn as if each line had been typed; a paste typed
key by key keeps a bounded undo stack (it grew with the square of the text: 160 KB went
past 10 GB); the completer reads only the query being typed."""

import pytest
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.document import Document

from contacts import typed
from contacts.completion import QueryCompleter
from contacts.typed import bound_undo, current_query, inputs

from test_repl import CTRL_C, ENTER, PAUSE, drive

PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


@pytest.mark.parametrize("text, expected", [
    ("count calls Xi -> Putin", ["count calls Xi -> Putin"]),
    ("count calls Xi ->\nPutin", ["count calls Xi ->\nPutin"]),                  # typed over two lines
    ("count calls Xi -> Putin\ncount summons * -> China", ["count calls Xi -> Putin", "count summons * -> China"]),
    ("count contacts with China\nsince 2023", ["count contacts with China", "since 2023"]),   # as Enter divides it
    (".format csv\ncount calls Xi -> Putin", [".format csv", "count calls Xi -> Putin"]),
    ("count summons; count visits;\ncount calls", ["count summons; count visits;", "count calls"]),
    ("\n\ncount calls\n\n\n", ["count calls"]),
    ("list summons * ->\n\ncount calls", ["list summons * ->\n", "count calls"]),   # a blank line ends a query
    ("count calls where\n" + "source = CNN and\n" * 3_000, ["count calls where\n" + "source = CNN and\n" * 3_000]),
])
def test_a_paste_divides_into_the_inputs_typing_it_would_have_made(text, expected):
    assert inputs(text) == expected


def test_one_query_thousands_of_lines_long_is_divided_within_the_parse_budget(monkeypatch):
    parsed = []
    monkeypatch.setattr(typed, "is_incomplete", lambda text: parsed.append(len(text)) or True)
    text = "count calls where\n" + "source = CNN and\n" * 20_000
    inputs(text)
    assert sum(parsed) <= 2 * len(text) + typed.PARSE_BUDGET


def test_a_bracketed_paste_waits_for_enter_then_runs_each_query(seeds_store):
    block = "count calls Xi -> Zelensky since 2022-02\r\ncount summons * -> China\r\n.format csv\r\ncount visits"
    shown = drive(seeds_store, PASTE_START + block + PASTE_END + PAUSE + ENTER).splitlines()
    assert shown == ["contacts> count calls Xi -> Zelensky since 2022-02", "1",
                     "contacts> count summons * -> China", "3",
                     "contacts> .format csv",
                     "contacts> count visits", "count", "2"]


def test_a_paste_left_unrun_is_cleared_by_ctrl_c(seeds_store):
    shown = drive(seeds_store, PASTE_START + "count calls Xi -> Putin\ncount visits" + PASTE_END + PAUSE + CTRL_C
                  + "count calls Xi -> Zelensky since 2022-02" + ENTER)
    assert shown.splitlines() == ["1"]


def test_the_undo_stack_of_a_typed_paste_stays_within_its_budget():
    buffer = Buffer()
    bound_undo(buffer, steps=200, characters=50_000)
    held = []
    for n, ch in enumerate("count calls Xi -> Putin " * 1_000):      # 24,000 key presses, as a terminal types a paste
        buffer.save_to_undo_stack()
        buffer.insert_text(ch)
        if n % 4_000 == 0:
            held.append(sum(len(text) for text, _ in buffer._undo_stack))
    # unbounded it holds every state: 24,000²/2 ≈ 2.9e8 characters at the end
    assert max(held) <= 50_000 + len(buffer.text) and len(buffer.text) == 24_000


def test_undo_still_undoes():
    buffer = Buffer()
    bound_undo(buffer)
    for ch in "count":
        buffer.save_to_undo_stack()
        buffer.insert_text(ch)
    buffer.undo()
    assert buffer.text == "coun"


@pytest.mark.parametrize("before, expected", [
    ("count calls Xi -> Pu", "count calls Xi -> Pu"),
    ("count summons; count calls Xi -> Pu", " count calls Xi -> Pu"),
    ("count calls\n\ncount visits Xi", "count visits Xi"),
    ("count calls Xi -> Putin\n" * 500 + "count visits Xi", "count visits Xi"),     # a pasted block: its last line
    ("x" * 10_000, None),                                                         # nothing worth completing
])
def test_the_completer_reads_only_the_query_being_typed(before, expected):
    assert current_query(before) == expected


def test_completion_after_a_long_paste_is_of_its_last_line():
    text = "count calls Xi -> Putin\n" * 2_000 + "count ca"
    assert "calls" in [c.text for c in QueryCompleter().get_completions(Document(text), None)]
    assert list(QueryCompleter().get_completions(Document("count " + "calls " * typed.COMPLETION_CONTEXT), None)) == []
