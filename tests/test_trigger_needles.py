"""Trigger rules run only on sentences holding one of their needles (literal words every
match contains). The needles are read off the patterns; these tests check they are sound:
every string a rule's pattern matches holds one of them."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts.extract.tokens import tokenize
from contacts.extract.triggers import _needles, _present, _present_in_words, _rules, find_triggers, required_words

RULES = list(zip(_rules(), _needles()))


@pytest.mark.parametrize("pattern, needles", [
    ("(?:phoned|telephoned|rang)", {"phoned", "rang"}),           # "telephoned" holds "phoned"
    ("called(?!\\s+for)", {"called"}),
    ("(?:state|official)?\\s*(?:visit|visited)", {"visit"}),
    ("(?:the|a)\\s+(?:\\w+\\s+){0,3}?call", {"call"}),
    ("(?:\\w+\\s+)*", None),                        # nothing is required: the rule always runs
    ("(?:sat down|shook hands)\\s+with", {"sat down", "shook hands"}),
    # a literal run and the alternatives after it spell whole words ("me" + "t|et" is "met", "meet")
    ("(?:met|meet|meets|meeting)(?!\\s+demands)", {"met", "meet"}),
    ("(?:wrote|writes)\\s+to", {"wrote", "writes"}),
    ("travell?ed\\s+to", {"traveled", "travelled"}),
    # past 64 spellings a run ends and the next starts afresh ("qr|st" then "xyzw")
    ("(?:ab|cd|ef|gh|ij|kl|mn|op)(?:ab|cd|ef|gh|ij|kl|mn|op)(?:qr|st)xyzw", {"qrxyzw", "stxyzw"}),
    ("(?:a|an)\\s+(?:visit|trip)", {"visit", "trip"}),             # the most selective part
])
def test_needles_of_patterns(pattern, needles):
    assert required_words(pattern) == needles


def test_every_rule_has_needles():
    assert all(needles for _, needles in RULES)


@pytest.mark.parametrize("index", range(len(RULES)), ids=[r.pattern[:40] for r, _ in RULES])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_needles_are_sound(index, data):
    rule, needles = RULES[index]
    text = data.draw(st.from_regex(re.compile(rule.pattern, rule.regex.flags))).lower()   # rules see lower-cased sentences   # holds a match somewhere
    for match in rule.regex.finditer(text):
        assert any(n in match.group().lower() for n in needles), (match.group(), needles)


_WORDS = st.lists(st.sampled_from(["met", "Meeting", "visited", "recalled", "sat", "down", "face", "-", "to",
                                   "Déjà", "U.S.", "phoned", "the", "envoys", "talk", ",", "’s", "summit"]),
                  max_size=12).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(text=_WORDS)
def test_needles_found_by_words_are_those_of_the_text(text):
    """The quick test by token keys finds every needle the sentence's text holds."""
    keys = [t.key for t in tokenize(text)]
    assert _present_in_words(keys, text.lower()) >= _present(text.lower())
    assert find_triggers(text, keys) == find_triggers(text)
