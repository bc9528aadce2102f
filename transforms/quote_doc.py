"""Shared state of the quote extractor for one article, and the records it collects."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from transforms.quote_cues import QuoteSpan, scan_quotes
from transforms.speakers import PRONOUNS, Mention, NameIndex, Speaker, analyse
from transforms.text import Span, paragraphs, sentences

_FOREIGN_PRONOUNS = {"il": "he", "elle": "she", "ils": "they", "elles": "they"}


@dataclass(slots=True)
class Attribution:
    cue: str | None
    cue_start: int
    mention: Mention | None
    confidence: float


@dataclass(slots=True)
class Rec:
    kind: str
    start: int
    end: int
    attribution: Attribution
    speaker: Speaker
    speaker_text: str | None


class Doc:
    """Shared state for one article: splits, quote spans, names and previous speakers."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paras = paragraphs(text)
        self.sents = sentences(text)
        self.sent_starts = [s.start for s in self.sents]
        self.para_starts = [p.start for p in self.paras]
        self.qspans: list[QuoteSpan] = []
        for p in self.paras:
            self.qspans.extend(scan_quotes(text, p.start, p.end))
        self.q_starts = [q.start for q in self.qspans]
        self._names: NameIndex | None = None
        self.records: list[Rec] = []
        self.used_cues: set[int] = set()

    @property
    def names(self) -> NameIndex:
        if self._names is None:
            self._names = NameIndex(self.text)
        return self._names

    def sentence_at(self, pos: int) -> Span:
        i = max(bisect.bisect_right(self.sent_starts, pos) - 1, 0)
        return self.sents[i]

    def para_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self.para_starts, pos) - 1, 0)

    def in_quote(self, pos: int) -> QuoteSpan | None:
        i = bisect.bisect_right(self.q_starts, pos) - 1
        if i >= 0 and self.qspans[i].start <= pos < self.qspans[i].end:
            return self.qspans[i]
        return None

    def resolve(self, mention: Mention | None, pos: int) -> tuple[Speaker, str | None]:
        """Canonical speaker for a mention; pronouns go to the previous compatible speaker."""
        if mention is None:
            return Speaker(None, "unnamed", None), None
        low = mention.text.lower()
        low = _FOREIGN_PRONOUNS.get(low, low)
        if low not in PRONOUNS:
            return analyse(mention, self.names), mention.text
        para = self.para_index(pos)
        recent = [
            r
            for r in reversed(self.records)
            if r.start < pos and para - self.para_index(r.start) <= 3 and r.speaker.name
        ]
        if low in ("he", "she", "i"):
            # A person named earlier in the same paragraph beats an older speaker.
            mpos, mname = self.names.last_person_before(mention.start)
            prev = next((r for r in recent if r.speaker.kind == "person"), None)
            if mname and (
                prev is None
                or (mpos > prev.attribution.cue_start and self.para_index(mpos) == para)
            ):
                return Speaker(mname, "person", None), mention.text
            if prev is not None:
                return Speaker(prev.speaker.name, "person", prev.speaker.role), mention.text
            return Speaker(mname, "person", None), mention.text
        if low == "it":
            for r in recent:
                if r.speaker.kind == "organization":
                    return r.speaker, mention.text
            return Speaker(None, "organization", None), mention.text
        for r in recent[:1]:
            if r.speaker.kind != "person":
                return r.speaker, mention.text
        return Speaker(None, "unnamed", None), mention.text

    def add(self, kind: str, start: int, end: int, att: Attribution) -> None:
        speaker, speaker_text = self.resolve(att.mention, start)
        self.records.append(Rec(kind, start, end, att, speaker, speaker_text))
        if att.cue is not None:
            self.used_cues.add(att.cue_start)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace and a trailing comma or sentence period outside the marks."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–"):
        end -= 1
    if end > start and text[end - 1] == "." and not text[start:end].endswith(("..", "Jr.")):
        # The sentence's own full stop is not part of an indirect clause.
        end -= 1
    return start, end


def content_span(text: str, q: QuoteSpan) -> tuple[int, int]:
    start, end = q.inner_start, q.inner_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def covered(doc: Doc, start: int, end: int) -> bool:
    """Is the span already the content of a direct quote?"""
    return any(r.start < end and start < r.end for r in doc.records if r.kind == "direct")
