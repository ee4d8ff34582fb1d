"""Property tests: any text either parses or raises the language's own error, and
every query the grammar accepts prints to a canonical form that parses back to it."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts.errors import QueryError
from contacts.query import compile, parse, to_text

WORDS = ["count", "list", "first", "last", "timeline", "tallies", "sources", "calls", "meeting", "visits", "summons",
         "talks", "contacts", "with", "since", "until", "before", "after", "in", "between", "and", "or", "not",
         "where", "status", "by", "order", "limit", "asc", "desc", "->", "<-", "<->", "→", "↔", "--", "|", "*", ",",
         "(", ")", ";", "=", "!=", ">=", "<", "Xi", "Putin", "Zelensky", "China", "Li Qiang", '"Xi Jinping"',
         "$leader", "2022", "2022-02", "2023-Q1", "2022-13", "3", "month", "year", "who", "source", "sources",
         "planned", "any", "CNN", "# note\n", "\n", "cals", "Putn", "'", '"', "\\", "\x00", "é", "日本"]


def _raises_only_our_errors(text: str) -> None:
    try:
        compile(text, now=date(2023, 4, 26), params={"leader": "Xi"})
    except QueryError as exc:
        assert str(exc)
        assert exc.code.startswith("E4")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_random_text_parses_or_raises_a_query_error(text):
    _raises_only_our_errors(text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=14))
def test_random_token_sequences_parse_or_raise_a_query_error(words):
    _raises_only_our_errors(" ".join(words))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=14))
def test_whatever_parses_round_trips_through_the_canonical_form(words):
    text = " ".join(words)
    try:
        ast = parse(text)
    except QueryError:
        return
    assert parse(to_text(ast)) == ast


NAMES = st.sampled_from(["Xi", "Putin", "Li Qiang", '"Trinidad and Tobago"', "*", "$who", "O'Brien", "Erdoğan"])
DATES = st.sampled_from(["2022", "2022-02", "2022-2-24", "2023-q1", "$since"])
CLAUSES = st.one_of(
    st.builds("{} {}".format, st.sampled_from(["since", "until", "before", "after", "in"]), DATES),
    st.builds("between {} and {}".format, DATES, DATES),
    st.builds("last {} {}".format, st.sampled_from(["1", "3", "$n"]), st.sampled_from(["day", "weeks", "months"])),
    st.builds("where {}".format, st.sampled_from(['source = "CNN"', "status = planned", "sources >= 2",
                                                   "not (source = CNN or sources > 1)", "mode = visits",
                                                   "location = 'Moscow' and directed = yes"])),
    st.sampled_from(["status any", "by month", "by who, mode", "order by count desc", "order by date",
                     "limit 5", "limit $n"]),
)


@st.composite
def queries(draw):
    verb = draw(st.sampled_from(["count", "list", "first", "last", "timeline", "tallies", "sources"]))
    modes = draw(st.lists(st.sampled_from(["calls", "meeting", "visits", "summons", "talks", "envoy"]),
                          max_size=3))
    side = st.builds(" | ".join, st.lists(NAMES, min_size=1, max_size=3))
    pattern = draw(st.one_of(st.just(""), st.builds("with {}".format, side),
                             st.builds("{} {} {}".format, side, st.sampled_from(["->", "←", "<->", "--"]), side)))
    clauses = draw(st.lists(CLAUSES, max_size=4, unique_by=lambda c: c.split()[0]))
    return " ".join(p for p in [verb, ", ".join(modes), pattern, *clauses] if p)


@settings(max_examples=500, deadline=None)
@given(queries())
def test_generated_queries_round_trip(text):
    ast = parse(text)
    canonical = to_text(ast)
    assert parse(canonical) == ast
    assert to_text(parse(canonical)) == canonical
