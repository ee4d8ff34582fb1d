"""The REPL driven through prompt_toolkit's pipe input, checking what it shows."""

import io
import threading
import time

import pytest
from prompt_toolkit.document import Document
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from contacts.completion import QueryCompleter, actor_entries
from contacts.repl import Repl, query_is_finished

ENTER, TAB, CTRL_C, CTRL_D, CTRL_R = "\r", "\t", "\x03", "\x04", "\x12"
PAUSE = "\0pause\0"      # give the REPL time to act (completion runs in the background)


def drive(store, keys: str, **kwargs) -> str:
    """Type `keys` into a REPL on `store` and return what it printed."""
    out = io.StringIO()
    with create_pipe_input() as pipe:
        repl = Repl(store, out=out, session_options={"input": pipe, "output": DummyOutput(),
                                                     "history": InMemoryHistory()}, **kwargs)
        thread = threading.Thread(target=repl.loop, daemon=True)
        thread.start()
        time.sleep(0.3)
        for chunk in keys.split(PAUSE):
            pipe.send_text(chunk)
            time.sleep(0.3)
        pipe.send_text(CTRL_D)
        thread.join(timeout=30)
        assert not thread.is_alive(), "the REPL did not stop"
    banner, _, shown = out.getvalue().partition("\n")
    assert banner.startswith("contacts REPL on ") and ".help for commands" in banner
    return shown


def test_a_session(seeds_store, tmp_path):
    keys = "".join([
        "count calls Xi -> Zelensky since 2022-02;" + ENTER,          # a query
        ".sql" + ENTER,
        "count calls Xi -> since 2022;" + ENTER,                       # a syntax error
        ".format csv" + ENTER,
        "list summons * ->" + ENTER + "China" + ENTER,                 # a multi-line query
        "half a query" + CTRL_C,                                       # Ctrl-C clears the line
        "count contacts Vladimir Pu" + PAUSE + TAB + PAUSE + " <-> Xi;" + ENTER,   # completion of an actor name
    ])
    screen = drive(seeds_store, keys).splitlines()
    assert screen[0] == "1"
    assert screen[1] == "SELECT count(*) AS count"
    error = next(n for n, line in enumerate(screen) if line.startswith("-- parameters:")) + 1
    assert "xi-jinping" in screen[error - 1]
    assert screen[error].startswith("error: line 1, column 19: expected an actor after the arrow")
    assert screen[error + 1] == "count calls Xi -> since 2022" and screen[error + 2] == " " * 18 + "^"
    header = screen.index("id,date,date_start,date_end,who,who_country,whom,whom_country,mode,directed,status,location,sources,evidence")
    assert [line.split(",")[4] for line in screen[header + 1:header + 4]] == ["Estonia", "Latvia", "Lithuania"]
    assert screen[header + 4:] == ["count", "2"]                      # Xi–Putin: the meeting and the visit


def test_a_blank_line_ends_an_unfinished_query(seeds_store):
    screen = drive(seeds_store, "count calls Xi" + ENTER + ENTER).splitlines()
    assert screen[0].startswith("error: line 1, column 15: an actor needs an arrow or 'with'")


def test_dot_commands(seeds_store, tmp_path):
    saved, once = tmp_path / "mine", tmp_path / "once.txt"
    keys = "".join([
        ".timer on" + ENTER, "count summons * -> China;" + ENTER, ".timer off" + ENTER,
        f".save {saved} Summonses of Chinese officials" + ENTER,
        f".once {once}" + ENTER, "count summons * -> China;" + ENTER,
        ".param who Xi" + ENTER, ".param" + ENTER, "count contacts with $who;" + ENTER,
        f".run {saved}.cq" + ENTER,
        ".actors Zelensky" + ENTER, ".bogus" + ENTER, ".format xml" + ENTER,
        ".quit" + ENTER, "count;" + ENTER,                              # nothing after .quit runs
    ])
    screen = drive(seeds_store, keys).splitlines()
    assert screen[0] == "3" and screen[1].startswith("Run Time: ")
    assert screen[2] == f"saved to {saved}.cq"
    assert "# Summonses of Chinese officials\ncount summons * -> China;" in (tmp_path / "mine.cq").read_text()
    assert once.read_text() == "3\n"
    assert screen[3] == "$who = Xi" and screen[4] == "5"
    assert screen[5:7] == ["# Summonses of Chinese officials", "3"]
    assert screen[7].startswith("Volodymyr Zelensky (person, UKR)")
    assert screen[8] == "error: unknown command .bogus (.help lists the commands)"
    assert screen[9].startswith("error: .format takes one of")
    assert len(screen) == 10


def test_timeline_shows_a_bar_chart(seeds_store):
    screen = drive(seeds_store, "timeline Xi <-> Zelensky by year;" + ENTER)
    assert "2022 " + "█" * 40 + " 1" in screen and "2023 " + "█" * 40 + " 1" in screen


def test_read_only_store_refuses_ingest(tmp_path):
    import contacts
    path = tmp_path / "s.duckdb"
    contacts.open(path).close()
    with contacts.open(path, read_only=True) as store:
        assert "read-only" in drive(store, ".ingest seeds/" + ENTER)


@pytest.mark.parametrize("text, finished", [
    ("count calls Xi -> Putin", True), ("count calls Xi ->", False), ("count calls", True),
    ("count calls Xi", False), ("count calls Xi\n", True), ("count where (source = CNN", False),
    ('count calls "Xi', False), ("count calls Xi -> Putin;", True), (".help", True), ("", True),
    ("count calls Xi -> Putin @", True),                # a real error: run it to show the error
])
def test_enter_runs_a_finished_query_and_continues_an_unfinished_one(text, finished):
    assert query_is_finished(text) is finished


@pytest.mark.parametrize("text, expected", [
    ("co", "count"), ("count ca", "calls"), ("count calls Vla", "Vladimir Putin"),
    ("count calls Xi Jin", "Xi Jinping"), ("count calls Xi -> Putin wh", "where"),
    ("count where sou", "source"), ("count by mo", "month"), ("count calls last 3 mo", "months"),
    ("list order by d", "date"), (".he", ".help"), ("count calls Trinidad", '"Trinidad and Tobago"'),
])
def test_completion_knows_the_grammar_and_the_actors(seeds_store, text, expected):
    completer = QueryCompleter(actor_entries(seeds_store))
    assert expected in [c.text for c in completer.get_completions(Document(text), None)]


def test_actor_completions_show_country_and_role(seeds_store):
    completer = QueryCompleter(actor_entries(seeds_store))
    meta = {c.text: c.display_meta_text for c in completer.get_completions(Document("count calls Zelen"), None)}
    assert meta["Volodymyr Zelensky"] == "UKR · President"


def test_ctrl_c_interrupts_a_running_query(store):
    import _thread
    repl = Repl(store, out=io.StringIO(), session_options={"input": create_pipe_input().__enter__(),
                                                                 "output": DummyOutput(),
                                                                 "history": InMemoryHistory()})
    slow = "SELECT count(*) FROM range(100000000000) a"            # minutes of work
    timer = threading.Timer(0.5, _thread.interrupt_main)           # Ctrl-C half a second in
    timer.start()
    started = time.perf_counter()
    outcome = repl._interruptible(lambda cursor: cursor.execute(slow).fetchall())
    assert outcome is None and time.perf_counter() - started < 10
    assert store.query("count").scalar == 0                        # the store still answers


def test_a_bad_path_is_an_error_line_and_the_session_lives_on(seeds_store, tmp_path):
    """Issue 27, item 2: .output, .once and .save to a path that cannot be written."""
    keys = "".join([
        ".output /nonexistent/dir/x.txt" + ENTER, f".once {tmp_path}" + ENTER,
        "count summons * -> China;" + ENTER,
        ".save /nonexistent/dir/x.cq" + ENTER, "count calls Xi -> Zelensky since 2022-02;" + ENTER,
    ])
    screen = drive(seeds_store, keys).splitlines()
    assert screen[0].startswith("error: cannot write to /nonexistent/dir/x.txt: No such file or directory")
    assert screen[1].startswith(f"error: cannot write to {tmp_path}: Is a directory")
    assert screen[2] == "3"
    assert screen[3].startswith("error: cannot save to /nonexistent/dir/x.cq: No such file or directory")
    assert screen[4] == "1" and len(screen) == 5


def test_ctrl_r_then_enter_runs_the_line_found(seeds_store):
    """Issue 27, item 3: Enter in the history search takes the line found and runs it."""
    history = InMemoryHistory()
    history.append_string("count calls Xi -> Zelensky since 2022-02")
    history.append_string("count summons * -> China")
    out = io.StringIO()
    with create_pipe_input() as pipe:
        repl = Repl(seeds_store, out=out, session_options={"input": pipe, "output": DummyOutput(),
                                                           "history": history})
        thread = threading.Thread(target=repl.loop, daemon=True)
        thread.start()
        time.sleep(0.3)
        for chunk in (CTRL_R, "Zelen", ENTER, CTRL_D):
            pipe.send_text(chunk)
            time.sleep(0.3)
        thread.join(timeout=30)
    assert out.getvalue().splitlines()[1:] == ["1"]


def test_several_queries_on_one_line_run_in_turn(seeds_store):
    screen = drive(seeds_store, "count summons * -> China; count calls Xi -> Zelensky since 2022-02;" + ENTER)
    assert screen.splitlines() == ["3", "1"]


def test_a_clause_on_its_own_line_says_why(seeds_store):
    """A complete line runs on Enter, so a clause typed on the next line is a query of its own."""
    screen = drive(seeds_store, "count summons * -> China" + ENTER + "since 2023" + ENTER).splitlines()
    assert screen[0] == "3" and screen[1].startswith("error: ")
    assert screen[-1].startswith("(Enter runs a line that is a complete query")


def test_sql_after_a_failed_query_shows_no_old_sql(seeds_store):
    screen = drive(seeds_store, "count calls Xi;" + ENTER + "count calls Xi -> Putn;" + ENTER + ".sql" + ENTER)
    assert screen.splitlines()[-1] == "no SQL: the last query did not compile"


def test_save_writes_the_parameters_a_query_uses(seeds_store, tmp_path):
    saved = tmp_path / "mine.cq"
    keys = ".param who Xi" + ENTER + "count contacts with $who;" + ENTER + f".save {saved} Xi's contacts" + ENTER
    keys += f".save {saved} Again" + ENTER
    drive(seeds_store, keys)
    text = saved.read_text()
    assert text.count("# param who: actor = Xi") == 1 and "# Xi's contacts\ncount contacts with $who;" in text
    from contacts import script
    assert [title for title, _ in seeds_store.run_script(script.load(saved))] == ["Xi's contacts", "Again"]


def test_once_to_a_csv_file_writes_csv_with_whole_text(seeds_store, tmp_path):
    target = tmp_path / "summons.csv"
    drive(seeds_store, f".once {target}" + ENTER + "list summons * -> China;" + ENTER)
    lines = target.read_text().splitlines()
    assert lines[0] == "id,date,date_start,date_end,who,who_country,whom,whom_country,mode,directed,status,location,sources,evidence"
    assert len(lines) == 4 and not any("…" in line for line in lines)


def test_param_refuses_a_name_that_is_not_one(seeds_store):
    screen = drive(seeds_store, ".param 1bad x" + ENTER + ".param" + ENTER).splitlines()
    assert screen == ["error: $1bad is not a parameter name: a letter, then letters, digits or _ (e.g. .param who Xi)"]


def test_actors_shows_roles_in_words(seeds_store):
    screen = drive(seeds_store, ".actors Wang Yi" + ENTER).splitlines()
    assert screen[0].startswith("Wang Yi (person, CHN): foreign minister (CHN): 2013")
