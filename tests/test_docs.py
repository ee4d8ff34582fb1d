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
