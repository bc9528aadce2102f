"""Quote extraction: who said what, with offsets into the article text.

Two passes over the text, both regex-driven so a typical article takes about a millisecond:

1. Quotation marks first. Every top-level quoted span that opens a clause is a candidate direct
   quote; its attribution is looked for right after it (``“…,” Name said``), right before it
   (``Name told reporters: “…”``), and failing that it continues the previous quote's speaker
   (an interrupted quote, or a news-style multi-paragraph quote).
2. Then verbs of saying outside quotes: ``Name said (that) …``, ``…, Name said.``,
   ``…, said Name``, ``according to Name, …``. A reported clause holding quoted words is a mixed
   quote. Clause-like quoted sentences still unattributed go to the context's speaker
   (:mod:`transforms.quote_orphans`); quoted fragments left over go to the subject of their
   clause when it is ``Subject verb … “…”`` (evaluative acts, chants:
   :mod:`transforms.quote_fragments`); the rest are scare quotes, titles or nicknames.

The rules are those of ``docs/annotation-guide.md`` (shared docs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from transforms.quote_cues import CUE_RE, lemma_of
from transforms.quote_direct import direct_quotes
from transforms.quote_doc import Doc
from transforms.quote_fragments import fragment_quotes
from transforms.quote_orphans import orphan_quotes
from transforms.quote_reported import reported_speech
from transforms.records import Quote

__all__ = ["extract_quotes"]

# Any quotation mark or cue at all: articles without either are skipped before any splitting.
_ANY_RE = re.compile(r"[“”„«»\"]|''|" + CUE_RE.pattern, re.IGNORECASE)
_NOT_WORD_RE = re.compile(r"[^\w\s]")


def _words(text: str) -> str:
    """Text reduced to its words, for comparing a quote with its repetitions."""
    return " ".join(_NOT_WORD_RE.sub("", text.casefold()).split())


def _repeats_alone(content: str, sentence: str, said: set[str]) -> bool:
    """A quote already given, standing alone as its own sentence: a pull quote or a heading
    that repeats it (not a quote, by the annotation guide), not a second statement."""
    words = _words(content)
    return words in said and _words(sentence) == words


def extract_quotes(text: str, *, caption_spans: Sequence[tuple[int, int]] = ()) -> list[Quote]:
    """Extract direct, mixed and indirect quotes with their speakers from article text.

    Parameters
    ----------
    text : str
        Article body as extracted by trafilatura: one paragraph per line, no title.
    caption_spans : Sequence[tuple[int, int]]
        ``(start, end)`` offsets of photo captions in ``text``; quotes inside them get
        ``in_caption=True``.

    Returns
    -------
    list[Quote]
        One record per attributed span, in text order. ``text[q.content_start:q.content_end]``
        is always ``q.content``.

    Examples
    --------
    >>> q = extract_quotes("“We will stay,” Mayor Ana Ruiz said on Tuesday.")[0]
    >>> (q.kind, q.content, q.speaker, q.speaker_role, q.cue_lemma)
    ('direct', 'We will stay', 'Ana Ruiz', 'Mayor', 'say')
    """
    if not text or not _ANY_RE.search(text):
        return []
    doc = Doc(text)
    direct_quotes(doc)
    reported_speech(doc)
    orphan_quotes(doc)
    fragment_quotes(doc)
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    said: set[str] = set()
    for r in sorted(doc.records, key=lambda r: (r.start, r.end)):
        if (r.start, r.end) in seen or r.end <= r.start:
            continue
        seen.add((r.start, r.end))
        sent = doc.sentence_at(r.start)
        if _repeats_alone(text[r.start : r.end], sent.text, said):
            continue
        said.add(_words(text[r.start : r.end]))
        att = r.attribution
        conf = att.confidence
        if r.speaker.name is None:
            conf -= 0.15
        out.append(
            Quote(
                kind=r.kind,
                content=text[r.start : r.end],
                content_start=r.start,
                content_end=r.end,
                cue=att.cue,
                cue_lemma=lemma_of(att.cue) if att.cue else None,
                speaker_text=r.speaker_text,
                speaker=r.speaker.name,
                speaker_kind=r.speaker.kind,
                speaker_role=r.speaker.role,
                sentence=sent.text,
                sentence_start=sent.start,
                in_caption=any(a <= r.start < b for a, b in caption_spans),
                confidence=round(min(max(conf, 0.0), 1.0), 3),
            )
        )
    return out
