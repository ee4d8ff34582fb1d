"""What can be wrong with a query: the codes, and the friendly syntax errors.

Every query error is a ``QueryError`` (``contacts.errors``) with one of the
codes below. The syntax errors are defined by examples of bad input, in the
manner of lark's ``match_examples``: a failing query whose parser state
matches one of the examples gets that entry's message.
"""

from __future__ import annotations

from dataclasses import dataclass

SYNTAX = "E401"           # the parser cannot go on
VALUE = "E402"            # a value of the wrong kind
UNKNOWN_WORD = "E403"     # a misspelt keyword, mode, key or unit
BAD_DATE = "E404"         # not a date, or an impossible one
UNKNOWN_FIELD = "E405"    # `where` on a field that does not exist
BAD_OPERATOR = "E406"     # an operator the field does not take
PARAMETER = "E407"        # a missing, unknown or ill-typed $parameter
NOT_WITH_VERB = "E408"    # a clause the verb does not take
DUPLICATE = "E409"        # the same clause twice
TOO_BIG = "E410"          # too long or too deeply nested
UNKNOWN_ACTOR = "E411"
AMBIGUOUS_ACTOR = "E412"
EMPTY = "E413"            # no query, or several where one was expected
UNTERMINATED = "E414"     # a quote that is never closed

MAX_QUERY_CHARS = 100_000
MAX_SCRIPT_CHARS = 2_000_000     # a .cq file: many queries, each within MAX_QUERY_CHARS
MAX_NESTING = 100
MAX_PERIODS = 100_000      # a timeline's rows: 270 years by day (0001 to 9999 by day ran 300 s and 4.1 GB)
LIST_ROWS = 1_000          # list without limit shows this many (the table's cap, contacts.output.TABLE_ROWS)
MAX_NUMBER = 1_000_000_000   # a count, limit or span past this is a typo (and past DuckDB's and the calendar's range)


@dataclass(frozen=True)
class SyntaxProblem:
    """One kind of syntax error: its message, its hint and bad queries that show it."""

    code: str
    message: str
    hint: str
    examples: tuple[str, ...]


SYNTAX_PROBLEMS: tuple[SyntaxProblem, ...] = (
    SyntaxProblem(SYNTAX, "a query starts with a verb",
                  "begin with count, list, first, last, timeline, tallies, sources or gaps",
                  ("calls Xi -> Putin", "Xi -> Putin", "since 2022", "* -> China", "where source = CNN",
                   "-> Putin", "2022", '"Xi" -> Putin')),
    SyntaxProblem(SYNTAX, "expected an actor after the arrow",
                  "name someone, or write * for anyone: count calls Xi -> *",
                  ("count calls Xi ->", "count calls Xi -> since 2022", "count Xi <-> in 2022",
                   "count calls Xi -> limit 3", "count Xi -> ;", "count Xi -> where source = CNN",
                   "count Xi -> -> Putin", "count Xi -> by month", "count Xi -> order by count")),
    SyntaxProblem(SYNTAX, "expected an actor after 'with'",
                  "write with and a name: count contacts with Xi",
                  ("count with", "count with since 2022", "count calls with -> Putin", "count with limit 2")),
    SyntaxProblem(SYNTAX, "an actor needs an arrow or 'with'",
                  "write 'Xi <-> *' or 'with Xi' for every contact of Xi; quote a name that holds a keyword",
                  ("count calls Xi", "count Xi since 2022", "list Xi limit 3", "count calls Xi | Putin",
                   "count Xi where source = CNN", "count Xi by month", "count Xi order by count",
                   "count Xi status any", "count calls * in 2022")),
    SyntaxProblem(SYNTAX, "expected an actor after '|'",
                  "alternatives are names between bars: Xi | Li Qiang -> Putin",
                  ("count Xi | -> Putin", "count Xi -> Putin |", "count Xi | | Li -> Putin", "count Xi -> Putin | since 2022")),
    SyntaxProblem(SYNTAX, "a query has one pattern",
                  "join the actors of a side with |: Xi | Li Qiang -> Putin",
                  ("count Xi -> Putin -> Lula", "count Xi -> Putin <-> Lula", "count with Xi -> Putin",
                   "count Xi -> Putin with Lula", "count with Xi with Putin")),
    SyntaxProblem(SYNTAX, "expected a date",
                  "dates are YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Qn: since 2022-02",
                  ("count calls since", "count calls since Xi", "count since limit 3", "count in", "count until ;",
                   "count before by month", "count after where source = CNN", "count between", "count between and 2023",
                   "count in last 3 months", "count since 2022 and 2023")),
    SyntaxProblem(SYNTAX, "after a date comes 'and' (between … and …) or the next clause",
                  "write: between 2023-01 and 2023-06, or since 2022 until 2023",
                  ("count between 2022 2023", "count between 2022 or 2023", "count between 2022 to 2023",
                   "count Xi -> Putin since 2022 2023", "count since 2022-02 Xi")),
    SyntaxProblem(SYNTAX, "'between' needs a second date",
                  "write: between 2023-01 and 2023-06",
                  ("count between 2022", "count between 2022 and", "count between 2022 and since")),
    SyntaxProblem(SYNTAX, "a date needs a word before it",
                  "say how the date bounds the query: since, until, before, after, in or between",
                  ("count Xi -> Putin 2022", "count calls 2022-02", "count 2022-02-24", "list Xi -> Putin 2023-Q1", "count Xi -> * 2022", "count with Xi 2022", "count with * 2022-02")),
    SyntaxProblem(SYNTAX, "a mode belongs right after the verb",
                  "write: count calls Xi -> Putin (quote a name that holds a mode word)",
                  ("count Xi -> Putin calls", "count with Xi meetings", "count Xi -> * calls", "count * -> Xi visits",
                   "count with * calls", "count Xi -> Putin since 2022 calls", "count Xi calls")),
    SyntaxProblem(SYNTAX, "'last' needs a number and a unit",
                  "write: last 3 months (days, weeks, months or years)",
                  ("count calls last", "count calls last months", "count last Xi", "count Xi -> Putin last 2022-02",
                   "count last 3", "count last 3 ;")),
    SyntaxProblem(SYNTAX, "expected a mode after ','",
                  "list the modes with commas: count calls, meetings Xi <-> Putin",
                  ("count calls, Xi -> Putin", "count calls, ", "count calls, , meetings", "count calls, since 2022")),
    SyntaxProblem(SYNTAX, "'where' needs a condition",
                  'write field, operator and value: where source = "CNN"',
                  ("count where", "count where since 2022", "count where ;", "count where source = CNN and",
                   "count where source = CNN or", "count where not", "count where (", "count where = CNN",
                   "count where 3 > sources", "count where and source = CNN")),
    SyntaxProblem(SYNTAX, "a condition needs an operator and a value",
                  'write: where source = "CNN" or where sources >= 2',
                  ("count where source", "count where source CNN", "count where source =", "count where sources >=",
                   "count where source since 2022", "count where source = ;", "count where (source)",
                   "count where source == CNN", "count where source = = CNN")),
    SyntaxProblem(SYNTAX, "unbalanced parentheses",
                  "close every ( with a )",
                  ("count where (source = CNN", "count where source = CNN)", "count where ((source = CNN)",
                   "count where (source = CNN or status = planned")),
    SyntaxProblem(SYNTAX, "'by' needs what to group by",
                  "write by and one or more of year, quarter, month, week, day, mode, who, whom, pair, source",
                  ("count by", "count calls by ;", "count by , month", "count by month,", "count by month, ;",
                   "count by since 2022")),
    SyntaxProblem(SYNTAX, "'order' needs 'by' and a key",
                  "write: order by count desc, or order by date",
                  ("list order date", "list order", "count by month order", "list order by", "list order by ;",
                   "count by month order count")),
    SyntaxProblem(SYNTAX, "'limit' needs a number",
                  "write: limit 10, or limit all",
                  ("list limit", "list limit Xi", "list limit ;", "list limit 2022-02")),
    SyntaxProblem(SYNTAX, "'status' needs a value",
                  "write: status any, status planned or status occurred",
                  ("count status", "count status ;", "count status since 2022", "count status = planned")),
)
