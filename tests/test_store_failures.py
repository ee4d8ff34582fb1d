"""When the disk, the memory cap or the user stops an ingest (issue 28, item 3): one line
names the cause and what is stored, no traceback, the store stays consistent, and a rerun
finishes the job."""

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import contacts
from conftest import SEEDS
from test_kill import consistent

CONTACTS = str(Path(sys.executable).parent / "contacts")
N = 200


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for n in range(N):
        (folder / f"a{n:03d}.txt").write_text(
            f"---\npublished: 2023-04-{n % 28 + 1:02d}\n---\nXi Jinping held a phone call with Vladimir Putin on "
            f"Monday, the Kremlin said. Emmanuel Macron met Olaf Scholz in Berlin. Reference {n}. " +
            "Filler words about the economy and the weather. " * 100 + "\n", "utf-8")
    return folder


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "s.duckdb"
    with contacts.open(path) as store:
        store.ingest([SEEDS])
    return path


def ingest_with_files_of_at_most(limit: int, corpus: Path, db: Path) -> subprocess.CompletedProcess:
    """A full disk, as the process sees it: writes past `limit` bytes in any file fail (EFBIG)."""
    def cap() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return subprocess.run([CONTACTS, "ingest", str(corpus), "--db", str(db), "--quiet"], preexec_fn=cap,
                          capture_output=True, text=True, timeout=300)


def one_error_line(run: subprocess.CompletedProcess) -> str:
    assert run.returncode == 1 and "Traceback" not in run.stderr + run.stdout, run.stderr
    [line] = run.stderr.splitlines()
    assert line.startswith("error: ")
    return line


@pytest.mark.parametrize("limit", [300_000, 1_000_000])
def test_a_full_disk_at_commit_is_one_line_and_loses_nothing(corpus, db, limit):
    line = one_error_line(ingest_with_files_of_at_most(limit, corpus, db))
    assert "cannot commit" in line and "File too large" in line and "rerun to continue" in line
    stored = consistent(db)
    assert f"{stored - 2:,} articles stored by this ingest" in line or \
        (stored == 3 and "1 article stored" in line)
    rerun = subprocess.run([CONTACTS, "ingest", str(corpus), "--db", str(db), "--quiet"], capture_output=True,
                           text=True, timeout=300)
    assert rerun.returncode == 0 and consistent(db) == N + 2


def test_a_failing_final_checkpoint_is_one_line(corpus, db):
    run = ingest_with_files_of_at_most(db.stat().st_size + 600_000, corpus, db)   # the log fits, the file not
    line = one_error_line(run)
    assert "checkpoint after the ingest failed" in line and "articles are committed" in line
    assert consistent(db) == N + 2                         # the log is replayed on open


@pytest.mark.parametrize("after", [0.8, 1.6, 3.2])     # while workers start, extract, and store
def test_ctrl_c_stops_the_ingest_with_one_line(corpus, db, after):
    proc = subprocess.Popen([CONTACTS, "ingest", str(corpus), "--db", str(db), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(after)
    os.killpg(proc.pid, signal.SIGINT)                     # as a terminal does: the whole group
    out, err = proc.communicate(timeout=120)
    assert "Traceback" not in out + err, err
    if proc.returncode == 0:
        pytest.skip("the ingest finished before the interrupt")
    if not err:     # interrupted while starting (nothing stored), or while the finished ingest exits (all stored)
        assert proc.returncode in (130, -signal.SIGINT) and consistent(db) in (2, N + 2)
        return
    assert len(err.splitlines()) == 1, (proc.returncode, err, out)
    [line] = err.splitlines()
    assert line.startswith("error: ingest interrupted; ") and "rerun to continue" in line
    consistent(db)


def test_an_ingest_memory_of_zero_is_refused(tmp_path):
    run = subprocess.run([CONTACTS, "ingest", str(SEEDS), "--db", str(tmp_path / "s.duckdb")],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "CONTACTS_INGEST_MEMORY": "0MB"})
    assert one_error_line(run).startswith("error: CONTACTS_INGEST_MEMORY='0MB' is not a size of 1MB or more")
