"""Sentence and paragraph spans over article text, shared by the quote and event extractors.

Offsets are Python character offsets into the article text as stored in the warehouse, so a
span found here can be shown to an analyst with ``substr(text, start + 1, end - start)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import nupunkt


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text, ``text[start:end]``."""

    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Span]:
    """Split article text into non-empty paragraphs (one per line, as trafilatura writes them).

    Examples
    --------
    >>> [p.text for p in paragraphs("One.\\n\\nTwo.")]
    ['One.', 'Two.']
    """
    return list(_paragraphs(text))


# The quote and event extractors (and the actor memory) split the same article text in turn:
# split it once. Spans are frozen and each caller gets its own list, so sharing is safe.
@lru_cache(maxsize=4)
def _paragraphs(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            spans.append(Span(start, start + len(stripped), stripped))
        offset += len(line) + 1
    return tuple(spans)


def sentences(text: str) -> list[Span]:
    """Split article text into sentences, never across a paragraph break.

    nupunkt keeps abbreviations such as "Maj. Gen.", "Aug. 7" and "No. 2" inside a sentence,
    which a plain rule splitter breaks on.

    Examples
    --------
    >>> [s.text for s in sentences("Maj. Gen. Pat Ryder spoke on Aug. 7. He left.")]
    ['Maj. Gen. Pat Ryder spoke on Aug. 7.', 'He left.']
    """
    return list(_sentences(text))


@lru_cache(maxsize=4)
def _sentences(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for para in _paragraphs(text):
        for start, end in nupunkt.sent_spans(para.text):
            piece = para.text[start:end]
            stripped = piece.rstrip()
            lead = len(piece) - len(piece.lstrip())
            if stripped.strip():
                s = para.start + start + lead
                spans.append(Span(s, para.start + start + len(stripped), stripped.lstrip()))
    return tuple(spans)
