"""Sentences with character offsets (Bling Fire's segmenter, per paragraph)."""

from __future__ import annotations

import ctypes
import re
import threading
from typing import NamedTuple

import blingfire

_PARAGRAPH = re.compile(r"[^\n]+")


class Sentence(NamedTuple):
    """A sentence with its offsets into the article."""

    index: int
    start: int
    end: int
    text: str


def _sentence_offsets(text: str) -> list[tuple[int, int]]:
    """Bling Fire's sentence spans of `text` as character offsets.

    The same C call as `blingfire.text_to_sentences_and_offsets`, whose Python
    wrapper maps byte offsets to characters one byte at a time (a third of all
    extraction time); here ASCII needs no mapping and other text is mapped per
    sentence by decoding its byte prefix.
    """
    data = text.encode("utf-8")
    size = len(data) * 2 + 16
    out, starts, ends = _buffers(size)
    n = blingfire.blingfire.TextToSentencesWithOffsets(ctypes.c_char_p(data), ctypes.c_int(len(data)), out,
                                                       starts, ends, ctypes.c_int(size))
    if n < 0 or n > size:
        return [(0, len(text))] if text.strip() else []
    count = ctypes.string_at(out, n).count(b"\n") + 1
    spans = list(zip(starts[:count], [e + 1 for e in ends[:count]]))
    if len(data) != len(text):
        char = lambda b: len(data[:b].decode("utf-8", "ignore"))   # noqa: E731
        spans = [(char(b), char(e)) for b, e in spans]
    return spans


_LOCAL = threading.local()      # the C call runs without the GIL: each thread has its own buffers


def _buffers(size: int):
    """Output buffers for Bling Fire of at least `size` entries, kept between calls
    (allocating and zeroing them anew cost more than the segmenting)."""
    held = getattr(_LOCAL, "buffers", None)
    if held is None or held[0] < size:
        size = max(size, 4096)
        held = (size, ctypes.create_string_buffer(size), (ctypes.c_int32 * size)(), (ctypes.c_int32 * size)())
        _LOCAL.buffers = held
    return held[1:]


def _fragments(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        if not para.group().strip():
            continue
        for start, end in _sentence_offsets(para.group()):
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
