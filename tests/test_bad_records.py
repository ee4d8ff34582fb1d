"""One bad record never costs the good ones (issue 28, item 1): whatever fails in reading or
extracting one record becomes that record's one-line error (file and line), and every good
article of the same ingest, and of the same batch, is stored."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import contacts
from contacts.read import ReadOptions, read_paths

CONTACTS = str(Path(sys.executable).parent / "contacts")
N_GOOD = 40          # more than the articles extracted in-process: the rest go to workers

# (JSON Lines record, a fragment of its error)
BAD_RECORDS = [
    ('{"text": "Xi called Putin.", "title": 5}', '"title" must be a string, not a number'),
    ('{"text": "Xi called Putin.", "title": {"a": 1}}', '"title" must be a string, not an object'),
    ('{"text": "Xi called Putin.", "source": [1]}', '"source" must be a string, not a list'),
    ('{"text": "Xi called Putin.", "url": 7}', '"url" must be a string'),
    ('{"text": "Xi called Putin.", "published": ["2023-01-01"]}', '"published" must be a "YYYY-MM-DD" string'),
    ('{"text": "Xi called Putin.", "published": 20230101}', '"published" must be a "YYYY-MM-DD" string'),
    ('{"text": "Xi called \\ud800 Putin."}', "unpaired surrogate"),
    ('{"text": "Xi called Putin.", "title": "a\\u0000b"}', "unpaired surrogate (\\ud800-\\udfff) or a NUL"),
    ('{"text": "Xi called Putin.", "id": true}', '"id" must be a string or an integer'),
    ("[" * 100_000 + "]" * 100_000, "not JSON"),
    ('{"text": "Xi called Putin.", "n": ' + "9" * 5000 + "}", "not JSON"),
    ('{"text": "Xi called Putin.", "published": "2023-02-30"}', "not a real YYYY-MM-DD date"),
]


def good_text(n: int) -> str:
    return (f"---\npublished: 2023-04-{n % 28 + 1:02d}\n---\nXi Jinping held a phone call with Vladimir Putin "
            f"on Monday, the Kremlin said. The agency's reference for this report is {n}.\n")


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for n in range(N_GOOD):
        (d / f"good{n:03d}.txt").write_text(good_text(n), "utf-8")
    lines = [record for record, _ in BAD_RECORDS]
    lines.insert(3, json.dumps({"text": "Emmanuel Macron met Olaf Scholz in Berlin on Tuesday.",
                                "published": "2023-05-02"}))       # a good record among the bad
    (d / "mixed.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (d / "odd16.txt").write_bytes("Xi met Putin.".encode("utf-16") + b"\x00")            # odd byte count
    (d / "surrogate16.txt").write_bytes(b"\xff\xfe" + "Xi met ".encode("utf-16-le") + b"\x00\xd8" +
                                        "Putin.".encode("utf-16-le"))                   # unpaired surrogate
    # dates the extractor cannot anchor: year 1 with "last year" (a worker extracts it)
    (d / "zz_year_one.txt").write_text("---\npublished: 0001-01-01\n---\nXi Jinping called Vladimir Putin "
                                       "last year, the Kremlin said.\n", "utf-8")
    return d


def ingest(*args) -> subprocess.CompletedProcess:
    return subprocess.run([CONTACTS, "ingest", *map(str, args)], capture_output=True, text=True, timeout=300)


def test_every_good_article_is_stored_and_each_bad_record_named(folder, tmp_path):
    db = tmp_path / "s.duckdb"
    run = ingest(folder, "--db", db, "--quiet")
    assert "Traceback" not in run.stderr + run.stdout
    errors = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(BAD_RECORDS) + 3, run.stderr
    assert len(errors) == len(run.stderr.splitlines())                     # one line each, nothing else
    for n, (_, fragment) in enumerate(BAD_RECORDS):
        line = n + 1 if n < 3 else n + 2                                   # the good record is line 4
        assert any(f"mixed.jsonl:{line}: " in e and fragment in e for e in errors), (line, fragment, errors)
    assert any("odd16.txt" in e and "not UTF-16 text" in e for e in errors)
    assert any("surrogate16.txt" in e and "not UTF-16 text" in e for e in errors)
    assert any("zz_year_one.txt" in e and "extractor failed" in e for e in errors)
    assert run.returncode == 1
    with contacts.open(db, read_only=True) as store:
        assert store.stats()["articles"] == N_GOOD + 1
    again = ingest(folder, "--db", db, "--quiet")                          # a rerun stores nothing twice
    assert f"0 new, {N_GOOD + 1} unchanged" in again.stdout and "Traceback" not in again.stderr


def test_an_extractor_fault_costs_only_its_article():
    with contacts.open() as store:
        report = store.ingest([contacts.Article(text="Xi Jinping called Vladimir Putin last year.", name="old",
                                                published=date(1, 1, 1)),
                               contacts.Article(text="Xi Jinping called Vladimir Putin on Monday.", name="new",
                                                published=date(2023, 4, 26))], workers=1)
        assert (report.new, report.failed) == (1, 1)
        assert report.errors[0].startswith("old: the extractor failed on this article")


@pytest.mark.parametrize("published", ["9999-12-31", "2999-01-01"])
def test_published_in_the_future_is_refused(tmp_path, published):
    f = tmp_path / "a.txt"
    f.write_text("Xi Jinping called Vladimir Putin next year.\n", "utf-8")
    run = ingest(f, "--db", tmp_path / "s.duckdb", "--published", published)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [f"error: --published {published} is in the future "
                                       "(give the articles' publication date, YYYY-MM-DD)"]


def test_read_options_check_their_date():
    with pytest.raises(contacts.ContactsError, match="in the future"):
        ReadOptions(published=date(2030, 1, 1), today=date(2026, 1, 1))
    assert ReadOptions(published=date(2025, 1, 1), today=date(2026, 1, 1)).published == date(2025, 1, 1)


def test_a_record_read_alone_gives_its_line(tmp_path):
    f = tmp_path / "r.jsonl"
    f.write_text('{"text": "Xi met Putin.", "title": 5}\n{"text": "Xi met Putin again."}\n', "utf-8")
    bad, good = list(read_paths([f]))
    assert isinstance(bad, contacts.InputError) and bad.line == 1 and bad.path == str(f)
    assert good.text == "Xi met Putin again."
