"""Reading each input format, and refusing bad input clearly."""

from datetime import date

import pytest

from contacts.errors import InputError
from contacts.models import Article
from contacts.read import ReadOptions, read_paths

from conftest import ROOT, SEEDS

FORMATS = ROOT / "tests" / "data" / "formats"


def _read(paths, **kw):
    return list(read_paths(paths, ReadOptions(**kw)))


def test_front_matter_seeds():
    articles = _read([SEEDS])
    assert [a.name for a in articles] == ["000_ce2cafdec42ce531.txt", "003_65be4346e1c38f0e.txt"]
    assert all(a.published == date(2023, 4, 26) for a in articles)
    assert [a.source for a in articles] == [None, "CNN"]   # the first outlet is unknown
    assert not articles[0].text.startswith("---")


def test_plain_text_takes_published_and_source_from_options():
    [a] = _read([FORMATS / "plain.txt"], published=date(2023, 5, 2), source="Wire")
    assert (a.published, a.source) == (date(2023, 5, 2), "Wire")


def test_jsonl_keeps_good_lines_and_names_the_bad_one():
    items = _read([FORMATS / "wire.jsonl"])
    good = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, InputError)]
    assert [a.name for a in good] == ["wire-1", "wire-2"]
    assert len(bad) == 1 and bad[0].line == 2 and "not JSON" in str(bad[0])


def test_html_main_text_is_extracted():
    [a] = _read([FORMATS / "page.html"], published=date(2023, 8, 4))
    assert "spoke by phone with Russian President" in a.text
    assert "Copyright" not in a.text and "Home | World" not in a.text


def test_glob_and_directory_expand():
    assert len(_read([str(SEEDS / "*.txt")])) == 2
    assert len(_read([FORMATS])) == 5   # plain, html, 2 good jsonl lines, 1 bad line


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"\x00\x01\x02binary", "binary file"),
    ("Caf\u00e9 in Z\u00fcrich".encode("latin-1"), "not UTF-8"),
    (b"---\npublished: 2023-02-30\n---\nText.", "not a real YYYY-MM-DD date"),
    (b"---\npublished: 2999-01-01\n---\nText.", "in the future"),
    (b"---\npublished 2023-01-01\n---\nText.", "is not 'key: value'"),
    (b"---\ntitle: never closed\n", "never closed"),
    (b"---\ntitle: t\nText without a colon.", "bad.txt:3"),
])
def test_bad_files_give_one_clear_error(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    [err] = _read([f])
    assert isinstance(err, InputError) and message in str(err) and "bad.txt" in str(err)


def test_utf16_with_bom_is_decoded(tmp_path):
    f = tmp_path / "u16.txt"
    f.write_bytes("---\npublished: 2023-01-02\n---\nXi met Putin.".encode("utf-16"))
    [a] = _read([f])
    assert a.text.strip() == "Xi met Putin." and a.published == date(2023, 1, 2)


def test_missing_path_is_an_error():
    [err] = _read(["/no/such/file.txt"])
    assert "no such file" in str(err)


def test_article_id_ignores_whitespace_differences():
    assert Article(text="Xi  met\nPutin.", name="a").id == Article(text="Xi met Putin. ", name="b").id


def test_article_id_is_stable():
    """Stored articles are known by this id: computing it differently must not change it."""
    text = "Xi\u00a0met\tPutin\u2009in Moscow.\x1c\n\nCafe\u0301  talks. "
    assert Article(text=text, name="a").id == "78635d8344da07dd"
