"""Kill -9 an ingest at random points: every article is then either complete or absent,
and running the ingest again finishes the job with no duplicates."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import contacts
from conftest import SEEDS

CONTACTS = str(Path(sys.executable).parent / "contacts")
N_ARTICLES = 240
WITH_WORKERS = {**os.environ, "CONTACTS_WORKERS": "2"}      # fewer than 1,000 articles would run in one process


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Variants of the seed articles, each a different text (so a different article)."""
    folder = tmp_path_factory.mktemp("corpus")
    seeds = sorted(SEEDS.glob("*.txt"))
    for n in range(N_ARTICLES):
        text = seeds[n % len(seeds)].read_text("utf-8")
        (folder / f"a{n:03d}.txt").write_text(text + f"\nThe agency's reference for this report is {n}.\n", "utf-8")
    return folder


def consistent(db: Path) -> int:
    """Check the store's invariants; the number of articles stored."""
    try:
        store = contacts.open(db, read_only=True)
    except contacts.StoreError as exc:       # killed before the store was created: nothing in it
        assert not db.exists() or "not a contacts store" in str(exc) or "no store" in str(exc), str(exc)
        return 0
    with store:
        one = lambda sql: store.sql(sql)[1][0][0]  # noqa: E731
        assert one("SELECT count(*) FROM mentions m WHERE m.article NOT IN (SELECT id FROM articles)") == 0
        assert one("SELECT count(*) FROM evidence e WHERE e.mention NOT IN (SELECT id FROM mentions)") == 0
        assert one("SELECT count(*) FROM contact_sources s WHERE s.mention NOT IN (SELECT id FROM mentions)") == 0
        assert one("SELECT count(*) FROM contact_sources s WHERE s.contact NOT IN (SELECT id FROM contacts)") == 0
        assert one("SELECT count(*) FROM mentions m WHERE m.id NOT IN (SELECT mention FROM contact_sources)") == 0
        assert one("SELECT count(*) FROM tallies t WHERE t.article NOT IN (SELECT id FROM articles)") == 0
        # every stored article has its mentions: each seed variant has some
        assert one("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                   "(SELECT 1 FROM mentions m WHERE m.article = a.id)") == 0
        assert one("SELECT count(*) FROM contacts c WHERE c.n_sources <> (SELECT count(DISTINCT mm.article) "
                   "FROM contact_sources s JOIN mentions mm ON mm.id = s.mention WHERE s.contact = c.id)") == 0
        return one("SELECT count(*) FROM articles")


def contacts_of(db: Path) -> list:
    with contacts.open(db, read_only=True) as store:
        return sorted(store.sql("SELECT who, whom, mode, directed, date_start, date_end, status, n_sources "
                                "FROM contacts")[1], key=repr)


def test_kill_9_at_random_points_loses_nothing(corpus, tmp_path):
    reference = tmp_path / "reference.duckdb"
    subprocess.run([CONTACTS, "ingest", str(SEEDS), "--db", str(tmp_path / "warm.duckdb"), "-q"], check=True,
                   capture_output=True, timeout=600)        # warm caches, so the timing below is a warm run's
    started = time.perf_counter()
    subprocess.run([CONTACTS, "ingest", str(corpus), "--db", str(reference), "-q"], check=True,
                   capture_output=True, timeout=600, env=WITH_WORKERS)
    full = time.perf_counter() - started          # kill points are fractions of this, whatever the machine
    db = tmp_path / "killed.duckdb"
    rng = random.Random(20231)
    stored_counts, mid_ingest, scale = [], 0, 1.0
    for kill in range(8):      # commits come in a few batches: kill until some fell between them
        # with workers, whatever the size: batches are then stored while they extract
        process = subprocess.Popen([CONTACTS, "ingest", str(corpus), "--db", str(db), "-q"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=WITH_WORKERS)
        time.sleep(rng.uniform(0.5, 0.95) * full * scale)
        process.send_signal(signal.SIGKILL)
        process.wait()
        stored = consistent(db)
        assert stored >= (stored_counts[-1] if stored_counts else 0)    # nothing stored was lost
        stored_counts.append(stored)
        mid_ingest += 0 < stored < N_ARTICLES
        if stored == N_ARTICLES and not mid_ingest:     # finished before the kill: start over, kill sooner
            for leftover in tmp_path.glob("killed.duckdb*"):
                leftover.unlink()
            stored_counts, scale = [], scale / 2
        elif stored == 0:                                # killed before the first commit: kill later
            scale = min(scale * 1.5, 1.0)
        if mid_ingest >= 2 and kill >= 4:
            break
    subprocess.run([CONTACTS, "ingest", str(corpus), "--db", str(db), "-q"], check=True, capture_output=True,
                   timeout=600)
    assert consistent(db) == N_ARTICLES
    assert contacts_of(db) == contacts_of(reference)
    assert mid_ingest, stored_counts                       # kills fell mid-ingest
    time.sleep(1.5)
    orphans = subprocess.run(["pgrep", "-f", "multiprocessing.spawn.*"], capture_output=True, text=True).stdout
    assert not orphans.split(), "extraction workers outlived their killed ingest"


def test_a_second_writer_is_told_the_store_is_in_use(tmp_path):
    db = tmp_path / "busy.duckdb"
    contacts.open(db).close()
    holder = subprocess.Popen([sys.executable, "-c", "import contacts, time; s = contacts.open(%r); "
                               "print('open', flush=True); time.sleep(30)" % str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        run = subprocess.run([CONTACTS, "ingest", str(SEEDS), "--db", str(db)], capture_output=True, text=True,
                             timeout=60)
        assert run.returncode == 1
        assert run.stderr.startswith(f"error: store {db} is in use by another process")
        assert "Traceback" not in run.stderr
        reader = subprocess.run([CONTACTS, "stats", "--db", str(db)], capture_output=True, text=True, timeout=60)
        assert reader.returncode == 1 and "in use" in reader.stderr       # DuckDB: no reader beside a writer
    finally:
        holder.kill()
        holder.wait()
