"""Third pass of the quote extractor: quoted sentences left without an attribution.

News often quotes a speaker across sentences and paragraphs with no cue of its own
(``Name: “…”``, a quote paragraph after one that introduced the speaker, a statement set off
by a colon). Once the first two passes are done, a clause-like quoted span that no record covers
goes to the speaker the context gives: a name right before a colon or after a dash, else the
speaker quoted just before it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.quote_cues import QuoteSpan
from transforms.quote_doc import Attribution, Doc, Rec, content_span
from transforms.speakers import Mention, Speaker, speaker_after, speaker_before

# Title Case runs ("Meet the Press", "The Art of the Deal") are titles, not speech.
_MINOR = frozenset(
    {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from"}
    | {"as", "is", "vs"}
)
_SENT_END_RE = re.compile(r"[.?!…]['’”\"]*$")


def _is_title(inner: str) -> bool:
    words = [w for w in re.findall(r"[\w’']+", inner) if w.lower() not in _MINOR]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _clause_like(doc: Doc, q: QuoteSpan) -> bool:
    """A sentence or more of quoted speech standing on its own, not a fragment or a title."""
    text = doc.text
    inner = text[q.inner_start : q.inner_end].strip()
    words = inner.split()
    if len(words) < 4 or _is_title(inner):
        return False
    sent = doc.sentence_at(q.start)
    para = doc.paras[doc.para_index(q.start)]
    before = text[max(sent.start, para.start) : q.start].rstrip()
    if before and before[-1] not in ":.?!—–":
        return False
    # The quote must carry the sentence: no long unquoted tail after it.
    after = text[q.end : doc.sentence_at(max(q.end - 1, q.start)).end].strip()
    return len(after.split()) <= 2 or bool(_SENT_END_RE.search(inner))


# An inverted introducer before a colon: "Stated Stone:", "Continued the senator:".
_INTRO_VERB_RE = re.compile(
    r"((?:Stated|Continued|Added|Concluded|Explained|Noted|Declared|Wrote|Insisted|Recalled)"
    r")\s+(?:the\s+)?"
)


def _colon_speaker(doc: Doc, q: QuoteSpan) -> Mention | None:
    """``Republican pollster Ana Ruiz: “…”``: the phrase right before the colon."""
    text = doc.text
    sent = doc.sentence_at(q.start)
    para = doc.paras[doc.para_index(q.start)]
    lo = max(sent.start, para.start)
    before = text[lo : q.start].rstrip()
    if not before.endswith(":"):
        return None
    colon = lo + len(before) - 1
    mention = speaker_before(text, lo, colon)
    if mention is None or len(mention.text.split()) > 8:
        return None
    return mention


def orphan_quotes(doc: Doc) -> None:
    """Attribute clause-like quoted spans that no earlier pass took."""
    text = doc.text
    taken = sorted((r.start, r.end) for r in doc.records)
    for q in doc.qspans:
        if any(s < q.inner_end and q.inner_start < e for s, e in taken):
            continue
        if not _clause_like(doc, q):
            continue
        start, end = content_span(text, q)
        if end <= start:
            continue
        mention = _colon_speaker(doc, q)
        if mention is not None:
            verb = _INTRO_VERB_RE.match(mention.text)
            if verb is not None and mention.text[verb.end() :].strip():
                # "Stated Stone: “…”": an inverted introducer; the verb is the cue.
                cue_at = mention.start + verb.start(1)
                mention = replace(
                    mention, start=mention.start + verb.end(), text=mention.text[verb.end() :]
                )
                att = Attribution(verb.group(1), cue_at, mention, 0.7)
                doc.add("direct", start, end, att)
                continue
            doc.add("direct", start, end, Attribution(None, -1, mention, 0.6))
            continue
        mention = _dash_speaker(doc, q)
        if mention is not None:
            doc.add("direct", start, end, Attribution(None, -1, mention, 0.62))
            continue
        found = _context_speaker(doc, q.start)
        if found is None:
            continue
        speaker, conf = found
        att = Attribution(None, -1, None, conf)
        doc.records.append(Rec("direct", start, end, att, speaker, None))


_DASH_RE = re.compile(r"\s*[―—–-]+\s*")


def _dash_speaker(doc: Doc, q: QuoteSpan) -> Mention | None:
    """``“…” ― Ana Ruiz`` (a reader's reaction, an epigraph): the name after the dash."""
    text = doc.text
    para = doc.paras[doc.para_index(max(q.end - 1, q.start))]
    dash = _DASH_RE.match(text, q.end, para.end)
    if dash is None or dash.end() == q.end:
        return None
    mention = speaker_after(text, dash.end(), para.end)
    if mention is None:
        return None
    if text[mention.end : para.end].strip(" ,.;") and mention.appositive is None:
        return None
    return mention


def _context_speaker(doc: Doc, pos: int) -> tuple[Speaker, float] | None:
    """The speaker quoted last before ``pos``, in this or the previous paragraph.

    Only a quoted speaker carries over: the last person merely named nearby is wrong about as
    often as right (a quote's attribution may follow it, or it may be a document's).
    """
    para = doc.para_index(pos)
    prev = [r for r in doc.records if r.start < pos and r.speaker.name]
    if not prev:
        return None
    last = max(prev, key=lambda r: r.start)
    if para - doc.para_index(last.start) > 1:
        return None
    return last.speaker, 0.5
