"""`contacts actors …` (issue 27, item 13): a store's actors, readable roles, checked additions,
and --actors anywhere on the line."""

import subprocess
import sys

import pytest
from typer.testing import CliRunner

import contacts
from contacts.cli import _global_options_first, app

runner = CliRunner()
ARTICLE = """---
published: 2023-05-02
source: Test
---
Ukrainian Deputy Foreign Minister Zorgon Blipovych met Chinese Foreign Minister Wang Yi in Beijing on Monday.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("actors")
    (folder / "zb.txt").write_text(ARTICLE)
    path = folder / "zb.duckdb"
    with contacts.open(path) as store:
        store.ingest([folder / "zb.txt"])
        assert store.sql("SELECT name FROM actors WHERE origin = 'extracted'")[1] == [("Zorgon Blipovych",)]
    return str(path)


def _run(*args):
    return runner.invoke(app, list(args))


def test_show_and_search_find_the_actors_of_a_store(db):
    shown = _run("actors", "show", "Zorgon Blipovych", "--db", db)
    assert shown.exit_code == 0
    assert shown.stdout == "Zorgon Blipovych (person, UKR): named in the store's articles, not in the knowledge base\n"
    found = _run("actors", "search", "blipo", "--db", db).stdout
    assert "Zorgon Blipovych" in found and "(named in the store's articles)" in found
    assert _run("actors", "show", "Zorgon Blipovych").exit_code == 1        # without the store: unknown


def test_roles_show_words_not_codes():
    shown = _run("actors", "show", "Wang Yi").stdout.splitlines()
    assert shown[0] == "Wang Yi (person, CHN) id=wang-yi"
    assert shown[1].startswith("  foreign minister (CHN): 2013")


@pytest.mark.parametrize("args, message", [
    (["Li Xyz", "--country", "XYZ"], "error: --country 'XYZ' is not a state or organisation code"),
    (["Li Xyz"], "error: a person needs their country (give --country (or --for)"),
    (["Li Xyz", "--country", "CHN", "--role", "Envoy", "--for", "QQQ"], "error: --for 'QQQ' is not a state"),
    (["Xi Jinping"], "error: Xi Jinping (CHN) is already in the knowledge base (id=xi-jinping)"),
])
def test_add_checks_what_it_is_given(tmp_path, args, message):
    result = _run("actors", "add", *args, "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 1 and result.stderr.startswith(message)


def test_add_to_a_known_person_says_so(tmp_path):
    result = _run("actors", "add", "Xi Jinping", "--alias", "Big Xi", "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 0 and result.stdout == "added to Xi Jinping (CHN) id=xi-jinping\n"
    result = _run("actors", "add", "Li Xyz", "--country", "chn", "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 0 and result.stdout == "added Li Xyz (CHN) id=li-xyz\n"
    assert "Li Xyz" in _run("actors", "search", "xyz", "--db", str(tmp_path / "s.duckdb")).stdout


def test_actors_file_after_the_command(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('[[person]]\nname = "Zed Zedson"\ncountry = "CHN"\n')
    done = subprocess.run([sys.executable, "-m", "contacts", "actors", "search", "zedson", "--actors", str(mine)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("Zed Zedson"), done.stderr


@pytest.mark.parametrize("argv, expected", [
    (["ingest", "x", "--actors", "a.toml"], ["--actors", "a.toml", "ingest", "x"]),
    (["--actors=a.toml", "query", "q"], ["--actors=a.toml", "query", "q"]),
    (["query", "q", "--", "--actors"], ["query", "q", "--", "--actors"]),
])
def test_global_options_move_first(argv, expected):
    assert _global_options_first(argv) == expected
