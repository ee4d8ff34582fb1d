"""Query text → AST: the Lark LALR parser (built once) and its Transformer.

    >>> parse("count calls Xi -> Putin since 2022-02").verb
    'count'
"""

from __future__ import annotations

import difflib
import re
import functools
from importlib import resources

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from contacts.errors import QueryError, QuerySyntaxError
from contacts.query import errors as E
from contacts.query import expressions as X
from contacts.query.windows import canonical_date, check_date

_ARROWS = {"->": "->", "→": "->", "<-": "<-", "←": "<-", "<->": "<->", "↔": "<->", "--": "<->"}


@functools.cache
def _lark() -> Lark:
    grammar = resources.files("contacts.grammar").joinpath("contacts.lark").read_text("utf-8")
    return Lark(grammar, parser="lalr", lexer="basic", maybe_placeholders=True)


def parse(text: str) -> X.Query:
    """Parse one query (a trailing ';' is allowed)."""
    _check_size(text, E.MAX_QUERY_CHARS, "query")
    queries = parse_script(text)
    if len(queries) != 1:
        what = "no query" if not queries else f"{len(queries)} queries"
        raise QuerySyntaxError(f"expected one query, found {what}", text=text, code=E.EMPTY,
                               hint="write one query such as: count calls Xi -> Putin")
    return queries[0]


def parse_script(text: str) -> list[X.Query]:
    """Parse queries separated by ';' (comments and empty queries allowed)."""
    _check_size(text, E.MAX_SCRIPT_CHARS, "query file")      # a file of many short queries may be long
    try:
        tree = _lark().parse(text)
        return _Builder(text).transform(tree)
    except UnexpectedInput as exc:
        raise syntax_error(text, exc) from None
    except RecursionError:
        raise QuerySyntaxError("the query is nested too deeply", code=E.TOO_BIG, text=text,
                               hint="flatten chains of 'not' and parentheses") from None
    except VisitError as exc:
        if isinstance(exc.orig_exc, RecursionError):
            raise QuerySyntaxError("the query is nested too deeply", code=E.TOO_BIG, text=text,
                                   hint="flatten chains of 'not' and parentheses") from None
        if isinstance(exc.orig_exc, QueryError):
            raise exc.orig_exc from None
        raise


def is_incomplete(text: str) -> bool:
    """True when `text` is the start of a query that goes on (it fails only at its end, or in an open quote)."""
    try:
        _lark().parse(text)
    except UnexpectedToken as exc:
        return exc.token.type == "$END"
    except UnexpectedEOF:
        return True
    except UnexpectedCharacters as exc:
        return text[exc.pos_in_stream:exc.pos_in_stream + 1] in "\"'" and "\n" not in text[exc.pos_in_stream:]
    except UnexpectedInput:
        return False
    return False


def _check_size(text: str, limit: int, what: str) -> None:
    if len(text) > limit:
        raise QuerySyntaxError(f"{what} too long ({len(text):,} characters; the limit is {limit:,})",
                               code=E.TOO_BIG, hint="split it into several queries" if what == "query" else
                               "split it into several files")
    depth = deepest = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        deepest = max(deepest, depth)
    if deepest > E.MAX_NESTING:
        raise QuerySyntaxError(f"parentheses nested {deepest} deep (the limit is {E.MAX_NESTING})",
                               code=E.TOO_BIG, hint="flatten the condition")


def _pos(token: Token) -> X.Pos:
    return X.Pos(token.line, token.column)


def _error(token: Token, text: str, message: str, code: str, hint: str | None = None) -> QuerySyntaxError:
    return QuerySyntaxError(message, text=text, line=token.line, column=token.column, code=code, hint=hint)


def _choose(word: Token, choices: tuple[str, ...], what: str, text: str, code: str = E.UNKNOWN_WORD) -> str:
    """`word` if it is one of `choices`, else an unknown-word error with the closest."""
    value = word.lower()
    if value in choices:
        return value
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(choices)}"
    raise _error(word, text, f"unknown {what} '{word}'", code, hint)


@v_args(inline=True)
class _Builder(Transformer):
    """Parse tree → AST, one method per grammar rule."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    # -- queries --------------------------------------------------------------
    def start(self, *queries):
        return [q for q in queries if q is not None]

    def query(self, verb, distinct, modes, pattern, *clauses):
        verb_token = verb[2]
        fields: dict = {"times": []}
        if distinct is not None:
            fields["distinct"] = distinct
        for kind, value, token in clauses:
            if kind == "times":
                fields["times"].append(value)
            elif kind in fields:
                raise _error(token, self.text, f"only one '{token.lower()}' clause per query", E.DUPLICATE,
                             "join conditions with and/or inside one where" if kind == "where" else None)
            else:
                fields[kind] = value
        fields["times"] = tuple(fields["times"])
        if fields.get("where") is not None and _depth(fields["where"]) > E.MAX_NESTING:
            raise _error(verb_token, self.text, f"the condition is nested more than {E.MAX_NESTING} deep",
                         E.TOO_BIG, "flatten chains of 'not' and parentheses")
        return X.Query(verb[0], modes or (), pattern, pos=verb[1], **fields)

    def verb(self, token):
        return token.lower(), _pos(token), token

    def modes(self, *tokens):
        names = [m for t in tokens for m in X.FAMILIES.get(t.lower(), (X.MODE_OF.get(t.lower()),))]
        if "contacts" in names:
            if len(names) > 1:
                every = next(t for t in tokens if X.MODE_OF.get(t.lower()) == "contacts")
                raise _error(every, self.text, "'contacts' already means every mode", E.VALUE,
                             "drop the other modes, or drop 'contacts'")
            return ()
        return tuple(dict.fromkeys(names))

    # -- actors ---------------------------------------------------------------
    def pair(self, left, arrow, right):
        return X.Pair(left, _ARROWS[str(arrow)], right)

    def with_(self, _token, actors, *more):
        return X.With(actors, tuple(m for m in more if isinstance(m, X.Actors)))

    def actors(self, *items):
        return X.Actors(tuple(items))

    def name(self, *tokens):
        words = tuple((str(t), _pos(t)) for t in tokens)
        return X.Name(" ".join(w for w, _ in words), False, _pos(tokens[0]), words)

    def quoted(self, token):
        text = _unquote(token)
        if not text.strip():
            raise _error(token, self.text, "an empty name", E.VALUE, "put a name between the quotes")
        return X.Name(text, True, _pos(token), ((text, _pos(token)),))

    def anyone(self):
        return X.Anyone()

    def param(self, token):
        return X.Param(token[1:], "actor", _pos(token))

    # -- time -----------------------------------------------------------------
    def date(self, token):
        if token.type == "PARAM":
            return X.Param(token[1:], "date", _pos(token))
        check_date(str(token), self.text, token.line, token.column)
        return X.DateLit(canonical_date(str(token)), _pos(token))

    def number(self, token):
        if token.type == "PARAM":
            return X.Param(token[1:], "number", _pos(token))
        return self._small(token)

    def _small(self, token: Token) -> int:
        if len(token) > len(str(E.MAX_NUMBER)) or int(token) > E.MAX_NUMBER:
            raise _error(token, self.text, f"the number {str(token)[:20]}{'…' if len(token) > 20 else ''} is too large "
                         f"(at most {E.MAX_NUMBER:,})", E.VALUE)
        return int(token)

    def since(self, kw, d):
        return "times", X.Since(d), kw

    def until(self, kw, d):
        return "times", X.Until(d), kw

    def before(self, kw, d):
        return "times", X.Before(d), kw

    def after(self, kw, d):
        return "times", X.After(d), kw

    def within(self, kw, d):
        return "times", X.Within(d), kw

    def between(self, kw, first, _and, last):
        return "times", X.Between(first, last), kw

    def last(self, kw, count, unit):
        unit_name = _choose(unit, X.UNITS + tuple(u + "s" for u in X.UNITS), "unit", self.text).rstrip("s")
        if isinstance(count, int) and count < 1:
            raise _error(kw, self.text, "'last' needs a count of at least 1", E.VALUE, "write: last 3 months")
        return "times", X.Last(count, unit_name), kw

    # -- where ----------------------------------------------------------------
    def where(self, kw, condition):
        return "where", condition, kw

    def disjunction(self, *items):
        return X.Or(tuple(i for i in items if not isinstance(i, Token)))

    def conjunction(self, *items):
        return X.And(tuple(i for i in items if not isinstance(i, Token)))

    def negate(self, _kw, item):
        return X.Not(item)

    def comparison(self, field, op, value):
        from contacts.query.fields import FIELDS
        name = _choose(field, tuple(FIELDS), "field", self.text, E.UNKNOWN_FIELD)
        op_text = "!=" if op == "<>" else str(op)
        return X.Compare(name, op_text, value, _pos(field))

    def value(self, *tokens):
        first = tokens[0]
        if first.type == "PARAM":
            return X.Param(first[1:], "value", _pos(first))
        if first.type == "STRING":
            return X.Literal(_unquote(first), True)
        if first.type == "INT":
            return X.Literal(self._small(first))
        return X.Literal(" ".join(str(t) for t in tokens))

    # -- shape ----------------------------------------------------------------
    def status(self, kw, value):
        return "status", _choose(value, X.STATUSES, "status", self.text), kw

    def by(self, kw, *keys):
        chosen = [_choose(k, X.BY_KEYS, "grouping key", self.text) for k in keys]
        for n, (key, token) in enumerate(zip(chosen, keys)):
            if key in chosen[:n]:
                raise _error(token, self.text, f"'{key}' twice in 'by'", E.DUPLICATE)
        return "by", tuple(chosen), kw

    def distinct(self, _kw, key):
        return _choose(key, X.BY_KEYS, "key to count distinct", self.text)

    def share(self, kw, word):
        if word.lower() != "share":
            raise _error(word, self.text, f"unknown column '{word}' after 'as'", E.UNKNOWN_WORD,
                         "write: as share (each group's part of the whole)")
        return "share", True, kw

    def compare(self, kw, day):
        return "compare", day, kw

    def order(self, kw, _by, key, direction):
        name = _choose(key, X.ORDER_KEYS + X.BY_KEYS, "order key", self.text)
        return "order", X.Order(name, bool(direction) and direction.lower() == "desc"), kw

    def limit(self, kw, count):
        if isinstance(count, Token):
            if count.lower() != X.NO_LIMIT:
                raise _error(count, self.text, "'limit' needs a number", E.SYNTAX, "write: limit 10, or limit all")
            return "limit", X.NO_LIMIT, kw
        return "limit", count, kw


def _depth(condition: X.Condition) -> int:
    """How deep a condition nests (without recursion: it may be deep)."""
    deepest, stack = 0, [(condition, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        children = node.items if isinstance(node, (X.And, X.Or)) else (node.item,) if isinstance(node, X.Not) else ()
        stack += [(child, depth + 1) for child in children]
    return deepest


def _unquote(token: Token) -> str:
    return re.sub(r"\\(.)", r"\1", str(token)[1:-1])


# ---- syntax errors ---------------------------------------------------------------
_FRIENDLY = {"NAME": "a name", "STRING": "a quoted name", "STAR": "*", "PARAM": "a $parameter",
             "ARROW": "an arrow (->, <-, <->)", "DATE": "a date", "INT": "a number", "MODE": "a mode",
             "OP": "an operator (=, !=, <, <=, >, >=)", "LPAR": "(", "RPAR": ")", "VBAR": "|", "COMMA": ",",
             "SEMICOLON": ";", "$END": "the end of the query"}


def _expected(exc: UnexpectedInput) -> list[str]:
    names = sorted(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or ())
    return [_FRIENDLY.get(n, f"'{n.lower()}'") for n in names]


def _keyword_words(names) -> list[str]:
    words = []
    for n in names or ():
        if n == "MODE":
            words += [*X.PLURAL.values(), "contacts", *X.FAMILIES]
        elif n not in _FRIENDLY and n.isalpha():
            words.append(n.lower())
    return words


def _misspelt(word: str, names) -> str | None:
    """The expected keyword `word` is a misspelling of (not one that it already is)."""
    if not word or not word[0].isalpha() or _is_keyword(word):
        return None
    close = difflib.get_close_matches(word.lower(), _keyword_words(names), n=1, cutoff=0.7)
    return close[0] if close else None


def _is_keyword(word: str) -> bool:
    return any(t.name != "NAME" and t.pattern.type == "re" and re.fullmatch(t.pattern.to_regexp(), word)
               for t in _lark().terminals)


def syntax_error(text: str, exc: UnexpectedInput) -> QuerySyntaxError:
    """A lark error as the language's own, with the friendliest message we have."""
    line, column = exc.line if exc.line > 0 else 1, exc.column if exc.column > 0 else 1
    if isinstance(exc, UnexpectedCharacters):
        return _character_error(text, exc, line, column)
    token = getattr(exc, "token", None)
    at_end = token is None or token.type == "$END"
    if at_end:
        line, column = _end_of(text)
    expected = getattr(exc, "expected", None) or getattr(exc, "accepts", None)
    if not at_end and token.type == "NAME" and (guess := _misspelt(str(token), expected)):
        return QuerySyntaxError(f"unknown word '{token}'", text=text, line=line, column=column,
                                code=E.UNKNOWN_WORD, hint=f"did you mean '{guess}'?")
    before = _word_before(text, token, at_end)
    if before and (guess := _misspelt(before[0], expected)):
        return QuerySyntaxError(f"unknown word '{before[0]}'", text=text, line=before[1], column=before[2],
                                code=E.UNKNOWN_WORD, hint=f"did you mean '{guess}'?")
    problem = _match_problem(text, exc)
    if problem:
        return QuerySyntaxError(problem.message, text=text, line=line, column=column, code=problem.code,
                                hint=problem.hint)
    found = "the end of the query" if token is None or token.type == "$END" else f"'{token}'"
    return QuerySyntaxError(f"unexpected {found}", text=text, line=line, column=column, code=E.SYNTAX,
                            hint=f"expected {', '.join(_expected(exc))}" if _expected(exc) else None)


def _end_of(text: str) -> tuple[int, int]:
    """Line and column just after the last thing written (comments aside)."""
    lines = [re.sub(r"#.*", "", ln).rstrip() for ln in text.splitlines()] or [""]
    for n in range(len(lines) - 1, -1, -1):
        if lines[n]:
            return n + 1, len(lines[n]) + 1
    return 1, 1


def _word_before(text: str, token: Token | None, at_end: bool) -> tuple[str, int, int] | None:
    """The bare word just before the error, when the error follows a name (e.g. 'Putin snce 2022')."""
    end = len(text) if at_end or token is None else token.start_pos
    m = re.search(r"([^\W\d_][\w'’.-]*)\s*$", re.sub(r"#[^\n]*", lambda c: " " * len(c[0]), text[:end]))
    if not m:
        return None
    start = m.start(1)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return m[1], line, column


def _character_error(text: str, exc: UnexpectedCharacters, line: int, column: int) -> QuerySyntaxError:
    char = text[exc.pos_in_stream] if exc.pos_in_stream < len(text) else ""
    if char in "\"'":
        return QuerySyntaxError("a quote that is never closed", text=text, line=line, column=column,
                                code=E.UNTERMINATED, hint=f"close the name with {char} on the same line")
    return QuerySyntaxError(f"unexpected character {char!r}", text=text, line=line, column=column, code=E.SYNTAX,
                            hint="names are words or \"quoted text\"; see 'contacts query --help'")


@functools.cache
def _example_states() -> list[tuple[int, str, E.SyntaxProblem]]:
    """(parser state, offending token type, problem) for every example of the table."""
    found = []
    for problem in E.SYNTAX_PROBLEMS:
        for example in problem.examples:
            try:
                _lark().parse(example)
            except UnexpectedToken as exc:
                found.append((exc.state.position, exc.token.type, problem))
            except UnexpectedInput:
                pass
    return found


def _match_problem(text: str, exc: UnexpectedInput) -> E.SyntaxProblem | None:
    """The table's problem whose example failed in the same parser state (same token type first).

    Like lark's ``match_examples``, but comparing the state on top of the stack
    only: lark also compares the stack's depth, so "count Xi ->" would not
    match "count calls Xi ->".
    """
    if not isinstance(exc, UnexpectedToken):
        return None
    same_state = [(kind, p) for state, kind, p in _example_states() if state == exc.state.position]
    for kind, problem in same_state:
        if kind == exc.token.type:
            return problem
    return same_state[0][1] if same_state else None
