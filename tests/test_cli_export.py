"""`contacts export`, `show` and `--version` from the command line (issue 27, items 4, 8, 17)."""

import csv
import json

import pytest
from typer.testing import CliRunner

import contacts
from contacts.cli import app
from conftest import SEEDS

runner = CliRunner()
ARTICLE = """---
title: Xi calls Zelensky
source: Reuters
url: https://example.org/xi
published: 2023-04-27
---
Chinese leader Xi Jinping held a phone call with Ukrainian President Volodymyr Zelensky on Wednesday.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    (folder / "xi.txt").write_text(ARTICLE)
    path = folder / "seeds.duckdb"
    with contacts.open(path) as store:
        store.ingest([SEEDS, folder / "xi.txt"])
    return str(path)


def _run(*args):
    return runner.invoke(app, list(args))


def _stored(db) -> int:
    with contacts.open(db, read_only=True) as store:
        return store.sql("SELECT count(*) FROM contacts")[1][0][0]


def _call_row(rows):
    return next(r for r in rows if r["mode"] == "call" and r["who_name"] == "Xi Jinping")


def test_the_format_comes_from_the_extension(db, tmp_path):
    result = _run("export", str(tmp_path / "out.csv"), "--db", db)
    assert result.exit_code == 0 and result.stdout.startswith(f"{_stored(db)} contacts written to")
    rows = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert len(rows) == _stored(db)
    call = _call_row(rows)
    assert (call["who_country"], call["whom_country"], call["date_start"], call["date_end"],
            call["precision"]) == ("CHN", "UKR", "2023-04-26", "2023-04-26", "day")
    # the first reporting article is the earliest published; outlets lists every one
    assert call["outlets"] == "000_ce2cafdec42ce531.txt; CNN; Reuters" and call["evidence"]
    assert call["article"] in ("000_ce2cafdec42ce531.txt", "003_65be4346e1c38f0e.txt")


def test_the_first_article_carries_title_and_url(tmp_path):
    (tmp_path / "xi.txt").write_text(ARTICLE)
    db = str(tmp_path / "one.duckdb")
    with contacts.open(db) as store:
        store.ingest([tmp_path / "xi.txt"])
    assert _run("export", str(tmp_path / "o.jsonl"), "--db", db).exit_code == 0
    rows = [json.loads(line) for line in (tmp_path / "o.jsonl").open()]
    assert [(r["title"], r["url"], r["outlet"], r["published"], r["article"]) for r in rows] == [
        ("Xi calls Zelensky", "https://example.org/xi", "Reuters", "2023-04-27", "xi.txt")]


@pytest.mark.parametrize("name, message", [
    ("out.txt", "error: cannot tell the format of"),
    ("missing/out.csv", "error: cannot write"),
])
def test_a_bad_target_is_one_line(db, tmp_path, name, message):
    result = _run("export", str(tmp_path / name), "--db", db)
    assert result.exit_code == 1 and result.stderr.startswith(message) and len(result.stderr.splitlines()) == 1


def test_a_folder_as_target_is_one_line(db, tmp_path):
    result = _run("export", str(tmp_path), "--format", "csv", "--db", db)
    assert result.exit_code == 1 and result.stderr.startswith(f"error: cannot write {tmp_path}")


def test_stata(db, tmp_path):
    pandas = pytest.importorskip("pandas")
    assert _run("export", str(tmp_path / "c.dta"), "--db", db).exit_code == 0
    frame = pandas.read_stata(tmp_path / "c.dta")
    assert len(frame) == _stored(db) and str(frame["date_start"].dtype).startswith("datetime64")
    assert set(frame["who_country"]) >= {"CHN"}


def test_show_names_the_article_title_and_url(db):
    with contacts.open(db, read_only=True) as store:
        call = store.sql("SELECT id FROM contact_view WHERE mode = 'call' AND who = 'Xi Jinping'")[1][0][0]
    shown = _run("show", call, "--db", db).stdout
    assert "  - xi.txt [Reuters, 2023-04-27]\n    title: Xi calls Zelensky\n    url: https://example.org/xi\n" in shown


def test_version():
    result = _run("--version")
    assert result.exit_code == 0 and result.stdout.startswith(f"contacts {contacts.__version__} (extractor ")


def test_an_actors_file_with_a_number_for_a_name(tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text('[[person]]\nname = 5\ncountry = "CHN"\n')
    result = _run("--actors", str(bad), "actors", "search", "kim")
    assert result.exit_code == 1
    assert result.stderr.strip() == f'error: {bad}: the person named 5: name = 5 is not text (write name = "…" in quotes)'
