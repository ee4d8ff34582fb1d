"""`contacts query` and `contacts run` from the command line, and saved-query files."""

import json

import pytest
from typer.testing import CliRunner

import contacts
from contacts import script
from contacts.cli import app
from contacts.errors import QueryError
from conftest import ROOT, SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "seeds.duckdb"
    with contacts.open(path) as store:
        store.ingest([SEEDS])
    return str(path)


def _run(*args):
    return runner.invoke(app, list(args))


def test_count_prints_the_number_alone(db):
    result = _run("query", "count calls Xi -> Zelensky since 2022-02", "--db", db)
    assert result.exit_code == 0 and result.stdout.strip() == "1"


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "table"])
def test_formats(db, fmt):
    result = _run("query", "list summons * -> China", "--db", db, "--format", fmt)
    assert result.exit_code == 0
    if fmt == "csv":
        assert result.stdout.splitlines()[0].startswith("id,date,date_start,date_end,who,who_country,whom,whom_country,mode")
        assert len(result.stdout.splitlines()) == 4
    elif fmt == "json":
        assert [r["who"] for r in json.loads(result.stdout)] == ["Estonia", "Latvia", "Lithuania"]
    elif fmt == "jsonl":
        assert len([json.loads(line) for line in result.stdout.splitlines()]) == 3
    else:
        assert "Lithuania" in result.stdout


def test_sql_flag_prints_sql_and_parameters_without_running(db):
    result = _run("query", "count calls $who <-> Putin", "--param", "who=Xi", "--sql", "--db", db)
    assert result.exit_code == 0
    assert "SELECT count(*)" in result.stdout and "xi-jinping" not in result.stdout.split("-- parameters")[0]
    assert '"left": "xi-jinping"' in result.stdout


def test_syntax_error_shows_line_column_and_caret(db):
    result = _run("query", "count calls Xi -> since 2022", "--db", db)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: line 1, column 19: expected an actor after the arrow")
    assert lines[1] == "count calls Xi -> since 2022" and lines[2] == " " * 18 + "^"
    assert "Traceback" not in result.output


def test_unknown_actor_suggests(db):
    result = _run("query", "count calls Xi -> Putn", "--db", db)
    assert result.exit_code == 1 and "did you mean Vladimir Putin?" in result.stderr


def test_bad_param_and_format_are_one_line_errors(db):
    assert "is not name=value" in _run("query", "count", "--param", "x", "--db", db).stderr
    assert "unknown format" in _run("query", "count", "--format", "xml", "--db", db).stderr
    assert "not a YYYY-MM-DD" in _run("query", "count", "--now", "yesterday", "--db", db).stderr


def test_run_prints_each_result_under_its_title(db):
    result = _run("run", str(ROOT / "queries" / "china_ukraine.cq"), "--db", db, "--now", "2023-04-26")
    assert result.exit_code == 0, result.output
    assert "# Calls between the two leaders since the invasion\n1\n" in result.stdout


def test_run_with_param_override(db):
    result = _run("run", str(ROOT / "queries" / "china_ukraine.cq"), "--db", db, "--param", "invasion=2023-05")
    assert "# Calls between the two leaders since the invasion\n0\n" in result.stdout


def test_run_names_file_line_and_column_of_a_syntax_error(db, tmp_path):
    bad = tmp_path / "bad.cq"
    bad.write_text("# fine\ncount calls Xi -> Putin;\n\n# broken\ncount calls Xi -> ;\n", "utf-8")
    result = _run("run", str(bad), "--db", db)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bad}, line 5, column 19: expected an actor after the arrow")


def test_run_refuses_unknown_parameter(db):
    result = _run("run", str(ROOT / "queries" / "china_ukraine.cq"), "--db", db, "--param", "nobody=1")
    assert result.exit_code == 1 and "unknown parameter nobody" in result.stderr


# ---- saved-query files ------------------------------------------------------------
def test_script_titles_and_parameters():
    saved = script.parse("# About\n# param who: actor = Xi\n# param n: number\n\n# First\ncount with $who;\n"
                         "list with $who limit $n;\n", "x.cq")
    assert [q.title for q in saved.queries] == ["First", "list with $who limit $n"]
    assert saved.params["who"].default == "Xi" and saved.params["n"].default is None


@pytest.mark.parametrize("text, message", [
    ("# param who: person = Xi\ncount with $who", "unknown parameter type 'person'"),
    ("# param since: date = 2022-13\ncount since $since", "month 13 does not exist"),
    ("# param who: date = 2022\ncount with $who", "$who is declared date (line 1) but used as actor"),
])
def test_script_header_errors(text, message):
    with pytest.raises(QueryError) as caught:
        script.parse(text, "x.cq")
    assert message in str(caught.value) and str(caught.value).startswith("x.cq")


def test_missing_required_parameter(seeds_store):
    saved = script.parse("# param n: number\nlist limit $n", "x.cq")
    with pytest.raises(QueryError, match=r"no value for \$n"):
        seeds_store.run_script(saved)
