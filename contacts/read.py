"""Reading article files: front matter text, plain text, JSON Lines, HTML.

`read_paths` expands files, directories (recursively) and globs, and yields
for each article either an `Article` or the `InputError` that says why that
one could not be read, so one bad file never stops the others.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from contacts.errors import FrontMatterError, InputError
from contacts.models import Article

TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
FRONT_MATTER_KEYS = {"title", "source", "url", "published"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """What the command line may add to articles that do not say it themselves."""

    published: date | None = None
    source: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    today: date | None = None  # for the "published in the future" check


def expand(paths: list[str | Path]) -> Iterator[Path | InputError]:
    """Files named, files below directories (sorted), and glob matches."""
    for raw in paths:
        path = Path(raw)
        if any(ch in str(raw) for ch in "*?[") and not path.exists():
            matches = sorted(glob.glob(str(raw), recursive=True))
            if not matches:
                yield InputError(str(raw), "no file matches this pattern")
            yield from (Path(m) for m in matches if Path(m).is_file())
        elif path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            yield InputError(str(raw), "no such file or directory")


def _walk(folder: Path) -> Iterator[Path | InputError]:
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        stat = os.stat(root)
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop
            yield InputError(root, "directory visited twice (symlink loop); skipped")
            dirs.clear()
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs.sort()
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in KNOWN_SUFFIXES:
                yield Path(root) / name


def read_paths(paths: list[str | Path], options: ReadOptions = ReadOptions()) -> Iterator[Article | InputError]:
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield from read_file(item, options)
        except InputError as exc:
            yield exc


def read_file(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[Article | InputError]:
    """The article(s) in one file; JSON Lines yields errors for its bad lines."""
    text = decode(path, _read_bytes(path, options.max_bytes))
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, text, options)
    elif suffix in HTML_SUFFIXES:
        yield _read_html(path, text, options)
    else:
        yield _read_text(path, text, options)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if path.is_dir():
        raise InputError(str(path), "is a directory, not a file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), f"file is {size // 1_000_000} MB, over the {max_bytes // 1_000_000} MB limit",
                             hint="split it, or raise the limit with --max-mb")
        return path.read_bytes()
    except PermissionError:
        raise InputError(str(path), "permission denied", hint="check the file's permissions") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def decode(path: Path, data: bytes) -> str:
    """UTF-8 (BOM or not) or UTF-16 with a BOM; anything else is refused, never guessed."""
    if not data.strip():
        raise InputError(str(path), "empty file", hint="remove it or give it an article's text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise InputError(str(path), "binary file, not text", hint="give articles as UTF-8 text, JSON Lines or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(str(path), "not UTF-8 text", line=line,
                         hint="convert it, e.g. iconv -f latin1 -t utf-8") from None


def _published(value: str, where: str, line: int | None, options: ReadOptions) -> date:
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise FrontMatterError(where, f"published date {value!r} is not a real YYYY-MM-DD date", line=line) from None
    if day > (options.today or date.today()):
        raise FrontMatterError(where, f"published date {day} is in the future", line=line,
                               hint="check the year; publication dates anchor every relative date")
    return day


def parse_front_matter(path: Path, text: str, options: ReadOptions) -> tuple[dict, str]:
    """Split `---` front matter from the body. Returns (fields, body)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, text
    fields: dict = {}
    for n, line in enumerate(lines[1:], start=2):
        stripped = line.strip()
        if stripped == "---":
            return fields, "".join(lines[n:])
        if not stripped or stripped.startswith("#"):
            continue
        key, sep, value = stripped.partition(":")
        key = key.strip().lower()
        if not sep or key not in FRONT_MATTER_KEYS:
            raise FrontMatterError(str(path), f"front matter line {stripped[:40]!r} is not 'key: value' with a key of "
                                   f"{', '.join(sorted(FRONT_MATTER_KEYS))}", line=n)
        value = value.split(" #", 1)[0].strip().strip('"').strip("'")
        if value:
            fields[key] = _published(value, str(path), n, options) if key == "published" else value
    raise FrontMatterError(str(path), "front matter opened with '---' is never closed", line=1,
                           hint="add a '---' line after the last field")


def _read_text(path: Path, text: str, options: ReadOptions) -> Article:
    fields, body = parse_front_matter(path, text, options)
    if not body.strip():
        raise InputError(str(path), "no article text after the front matter")
    return Article(text=body, name=path.name, path=str(path), title=fields.get("title"),
                   source=fields.get("source") or options.source, url=fields.get("url"),
                   published=fields.get("published") or options.published)


def _read_jsonl(path: Path, text: str, options: ReadOptions) -> Iterator[Article | InputError]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(str(path), f"not JSON ({exc.msg})", line=n)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            yield InputError(str(path), "a JSON Lines article needs a non-empty \"text\" field", line=n)
            continue
        try:
            published = _published(record["published"][:10], str(path), n, options) if record.get("published") \
                else options.published
        except (InputError, TypeError) as exc:
            yield exc if isinstance(exc, InputError) else InputError(str(path), "published must be a string", line=n)
            continue
        yield Article(text=record["text"], name=str(record.get("id") or f"{path.name}:{n}"), path=f"{path}:{n}",
                      title=record.get("title"), source=record.get("source") or options.source,
                      url=record.get("url"), published=published)


MIN_HTML_WORDS = 10


def _read_html(path: Path, html: str, options: ReadOptions) -> Article:
    import trafilatura  # slow to import: only when there is HTML to read

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_HTML_WORDS:     # menus and login pages leave a few words
        raise InputError(str(path), "no article text found in this HTML page",
                         hint="save the article page itself, not an index or a login page")
    published = options.published
    if getattr(doc, "date", None):
        try:
            published = _published(doc.date[:10], str(path), None, options)
        except InputError:
            published = options.published
    return Article(text=text, name=path.name, path=str(path), title=getattr(doc, "title", None),
                   source=options.source or getattr(doc, "sitename", None), url=getattr(doc, "url", None),
                   published=published)
