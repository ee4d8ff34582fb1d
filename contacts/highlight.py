"""A Pygments lexer for the query language (the REPL highlights with it).

    >>> from pygments import lex
    >>> [t for t, v in lex("count calls Xi -> Putin", ContactsLexer()) if v.strip()][:2]
    [Token.Keyword, Token.Name.Builtin]
"""

from __future__ import annotations

from pygments.lexer import RegexLexer, words
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text

from contacts.query.expressions import CLAUSE_WORDS, FAMILIES, MODE_OF, VERBS

CLAUSES = (*CLAUSE_WORDS, "asc", "desc")
MODE_WORDS = tuple(sorted((*MODE_OF, *FAMILIES), key=len, reverse=True))      # longest first: "calls" before "call"
_END = r"(?![\w'’.-])"


class ContactsLexer(RegexLexer):
    name = "contacts"
    aliases = ["contacts", "cq"]
    filenames = ["*.cq"]
    flags = 2    # re.IGNORECASE

    tokens = {
        "root": [
            (r"\s+", Text),
            (r"#.*?$", Comment.Single),
            (r'"(?:[^"\\\n]|\\.)*"?', String.Double),
            (r"'(?:[^'\\\n]|\\.)*'?", String.Single),
            (r"\$[^\W\d]\w*", Name.Variable),
            (words(VERBS, suffix=_END), Keyword),
            (words(MODE_WORDS, suffix=_END), Name.Builtin),
            (words(CLAUSES, suffix=_END), Keyword.Reserved),
            (r"\d{4}-(?:[Qq]\d|\d{1,2}(?:-\d{1,2})?)|\d+", Number),
            (r"<->|->|<-|--|→|←|↔", Operator),
            (r"!=|<>|<=|>=|=|<|>", Operator),
            (r"[*|,;()]", Punctuation),
            (r"^\.\w+", Keyword.Pseudo),          # REPL dot commands
            (r"[^\W\d_][\w'’.-]*", Name),
            (r".", Text),
        ]
    }
