"""Quote extraction: who said what, with offsets into the article text.

Two passes over the text, both regex-driven so a typical article takes about a millisecond:

1. Quotation marks first. Every top-level quoted span that opens a clause is a candidate direct
   quote; its attribution is looked for right after it (``“…,” Name said``), right before it
   (``Name told reporters: “…”``), and failing that it continues the previous quote's speaker
   (an interrupted quote, or a news-style multi-paragraph quote).
2. Then verbs of saying outside quotes: ``Name said (that) …``, ``…, Name said.``,
   ``…, said Name``, ``according to Name, …``. A reported clause holding quoted words is a mixed
   quote; quoted fragments with no cue around them are scare quotes, titles or nicknames and
   are dropped.

The rules are those of ``docs/annotation-guide.md`` (shared docs).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from transforms.quote_cues import CUE_RE, QUOTED_ONLY_LEMMAS, QuoteSpan, lemma_of, scan_quotes
from transforms.records import Quote
from transforms.speakers import (
    PRONOUNS,
    Mention,
    NameIndex,
    Speaker,
    analyse,
    speaker_after,
    speaker_before,
)
from transforms.text import Span, paragraphs, sentences

__all__ = ["extract_quotes"]

# Any quotation mark or cue at all: articles without either are skipped before any splitting.
_ANY_RE = re.compile(r"[“”„«»\"]|''|" + CUE_RE.pattern, re.IGNORECASE)
_TRAIL_RE = re.compile(r"[\s,;:—–-]+$")
# What may sit between a cue and its reported clause: "said on Monday in a statement that".
_AFTER_CUE_RE = re.compile(
    r"(?:\s*,?\s*(?:on|late|early|last|this|in|at|during|before|after|earlier|later|again|"
    r"also|then|previously|recently|repeatedly|publicly|privately|in a statement|"
    r"in an interview(?: with [\w.’' ]{1,40}?)?|in a (?:tweet|post|letter|speech|press release|"
    r"news conference|press conference|radio interview|television interview|memo)|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight)"
    r"(?: (?:morning|afternoon|evening|night))?|(?:last|this) (?:week|month|year)|"
    r"(?:on|in) (?:\w+ )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"on [A-Z][a-z]{2,8}\.? \d{1,2})\b)*"
    r"\s*,?\s*(?:that\b)?\s*",
    re.IGNORECASE,
)
# Addressees of "told": "told reporters", "told The Associated Press", "told him".
_TOLD_OBJ_RE = re.compile(
    r"\s+(?:(?:the|a|an|his|her|their)\s+)?(?:(?:[A-Z][\w.’'&-]*|of|for|and|reporters|"
    r"journalists|lawmakers|senators|supporters|voters|members|the|a|an|crowd|audience|"
    r"interviewers?|him|her|them|me|us|you|host|anchor|radio|television|show|station|"
    r"magazine|newspaper|paper|senate|house|committee|local|state|news)\b[\s,]*){1,8}?"
    r"(?=(?:that\b|on\b|in\b|last\b|this\b|during\b|:|,|[“\"«])|\s+[a-z])"
)
_PASSIVE_RE = re.compile(
    r"\b(?:is|was|were|are|be|been|being|has been|have been|had been)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
# "…, saying", "… and argues", "… but also warned": a second attribution begins.
_CONNECT_RE = re.compile(r"(?:,\s*(?:and|but)?|\s(?:and|but))\s+(?:also\s+|then\s+)?$")
_DIRECTISH_END_RE = re.compile(r"[.?!,…]['’”\"]*$")


@dataclass(slots=True)
class _Attribution:
    cue: str | None
    cue_start: int
    mention: Mention | None
    confidence: float


@dataclass(slots=True)
class _Rec:
    kind: str
    start: int
    end: int
    attribution: _Attribution
    speaker: Speaker
    speaker_text: str | None


class _Doc:
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
        self.records: list[_Rec] = []
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

    def add(self, kind: str, start: int, end: int, att: _Attribution) -> None:
        speaker, speaker_text = self.resolve(att.mention, start)
        self.records.append(_Rec(kind, start, end, att, speaker, speaker_text))
        if att.cue is not None:
            self.used_cues.add(att.cue_start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace and a trailing comma or sentence period outside the marks."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–"):
        end -= 1
    if end > start and text[end - 1] == "." and not text[start:end].endswith(("..", "Jr.")):
        # The sentence's own full stop is not part of an indirect clause.
        end -= 1
    return start, end


def _attribution_after(doc: _Doc, pos: int, hi: int) -> _Attribution | None:
    """``“…,” Name said`` / ``“…,” said Name``: attribution right after a closing mark."""
    text = doc.text
    lead = re.match(r"[\s,—–-]*", text[pos:hi])
    assert lead is not None
    p = pos + lead.end()
    cue = CUE_RE.search(text, p, min(hi, p + 160))
    if cue is None or cue.start() in doc.used_cues:
        return None
    lemma = lemma_of(cue.group())
    if lemma == "according to":
        return None
    if cue.start() == p or text[p : cue.start()].strip().lower() in ("has", "had", "also"):
        mention = speaker_after(text, cue.end(), hi)
        if mention is None:
            return None
        return _Attribution(cue.group(), cue.start(), mention, 0.9)
    mention = speaker_before(text, p, cue.start())
    if mention is None or text[p : mention.start].strip():
        return None
    return _Attribution(cue.group(), cue.start(), mention, 0.9)


def _attribution_before(doc: _Doc, lo: int, pos: int) -> _Attribution | None:
    """``Name told reporters: “…”`` / ``Name said, “…”``: attribution ending at a mark."""
    text = doc.text
    before = text[lo:pos]
    if not re.search(r"(?:[:,]|\bthat|\b\w+)\s*$", before):
        return None
    cues = list(CUE_RE.finditer(text, lo, pos))
    if not cues:
        return None
    cue = cues[-1]
    gap = text[cue.end() : pos]
    if len(gap.split()) > 16 or re.search(r"[.;?!]", gap) or cue.start() in doc.used_cues:
        return None
    lemma = lemma_of(cue.group())
    if lemma == "according to":
        mention = speaker_after(text, cue.end(), pos)
    elif cue.group().endswith("ing") and text[lo : cue.start()].rstrip().endswith(","):
        # "…, telling reporters: “…”": the speaker is the sentence subject.
        sent_lo = doc.sentence_at(cue.start()).start
        mention = speaker_after(text, sent_lo, cue.start())
        if mention is not None:
            mention = Mention(mention.start, mention.end, mention.text)
    else:
        mention = speaker_before(text, lo, cue.start())
        if mention is None and lemma != "tell":  # the phrase after "told" is the addressee
            mention = speaker_after(text, cue.end(), pos)
    if mention is None:
        return None
    return _Attribution(cue.group(), cue.start(), mention, 0.85)


def _opens_clause(doc: _Doc, q: QuoteSpan, lo: int) -> bool:
    """Does the quote stand as a sentence or clause of its own, rather than a fragment?"""
    text = doc.text
    before = text[lo : q.start].rstrip()
    inner = text[q.inner_start : q.inner_end].strip()
    if not inner:
        return False
    nwords = len(inner.split())
    if not before or before[-1] in ":.?!;—–-" or before.endswith(("”", '"')):
        return nwords >= 2 or bool(_DIRECTISH_END_RE.search(inner))
    if before[-1] == ",":
        return nwords >= 3 and (inner[0].isupper() or bool(_DIRECTISH_END_RE.search(inner)))
    last = CUE_RE.search(before[-30:] + " ")
    if last and re.search(r"(?:" + CUE_RE.pattern + r")(?:\s+that)?\s*$", before, re.I):
        # 'said that “we need more” about it' goes on after the mark: a mixed quote.
        after = text[q.end : doc.sentence_at(max(q.end - 1, q.start)).end]
        if len(after.split()) >= 2 and not after.lstrip().startswith((",", ";", "—")):
            return False
        return nwords >= 3 and (inner[0].isupper() or before.endswith("that"))
    return False


def _direct_quotes(doc: _Doc) -> None:
    text = doc.text
    prev_para = -1
    # Unclosed paragraphs of a multi-paragraph quote still waiting for their attribution.
    pending: list[QuoteSpan] = []
    for qi, q in enumerate(doc.qspans):
        para = doc.para_index(q.start)
        p_span = doc.paras[para]
        prev_q = doc.qspans[qi - 1] if qi else None
        if prev_q is not None and doc.para_index(prev_q.start) != para:
            prev_q = None
        next_q = doc.qspans[qi + 1] if qi + 1 < len(doc.qspans) else None
        sent_lo = doc.sentence_at(q.start).start
        lo = max(sent_lo, prev_q.end if prev_q else p_span.start)
        if not _opens_clause(doc, q, lo):
            continue
        end_sent = doc.sentence_at(max(q.end - 1, q.start))
        hi = min(end_sent.end, next_q.start if next_q and next_q.start > q.end else p_span.end)
        att = _attribution_after(doc, q.end, hi) if q.closed else None
        if att is None:
            att = _attribution_before(doc, lo, q.start)
        if att is None and lo == p_span.start and para > 0:
            # "Name said:" closing the previous paragraph.
            prev_p = doc.paras[para - 1]
            if prev_p.text.endswith(":"):
                att = _attribution_before(doc, doc.sentence_at(prev_p.end - 1).start, prev_p.end)
        if att is None and doc.records:
            last = doc.records[-1]
            last_para = doc.para_index(last.start)
            same_para = last_para == para and last.kind == "direct"
            follows = last_para == para - 1 and last.kind == "direct" and prev_para == para - 1
            if same_para or (follows and lo == p_span.start):
                conf = 0.7 if same_para or not last.attribution.confidence else 0.6
                att = _Attribution(last.attribution.cue, -1, None, conf)
                start, end = _content_span(text, q)
                doc.records.append(_Rec("direct", start, end, att, last.speaker, last.speaker_text))
                prev_para = para
                continue
        at_para_start = lo == p_span.start
        if pending and not (at_para_start and doc.para_index(pending[-1].start) == para - 1):
            pending = []
        if att is None:
            if not q.closed and at_para_start:
                pending.append(q)
            continue
        for pq in pending:
            ps, pe = _content_span(text, pq)
            doc.add("direct", ps, pe, _Attribution(att.cue, -1, att.mention, 0.7))
        pending = []
        start, end = _content_span(text, q)
        if end > start:
            doc.add("direct", start, end, att)
            prev_para = para


def _content_span(text: str, q: QuoteSpan) -> tuple[int, int]:
    start, end = q.inner_start, q.inner_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _covered(doc: _Doc, start: int, end: int) -> bool:
    """Is the span already the content of a direct quote?"""
    return any(r.start < end and start < r.end for r in doc.records if r.kind == "direct")


def _reported_speech(doc: _Doc) -> None:
    text = doc.text
    for sent in doc.sents:
        if not CUE_RE.search(sent.text):
            continue
        para = doc.paras[doc.para_index(sent.start)]
        if para.text[-1] not in ".?!”\"’:)»'":
            continue  # a heading or a caption label, not prose: "Pentagon confirms talks"
        for cue in CUE_RE.finditer(text, sent.start, sent.end):
            cs = cue.start()
            if cs in doc.used_cues or doc.in_quote(cs):
                continue
            lemma = lemma_of(cue.group())
            if cue.group().endswith(("ed", "said", "told", "written")) and _PASSIVE_RE.search(
                text[max(sent.start, cs - 24) : cs]
            ):
                continue  # "was told", "is said to": the subject is not the speaker
            found = _clause_for_cue(doc, sent, cue, lemma)
            if found is None:
                continue
            start, end, mention, conf = found
            if start > cs:
                end = _cut_content(doc, cs, start, end)
            start, end = _trim(text, start, end)
            if end - start < 8 or mention is None:
                continue
            quoted = [q for q in doc.qspans if q.start < end and start < q.end]
            if quoted and lemma in ("call", "describe", "dub", "label", "brand"):
                # "called Clinton, his rival, an ISIS “co-founder”": the naming phrase only.
                end = max(q.end for q in quoted)
                comma = text.rfind(", ", start, quoted[0].start)
                start = comma + 2 if comma >= 0 else start
            elif (
                quoted
                and quoted[-1].end > end
                and doc.para_index(quoted[-1].end - 1) == (doc.para_index(end))
            ):
                end = quoted[-1].end  # the splitter cut before a closing mark
            if (
                quoted
                and lemma in QUOTED_ONLY_LEMMAS
                and CUE_RE.search(text, cue.end(), quoted[0].start)
            ):
                continue  # the quoted words belong to a later cue, not to "asked"
            if quoted and all(q.start <= start + 1 and q.end >= end - 1 for q in quoted):
                continue  # the clause is a direct quote: handled by the first pass
            if _covered(doc, start, end) and not quoted:
                continue
            kind = "mixed" if quoted else "indirect"
            if kind == "indirect" and lemma in QUOTED_ONLY_LEMMAS:
                continue
            doc.add(kind, start, end, _Attribution(cue.group(), cs, mention, conf))


def _cut_content(doc: _Doc, cue_start: int, start: int, end: int) -> int:
    """End a reported clause where another attribution or a new quoted sentence begins."""
    text = doc.text
    for q in doc.qspans:
        if start < q.start < end and re.search(r"[.?!]\s*$", text[start : q.start]):
            end = q.start
            break
    for cue in CUE_RE.finditer(text, start, end):
        m = _CONNECT_RE.search(text[start : cue.start()])
        if m and (cue.group().endswith("ing") or m.group().strip() != ","):
            return start + m.start()
    return end


def _clause_start(text: str, sent: Span, pos: int) -> int:
    """Start of the clause a trailing attribution reports: after a colon or dash, else the
    sentence start."""
    seg = text[sent.start : pos]
    # The last clause boundary before the cue wins: keep only the final match.
    m = None
    for m in re.finditer(r"[:;—–]\s|\b(?:but|and|because|as|while)\s+(?=[a-z])", seg):  # noqa: B007
        pass
    return sent.start + (m.end() if m and m.group().strip() in (":", ";", "—", "–") else 0)


def _phrase(text: str, start: int, end: int) -> Mention | None:
    """The whole source phrase after "according to", up to a comma or the sentence end."""
    comma = text.find(",", start, end)
    end = comma if comma >= 0 else end
    seg = text[start:end]
    stripped = seg.strip().rstrip(".")
    if not stripped or len(stripped.split()) > 12:
        return None
    s = start + seg.index(stripped)
    return Mention(s, s + len(stripped), stripped)


def _clause_for_cue(
    doc: _Doc, sent: Span, cue: re.Match[str], lemma: str
) -> tuple[int, int, Mention | None, float] | None:
    text = doc.text
    cs, ce = cue.start(), cue.end()
    if lemma in ("according to", "selon", "según"):
        comma = text.rfind(",", sent.start, cs)
        if cs - sent.start < 3 or (comma >= 0 and not text[comma + 1 : cs].strip()):
            # "According to X, CONTENT." or "CONTENT, according to X."
            if cs - sent.start < 3:
                m_end = text.find(",", ce, sent.end)
                if m_end < 0:
                    return None
                return m_end + 1, sent.end, _phrase(text, ce, m_end), 0.75
            return _clause_start(text, sent, comma), comma, _phrase(text, ce, sent.end), 0.75
        return None
    pre = text[sent.start : cs]
    mention = speaker_before(text, sent.start, cs)
    if mention is not None and mention.text.lower() in ("it",) and lemma not in ("say", "report"):
        mention = None
    if mention is None and cue.group().endswith("ing") and pre.rstrip().endswith(","):
        # "…, saying the plan would fail": the speaker is the subject of the sentence.
        mention = speaker_after(text, sent.start, cs)
        if mention is not None:
            mention = Mention(mention.start, mention.end, mention.text)
            gap = _AFTER_CUE_RE.match(text, ce, sent.end)
            return (gap.end() if gap else ce), sent.end, mention, 0.6
    if mention is None:
        # Inverted "…, said Name." or "…, says Name, a professor."
        if pre.rstrip().endswith(","):
            mention = speaker_after(text, ce, sent.end)
            if mention is not None:
                comma = sent.start + len(pre.rstrip()) - 1
                return _clause_start(text, sent, comma), comma, mention, 0.75
        return None
    rest_start = ce
    that = re.match(r"(?:[^.;:“”\"]{0,120}?)\bthat\b", text[ce : sent.end])
    if lemma == "tell" and that is not None and not CUE_RE.search(text, ce, ce + that.end()):
        rest_start = ce + that.end()
    elif lemma == "tell":
        obj = _TOLD_OBJ_RE.match(text, ce, sent.end)
        if obj is None:
            return None
        rest_start = obj.end()
        if re.match(r"\s*to\b", text[rest_start : rest_start + 5]):
            return None  # "told them to leave" is a directive
    gap = _AFTER_CUE_RE.match(text, rest_start, sent.end)
    c_start = gap.end() if gap else rest_start
    remaining = text[c_start : sent.end].strip(" .,;:!?")
    before_mention = text[sent.start : mention.start].rstrip()
    trailing = len(remaining.split()) <= 4 and before_mention.endswith(",")
    if (
        not remaining
        or trailing
        or (before_mention.endswith(",") and text[ce:].lstrip().startswith((",", ".", "—")))
    ):
        # "CONTENT, Name said." / parenthetical "Part, she said, rest."
        if not before_mention.endswith(","):
            return None
        comma = sent.start + len(before_mention) - 1
        c0 = _clause_start(text, sent, comma)
        if remaining and not trailing:
            return c0, sent.end, mention, 0.65
        return c0, comma, mention, 0.75
    if re.match(r"(?:to|so|nothing|yes|no|something|anything)\b", remaining, re.I) and (
        lemma in ("say", "tell")
    ):
        return None
    if text[c_start : c_start + 1] in '“"«':
        q = doc.in_quote(c_start)
        if q is not None and q.end >= sent.end - 2 and lemma not in ("call", "describe"):
            return None
    return c_start, sent.end, mention, 0.7


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
    doc = _Doc(text)
    _direct_quotes(doc)
    _reported_speech(doc)
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for r in sorted(doc.records, key=lambda r: (r.start, r.end)):
        if (r.start, r.end) in seen or r.end <= r.start:
            continue
        seen.add((r.start, r.end))
        sent = doc.sentence_at(r.start)
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
