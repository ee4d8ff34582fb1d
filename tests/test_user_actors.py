"""Users' own actors: `contacts actors add`, `--actors FILE`, and the library's add_actor."""

from datetime import date

import pytest
from typer.testing import CliRunner

import contacts
from contacts.cli import app

runner = CliRunner()
ARTICLE = contacts.Article(
    text="Special Envoy Lena Brightwater met Chinese Foreign Minister Qin Gang in Beijing on Monday.",
    published=date(2023, 4, 26), name="envoy.txt")
ENTRY = {"name": "Lena Brightwater", "country": "NOR", "aliases": ["L. Brightwater"],
         "roles": [{"office": "envoy", "country": "NOR", "title": "Special Envoy", "start": "2022-06"}]}


def test_an_added_actor_is_found_by_extraction_and_queries(tmp_path):
    with contacts.open(tmp_path / "s.duckdb") as store:
        assert store.extract(ARTICLE) == []                     # unknown to the package
        actor = store.add_actor(ENTRY)
        assert actor.id == "lena-brightwater"
        found = store.extract(ARTICLE)
        assert [(c.who, c.who_country, c.mode, c.whom) for c in found] == \
            [("Lena Brightwater", "NOR", "visit", "Qin Gang")]
        store.ingest([ARTICLE])
        assert store.query("count visits Brightwater -> China").scalar == 1
        assert store.query("count visits Norway -> *").scalar == 1      # she speaks for Norway
    with contacts.open(tmp_path / "s.duckdb", read_only=True) as store:   # kept in the store
        assert store.query('count visits "L. Brightwater" -> *').scalar == 1


def test_actors_file(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('[[person]]\nname = "Lena Brightwater"\ncountry = "NOR"\n'
                    'roles = [{ office = "envoy", country = "NOR", title = "Special Envoy", start = "2022-06" }]\n')
    with contacts.open(actor_files=[mine]) as store:
        assert len(store.extract(ARTICLE)) == 1
    result = runner.invoke(app, ["--actors", str(mine), "actors", "show", "Brightwater"])
    assert result.exit_code == 0 and "Special Envoy (NOR): 2022-06" in result.stdout


@pytest.mark.parametrize("content, message", [
    ('[[person]]\ncountry = "NOR"\n', "a person without a name"),
    ('[[person]]\nname = "X Y"\nroles = [{ office = "envoy", country = "NOR", start = "2022-13" }]\n', "X Y"),
    ('[[person]]\nname = "X Y"\nroles = [{ title = "Envoy" }]\n', "every role needs an office and a country"),
    ("not toml at all [", "cannot read actors file"),
])
def test_bad_actors_files(tmp_path, content, message):
    bad = tmp_path / "bad.toml"
    bad.write_text(content)
    result = runner.invoke(app, ["--actors", str(bad), "actors", "show", "Xi"])
    assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output


def test_cli_add_and_reextract(tmp_path):
    db = str(tmp_path / "s.duckdb")
    text = tmp_path / "a.txt"
    text.write_text("---\npublished: 2023-04-26\n---\n" + ARTICLE.text + "\n")
    assert runner.invoke(app, ["ingest", str(text), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["actors", "add", "Lena Brightwater", "--country", "NOR", "--role", "Special Envoy",
                                 "--from", "2022-06", "--alias", "L. Brightwater", "--db", db])
    assert result.exit_code == 0, result.output
    assert "added Lena Brightwater (NOR)" in result.stdout and "reextract --all" in result.stdout
    assert runner.invoke(app, ["query", "count visits Brightwater -> *", "--db", db]).stdout.strip() == "0"
    assert runner.invoke(app, ["reextract", "--all", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["query", "count visits Brightwater -> *", "--db", db]).stdout.strip() == "1"
    bad = runner.invoke(app, ["actors", "add", "X Y", "--role", "Envoy", "--db", db])
    assert bad.exit_code == 1 and "a role needs a country" in bad.stderr


def test_an_entry_for_a_known_person_adds_roles_and_keeps_who_they_are(tmp_path):
    """A role in another state (an ambassador posted abroad, a UN post) and a new
    alias: the person's own country and surnames stay as the package has them (Lao
    leaders go by their given name), the alias brings only its own."""
    mine = tmp_path / "mine.toml"
    mine.write_text('[[person]]\nname = "Thongloun Sisoulith"\naliases = ["Thongloun Sisoulit"]\n'
                    'roles = [{ office = "envoy", country = "UN", start = "1990", end = "1991" }]\n')
    package = contacts.open()
    with contacts.open(actor_files=[mine]) as store:
        before, after = package.kb, store.kb
        assert after.actors["thongloun-sisoulith"].country == before.actors["thongloun-sisoulith"].country == "LAO"
        assert set(before.surnames_of["thongloun-sisoulith"]) == {"thongloun"}
        assert set(after.surnames_of["thongloun-sisoulith"]) == {"thongloun", "sisoulit"}
        assert after.resolve("Thongloun Sisoulit").one().id == "thongloun-sisoulith"
        assert any(r.country == "UN" for r in after.roles_of["thongloun-sisoulith"])
    package.close()
