"""The compiled extractor (CONTACTS_COMPILE=1, setup.py) is the same extractor: mypyc compiles by
the annotations and checks them at run time, so an annotation that lies is a TypeError that only
the compiled build raises. Built once per source version (benchmarks/compiled.py, a few minutes on
2 cores); skipped where there is no C compiler, as the build then installs pure Python."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS, SHARED, import_benchmark

pytestmark = pytest.mark.skipif(not (shutil.which("cc") or shutil.which("gcc")), reason="no C compiler")

ARTICLES = [SEEDS, ROOT / "tests" / "data" / "corpus" / "articles", SHARED / "dev" / "articles"]
EXTRACT = """
import json, sys
from pathlib import Path
from benchmarks.compiled import is_compiled
from contacts.extract.pipeline import contract_lines, extract
from contacts.kb import default
from contacts.read import ReadOptions, read_paths
assert is_compiled() == (sys.argv[1] == "compiled"), "not the build asked for"
kb = default()
paths = [Path(p) for p in sys.argv[2:] if Path(p).exists()]
for article in read_paths(paths, ReadOptions()):
    for line in contract_lines(extract(article, kb), kb):
        print(line.model_dump_json())
"""


@pytest.fixture(scope="module")
def compiled_environment():
    compiled = import_benchmark("compiled")
    return compiled.environment(compiled.tree())


def _extract(environment: dict | None) -> list[dict]:
    build = "compiled" if environment else "source"
    done = subprocess.run([sys.executable, "-P", "-c", EXTRACT, build, *map(str, ARTICLES)], capture_output=True,
                          text=True, env=environment or {**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_the_compiled_extractor_finds_what_the_source_finds(compiled_environment):
    source = _extract(None)
    assert source, "no contacts extracted: the comparison would prove nothing"
    assert _extract(compiled_environment) == source


def test_the_stage_tables_pass_on_the_compiled_extractor(compiled_environment):
    tables = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_stage_*.py"))
    done = subprocess.run([sys.executable, "-P", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_extract_sentences.py", *tables], capture_output=True, text=True,
                          env={**compiled_environment, "PYTHONPATH": compiled_environment["PYTHONPATH"]
                               + os.pathsep + str(ROOT / "tests")}, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:]
