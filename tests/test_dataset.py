"""A store written out as Parquet datasets (contacts.dataset) answers as the store does."""

import shlex
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import contacts
from contacts import dataset
from contacts.cli import app
from contacts.errors import ContactsError, StoreError
from contacts.script import load as load_script
from contacts.store import _STORE_TABLES
from conftest import ROOT, SEEDS, import_benchmark
from test_query_golden import NOW, PARAMS, _canonical_cases

QUERY_FILES = sorted((ROOT / "queries").glob("*.cq"))
GOLDEN = [query for query, _ in _canonical_cases()]
CORPUS_SIZE = 300            # generated articles: enough for many months, partners and modes


def _store_and_dataset(folder: Path, articles: list) -> tuple[Path, Path]:
    db, out = folder / "store.duckdb", folder / "dataset"
    with contacts.open(db) as store:
        store.ingest(articles)
        store.export(out, "dataset")
    return db, out


@pytest.fixture(scope="module")
def seeds_pair(tmp_path_factory):
    return _store_and_dataset(tmp_path_factory.mktemp("seeds"), [SEEDS])


@pytest.fixture(scope="module")
def corpus_pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    files = folder / "articles"
    files.mkdir()
    for generated in import_benchmark("corpus").articles(CORPUS_SIZE, seed=24):
        (files / f"{generated.name}.txt").write_text(generated.as_file(), "utf-8")
    return _store_and_dataset(folder, [files])


@pytest.fixture(params=["seeds", "corpus"])
def pair(request):
    db, out = request.getfixturevalue(f"{request.param}_pair")
    with contacts.open(db, read_only=True) as store, contacts.open(out) as on_parquet:
        yield store, on_parquet


def _answer(run) -> tuple:
    """What a query gives: its columns and rows, or its error's text."""
    try:
        result = run()
    except ContactsError as exc:
        return ("error", str(exc))
    if isinstance(result, list):                 # a script: (title, result) pairs
        return tuple((title, r.columns, r.records) for title, r in result)
    return (result.columns, result.records)


@pytest.mark.parametrize("query", GOLDEN)
def test_golden_queries_answer_the_same(pair, query):
    store, on_parquet = pair
    params = {name: value for name, value in PARAMS.items() if f"${name}" in query}
    expected = _answer(lambda: store.query(query, now=NOW, **params))
    assert _answer(lambda: on_parquet.query(query, now=NOW, **params)) == expected


def test_the_golden_queries_run(corpus_pair):
    """The golden queries answer on the corpus (73 of 150 with something other than 0 or nothing)."""
    with contacts.open(corpus_pair[1]) as on_parquet:
        answers = [_answer(lambda: on_parquet.query(q, now=NOW, **{n: v for n, v in PARAMS.items() if f"${n}" in q}))
                   for q in GOLDEN]
    errors = [a for a in answers if a[0] == "error"]
    assert len(errors) < len(GOLDEN) / 10, errors[:3]
    assert sum(any(v not in (0, None) for row in a[1] for v in row) for a in answers if a[0] != "error") > len(GOLDEN) / 3


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_saved_queries_answer_the_same(pair, path):
    store, on_parquet = pair
    script = load_script(path)
    expected = _answer(lambda: store.run_script(script, now=NOW))
    assert expected and expected[0] != "error"
    assert _answer(lambda: on_parquet.run_script(script, now=NOW)) == expected


def test_the_corpus_gives_the_queries_something_to_count(corpus_pair):
    """The equivalence above means little over empty answers."""
    with contacts.open(corpus_pair[1]) as on_parquet:
        assert on_parquet.stats()["contacts"] > 100
        assert on_parquet.query("count contacts * -> * by month", now=NOW).records


def test_every_table_holds_the_same_rows(pair):
    store, on_parquet = pair
    for table in _STORE_TABLES:
        query = f"SELECT * FROM {table} ORDER BY ALL"
        assert on_parquet.sql(query) == store.sql(query), table


def test_show_and_stats_are_the_same(pair):
    store, on_parquet = pair
    assert on_parquet.stats() == store.stats()
    for (contact_id,) in store.sql("SELECT id FROM contacts ORDER BY id LIMIT 20")[1]:
        assert on_parquet.show(contact_id) == store.show(contact_id)


def test_the_layout_is_hive_partitioned_by_month(corpus_pair):
    _, out = corpus_pair
    for table in ("articles", "mentions", "evidence", "tallies", "contacts", "contact_sources"):
        months = {p.name for p in (out / table).iterdir()}
        assert months and all(m == "month=undated" or len(m) == len("month=2023-04") for m in months), table
    assert (out / "actors" / "data_0.parquet").is_file()
    assert (out / dataset.MANIFEST).is_file()


def test_any_duckdb_reads_it_without_contacts(corpus_pair):
    """The files alone (no manifest, no views of ours) hold the store's rows and partitions."""
    db, out = corpus_pair
    plain = duckdb.connect()
    articles_by_month = plain.execute(
        f"SELECT month, count(*) FROM read_parquet('{out}/articles/*/*.parquet', hive_partitioning = true) "
        "GROUP BY month ORDER BY month").fetchall()
    with contacts.open(db, read_only=True) as store:
        _, expected = store.sql("SELECT coalesce(strftime(published, '%Y-%m'), 'undated') AS m, count(*) "
                                "FROM articles GROUP BY m ORDER BY m")
        contacts_now = store.stats()["contacts"]
    assert articles_by_month == expected
    assert plain.execute(f"SELECT count(*) FROM '{out}/contacts/*/*.parquet'").fetchone()[0] == contacts_now


def test_an_empty_store_exports_and_opens(tmp_path):
    with contacts.open(tmp_path / "empty.duckdb") as store:
        assert store.export(tmp_path / "ds", "dataset") == 0
    with contacts.open(tmp_path / "ds") as on_parquet:
        assert on_parquet.stats()["contacts"] == 0
        assert on_parquet.query("count contacts Xi -> *").scalar == 0


def test_export_again_replaces_the_dataset(tmp_path):
    with contacts.open() as store:
        store.ingest([SEEDS])
        store.export(tmp_path / "ds", "dataset")
        store.remove_articles(*[a.name for a in store.articles()][:1])
        store.export(tmp_path / "ds", "dataset")
        expected = store.stats()
    with contacts.open(tmp_path / "ds") as on_parquet:
        assert on_parquet.stats() == expected
    assert [p.name for p in tmp_path.iterdir()] == ["ds"]        # no staging folder left behind


def test_a_dataset_exports_again(seeds_pair, tmp_path):
    with contacts.open(seeds_pair[1]) as on_parquet:
        on_parquet.export(tmp_path / "again", "dataset")
        expected = on_parquet.sql("SELECT * FROM contact_view ORDER BY id")
    with contacts.open(tmp_path / "again") as again:
        assert again.sql("SELECT * FROM contact_view ORDER BY id") == expected
        assert again.check() == []


def test_export_refuses_a_folder_of_other_files(tmp_path):
    (tmp_path / "mine.txt").write_text("keep me")
    with contacts.open() as store, pytest.raises(StoreError, match="not a contacts dataset"):
        store.export(tmp_path, "dataset")
    assert (tmp_path / "mine.txt").read_text() == "keep me"


def test_library_writes_are_refused(seeds_pair):
    with contacts.open(seeds_pair[1]) as on_parquet:
        assert on_parquet.read_only
        for write in (lambda: on_parquet.ingest([SEEDS]), on_parquet.optimize,
                      lambda: on_parquet.reextract(everything=True)):
            with pytest.raises(dataset.ReadOnlyDatasetError, match="read-only dataset"):
                write()


runner = CliRunner()


def test_cli_exports_and_queries_a_dataset(tmp_path):
    db, out = tmp_path / "s.duckdb", tmp_path / "ds"
    assert runner.invoke(app, ["ingest", str(SEEDS), "--db", str(db), "-q"]).exit_code == 0
    exported = runner.invoke(app, ["export", str(out), "--format", "dataset", "--db", str(db)])
    assert exported.exit_code == 0, exported.output
    query = ["query", "count contacts Xi -> *", "--format", "csv"]
    on_store = runner.invoke(app, [*query, "--db", str(db)])
    on_parquet = runner.invoke(app, [*query, "--db", str(out)])
    assert on_parquet.exit_code == 0 and on_parquet.output == on_store.output
    sql = runner.invoke(app, ["sql", "select count(*) from contact_view", "--db", str(out), "-f", "csv"])
    assert sql.exit_code == 0 and sql.output.split() == ["count_star()", str(contacts.open(db, read_only=True)
                                                                            .stats()["contacts"])]


@pytest.mark.parametrize("command", [["ingest", str(SEEDS)], ["optimize"], ["reextract"], ["articles", "rm", "x"],
                                     ["actors", "add", "Someone New", "--country", "FRA"]])
def test_cli_writes_are_refused_in_one_line(seeds_pair, command):
    result = runner.invoke(app, [*command, "--db", str(seeds_pair[1])])
    assert result.exit_code == 1
    assert "read-only dataset" in result.output and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_user_sql_reads_only_the_dataset(seeds_pair):
    with contacts.open(seeds_pair[1]) as on_parquet:
        assert on_parquet.user_sql("SELECT count(*) FROM articles")[1] == [(2,)]
        with pytest.raises(StoreError, match="disabled by configuration"):
            on_parquet.user_sql("SELECT * FROM read_csv('/etc/passwd')")


def test_a_damaged_manifest_is_a_clear_error(tmp_path):
    with contacts.open() as store:
        store.export(tmp_path / "ds", "dataset")
    (tmp_path / "ds" / dataset.MANIFEST).write_text("{not json")
    with pytest.raises(StoreError, match="cannot read the dataset"):
        contacts.open(tmp_path / "ds")



SCALE_OUT = (ROOT / "docs" / "scale-out.md").read_text("utf-8")


def test_the_docs_commands_run(tmp_path, monkeypatch):
    """docs/scale-out.md: its commands, its error line and its DuckDB example, on the seeds."""
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["ingest", str(SEEDS), "--db", "seeds.duckdb", "-q"]).exit_code == 0
    commands = [shlex.split(line)[1:] for line in SCALE_OUT.split("## The layout")[0].splitlines()
                if line.startswith("contacts ")]
    assert len(commands) == 4
    for command in commands:
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
    error = next(line for line in SCALE_OUT.splitlines() if line.startswith("error: "))
    refused = runner.invoke(app, ["ingest", str(SEEDS), "--db", "seeds-dataset"])
    assert refused.exit_code == 1 and refused.output.startswith(error)
    example = SCALE_OUT.split("import duckdb\n")[1].split("\n```")[0]
    months = eval(example, {"duckdb": duckdb}).fetchall()          # noqa: S307 - the doc's own line
    with contacts.open(tmp_path / "seeds.duckdb", read_only=True) as store:
        _, expected = store.sql("SELECT coalesce(strftime(date_start, '%Y-%m'), 'undated') AS m, count(*) "
                                "FROM contacts GROUP BY m")
    assert sorted(months) == sorted(expected) and ("undated", 4) in months
    library = SCALE_OUT.split("import contacts\n")[1].split("\n```")[0]
    scope: dict = {"contacts": contacts}
    exec(library, scope)                                             # noqa: S102 - the doc's own lines
    assert scope["store"].read_only


def test_pandas_reads_it(seeds_pair):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    frame = pd.read_parquet(seeds_pair[1] / "contacts")
    assert len(frame) == len(duckdb.connect().sql(f"FROM '{seeds_pair[1]}/contacts/*/*.parquet'").fetchall()) and set(frame["month"].astype(str)) >= {"undated", "2022-09"}


def test_the_repl_queries_a_dataset_and_refuses_ingest(seeds_pair):
    import io

    from contacts.repl import Repl
    with contacts.open(seeds_pair[1]) as on_parquet:
        out = io.StringIO()
        repl = Repl(on_parquet, out=out)
        for line in ["count contacts Xi -> *", f".ingest {SEEDS}", "count contacts"]:
            assert repl.handle(line) is True
    assert "read-only dataset" in out.getvalue() and "new" not in out.getvalue()
