"""Undated articles and correcting stored ones (issue 27, item 5): ingest warns of articles
without a publication date, a later ingest that gives one dates them, and `articles rm|set`
remove an article or correct its metadata with its contacts fused again."""

import json
from datetime import date

import duckdb
import pytest
from typer.testing import CliRunner

import contacts
from contacts.cli import app
from contacts.errors import StoreError
from contacts.models import Article
from contacts.read import ReadOptions
from conftest import ROOT

CALL = "Chinese President Xi Jinping held a phone call with Ukrainian President Volodymyr Zelensky on Wednesday.\n"
VISIT = "Indian Prime Minister Narendra Modi visited Paris on Friday.\n"
SHARED = "Xi Jinping met Vladimir Putin in Moscow on March 21, 2023.\n"
runner = CliRunner()


def _calls(store):
    return store.sql("SELECT date_start, precision, sources FROM contacts WHERE mode = 'call'")[1]


def _write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_an_undated_ingest_warns_with_the_count_and_the_fix(store, tmp_path):
    _write(tmp_path, "call.txt", CALL)
    _write(tmp_path, "visit.txt", VISIT)
    _write(tmp_path, "dated.txt", "---\npublished: 2023-04-27\n---\n" + SHARED)
    report = store.ingest([tmp_path], workers=0)
    assert (report.new, report.undated) == (3, 2)
    [warning] = report.warnings()
    assert warning.startswith("2 articles stored without a publication date") and "--published" in warning \
        and "contacts articles set ID --published" in warning
    assert _calls(store) == [(None, "unknown", ["call.txt"])]     # "on Wednesday" needs the date it is relative to
    # the same files again: still undated, still said (nothing is stored anew)
    again = store.ingest([tmp_path], workers=0)
    assert (again.unchanged, again.undated, again.reextracted) == (3, 2, 0)


def test_a_dated_ingest_warns_of_nothing(store, tmp_path):
    report = store.ingest([Article(text=CALL, name="a", published=date(2023, 4, 27))], workers=0)
    assert report.undated == 0 and report.warnings() == []


@pytest.mark.parametrize("how", ["--published", "front matter", "jsonl"])
def test_a_later_ingest_that_gives_the_date_dates_the_article_and_extracts_it_again(store, tmp_path, how):
    first = _write(tmp_path, "call.txt", "---\ntitle: Xi calls Zelensky\nurl: https://example.org/xi\n---\n" + CALL)
    store.ingest([first], workers=0)
    assert _calls(store) == [(None, "unknown", ["call.txt"])]
    options = ReadOptions()
    if how == "--published":
        later, options = _write(tmp_path, "plain.txt", CALL), ReadOptions(published=date(2023, 4, 27), source="Reuters")
    elif how == "front matter":
        later = _write(tmp_path, "again.md", "---\npublished: 2023-04-27\nsource: Reuters\n---\n" + CALL)
    else:
        later = _write(tmp_path, "wire.jsonl", json.dumps({"id": "w1", "text": CALL, "source": "Reuters",
                                                           "published": "2023-04-27"}) + "\n")
    report = store.ingest([later], options=options, workers=0)
    assert (report.new, report.unchanged, report.reextracted, report.dated, report.undated) == (0, 0, 1, 1, 0)
    assert "1 article given its publication date" in report.summary()
    assert _calls(store) == [(date(2023, 4, 26), "day", ["reuters"])]
    # what the later file did not give is kept from the stored article
    [stored] = store.articles()
    assert (stored.published, stored.source, stored.title, stored.url) == \
        (date(2023, 4, 27), "Reuters", "Xi calls Zelensky", "https://example.org/xi")
    assert store.check() == []


def test_a_stored_date_is_kept_and_the_other_one_is_said(store):
    store.ingest([Article(text=CALL, name="a", published=date(2023, 4, 27))], workers=0)
    report = store.ingest([Article(text=CALL, name="b", published=date(2023, 5, 3))], workers=0)
    assert (report.unchanged, report.reextracted, report.other_date) == (1, 0, 1)
    assert "already stored with another publication date" in report.warnings()[0]
    assert _calls(store)[0][0] == date(2023, 4, 26)


def test_the_same_text_twice_in_one_ingest_is_dated_once(store):
    store.ingest([Article(text=CALL, name="a")], workers=0)
    report = store.ingest([Article(text=CALL, name="b", published=date(2023, 4, 27)),
                           Article(text=CALL, name="c", published=date(2023, 4, 27))], workers=0)
    assert (report.reextracted, report.unchanged, report.dated) == (1, 1, 1)


@pytest.fixture
def three(store):
    """Two articles report one visit; the first also reports a call only it has."""
    store.ingest([Article(id="a1b2c3d4e5f60001", name="one.txt", text=SHARED + CALL, published=date(2023, 4, 27),
                          source="One"),
                  Article(id="a1b2c3d4e5f60002", name="two.txt", text=SHARED, published=date(2023, 4, 27),
                          source="Two"),
                  Article(id="ffff000011112222", name="visit.txt", text=VISIT, published=date(2023, 6, 3))],
                 workers=0)
    return store


def _rows(store):
    return store.sql("SELECT mode, n_sources, sources FROM contacts ORDER BY mode")[1]


def test_removing_an_article_takes_its_contacts_and_refuses_the_shared_ones(three):
    assert sorted(_rows(three)) == [("call", 1, ["one"]), ("visit", 1, ["visit.txt"]), ("visit", 2, ["one", "two"])]
    removal = three.remove_articles("one.txt")
    # the call only one.txt reported goes; the shared visit keeps its id (it was counted as removed
    # and created again while ids were the hash of the smallest mention id)
    assert (removal.articles, removal.mentions, removal.contacts_removed, removal.contacts_updated) == \
        (["one.txt"], 2, 1, 1)
    assert removal.summary().startswith("removed 1 article (one.txt) with 2 mentions")
    assert sorted(_rows(three)) == [("visit", 1, ["two"]), ("visit", 1, ["visit.txt"])]
    assert [a.name for a in three.articles()] == ["two.txt", "visit.txt"]
    assert three.check() == []


@pytest.mark.parametrize("ref, name", [("a1b2c3d4e5f60002", "two.txt"), (" a1b2c3d4e5f60002 ", "two.txt"),
                                       ("ffff00", "visit.txt"), ("FFFF000011", "visit.txt"), ("two.txt", "two.txt")])
def test_an_article_is_named_by_its_id_its_id_prefix_or_its_name(three, ref, name):
    assert three.remove_articles(ref).articles == [name]


@pytest.mark.parametrize("refs, message", [
    (["nothing.txt"], "no article with id or name 'nothing.txt'"),
    (["a1b2c3"], "'a1b2c3' names 2 articles: a1b2c3d4e5f60001 (one.txt), a1b2c3d4e5f60002 (two.txt)"),
    (["a1b2"], "no article with id or name 'a1b2'"),          # too short to be a prefix
    ([], "no article named"),
])
def test_a_reference_to_no_article_or_to_several_is_refused_and_nothing_goes(three, refs, message):
    with pytest.raises(StoreError, match=message.replace("(", r"\(").replace(")", r"\)")):
        three.remove_articles(*refs)
    assert len(three.articles()) == 3


def test_one_missing_name_among_several_removes_none(three):
    with pytest.raises(StoreError, match="no article"):
        three.remove_articles("one.txt", "nothing.txt")
    assert len(three.articles()) == 3


def test_a_failure_while_removing_leaves_the_store_as_it_was(three, monkeypatch):
    before = (_rows(three), three.stats())

    def fail(*_):
        raise duckdb.IOException("disk gone")
    monkeypatch.setattr(three, "_fuse_again", fail)
    with pytest.raises(StoreError, match="removing 1 article failed: disk gone; nothing was removed"):
        three.remove_articles("one.txt")
    assert (_rows(three), three.stats()) == before


def test_setting_the_date_extracts_again_against_it(store):
    store.ingest([Article(text=CALL, name="call.txt", source="Wire")], workers=0)
    report = store.set_article("call.txt", published="2023-04-27", title="Xi calls Zelensky")
    assert (report.reextracted, report.mentions, report.undated) == (1, 1, 0)
    assert _calls(store) == [(date(2023, 4, 26), "day", ["wire"])]
    [stored] = store.articles()
    assert (stored.published, stored.title, stored.source) == (date(2023, 4, 27), "Xi calls Zelensky", "Wire")
    # a second correction moves the contact, and "" empties a field
    store.set_article(stored.id, published=date(2023, 5, 4), source="")
    assert _calls(store) == [(date(2023, 5, 3), "day", ["call.txt"])]      # no outlet: the file's name
    assert store.articles()[0].source is None and store.check() == []


@pytest.mark.parametrize("changes, message", [
    ({"published": "2023-02-30"}, "published date '2023-02-30' is not a real YYYY-MM-DD date"),
    ({"published": "2999-01-01"}, "published date 2999-01-01 is in the future"),
    ({}, "nothing to set"),
])
def test_a_bad_change_is_refused_and_nothing_changes(three, changes, message):
    with pytest.raises(StoreError, match=message):
        three.set_article("one.txt", **changes)
    assert _rows(three)[0] == ("call", 1, ["one"])


def test_a_read_only_store_refuses_corrections(three, tmp_path):
    path = tmp_path / "s.duckdb"
    with contacts.open(path) as store:
        store.ingest([Article(text=CALL, name="call.txt")], workers=0)
    with contacts.open(path, read_only=True) as store:
        for act in (lambda: store.remove_articles("call.txt"), lambda: store.set_article("call.txt", title="x")):
            with pytest.raises(StoreError, match="read-only"):
                act()
        assert store.articles(undated=True)[0].name == "call.txt"


def test_the_command_line_lists_sets_and_removes(tmp_path):
    db = str(tmp_path / "s.duckdb")
    _write(tmp_path, "call.txt", CALL)
    _write(tmp_path, "visit.txt", VISIT)
    ingest = runner.invoke(app, ["ingest", str(tmp_path / "call.txt"), str(tmp_path / "visit.txt"), "--db", db])
    assert ingest.exit_code == 0
    warnings = [line for line in ingest.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and warnings[0].startswith("warning: 2 articles stored without a publication date")
    listed = runner.invoke(app, ["articles", "list", "--undated", "--format", "csv", "--db", db])
    assert listed.exit_code == 0 and [line.split(",")[1] for line in listed.stdout.splitlines()] == \
        ["name", "call.txt", "visit.txt"]
    fixed = runner.invoke(app, ["articles", "set", "call.txt", "--published", "2023-04-27", "--db", db])
    assert fixed.exit_code == 0 and "1 re-extracted" in fixed.stdout and "warning" not in fixed.stderr
    listed = runner.invoke(app, ["articles", "list", "--undated", "--format", "csv", "--db", db])
    assert [line.split(",")[1] for line in listed.stdout.splitlines()] == ["name", "visit.txt"]
    again = runner.invoke(app, ["reextract", "--all", "--db", db])
    assert again.exit_code == 0 and "warning: 1 article stored without a publication date" in again.stderr
    removed = runner.invoke(app, ["articles", "rm", "visit.txt", "--db", db])
    assert removed.exit_code == 0 and removed.stdout.startswith("removed 1 article (visit.txt)")
    wrong = runner.invoke(app, ["articles", "set", "call.txt", "--published", "27/04/2023", "--db", db])
    assert wrong.exit_code == 1 and wrong.stderr == "error: published date '27/04/2023' is not a real YYYY-MM-DD date\n"
    limited = runner.invoke(app, ["articles", "list", "--limit", "0", "--db", db])
    assert "call.txt" in limited.stdout and "visit.txt" not in limited.stdout


def test_a_store_whose_last_blocks_were_freed_still_opens(tmp_path):
    """Removing and correcting articles frees blocks; a checkpoint cuts free blocks at the end
    of the file but still counts them, and the open's cut-short check took that for damage."""
    path = tmp_path / "s.duckdb"
    with contacts.open(path) as store:
        store.ingest([ROOT / "seeds"], workers=0)
        store.ingest([Article(text=VISIT, name="note.txt")], workers=0)
        store.set_article("note.txt", published="2023-07-15")
        store.remove_articles("note.txt")
    with contacts.open(path) as store:
        store.add_actor({"name": "Zhai Jun", "country": "CHN"})
    with contacts.open(path, read_only=True) as store:
        assert store.check() == [] and store.stats()["articles"] == 2


def test_removing_an_article_keeps_the_decisions_about_it_as_stale(three):
    [(call,)] = three.sql("SELECT id FROM contacts WHERE mode = 'call'")[1]
    three.reject(call, note="not a call")
    three.remove_articles("one.txt")
    [(decision, reason)] = three.stale_corrections()
    assert decision.action == "reject" and reason == "its article is not in this store"
    assert three.check() == []


def test_a_dataset_record_is_not_set_but_can_be_removed(three):
    three.connection.execute("UPDATE articles SET origin = 'state-department' WHERE name = 'visit.txt'")
    with pytest.raises(StoreError, match="visit.txt is a record of the dataset 'state-department'"):
        three.set_article("visit.txt", title="x")
    assert [a.origin for a in three.articles(match="visit")] == ["state-department"]
    assert three.remove_articles("visit.txt").contacts_removed == 1
