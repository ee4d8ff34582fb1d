"""The library as research scripts use it: results, threads, extraction without a store, the example script."""

import importlib.util
import threading
from datetime import date

import pytest

import contacts
from conftest import ROOT, SEEDS

NOW = date(2023, 4, 26)


def test_public_surface_is_small_and_lazy():
    assert {"open", "Store", "Result", "parse", "compile", "ContactsError"} <= set(contacts.__all__)
    assert all(getattr(contacts, name) for name in contacts.__all__)
    with pytest.raises(AttributeError):
        contacts.no_such_thing


def test_parse_and_compile_without_a_store():
    ast = contacts.parse("count calls Xi -> Putin since 2022-02")
    assert ast.verb == "count" and ast.modes == ("call",)
    compiled = contacts.compile("count calls Xi -> Putin since 2022-02")
    assert compiled.params["left"] == "xi-jinping" and "c.who = $left" in compiled.sql


def test_result_api(seeds_store):
    result = seeds_store.query("list summons * -> China", now=NOW)
    assert result.columns[:8] == ["id", "date", "date_start", "date_end", "who", "who_country", "whom", "whom_country"] and len(result) == 3
    rows = result.rows
    assert [r.who for r in rows] == ["Estonia", "Latvia", "Lithuania"] and rows[0].mode == "summons"
    with pytest.raises(Exception):
        rows[0].who = "x"                                  # records are frozen
    assert result.to_dicts()[0]["whom"] == "China"
    assert "matched AS (" in result.sql and result.params["mode"] == "summons"
    assert seeds_store.query("count summons * -> China").scalar == 3


@pytest.mark.parametrize("method, module", [("to_pandas", "pandas"), ("to_polars", "polars"),
                                            ("to_arrow", "pyarrow")])
def test_data_frames_or_a_clear_message(seeds_store, method, module):
    result = seeds_store.query("count summons * -> China by who")
    if importlib.util.find_spec(module) is None:
        with pytest.raises(contacts.ContactsError, match=r"pip install 'contacts\[frames\]'"):
            getattr(result, method)()
    else:
        assert len(getattr(result, method)()) == 3


def test_one_store_shared_by_threads(seeds_store):
    queries = ["count summons * -> China", "count contacts with Xi", "count meetings Xi <-> Putin in 2022",
               "count calls Xi -> Zelensky since 2022-02"]
    expected = [seeds_store.query(q).scalar for q in queries]
    failures, answers = [], []

    def worker(n: int) -> None:
        try:
            for _ in range(20):
                answers.append(seeds_store.query(queries[n % 4]).scalar == expected[n % 4])
        except Exception as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures and len(answers) == 160 and all(answers)


def test_extract_without_storing(store):
    found = store.extract(SEEDS / "003_65be4346e1c38f0e.txt")
    assert {c.mode for c in found} >= {"call", "summons"}
    assert store.stats()["articles"] == 0
    article = contacts.Article(text="Xi Jinping spoke by phone with Vladimir Putin on Monday.",
                               published=date(2023, 4, 26), name="a.txt")
    assert [(c.who, c.mode, c.whom, c.date) for c in store.extract(article)] == \
        [("Xi Jinping", "call", "Vladimir Putin", "2023-04-24")]


def test_open_as_context_manager_and_progress(tmp_path):
    with contacts.open(tmp_path / "s.duckdb") as store:
        seen = []
        report = store.ingest([SEEDS], progress=True, on_item=lambda name, outcome: seen.append(outcome))
        assert report.new == 2 and seen == ["new", "new"]
    with contacts.open(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.query("count summons * -> China").scalar == 3


def test_the_research_script(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("research_script", ROOT / "examples" / "research_script.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    printed = capsys.readouterr().out
    assert "Xi–Zelensky calls since the invasion: 1" in printed
    assert "a message on 2022-01-04" in printed
    lines = (tmp_path / "china_contacts.csv").read_text("utf-8").splitlines()
    assert lines[0].startswith("id,date,date_start,date_end,who,who_country,whom") and len(lines) == 10
    if importlib.util.find_spec("matplotlib"):
        assert (tmp_path / "china_timeline.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_query_asked_again_is_not_compiled_again_until_the_actors_change(store):
    store.ingest([SEEDS], workers=0)
    first = store.compile("count calls Xi -> Zelensky since 2022-02")
    assert store.compile("count calls Xi -> Zelensky since 2022-02") is first
    assert store.compile("count calls Xi -> Zelensky since 2022-03") is not first
    assert store.compile("count calls Xi -> Zelensky since 2022-02", now=date(2024, 1, 1)) is not first
    store.add_actor({"name": "Li Hui", "roles": [{"office": "envoy", "country": "CHN", "start": "2019"}]})
    again = store.compile("count calls Xi -> Zelensky since 2022-02")
    assert again is not first and again.sql == first.sql
    assert store.query("count calls Xi -> Zelensky since 2022-02").scalar == 1
