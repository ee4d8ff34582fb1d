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
