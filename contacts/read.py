"""Reading article files: front matter text, plain text, JSON Lines, HTML.

`read_paths` expands files, directories (recursively) and globs, and yields
for each article either an `Article` or the `InputError` that says why that
one could not be read, so one bad file never stops the others.
"""

from __future__ import annotations

import glob
import json
import os
import stat
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from contacts.errors import ContactsError, FrontMatterError, InputError
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

    def __post_init__(self) -> None:
        # The date anchors every relative date of the articles that take it: a date in the
        # future would date their contacts there (and "next year" past the calendar's end).
        if self.published and self.published > (self.today or date.today()):
            raise ContactsError(f"--published {self.published} is in the future",
                                hint="give the articles' publication date, YYYY-MM-DD")
        if self.max_bytes <= 0:
            raise ContactsError(f"the size limit must be positive, not {self.max_bytes} bytes",
                                hint="give --max-mb 1 or more")


def expand(paths: list[str | Path]) -> Iterator[Path | InputError]:
    """Files named, files below directories (sorted), and glob matches."""
    for raw in paths:
        path = Path(raw)
        if any(ch in str(raw) for ch in "*?[") and not path.exists():
            matches = sorted(glob.glob(str(raw), recursive=True))
            if not matches:
                yield InputError(str(raw), "no file matches this pattern")
            yield from (Path(m) for m in matches if not Path(m).is_dir())
        elif path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            yield InputError(str(raw), "no such file or directory")


def _walk(folder: Path) -> Iterator[Path | InputError]:
    seen: set[tuple[int, int]] = set()
    unreadable: list[OSError] = []           # os.walk skips a folder it cannot list unless told
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=unreadable.append):
        yield from (_walk_error(exc) for exc in unreadable)
        unreadable.clear()
        info = os.stat(root)
        if (info.st_dev, info.st_ino) in seen:  # a symlink loop
            yield InputError(root, "directory visited twice (symlink loop); skipped")
            dirs.clear()
            continue
        seen.add((info.st_dev, info.st_ino))
        dirs.sort()
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in KNOWN_SUFFIXES:
                yield Path(root) / name
    yield from (_walk_error(exc) for exc in unreadable)


def _walk_error(exc: OSError) -> InputError:
    reason = "permission denied" if isinstance(exc, PermissionError) else f"cannot list: {exc.strerror or exc}"
    return InputError(exc.filename or "?", f"{reason}; the folder's files were skipped",
                      hint="check the folder's permissions")


def read_paths(paths: list[str | Path], options: ReadOptions = ReadOptions()) -> Iterator[Article | InputError]:
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield from read_file(item, options)
        except InputError as exc:
            yield exc
        except Exception as exc:            # noqa: BLE001 - one file's failure, whatever it is, costs only that file
            yield InputError(str(item), f"cannot read: {_one_line(exc)}")


def count_articles(paths: list[str | Path], at_most: int) -> int:
    """How many articles `paths` hold, counted no further than `at_most` (cheaply: a file is
    one article, a JSON Lines file one a non-empty line; nothing is parsed), so ingest can
    tell a small job from a large one before it starts."""
    found = 0
    for item in expand(paths):
        if found >= at_most:
            break
        if isinstance(item, Path):
            found += _lines(item, at_most - found) if item.suffix.lower() in JSONL_SUFFIXES else 1
    return min(found, at_most)


def _lines(path: Path, at_most: int) -> int:
    """The non-empty lines of a regular file, up to `at_most` (a pipe is not read: it would be used up)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return 1
        found, tail = 0, b"\n"
        with open(path, "rb") as f:
            while found < at_most and (block := f.read(1 << 20)):
                found += block.count(b"\n") - (tail + block).count(b"\n\n")    # blank lines are no records
                tail = block[-1:]
            return found + (tail != b"\n")        # a last line without its newline
    except OSError:
        return 1                                  # read_paths names the problem


def _one_line(exc: BaseException) -> str:
    text = str(exc).splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")


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


_NOT_REGULAR = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """A regular file's bytes, at most `max_bytes` of them counted as read (a pipe or a
    device would block or never end, and /proc files report a size of 0)."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(str(path), "is a directory, not a file")
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _NOT_REGULAR if test(mode)), "not a regular file")
            raise InputError(str(path), f"is {kind}, not a regular file; skipped",
                             hint="give article files only")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)     # never wait on a file swapped for a pipe
        with open(fd, "rb") as f:
            data = f.read(max_bytes + 1)
        if len(data) > max_bytes:
            size = max(path.stat().st_size, len(data))
            raise InputError(str(path), f"file is {_mb(size)} MB, over the {_mb(max_bytes)} MB limit",
                             hint="split it, or raise the limit with --max-mb")
        return data
    except PermissionError:
        raise InputError(str(path), "permission denied", hint="check the file's permissions") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def _mb(size: int) -> str:
    """In the MB of --max-mb (2**20 bytes)."""
    return f"{size // 2**20}" if size >= 2**20 else f"{size / 2**20:.2g}"


# Byte order marks, longest first: UTF-32 LE begins with UTF-16 LE's mark.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(path: Path, data: bytes) -> str:
    """UTF-8 (BOM or not), or UTF-16 or UTF-32 with a BOM; anything else is refused, never guessed.
    Text holding a NUL anywhere is binary, whatever its encoding."""
    if not data.strip():
        raise InputError(str(path), "empty file", hint="remove it or give it an article's text")
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8-sig")
    if encoding == "utf-8-sig" and b"\x00" in data:          # anywhere, not only in the first block
        raise _binary(path, data[: data.index(b"\x00")].count(b"\n") + 1)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding, errors="replace").count("\n") + 1
        name = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()
        raise InputError(str(path), f"not {name} text ({exc.reason})", line=line,
                         hint="convert it to UTF-8, e.g. iconv -f latin1 -t utf-8") from None
    if "\x00" in text:
        raise _binary(path, text[: text.index("\x00")].count("\n") + 1)
    if not text.strip():
        raise InputError(str(path), "empty file", hint="remove it or give it an article's text")
    return text


def _binary(path: Path, line: int) -> InputError:
    return InputError(str(path), "binary file, not text (it holds a NUL byte)", line=line,
                      hint="give articles as UTF-8 text, JSON Lines or HTML")


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
    """Split front matter from the body: YAML-like between `---` lines, or TOML between
    `+++` lines, after any blank lines. Returns (fields, body)."""
    lines = text.splitlines(keepends=True)
    first = next((n for n, line in enumerate(lines) if line.strip()), len(lines))
    fence = lines[first].strip() if first < len(lines) else ""
    if fence not in ("---", "+++"):
        return {}, text
    close = next((n for n in range(first + 1, len(lines)) if lines[n].strip() == fence), None)
    if close is None and fence == "+++":
        raise _never_closed(path, fence, first)
    if fence == "+++":
        return _toml_fields(path, "".join(lines[first + 1:close]), first + 1, options), "".join(lines[close + 1:])
    fields: dict = {}
    for n, line in enumerate(lines[first + 1:close], start=first + 2):   # unclosed: a bad line says more
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        key, sep, value = stripped.partition(":")
        key = key.strip().lower()
        if not sep or key not in FRONT_MATTER_KEYS:
            raise FrontMatterError(str(path), f"front matter line {stripped[:40]!r} is not 'key: value' with a key of "
                                   f"{', '.join(sorted(FRONT_MATTER_KEYS))}", line=n)
        value = _unquote(value.split(" #", 1)[0] if key == "published" else value)   # a title may hold " #1"
        if value:
            fields[key] = _published(value, str(path), n, options) if key == "published" else value
    if close is None:
        raise _never_closed(path, fence, first)
    return fields, "".join(lines[close + 1:])


def _never_closed(path: Path, fence: str, first: int) -> FrontMatterError:
    return FrontMatterError(str(path), f"front matter opened with '{fence}' is never closed", line=first + 1,
                            hint=f"add a '{fence}' line after the last field")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _toml_fields(path: Path, toml: str, line: int, options: ReadOptions) -> dict:
    try:
        table = tomllib.loads(toml)
    except tomllib.TOMLDecodeError as exc:
        raise FrontMatterError(str(path), f"TOML front matter: {exc}", line=line) from None
    unknown = sorted(set(table) - FRONT_MATTER_KEYS)
    if unknown:
        raise FrontMatterError(str(path), f"front matter key {unknown[0]!r} is not one of "
                               f"{', '.join(sorted(FRONT_MATTER_KEYS))}", line=line)
    fields = {}
    for key, value in table.items():
        if key == "published" and isinstance(value, date):
            value = value.isoformat()
        if not isinstance(value, str):
            raise FrontMatterError(str(path), f"front matter {key} must be text, not {type(value).__name__}",
                                   line=line)
        if value.strip():
            fields[key] = _published(value, str(path), line, options) if key == "published" else value.strip()
    return fields


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
            yield _jsonl_record(path, n, line, options)
        except InputError as exc:
            yield exc
        except Exception as exc:            # noqa: BLE001 - whatever one record does, the next is read
            yield InputError(str(path), f"cannot read this record: {_one_line(exc)}", line=n)


_JSONL_TEXT_FIELDS = ("title", "source", "url")


def _jsonl_record(path: Path, n: int, line: str, options: ReadOptions) -> Article:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:   # nested too deep; an integer too long
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc).splitlines()[0][:80]
        raise InputError(str(path), f"not JSON ({reason})", line=n) from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
        raise InputError(str(path), "a JSON Lines article needs a non-empty \"text\" field", line=n)
    for key in ("text", *_JSONL_TEXT_FIELDS):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(str(path), f"\"{key}\" must be a string, not {_json_type(value)}", line=n)
        if value and not _is_text(value):
            raise InputError(str(path), f"\"{key}\" holds an unpaired surrogate (\\ud800-\\udfff) or a NUL",
                             hint="fix the record's escapes", line=n)
    given_id = record.get("id")
    if given_id is not None and (isinstance(given_id, bool) or not isinstance(given_id, (str, int))
                                 or not _is_text(str(given_id))):
        raise InputError(str(path), f"\"id\" must be a string or an integer, not {_json_type(given_id)}", line=n)
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise InputError(str(path), f"\"published\" must be a \"YYYY-MM-DD\" string, not {_json_type(published)}",
                         line=n)
    day = _published(published[:10], str(path), n, options) if published else options.published
    return Article(text=record["text"], name=str(given_id or f"{path.name}:{n}"), path=f"{path}:{n}",
                   title=record.get("title"), source=record.get("source") or options.source,
                   url=record.get("url"), published=day)


def _json_type(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "true or false", int: "a number",
            float: "a number", str: "a string"}.get(type(value), type(value).__name__)


def _is_text(value: str) -> bool:
    """No NUL and no lone surrogate (JSON's \\ud800 escapes decode to one; UTF-8 cannot hold it)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in value


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
