"""Sentences with character offsets (Bling Fire's segmenter, per paragraph)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import blingfire

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def _fragments(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        if not para.group().strip():
            continue
        _, offsets = blingfire.text_to_sentences_and_offsets(para.group())
        for start, end in offsets:
            start, end = para.start() + start, para.start() + end
            # A piece opening in lower case continues the sentence before it:
            # the segmenter split at an abbreviation or a stray full stop.
            if spans and text[start:start + 1].islower() and spans[-1][1] >= para.start():
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


def split(text: str) -> list[Sentence]:
    """The article's sentences, each with its offsets into `text`. A line
    with no closing punctuation (a headline) is a sentence of its own."""
    return [Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(_fragments(text))]
