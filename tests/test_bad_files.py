"""Files that are not what they seem (issue 28, items 4, 5 and 9): folders that cannot be
listed are named, pipes and devices are never read, the size limit counts the bytes read,
and encodings and front matter are read as written or refused, never half-read."""

import os
from datetime import date
from pathlib import Path

import pytest

from contacts.errors import InputError
from contacts.models import Article
from contacts.read import ReadOptions, read_paths

TODAY = ReadOptions(today=date(2026, 1, 1))
TEXT = "Xi Jinping called Vladimir Putin on Monday, the Kremlin said.\n"


def read(*paths, options=TODAY) -> list:
    return list(read_paths(list(paths), options))


def test_a_folder_that_cannot_be_listed_is_named(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(TEXT)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(TEXT)
    scandir = os.scandir

    def refuse(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)
    monkeypatch.setattr(os, "scandir", refuse)
    found = read(tmp_path)
    errors = [f for f in found if isinstance(f, InputError)]
    assert [str(e) for e in errors] == [f"{locked}: permission denied; the folder's files were skipped "
                                        "(check the folder's permissions)"]
    assert [a.name for a in found if isinstance(a, Article)] == ["ok.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists every folder")
def test_an_unreadable_folder_for_real(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert any(isinstance(f, InputError) and "locked" in str(f) for f in read(tmp_path))
    finally:
        locked.chmod(0o755)


def test_a_fifo_is_skipped_not_read(tmp_path):
    os.mkfifo(tmp_path / "a.txt")                    # opening it to read would wait forever
    (tmp_path / "b.txt").write_text(TEXT)
    found = read(tmp_path)
    assert isinstance(found[0], InputError) and "a named pipe (FIFO), not a regular file" in str(found[0])
    assert found[1].name == "b.txt"
    [named] = read(tmp_path / "a.txt")               # named on the command line, too
    assert isinstance(named, InputError)


def test_a_link_to_a_device_is_not_read(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")  # reports a size of 0 and never ends
    [err] = read(tmp_path)
    assert isinstance(err, InputError) and "character device" in str(err)


def test_the_size_limit_counts_bytes_read(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_text(TEXT * 1000)
    real_stat = Path.stat

    def lying_stat(self, **kw):                      # as /proc files do: a size of 0
        info = real_stat(self, **kw)
        if self == big:
            return os.stat_result((info.st_mode, *info[1:6], 0, *info[7:]))
        return info
    monkeypatch.setattr(Path, "stat", lying_stat)
    [err] = read(big, options=ReadOptions(max_bytes=10_000, today=date(2026, 1, 1)))
    assert isinstance(err, InputError) and "over the" in str(err)


@pytest.mark.parametrize("data, message", [
    (b"\xff\xfe\x00\x00" + "---\npublished: 2023-04-26\n---\nXi met Putin.\n".encode("utf-32-le"), None),
    (b"\x00\x00\xfe\xff" + "---\npublished: 2023-04-26\n---\nXi met Putin.\n".encode("utf-32-be"), None),
    (b"\xff\xfe" + b"\x00" * 40, "not UTF-32 text"),                       # a BOM and NULs: UTF-32's BOM
    (b"\xff\xfeX\x00" + b"\x00" * 40, "binary file"),                       # UTF-16's, then NULs
    (b"\xff\xfe" + "Xi met Putin.\x00".encode("utf-16-le"), "binary file"),
    (TEXT.encode() * 200 + b"\x00tail", "binary file"),                    # a NUL past the first 8 KB
    ("Xi met Putin.".encode("utf-16") + b"\x00", "not UTF-16 text"),       # odd byte count
    (b"\xff\xfe" + b"\x00\xdc" + "Putin".encode("utf-16-le"), "not UTF-16 text"),
    (b"\xff\xfe\x00\x00" + b"\x00\x00\x11\x00", "not UTF-32 text"),        # past U+10FFFF
])
def test_encodings(tmp_path, data, message):
    f = tmp_path / "e.txt"
    f.write_bytes(data)
    [got] = read(f)
    if message is None:
        assert isinstance(got, Article), got
        assert got.published == date(2023, 4, 26) and got.text == "Xi met Putin.\n"
    else:
        assert isinstance(got, InputError) and message in str(got), got


@pytest.mark.parametrize("text, title, published", [
    ("\n\n---\ntitle: T\npublished: 2023-04-26\n---\nXi met Putin.\n", "T", date(2023, 4, 26)),
    ("+++\ntitle = \"T\"\npublished = 2023-04-26\n+++\nXi met Putin.\n", "T", date(2023, 4, 26)),
    ("\n+++\ntitle = \"T\"\npublished = \"2023-04-26\"\n+++\nXi met Putin.\n", "T", date(2023, 4, 26)),
    ("---\ntitle: A #1 story\npublished: 2023-04-26 # checked\n---\nXi met Putin.\n", "A #1 story",
     date(2023, 4, 26)),
    ("---\ntitle: \"Quoted: yes\"\n---\nXi met Putin.\n", "Quoted: yes", None),
])
def test_front_matter(tmp_path, text, title, published):
    f = tmp_path / "f.txt"
    f.write_text(text)
    [got] = read(f)
    assert isinstance(got, Article), got
    assert (got.title, got.published, got.text) == (title, published, "Xi met Putin.\n")


@pytest.mark.parametrize("text, message", [
    ("+++\ntitle = \"T\"\nXi met Putin.\n", "f.txt:1: front matter opened with '+++' is never closed"),
    ("+++\ntitle = T\n+++\nXi met Putin.\n", "f.txt:1: TOML front matter"),
    ("+++\nauthor = \"me\"\n+++\nXi met Putin.\n", "key 'author' is not one of"),
    ("+++\ntitle = 5\n+++\nXi met Putin.\n", "front matter title must be text, not int"),
    ("+++\npublished = 2999-01-01\n+++\nXi met Putin.\n", "in the future"),
])
def test_bad_toml_front_matter(tmp_path, text, message):
    f = tmp_path / "f.txt"
    f.write_text(text)
    [got] = read(f)
    assert isinstance(got, InputError) and message in str(got), got
