"""The examples of docs/query-language.md run over the seeds' store and print what the docs show.

An example is a fenced block whose info string is `example`: a line `> QUERY` (today is
2023-04-26, the seeds' publication date), then the answer as CSV (a count as its number).
"""

import re
from datetime import date

import pytest

from contacts.output import render
from conftest import ROOT

DOC = (ROOT / "docs" / "query-language.md").read_text("utf-8")
NOW = date(2023, 4, 26)


def _examples() -> list[tuple[str, str]]:
    found = []
    for block in re.findall(r"```example\n(.*?)```", DOC, re.S):
        lines = block.rstrip("\n").split("\n")
        assert lines[0].startswith("> "), block
        found.append((lines[0][2:], "\n".join(lines[1:])))
    return found


EXAMPLES = _examples()


def test_the_docs_have_examples():
    assert len(EXAMPLES) >= 15


@pytest.mark.parametrize("query, shown", EXAMPLES, ids=[q for q, _ in EXAMPLES])
def test_the_example_prints_what_the_docs_show(seeds_store, query, shown):
    result = seeds_store.query(query, now=NOW)
    printed = render(result.columns, result.records, "table" if result.scalar_query else "csv",
                     scalar=result.scalar_query)
    assert printed == shown


def _table_queries() -> list[str]:
    section = DOC.split("## Questions and the queries that answer them", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if re.match(r"\| \d+ \|", line)]
    return [q for row in rows for q in re.findall(r"`([^`]+)`", row.split("|")[3])]


QUESTIONS = _table_queries()


def test_the_table_of_questions_is_whole():
    assert len(QUESTIONS) >= 35


@pytest.mark.parametrize("query", QUESTIONS)
def test_each_question_of_the_table_compiles_and_runs(seeds_store, query):
    seeds_store.query(query, now=NOW)
