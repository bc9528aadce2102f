"""First pass of the quote extractor: quoted spans that stand as sentences (direct quotes).

Every top-level quoted span that opens a clause is a candidate; its attribution is looked for
right after it (``“…,” Name said``), right before it (``Name told reporters: “…”``), and failing
that it continues the previous quote's speaker (an interrupted quote, or a news-style
multi-paragraph quote).
"""

from __future__ import annotations

import re

from transforms.quote_cues import CUE_RE, QuoteSpan, lemma_of
from transforms.quote_doc import Attribution, Doc, Rec, content_span
from transforms.quote_foreign import FOREIGN_CUES, INVERTED_PRONOUN_RE, foreign_speaker_span
from transforms.speaker_subject import clause_subject, is_object_mention
from transforms.speakers import Mention, speaker_after, speaker_before

_DIRECTISH_END_RE = re.compile(r"[.?!,…]['’”\"]*$")
# Compiled once: built on the fly it fell out of the re module's cache between articles.
_CUE_AT_END_RE = re.compile(r"(?:" + CUE_RE.pattern + r")(?:\s+that)?\s*$", re.I)


def _foreign_attribution(text: str, cue: re.Match[str], hi: int) -> Attribution | None:
    """``« … », a déclaré le porte-parole, Ana Diallo`` / ``« … », affirme-t-elle``."""
    pron = INVERTED_PRONOUN_RE.search(cue.group())
    if pron is not None:
        s = cue.start() + pron.start(1)
        return Attribution(
            cue.group(), cue.start(), Mention(s, s + len(pron.group(1)), pron.group(1)), 0.85
        )
    s, e, name, role = foreign_speaker_span(text, cue.end(), hi)
    if not name or len(name.split()) > 10:
        return None
    ns = text.find(name, s, e)
    return Attribution(cue.group(), cue.start(), Mention(ns, ns + len(name), name, role), 0.85)


def _attribution_after(doc: Doc, pos: int, hi: int) -> Attribution | None:
    """``“…,” Name said`` / ``“…,” said Name``: attribution right after a closing mark."""
    text = doc.text
    lead = re.match(r"[\s,—–-]*", text[pos:hi])
    assert lead is not None
    p = pos + lead.end()
    cue = CUE_RE.search(text, p, min(hi, p + 160))
    if cue is None or cue.start() in doc.used_cues:
        return None
    lemma = lemma_of(cue.group())
    if lemma in ("according to", "selon", "según"):
        return None
    if cue.group() in FOREIGN_CUES and (cue.start() == p or text[p] in "-–—"):
        return _foreign_attribution(text, cue, hi)
    if cue.start() == p or text[p : cue.start()].strip().lower() in ("has", "had", "also"):
        mention = speaker_after(text, cue.end(), hi)
        if mention is None:
            return None
        return Attribution(cue.group(), cue.start(), mention, 0.9)
    mention = speaker_before(text, p, cue.start())
    if mention is None and cue.group() in FOREIGN_CUES:
        # "« … » Moussa Diop, enseignant à Thiès, résume": name, apposition, cue.
        s, _e, name, role = foreign_speaker_span(text, p, cue.start())
        if s == p and name[:1].isupper() and len(name.split()) <= 4:
            mention = Mention(s, s + len(name), name, role)
    if mention is None or text[p : mention.start].strip():
        return None
    return Attribution(cue.group(), cue.start(), mention, 0.9)


def _earlier_speaker(doc: Doc, lo: int, pos: int) -> Mention | None:
    """The speaker of an earlier cue in the same sentence ("…,” Ana said, adding: “…”)."""
    for r in reversed(doc.records):
        a = r.attribution
        if a.mention is not None and lo <= a.cue_start < pos:
            return a.mention
    return None


def _attribution_before(doc: Doc, lo: int, pos: int) -> Attribution | None:
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
        mention = _earlier_speaker(doc, sent_lo, cue.start()) or clause_subject(
            text, sent_lo, cue.start()
        )
    else:
        mention = speaker_before(text, lo, cue.start())
        if (
            mention is not None
            and cue.group().endswith("ing")
            and is_object_mention(text, lo, mention)
        ):
            # "Ana issued a statement saying: “…”": the issuer speaks.
            mention = clause_subject(text, doc.sentence_at(cue.start()).start, mention.start)
        if mention is None and lemma != "tell":  # the phrase after "told" is the addressee
            mention = speaker_after(text, cue.end(), pos)
    if mention is None:
        return None
    return Attribution(cue.group(), cue.start(), mention, 0.85)


def _opens_clause(doc: Doc, q: QuoteSpan, lo: int) -> bool:
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
    if last and _CUE_AT_END_RE.search(before):
        # 'said that “we need more” about it' goes on after the mark: a mixed quote.
        after = text[q.end : doc.sentence_at(max(q.end - 1, q.start)).end]
        if len(after.split()) >= 2 and not after.lstrip().startswith((",", ";", "—")):
            return False
        return nwords >= 3 and (inner[0].isupper() or before.endswith("that"))
    return False


def direct_quotes(doc: Doc) -> None:
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
                att = Attribution(last.attribution.cue, -1, None, conf)
                start, end = content_span(text, q)
                doc.records.append(Rec("direct", start, end, att, last.speaker, last.speaker_text))
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
            ps, pe = content_span(text, pq)
            doc.add("direct", ps, pe, Attribution(att.cue, -1, att.mention, 0.7))
        pending = []
        start, end = content_span(text, q)
        if end > start:
            doc.add("direct", start, end, att)
            prev_para = para
