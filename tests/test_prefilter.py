"""Patterns run behind a lookahead of the characters their matches begin with
(contacts/extract/prefilter.py). The characters are read off the pattern; these
tests check the reading and that a guarded pattern matches exactly what the
pattern alone matches."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts.extract import dating, modality, triggers
from contacts.extract.prefilter import compile_guarded, first_chars


@pytest.mark.parametrize("pattern, chars", [
    ("abc", "a"),
    ("(?:March|May|June)", "MJ"),
    (r"\b(?:from\s+)?(?:March|May)", "fM"),           # an optional part adds its first characters
    (r"(?<!\w)(?:no|not)\b", "n"),                    # look-arounds and boundaries are zero width
    (r"[;:]|,\s|\b(?:that|who)", ";:,tw"),
    (r"[a-c]x", "abc"),
    (r"(?:the|a)?\s*visit", None),                    # "\s" is a category: unknown
    (r"\w+", None),
    (r"(?:ab)*", None),                               # may match the empty string: no guard
    (r"x?y?", None),
    (r".b", None),
    (r"[^a]b", None),                                 # a negated class
    (r"(?i:ab)c", None),                              # scoped flags: not read
    (r"a{0,2}b", "ab"),
])
def test_first_chars(pattern, chars):
    expected = None if chars is None else frozenset(chars)
    assert first_chars(pattern) == expected


def test_ignorecase_guard_admits_every_case():
    rx = compile_guarded(r"\bsummit\b", re.I)
    assert rx.search("The SUMMIT ended") and rx.search("Summit talks")


@pytest.mark.parametrize("pattern, guarded", [
    (r"\bsummit\b", True),
    (r"(?<!\w)(?:no|not)\b", True),
    (r"[;:]|,\s|\b(?:that|who)", True),        # one alternative opens with a boundary
    (r"week|month|year", False),                # re checks literal openings itself
    (r"(?:19[5-9]|20\d)\d", False),
    (r"\w+x", False),                           # unreadable: compiled as it is
])
def test_guard_only_where_a_zero_width_opening_hides_the_first_characters(pattern, guarded):
    assert (compile_guarded(pattern).pattern != pattern) == guarded


_NOISE = st.lists(st.sampled_from(list("aeilnorstuvwAMJ SDF0129-,.;’'") + ["May", "visit", "talks ", "March ",
                                                                          "met ", "not "]),
                  max_size=40).map("".join)
_GUARDED = ([rx for _, rx in dating._PATTERNS] + [r.regex for r in triggers._rules()]
            + [rx for cue in modality._cues().values() for rx in cue.sides.values()]
            + [side.any for side in modality._sides().values()] + [modality._CLAUSE_BREAK, modality._BREAK])


@pytest.mark.parametrize("rx", _GUARDED, ids=[rx.pattern[:40] for rx in _GUARDED])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_guard_changes_no_match(rx, data):
    """Each guarded rule matches what its pattern alone matches, on text holding a match and on noise."""
    guard = re.fullmatch(r"\(\?=\[(?:\\.|[^\]\\])*\]\)\(\?:(.*)\)", rx.pattern, re.S)
    plain = re.compile(guard.group(1) if guard else rx.pattern, rx.flags)
    text = data.draw(st.one_of(st.from_regex(plain), _NOISE))
    assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)]
