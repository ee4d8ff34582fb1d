"""Golden fixtures of the query language (sqlglot style):
query → canonical text, query → SQL + parameters, bad query → error code and spot."""

import json
from datetime import date
from pathlib import Path

import pytest

from contacts.errors import QueryError
from contacts.query import QueryActors, compile, parse, to_text
from contacts.query import errors as E

GOLDEN = Path(__file__).parent / "golden"
NOW = date(2023, 4, 26)
PARAMS = {"leader": "Xi", "since": "2022-02", "who": "Putin", "n": 3, "outlet": "CNN"}
# Actors a store could hold beyond the knowledge base (the extractor adds such).
ACTORS = QueryActors(extra=[("x-obrien", "O'Brien", "person", "IRL", []),
                            ("x-lavrov", 'Sergei "Sergey" Lavrov', "person", "RUS", []),
                            ("x-calls", "Calls", "person", "GBR", []), ("x-in", "in", "person", "GBR", []),
                            ("x-new-york", "New York", "state", "USA", [])])


def _canonical_cases() -> list[tuple[str, str]]:
    lines = [ln for ln in (GOLDEN / "queries.txt").read_text("utf-8").splitlines() if not ln.startswith("#")]
    cases, pending = [], None
    for line in lines:
        if line.startswith("=> "):
            cases.append((pending, line[3:]))
            pending = None
        elif line.strip():
            pending = line
    return cases


def _error_cases() -> list[tuple[str, str, str]]:
    cases = []
    for line in (GOLDEN / "errors.txt").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        head, _, query = line.partition(" | ")
        code, _, spot = head.strip().partition(" ")
        cases.append((query.replace("\\n", "\n"), code, spot))
    return cases


CANONICAL = _canonical_cases()
ERRORS = _error_cases()


def test_there_are_enough_golden_cases():
    assert len(CANONICAL) >= 80 and len(ERRORS) >= 40


@pytest.mark.parametrize("query, canonical", CANONICAL, ids=[c[0] for c in CANONICAL])
def test_canonical_form_and_round_trip(query, canonical):
    ast = parse(query)
    assert to_text(ast) == canonical
    assert parse(canonical) == ast
    assert to_text(parse(canonical)) == canonical


@pytest.mark.parametrize("query, code, spot", ERRORS, ids=[c[0] or "<empty>" for c in ERRORS])
def test_bad_query_gives_its_error(query, code, spot):
    with pytest.raises(QueryError) as caught:
        compile(query, now=NOW, params={})
    err = caught.value
    assert err.code == code, str(err)
    assert (f"{err.line}:{err.column}" if err.line else "") == spot, str(err)
    assert str(err) and "\n" not in str(err)
    if spot:
        assert err.caret().splitlines()[1].index("^") == err.column - 1


@pytest.mark.parametrize("problem", E.SYNTAX_PROBLEMS, ids=[p.message for p in E.SYNTAX_PROBLEMS])
def test_every_example_of_the_syntax_table_gets_its_message(problem):
    for example in problem.examples:
        with pytest.raises(QueryError) as caught:
            parse(example)
        assert caught.value.message == problem.message, f"{example!r}: {caught.value}"


# ---- query → SQL + parameters (generated; review the diff when it changes) ----
def _sql_block(query: str) -> str:
    compiled = compile(query, now=NOW, params=PARAMS, actors=ACTORS, unused_params=True)
    return f"query: {query}\n{compiled.sql}\nparams: {json.dumps(compiled.params, default=str, ensure_ascii=False)}\n"


def _read_sql_golden() -> dict[str, str]:
    text = (GOLDEN / "sql.txt").read_text("utf-8") if (GOLDEN / "sql.txt").exists() else ""
    blocks = [b for b in text.split("\n----\n") if b.strip()]
    return {b.splitlines()[0][len("query: "):]: b.rstrip("\n") + "\n" for b in blocks}


def test_sql_golden(request):
    expected = {q: _sql_block(q) for q, _ in CANONICAL}
    if request.config.getoption("--update-golden"):
        (GOLDEN / "sql.txt").write_text("\n----\n".join(expected.values()), "utf-8")
        pytest.skip("sql.txt rewritten")
    golden = _read_sql_golden()
    assert set(golden) == set(expected), "run: pytest tests/test_query_golden.py --update-golden"
    for query, block in expected.items():
        assert golden[query] == block, query


@pytest.mark.parametrize("query", [q for q, _ in CANONICAL])
def test_no_value_is_pasted_into_sql(query):
    compiled = compile(query, now=NOW, params=PARAMS, actors=ACTORS, unused_params=True)
    sql = compiled.sql.lower()
    for value in compiled.params.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                assert f"'{item.lower()}'" not in sql, item     # values are $parameters, never literals
