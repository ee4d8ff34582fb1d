"""The docs' examples say what the code does (issue 27, items 15 and 16)."""

import re

import pytest
from typer.testing import CliRunner

import contacts
from contacts.cli import app
from conftest import ROOT

QUERY_LANGUAGE = (ROOT / "docs" / "query-language.md").read_text("utf-8")
LIBRARY = (ROOT / "docs" / "library.md").read_text("utf-8")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("docs") / "empty.duckdb"
    contacts.open(path).close()
    return str(path)


def test_the_error_example_is_what_the_command_prints(db):
    shown = QUERY_LANGUAGE[QUERY_LANGUAGE.index("## Errors"):].split("```")[1].strip("\n").splitlines()
    query = shown[1]
    printed = CliRunner().invoke(app, ["query", query, "--db", db]).stderr.splitlines()
    assert printed == shown


def _table_examples() -> list[tuple[str, str]]:
    """(code, query) for each example in the last parentheses of a row of the error table."""
    found = []
    for codes, text in re.findall(r"^\| (E4\d\d(?: / E4\d\d)?) \| (.*) \|$", QUERY_LANGUAGE, re.M):
        examples = re.search(r"\(([^()]*`[^()]*)\)$", text)
        for group, code in zip(examples[1].split(";") if examples else [], codes.split(" / ")):
            found += [(code, query) for query in re.findall(r"`([^`]+)`", group)]
    return found


@pytest.mark.parametrize("code, query", _table_examples())
def test_each_example_of_the_error_table_gives_its_code(code, query):
    with pytest.raises(contacts.QueryError) as caught:
        contacts.compile(query)
    assert caught.value.code == code


def test_the_error_table_has_examples():
    assert {code for code, _ in _table_examples()} >= {"E401", "E403", "E409", "E411", "E412", "E414"}


def test_the_library_error_example():
    comment = re.search(r"print\(exc\)\s+# (.*)", LIBRARY)[1]
    with pytest.raises(contacts.QueryError) as caught:
        contacts.compile("count calls Xi -> Putn")
    assert str(caught.value) == comment and caught.value.code == re.search(r"exc\.code\s+# '(E\d+)'", LIBRARY)[1]


ANNOTATION = (ROOT / "docs" / "annotation.md").read_text("utf-8")


def test_the_annotation_guide_examples_score_as_it_says():
    import json
    from contacts.evaluate import Scorer
    gold = [json.loads(line) for line in ANNOTATION.split("```json")[1].split("```")[0].strip().splitlines()]
    call = dict(gold[0])
    predicted = [{**call, "who": "Zelenskyy", "whom": "Xi", "date": "2023-04"},          # spelling, order, precision
                 {**call, "article": "007.txt"},                                        # an article with no contact
                 {**call, "who": "People's Republic of China", "whom": "Ukraine"}]       # a state: country level only
    scores = Scorer().score(gold, predicted)
    assert [(s.tp, s.fp, s.fn) for s in scores.values()] == [(1, 2, 0), (1, 2, 0), (1, 2, 0)]
    states = Scorer().score([{**call, "who": "China", "whom": "Ukraine"}],
                            [{**call, "who": "People's Republic of China", "whom": "Ukraine"}])
    assert states["strict"].tp == 1


PICTURES = (ROOT / "docs" / "pictures.md").read_text("utf-8")


def _picture_rows() -> list[tuple[str, str]]:
    """(query, chart kind) for each row of the table of docs/pictures.md."""
    return re.findall(r"^\| `([^`]+)` \| (\w+)", PICTURES, re.M)


@pytest.mark.parametrize("query, kind", _picture_rows())
def test_each_query_of_the_pictures_table_makes_its_chart(seeds_store, query, kind):
    from contacts.plots.shapes import shape_of
    assert shape_of(seeds_store.query(query)).kind == kind.replace("timeline split", "timeline")


def test_the_pictures_table_has_every_chart():
    assert {kind for _, kind in _picture_rows()} == {"timeline", "bars", "compare", "strip", "tallies"}


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, re.S)


def test_the_pictures_commands_and_code_run(seeds_store, tmp_path, monkeypatch):
    """Every command of docs/pictures.md's sh blocks (but the install), then its Python."""
    import shlex
    pytest.importorskip("matplotlib")
    pytest.importorskip("networkx")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "queries").symlink_to(ROOT / "queries")
    db = tmp_path / "seeds.duckdb"
    with contacts.open(db) as store:
        store.ingest([ROOT / "seeds"])
    for block in re.findall(r"```sh\n(.*?)```", PICTURES, re.S):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words[0] == "pip":
                continue
            target = words[words.index(">") + 1] if ">" in words else None
            words = words[:words.index(">")] if target else words
            done = CliRunner().invoke(app, [*words[1:], "--db", str(db)])
            assert done.exit_code == 0, (line, done.output)
            if target:
                (tmp_path / target).write_text(done.stdout)
    assert {p.name for p in tmp_path.iterdir()} >= {"partners.png", "china-2.svg", "china-network.png",
                                                    "contacts.graphml", "contacts.gexf"}
    for code in _python_blocks(PICTURES):
        exec(code, {"store": seeds_store})
    assert (tmp_path / "china.pdf").read_bytes().startswith(b"%PDF") and (tmp_path / "visits.gexf").exists()


def test_the_library_chart_example_runs(seeds_store, tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    pytest.importorskip("networkx")
    monkeypatch.chdir(tmp_path)
    code = _python_blocks(LIBRARY[LIBRARY.index("## A chart"):])[0]
    exec(code, {"store": seeds_store})
    assert (tmp_path / "china.png").stat().st_size > 5_000 and (tmp_path / "china-network.png").exists()


def test_the_readme_pictures_are_made_by_the_script_it_names(tmp_path):
    """docs/pictures/make.sh, with a few generated articles instead of 3,000."""
    import os
    import subprocess
    import sys
    pytest.importorskip("matplotlib")
    pytest.importorskip("networkx")
    environment = {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}:/usr/bin:/bin"}
    done = subprocess.run(["bash", "docs/pictures/make.sh", "40", str(tmp_path)], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for name in ("modes-by-year.png", "china-network.png"):
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")
        assert f"docs/pictures/{name}" in (ROOT / "README.md").read_text("utf-8")
