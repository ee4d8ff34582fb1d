"""The store's schema history (contacts.migrations): a store of each older version, upgraded,
is the same as a new store holding the same articles: tables, columns in order with their
types and defaults, keys, indexes, views, and every row."""

import shutil

import duckdb
import pytest

import contacts
from contacts import migrations
from contacts.fusion import group_text_sql
from contacts.store import _STORE_TABLES

from conftest import SEEDS


def _undo_10(con):
    con.execute("DROP TABLE contact_aliases")


def _undo_9(con):               # schema 8's sources had another meaning: migration 9 fills them anew
    con.execute("UPDATE contacts SET evidence = NULL, sources = NULL")


def _undo_8(con):
    for table, column in (("articles", "origin"), ("mentions", "origin"), ("mentions", "record"),
                          ("contacts", "origins")):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


def _undo_7(con):
    con.execute("DROP TABLE corrections")
    con.execute("DROP TABLE reviews")


def _undo_6(con):               # mentions and tallies with primary keys
    for table in ("mentions", "tallies"):
        sql = con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = ?", [table]).fetchone()[0]
        con.execute(f"ALTER TABLE {table} RENAME TO unkeyed")
        con.execute(sql.replace("(id VARCHAR NOT NULL,", "(id VARCHAR PRIMARY KEY,"))
        con.execute(f"INSERT INTO {table} SELECT * FROM unkeyed")
        con.execute("DROP TABLE unkeyed")


def _undo_5(con):               # groups as text, on contacts too, with their indexes
    con.execute(f"ALTER TABLE mentions ALTER COLUMN grp SET DATA TYPE VARCHAR USING {group_text_sql('mentions')}")
    con.execute("ALTER TABLE contacts ADD COLUMN grp VARCHAR")
    con.execute(f"UPDATE contacts SET grp = {group_text_sql('contacts')}")
    for table, column in (("mentions", "grp"), ("contacts", "grp"), ("contact_sources", "contact"),
                          ("mentions", "article")):
        con.execute(f"CREATE INDEX {table}_{column} ON {table} ({column})")


def _undo_4(con):               # schema 3: no evidence or outlets on contacts, no groups, no indexes
    for name in ("mentions_grp", "contacts_grp", "contact_sources_contact", "mentions_article"):
        con.execute(f"DROP INDEX {name}")
    for table, column in (("contacts", "evidence"), ("contacts", "sources"), ("contacts", "grp"), ("mentions", "grp")):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


def _undo_3(con):
    con.execute("DROP TABLE user_actors")


def _undo_2(con):
    con.execute("DROP TABLE affiliations")
    con.execute("DROP TABLE meta")


UNDO = {10: _undo_10, 9: _undo_9, 8: _undo_8, 7: _undo_7, 6: _undo_6, 5: _undo_5, 4: _undo_4, 3: _undo_3, 2: _undo_2}


# Tables a store of the version before got from the migration to this one, rows and all: a
# schema 1 store had no meta (the layout's counter) nor affiliations (those of extracted actors;
# the knowledge base's are loaded again on every upgrade).
NOT_HELD_BEFORE = {2: ("meta", "affiliations")}


def test_each_migration_has_its_undo_here_and_they_come_in_order():
    assert [m.version for m in migrations.MIGRATIONS] == sorted(UNDO) == list(range(2, migrations.CURRENT + 1))


def _snapshot(path):
    with contacts.open(path, read_only=True) as store:
        con = store.connection
        here = "database_name = current_database()"
        return {
            "version": con.execute("SELECT * FROM schema_version").fetchall(),
            "columns": con.execute("SELECT table_name, column_index, column_name, data_type, is_nullable, "
                                   f"column_default FROM duckdb_columns() WHERE {here} ORDER BY ALL").fetchall(),
            "keys": con.execute("SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints() "
                                f"WHERE {here} ORDER BY ALL").fetchall(),
            "indexes": con.execute(f"SELECT index_name, table_name FROM duckdb_indexes() WHERE {here} ORDER BY ALL")
            .fetchall(),
            "views": con.execute(f"SELECT view_name, sql FROM duckdb_views() WHERE {here} AND NOT internal "
                                 "ORDER BY ALL").fetchall(),
            **{table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() for table in _STORE_TABLES},
        }


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    path = tmp_path_factory.mktemp("fresh") / "s.duckdb"
    with contacts.open(path) as store:
        store.ingest([SEEDS])
    return path, _snapshot(path)


@pytest.mark.parametrize("version", range(1, migrations.CURRENT))
def test_a_store_of_each_older_version_upgrades_to_what_a_new_store_is(fresh, tmp_path, version):
    path = tmp_path / "old.duckdb"
    shutil.copy(fresh[0], path)
    con = duckdb.connect(str(path))           # the store as that version wrote it
    con.execute("DROP VIEW contact_view")
    con.execute("DROP INDEX mentions_grp")
    for undo in range(migrations.CURRENT, version, -1):
        UNDO[undo](con)
    con.execute("UPDATE schema_version SET version = ?", [version])
    con.close()
    with contacts.open(path):                 # opened for writing: upgraded
        pass
    upgraded, expected = _snapshot(path), dict(fresh[1])
    for table in NOT_HELD_BEFORE.get(version + 1, ()):     # rows such a store never had: not compared
        upgraded.pop(table), expected.pop(table)
    assert [key for key in expected if upgraded[key] != expected[key]] == []
    assert upgraded == expected


def test_a_new_store_runs_no_migration_and_records_the_current_version(fresh):
    assert fresh[1]["version"] == [(migrations.CURRENT,)]
    assert migrations.pending(migrations.CURRENT) == []
