"""One exception family for everything the tool reports to users.

    ContactsError                 every error the tool raises on purpose
    ├── InputError                an article file that cannot be read
    │   └── FrontMatterError      malformed front matter
    ├── StoreError                the DuckDB store cannot be used
    │   ├── SchemaVersionError    written by a newer version of contacts
    │   └── StoreInUseError       another process holds the store
    ├── ActorError                an actor name that does not resolve
    │   ├── UnknownActorError     no such actor (with the closest names)
    │   └── AmbiguousActorError   several actors fit (with the candidates)
    ├── CorrectionError           a review decision that cannot be made or read
    ├── QueryError                a query that cannot be run
    │   ├── QuerySyntaxError      bad syntax, with line, column and caret
    │   └── QueryValueError       a bad value: date, field, parameter
    └── PlotError                 a chart that cannot be drawn or written (or no matplotlib)

Each error's ``str()`` is one line meant for the user: what is wrong and,
where we know it, how to fix it. ``hint`` holds the "how to fix" part.
"""

from __future__ import annotations


class ContactsError(Exception):
    """Base of every error raised on purpose by contacts."""

    code = "E000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(ContactsError):
    """An article file that cannot be read; names the file (and line)."""

    code = "E100"

    def __init__(self, path: str, reason: str, *, line: int | None = None,
                 hint: str | None = None) -> None:
        where = f"{printable(str(path))}:{line}" if line else printable(str(path))
        super().__init__(f"{where}: {reason}", hint=hint)
        self.path = str(path)
        self.line = line
        self.reason = reason


def printable(name: str) -> str:
    """A file name as it can be shown on one line: one holding a newline, an escape or another
    control character is quoted with those escaped (a newline in a name could forge an
    'error:' line; an escape sequence could drive the terminal)."""
    if name.isprintable():
        return name
    return '"' + "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                         for ch in name) + '"'


class FrontMatterError(InputError):
    code = "E101"


class StoreError(ContactsError):
    code = "E200"


class SchemaVersionError(StoreError):
    code = "E201"


class StoreInUseError(StoreError):
    code = "E202"


class CorrectionError(ContactsError):
    """A decision that cannot be made or read: no such contact, a bad field or value (contacts.corrections)."""

    code = "E500"


class ActorError(ContactsError):
    code = "E300"

    def __init__(self, message: str, *, candidates: list[str] | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.candidates = candidates or []


class UnknownActorError(ActorError):
    code = "E301"


class AmbiguousActorError(ActorError):
    code = "E302"


class QueryError(ContactsError):
    """A query that cannot be run; points at the spot when it knows it.

    ``code`` says which problem it is (see ``contacts.query.errors``);
    ``line`` and ``column`` are 1-based; ``caret()`` draws the spot.
    """

    code = "E400"

    def __init__(self, message: str, *, text: str = "", line: int | None = None, column: int | None = None,
                 hint: str | None = None, code: str | None = None, source: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.text, self.line, self.column, self.source = text, line, column, source
        if code:
            self.code = code

    def caret(self) -> str:
        """The offending query line with a caret under the column ('' when there is no spot)."""
        if self.line is None or self.column is None:
            return ""
        lines = self.text.splitlines() or [""]
        src = lines[min(self.line, len(lines)) - 1]
        return f"{src}\n{' ' * (self.column - 1)}^"

    def __str__(self) -> str:
        where = []
        if self.source:
            where.append(self.source)
        if self.line is not None:
            where.append(f"line {self.line}, column {self.column}")
        prefix = f"{', '.join(where)}: " if where else ""
        return f"{prefix}{super().__str__()}"


class QuerySyntaxError(QueryError):
    code = "E401"


class QueryValueError(QueryError):
    code = "E402"


class PlotError(ContactsError):
    """A chart that cannot be made: a result with nothing to draw, a file type that is not
    PNG, SVG or PDF, or matplotlib missing (the hint is the command that installs it)."""

    code = "E500"
