"""Second pass of the quote extractor: verbs of saying outside quotes.

``Name said (that) …``, ``…, Name said.``, ``…, said Name``, ``according to Name, …``. A reported
clause holding quoted words is a mixed quote; quoted fragments with no cue around them are scare
quotes, titles or nicknames and are dropped.
"""

from __future__ import annotations

import re

from transforms.quote_cues import CUE_RE, QUOTED_ONLY_LEMMAS, lemma_of
from transforms.quote_doc import Attribution, Doc, content_span, covered, trim_span
from transforms.speaker_subject import clause_subject, is_object_mention
from transforms.speakers import Mention, speaker_after, speaker_before
from transforms.text import Span

# What may sit between a cue and its reported clause: "said on Monday in a statement that".
_AFTER_CUE_RE = re.compile(
    r"(?:\s*,?\s*(?:in a (?:joint |written )?statement|"
    r"in an interview(?: with [\w.’' ]{1,40}?)?|in a (?:tweet|post|letter|speech|press release|"
    r"news conference|press conference|radio interview|television interview|memo)|"
    r"on|late|early|last|this|in|at|during|before|after|earlier|later|again|"
    r"also|then|previously|recently|repeatedly|publicly|privately|"
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


def reported_speech(doc: Doc) -> None:
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
            start, end = trim_span(text, start, end)
            if end - start < 8 or mention is None:
                continue
            quoted = [q for q in doc.qspans if q.start < end and start < q.end]
            if quoted and lemma in _NAMING:
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
                # The clause is a whole quote ("She says “we will win.”"): direct, unless the
                # first pass already took it.
                q = quoted[0]
                if len(quoted) == 1 and not covered(doc, q.start, q.end):
                    # 'what she called “a disgrace”' names a thing: a fragment, marks kept.
                    naming = lemma in _NAMING
                    qs, qe = (q.start, q.end) if naming else content_span(text, q)
                    att = Attribution(cue.group(), cs, mention, conf)
                    if qe > qs:
                        doc.add("mixed" if naming else "direct", qs, qe, att)
                continue
            if covered(doc, start, end) and not quoted:
                continue
            kind = "mixed" if quoted else "indirect"
            if kind == "indirect" and lemma in QUOTED_ONLY_LEMMAS:
                continue
            doc.add(kind, start, end, Attribution(cue.group(), cs, mention, conf))


def _cut_content(doc: Doc, cue_start: int, start: int, end: int) -> int:
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


_NAMING = frozenset({"call", "describe", "dub", "label", "brand"})
# "… and said", "… but also says", "…, and then told": a second predicate of the subject.
_COORD_RE = re.compile(
    r"(?:,\s*)?\b(?:and|but)(?:\s+(?:also|then|later|again|repeatedly|has|have|had))*\s*$"
)


def sentence_subject(doc: Doc, sent: Span, pos: int) -> Mention | None:
    """The subject of the sentence holding ``pos``: the speaker of an earlier cue in it
    ("“…,” Ana said, adding that …"), else the phrase opening it or its first clause."""
    text = doc.text
    for r in reversed(doc.records):
        a = r.attribution
        if a.mention is not None and sent.start <= a.cue_start < pos:
            return a.mention
    return clause_subject(text, sent.start, pos)


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


_APPOSITIVE_TAIL_RE = re.compile(r"\s*(?:[—–]|(?:the|a|an|which|its|his|her|their)\b)")


def _tail_after_attribution(text: str, sent: Span, ce: int, c_start: int, mention: Mention) -> bool:
    """``CONTENT, the ministry said, the latest in …`` / ``… said on Sunday — a deadline …``:
    what follows the attribution comments on the content, it does not continue it."""
    if len(text[sent.start : mention.start].split()) < 6:
        return False  # "Many of the prisons, she said, are aging": a parenthetical
    dash = text[c_start : c_start + 1] in "—–"
    comma = text[ce:c_start].rstrip().endswith(",")
    return dash or (comma and _APPOSITIVE_TAIL_RE.match(text, c_start) is not None)


def _clause_for_cue(
    doc: Doc, sent: Span, cue: re.Match[str], lemma: str
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
    participle = cue.group().endswith("ing") and pre.rstrip().endswith(",")
    mention = None if participle else speaker_before(text, sent.start, cs)
    if mention is not None and mention.text.lower() in ("it",) and lemma not in ("say", "report"):
        mention = None
    if (
        mention is not None
        and cue.group().endswith("ing")
        and is_object_mention(text, sent.start, mention)
    ):
        # "Ana issued a statement saying …": the issuer speaks, not the statement.
        subject = clause_subject(text, sent.start, mention.start)
        if subject is not None:
            gap = _AFTER_CUE_RE.match(text, ce, sent.end)
            return (gap.end() if gap else ce), sent.end, subject, 0.65
    coordinated = mention is None and _COORD_RE.search(pre) is not None
    if mention is None and (coordinated or participle):
        # "…, saying the plan would fail" / "X praised Y and said …": the speaker is the
        # subject of the sentence.
        mention = sentence_subject(doc, sent, cs)
        if mention is not None:
            gap = _AFTER_CUE_RE.match(text, ce, sent.end)
            return (gap.end() if gap else ce), sent.end, mention, 0.6
        if coordinated:
            return None
        if participle:
            mention = speaker_before(text, sent.start, cs)
    if mention is None:
        # Inverted "…, said Name." or "…, says Name, a professor."
        if pre.rstrip().endswith(","):
            mention = speaker_after(text, ce, sent.end)
            tail = text[mention.end : sent.end].strip(' .!?”"') if mention else ""
            if mention is not None and (not tail or tail.startswith(",")):
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
    if before_mention.endswith((",”", ',"')) and text.count("“", sent.start, mention.start) == 1:
        # 'Voters want a leader “who listens,” Ana said.': a fragment closing its clause.
        before_mention = before_mention[:-2] + before_mention[-1] + ","
    # "On Twitter, Ana called it “a mess.”" / "…, Ana said that …": the cue introduces what
    # follows; it does not close the clause before the comma.
    introduced = re.search(r"\bthat\s*$", text[ce:c_start]) or re.search(r"[“\"«]", remaining)
    trailing = (
        before_mention.endswith(",")
        and not introduced
        and (
            len(remaining.split()) <= 4 or _tail_after_attribution(text, sent, ce, c_start, mention)
        )
    )
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
            return c_start, q.end, mention, 0.7
    return c_start, sent.end, mention, 0.7
