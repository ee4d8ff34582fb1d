"""One meaning of "source" and the status in contact_view (issue 27, item 9): the outlet of
each article that reports a contact, an article without one by its file's name, the same
in contact_view, `by source` and `where source = …`."""

from datetime import date

import duckdb
import pytest

import contacts
from contacts.models import Article
from contacts.store import SCHEMA_VERSION

from conftest import SEEDS

NO_OUTLET = "000_ce2cafdec42ce531.txt"          # a seed without a source: line in its front matter
PLANNED = "Indian Prime Minister Narendra Modi will visit Paris next week."


@pytest.fixture(scope="module")
def store():
    with contacts.open() as s:
        s.ingest([SEEDS, Article(text=PLANNED, name="plan.txt", source="Reuters", published=date(2023, 7, 5))],
                 workers=0)
        yield s


def test_the_seed_without_an_outlet_is_the_one_expected(store):
    assert store.sql("SELECT source FROM articles WHERE name = ?", [NO_OUTLET])[1] == [(None,)]


def test_contact_view_has_the_status(store):
    columns, rows = store.sql("SELECT * FROM contact_view")
    assert columns[:7] == ["id", "who", "whom", "mode", "date", "status", "source"]
    statuses = dict(store.sql("SELECT id, status FROM contacts")[1])
    assert {r[0]: r[5] for r in rows} == statuses and "planned" in statuses.values()
    assert ("Narendra Modi", "France", "visit") in \
        store.sql("SELECT who, whom, mode FROM contact_view WHERE status = 'planned'")[1]


def test_every_source_by_source_shows_is_found_by_where_source(store):
    shown = store.query("count contacts by source status any").records
    assert NO_OUTLET in {r[0] for r in shown} and "CNN" in {r[0] for r in shown}
    for source, count in shown:
        assert store.query("count contacts where source = $s status any", s=source).scalar == count, source
        view = store.sql("SELECT count(*) FROM contact_view WHERE list_contains(string_split(source, ', '), ?)",
                         [source])[1][0][0]
        assert view == count, source


def test_where_source_finds_the_file_of_an_article_without_an_outlet(store):
    found = store.query(f"list contacts where source = '{NO_OUTLET}'").records
    assert found and store.query(f"count contacts where source != '{NO_OUTLET}'").scalar == \
        store.query("count contacts").scalar - len(found)


def test_the_export_and_the_view_name_the_same_sources(store):
    view = dict(store.sql("SELECT id, source FROM contact_view")[1])
    kept = dict(store.sql("SELECT id, sources FROM contacts")[1])
    assert {i: sorted(s.lower() for s in v.split(", ")) for i, v in view.items()} == kept


def test_a_schema_8_store_gets_the_file_names_among_its_sources(tmp_path):
    path = tmp_path / "s.duckdb"
    with contacts.open(path) as s:
        s.ingest([SEEDS], workers=0)
        expected = s.sql("SELECT id, sources FROM contacts ORDER BY id")[1]
    assert any(NO_OUTLET in sources for _, sources in expected)
    con = duckdb.connect(str(path))          # as schema 8 kept them: outlets only
    con.execute("UPDATE contacts SET sources = list_filter(sources, lambda x: x NOT LIKE '%.txt')")
    con.execute("UPDATE schema_version SET version = 8")
    con.close()
    with contacts.open(path) as s:
        assert s.sql("SELECT id, sources FROM contacts ORDER BY id")[1] == expected
        assert s.sql("SELECT max(version) FROM schema_version")[1] == [(SCHEMA_VERSION,)]
