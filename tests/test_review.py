"""Review and correct from the command line, in the interactive walk (through its key seam),
in the REPL and in a real terminal (issue 22)."""

import io
import json
from datetime import date
import shutil
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

import contacts
from conftest import SEEDS
from contacts.cli import app
from contacts.repl import Repl
from contacts.review import Walk

SUMMONS = "Lithuania, Latvia and Estonia have summoned Chinese officials to seek clarification."


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "seeds.duckdb"
    with contacts.open(path) as store:
        store.ingest([SEEDS], workers=0)
    return str(path)


def run(*args, ok=True):
    result = CliRunner().invoke(app, [*args])
    assert (result.exit_code == 0) == ok, (result.stdout, result.stderr)
    return result


def contact(db, who, mode):
    with contacts.open(db, read_only=True) as store:
        return store.sql("SELECT id FROM contacts WHERE who = ? AND mode = ?", [who, mode])[1][0][0]


def test_the_commands_for_scripts(db, tmp_path):
    estonia, uvdl = contact(db, "estonia", "summons"), contact(db, "ursula-von-der-leyen", "visit")
    said = run("reject", estonia, "--note", "Estonia is not named", "--author", "ana", "--db", db).stdout
    assert said.startswith("rejected 1 contact: 1 decision (r")
    assert run("fix", uvdl, "--mode", "meeting", "--date", "2023-04-06", "--db", db).stdout.startswith(
        f"fixed mode, date of {uvdl}: 2 decisions")
    article = "9b661389c68c175f"
    run("add", "--who", "Xi", "--whom", "Putin", "--mode", "meeting", "--date", "2023-03", "--article", article,
        "--evidence", "Xi paid a state visit to Russia and met with Vladimir Putin in March", "--db", db)
    run("accept", contact(db, "latvia", "summons"), "--db", db)
    listed = run("corrections", "list", "--db", db).stdout.splitlines()
    assert [line.split()[1] for line in listed] == ["reject:", "fix", "fix", "add:", "accept:"]
    assert "note: Estonia is not named" in listed[0] and "(ana, " in listed[0]
    stats = run("stats", "--db", db).stdout
    assert "reviewed   3 (accepted 1, corrected 1, rejected 1)" in stats and "added      1" in stats
    assert "precision  0.333 measured on the reviewed (0.667 counting the corrected as real contacts)" in stats
    out = tmp_path / "decisions.jsonl"
    assert run("corrections", "export", str(out), "--db", db).stdout == f"5 decisions written to {out}\n"
    table = tmp_path / "appendix.csv"
    run("corrections", "export", str(table), "--db", db)
    import csv
    rows = list(csv.DictReader(table.open()))
    assert [r["action"] for r in rows] == ["reject", "fix", "fix", "add", "accept"]
    assert rows[0]["note"] == "Estonia is not named" and rows[0]["article_name"] == "003_65be4346e1c38f0e.txt"
    assert (rows[3]["date"], rows[3]["status"]) == ("2023-03", "occurred")
    fresh = str(tmp_path / "fresh.duckdb")
    run("ingest", str(SEEDS), "--db", fresh)
    assert run("corrections", "import", str(out), "--db", fresh).stdout == "5 new decisions applied, 0 already here\n"
    assert run("sql", "select who, whom, mode, date_start from contacts order by all", "--db", fresh).stdout == \
        run("sql", "select who, whom, mode, date_start from contacts order by all", "--db", db).stdout
    first = json.loads(out.read_text().splitlines()[0])["id"]
    assert run("corrections", "rm", first, "--db", db).stdout == "1 decision removed\n"
    assert contact(db, "estonia", "summons")                   # back as the extractor found it


def test_stale_decisions_are_listed(db, tmp_path):
    line = {"action": "reject", "article": "9b661389c68c175f", "sentence": "A sentence no extractor ever saw.",
            "who": "estonia", "whom": "china", "mode": "summons", "author": "ana", "made_at": "2024-01-02T03:04:05"}
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps(line) + "\n")
    run("corrections", "import", str(path), "--db", db)
    result = run("review", "--stale", "--db", db)
    assert "reject: estonia summons china in 9b661389c68c175f “A sentence no extractor ever saw.” (ana, 2024-01-02)" \
        in result.stdout and "the contact is no longer extracted from its sentence" in result.stdout
    assert result.stderr == "1 stale decision\n"


@pytest.mark.parametrize("args, message", [
    (["reject", "cnothere"], "error: no contact with id 'cnothere'"),
    (["fix", "CALL", "--mode", "phone"], "error: mode 'phone' is not one of call, meeting, visit"),
    (["fix", "CALL", "--direction", "sideways"], "error: direction 'sideways' is not one of directed"),
    (["add", "--who", "Xi", "--whom", "Putn", "--mode", "call", "--citation", "x"], "error: unknown actor 'Putn'"),
    (["corrections", "import", "/nonexistent.jsonl"], "error: /nonexistent.jsonl: cannot read"),
    (["corrections", "rm", "rnothere"], "error: no decision with id 'rnothere'"),
    (["review", "count calls Xi -> Putin"], "error: 'count calls Xi -> Putin' returns no contacts to walk"),
    (["review", "list calls Xi <-> *"], "error: contacts review reads keys from a terminal, and this is not one"),
])
def test_bad_commands_say_what_is_wrong_in_one_line(db, args, message):
    args = [contact(db, "xi-jinping", "call") if a == "CALL" else a for a in args]
    result = run(*args, "--db", db, ok=False)
    assert result.stderr.startswith(message) and len(result.stderr.splitlines()) == 1


def scripted(keys, lines=()):
    keys, lines = iter(keys), iter(lines)
    return (lambda prompt, offered: next(keys)), (lambda prompt, choices: next(lines))


def test_the_walk_one_key_per_decision(db):
    read_key, read_line = scripted(["?", "a", "r", "e", "m", "s", "b", "q"], ["talks"])
    out = io.StringIO()
    with contacts.open(db) as store:
        walk = Walk(store, read_key=read_key, read_line=read_line, out=out, author="ana")
        ids = walk.contacts("list contacts Xi <-> * status any")
        tally = walk.run(ids)
        assert dict(tally) == {"accepted": 1, "rejected": 1, "corrected": 1, "skipped": 1}
        decided = store.corrections()
        assert {c.author for c in decided} == {"ana"} and [c.action for c in decided][-1] == "fix"
        left = walk.contacts("list contacts Xi <-> * status any")
        assert ids[0] not in left and ids[1] not in left and ids[3] in left      # the skipped one waits
    shown = out.getvalue()
    assert f"[1/{len(ids)}] {ids[0]}" in shown and "a accept    r reject" in shown      # the help
    assert "accepted" in shown and "rejected" in shown and "mode is now talks" in shown
    assert "this session: 1 accepted, 1 corrected, 1 rejected, 1 skipped" in shown
    assert "measured precision 0.333" in shown


def test_a_bad_value_in_the_walk_is_said_and_the_contact_stays(db):
    read_key, read_line = scripted(["e", "d", "a", "q"], ["April"])
    out = io.StringIO()
    with contacts.open(db) as store:
        walk = Walk(store, read_key=read_key, read_line=read_line, out=out)
        walk.run(walk.contacts("list calls Xi <-> Zelensky"))
    assert "error: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): 'April'" in out.getvalue()
    assert "[2/" not in out.getvalue() and "accepted" in out.getvalue()


def test_a_random_sample_is_the_same_for_the_same_seed(db):
    with contacts.open(db) as store:
        walk = Walk(store, read_key=None, read_line=None)
        assert walk.contacts(sample=3, seed=7) == walk.contacts(sample=3, seed=7)
        assert len(walk.contacts(sample=3, seed=7)) == 3 and len(walk.contacts(sample=99)) == 9


def test_review_in_the_repl(db):
    out = io.StringIO()
    with contacts.open(db) as store:
        repl = Repl(store, out=out)
        repl.review_input = scripted(["r", "q"])
        assert repl.handle(".review list summons Estonia -> *")
        assert repl.handle(".review count calls Xi -> Putin")        # a bad one: said, the session goes on
        assert store.sql("SELECT count(*) FROM contacts WHERE who = 'estonia'")[1] == [(0,)]
    shown = out.getvalue()
    assert "rejected" in shown and "error: 'count calls Xi -> Putin' returns no contacts to walk" in shown


@pytest.mark.skipif(shutil.which("tmux") is None, reason="no tmux here")
def test_the_review_in_a_real_terminal(db, tmp_path):
    from test_repl_tmux import Terminal
    terminal = Terminal(f"{sys.executable} -m contacts review 'list summons * -> China' --db {db}",
                        {"HOME": str(tmp_path), "CONTACTS_AUTHOR": "tmux"}, keep=True)
    try:
        terminal.wait_for(lambda s: any(line.startswith("[1/3]") for line in s) and "a accept" in s[-1])
        terminal.keys("r")
        terminal.wait_for(lambda s: any(line.startswith("[2/3]") for line in s) and "a accept" in s[-1])
        terminal.keys("e")
        terminal.wait_for(lambda s: s[-1].startswith("edit: m mode"))
        terminal.keys("t")
        terminal.wait_for(lambda s: s[-1].startswith("status (occurred):"))
        terminal.keys("planned", "Enter")
        terminal.wait_for(lambda s: any(line.startswith("[3/3]") for line in s) and "a accept" in s[-1])
        terminal.keys("a")
        terminal.wait_for(lambda s: any("this session: 1 accepted, 1 corrected, 1 rejected" in line for line in s))
        for _ in range(150):                  # the walk ends: the command leaves, and the store is free
            if terminal.ended():
                break
            time.sleep(0.2)
    finally:
        terminal.close()
    with contacts.open(db, read_only=True) as store:
        assert [(c.action, c.author) for c in store.corrections()] == [("reject", "tmux"), ("fix", "tmux"),
                                                                       ("accept", "tmux")]


def test_merge_and_split_from_the_command_line(tmp_path):
    from test_corrections import _calls
    db = str(tmp_path / "calls.duckdb")
    with contacts.open(db) as store:
        store.ingest(_calls(), workers=0)
        monday, tuesday = (r[0] for r in store.sql("SELECT id FROM contacts ORDER BY date_start")[1])
    assert run("merge", monday, tuesday, "--note", "one call", "--db", db).stdout.startswith(
        "merged 2 contacts: 3 decisions")
    (merged,) = run("sql", "select id from contacts", "--format", "csv", "--db", db).stdout.split()[1:]
    assert run("split", merged, "--db", db).stdout.startswith(f"split {merged}: 3 decisions")
    assert run("sql", "select count(*) from contacts", "--format", "csv", "--db", db).stdout.split()[1] == "3"
    assert "fusion     1 merged, 1 split" in run("stats", "--db", db).stdout
    listed = run("corrections", "list", "--db", db).stdout
    assert listed.count(" merge (m") == 3 and listed.count(" split (s") == 3
    assert run("split", "cnothere", "--db", db, ok=False).stderr.startswith("error: no contact with id 'cnothere'")


def test_show_says_what_the_review_decided(db):
    visit = contact(db, "ursula-von-der-leyen", "visit")
    run("fix", visit, "--date", "2023-04-06", "--note", "the trip's first day", "--author", "ana", "--db", db)
    shown = run("show", visit, "--db", db).stdout.splitlines()
    assert shown[-2:] == ["  review:", f"    date → 2023-04-06 by ana, {date.today()}: the trip's first day"]
