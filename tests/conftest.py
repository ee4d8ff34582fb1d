from pathlib import Path

import pytest

import contacts

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def store():
    with contacts.open() as s:
        yield s


@pytest.fixture(scope="session")
def seeds_store():
    s = contacts.open()
    s.ingest([SEEDS])
    yield s
    s.close()


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite generated golden files (tests/golden/sql.txt) instead of comparing.")


def stage_rows(stage: str) -> list[list]:
    """The rows of tests/data/stages/<stage>.toml."""
    import tomllib
    return tomllib.loads((ROOT / "tests" / "data" / "stages" / f"{stage}.toml").read_text("utf-8"))["case"]


def stage_cases(stage: str, width: int) -> list:
    """A stage's cases as test parameters; a row with a reason after its `width`
    columns is a known gap, expected to fail (strictly, so a fix shows)."""
    return [pytest.param(*row[:width], marks=pytest.mark.xfail(reason=row[width], strict=True), id=row[0][:40])
            if len(row) > width else pytest.param(*row, id=row[0][:40]) for row in stage_rows(stage)]


def assert_answer(result, expected) -> None:
    """A query's answer against a table case: a number, or its rows in order (each holding the
    columns the case gives)."""
    if isinstance(expected, int):
        assert result.scalar == expected
        return
    rows = result.to_dicts()
    assert len(rows) == len(expected), rows
    for row, want in zip(rows, expected):
        assert {k: row[k] for k in want} == want, rows


def import_benchmark(module: str):
    """A module of benchmarks/ (not an installed package: found from the repository, whose other
    folders stay off the path so the installed `contacts` is the one tested)."""
    import importlib
    import sys
    sys.path.insert(0, str(ROOT))
    try:
        return importlib.import_module(f"benchmarks.{module}")
    finally:
        sys.path.remove(str(ROOT))
