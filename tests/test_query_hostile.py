"""Hostile and pathological queries: values never reach SQL as text, the store stays
intact, and every failure is the language's own error, fast."""

import pytest

from contacts.errors import QueryError

INJECTIONS = ["'; DROP TABLE contacts; --", "\"; DROP TABLE contacts; --", "x' OR '1'='1", "\\", "\\'", "a\x00b",
              "Robert'); DELETE FROM articles; --", "$(rm -rf /)", "%s%s%s", "' UNION SELECT * FROM actors --",
              "x" * 10_000]


def _tables_intact(store):
    return store.stats()


@pytest.mark.parametrize("value", INJECTIONS, ids=range(len(INJECTIONS)))
@pytest.mark.parametrize("template", [
    "count calls {q} -> Putin",
    "count contacts where source = {q}",
    "count contacts where article = {q}",
    "count contacts where location = {q}",
    "list contacts with Xi where source != {q}",
])
def test_injection_in_a_value(seeds_store, template, value):
    before = _tables_intact(seeds_store)
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    try:
        result = seeds_store.query(template.format(q=quoted))
        assert result.scalar in (0, None) or result.verb == "list"
    except QueryError as exc:
        assert exc.code.startswith("E4") and len(str(exc)) < 400
    assert _tables_intact(seeds_store) == before


@pytest.mark.parametrize("value", INJECTIONS, ids=range(len(INJECTIONS)))
def test_injection_in_a_parameter(seeds_store, value):
    before = _tables_intact(seeds_store)
    for query, name in [("count calls $who -> Putin", "who"), ("count where source = $s", "s")]:
        try:
            assert seeds_store.query(query, **{name: value}).scalar == 0
        except QueryError as exc:
            assert exc.code.startswith("E4")
    assert _tables_intact(seeds_store) == before


@pytest.mark.parametrize("text, code", [
    ("count where " + "(" * 1000 + "source = CNN" + ")" * 1000, "E410"),
    ("count where " + "not " * 5000 + "source = CNN", "E410"),
    ("count calls Xi -> Putin # " + "x" * 1_000_000, "E410"),
    ("count calls " + " | ".join(f"N{i}" for i in range(10_000)) + " -> Putin", "E411"),
    ("count calls " + "Xi " * 5000 + "-> Putin", "E402"),
])
def test_pathological_queries_fail_fast_with_our_error(seeds_store, text, code):
    with pytest.raises(QueryError) as caught:
        seeds_store.query(text)
    assert caught.value.code == code


def test_ten_thousand_alternatives_complete(seeds_store):
    query = "count calls " + " | ".join(["Xi", "Li Qiang", "Wang Yi"] * 3334) + " -> *"
    assert seeds_store.query(query).scalar == 1
