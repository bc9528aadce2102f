"""Fourth pass of the quote extractor: quoted fragments inside a clause with a speaking subject.

The guide makes evaluative and directive acts mixed quotes once they carry quoted words
(``rejected the accusations as “patently false”``, ``mocked his rival for “having a bad
night”``). The cue lexicon cannot list every such verb, so a quoted fragment that no earlier
pass took goes to the subject of its clause when that clause is ``Subject verb … “…” …``: the
content runs from after the verb to the end of the sentence, marks kept.
"""

from __future__ import annotations

import re

from transforms.quote_cues import QuoteSpan
from transforms.quote_doc import Attribution, Doc, content_span, trim_span
from transforms.quote_orphans import _is_title
from transforms.speaker_lexicon import HEAD_NOUNS, PRONOUNS, TITLES
from transforms.speakers import Mention, speaker_before

# Words between a subject and its verb: auxiliaries, adverbs, time phrases.
_AUX_BACK_RE = re.compile(
    r"(?:\s+(?:has|have|had|is|was|are|were|will|would|could|also|again|then|later|once|"
    r"just|even|still|already|repeatedly|recently|previously|since|on \w+|\w{3,}ly))+\s*$"
)
_WORD_RE = re.compile(r"(?<![\w’'-])[a-z]+(?![\w’'-])")
_VERB_RE = re.compile(
    r"[a-z]{3,}(?:ed|es|s|ing|ew|ote|ook|ave|ade|ut|ld|id|ent|oke|ung|ang)"
    r"|thought|brought|fought|taught|sought"
)
# Crowds chanting or shouting slogans: each quoted span is a direct quote (guide).
_CHANT_RE = re.compile(r"(?:chant|shout|yell|scream|sang|sing)\w*")
_ENGLISH_RE = re.compile(r"\b(?:the|a|an|and|of|to|with|for|as)\b")
_NOUN_RE = re.compile(r"[a-z]+(?:ers|ors|ists|ans|ics|ness|ss|us|ents|ings|ans|ants|ies)")
# Lowercase words right after a subject that are not its verb.
_NOT_VERB = frozenset(
    [
        "who",
        "which",
        "that",
        "whose",
        "whom",
        "where",
        "when",
        "while",
        "as",
        "and",
        "but",
        "or",
        "of",
        "for",
        "in",
        "on",
        "at",
        "to",
        "with",
        "from",
        "by",
        "about",
        "into",
        "over",
        "after",
        "before",
        "than",
        "this",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "our",
        "the",
        "a",
        "an",
        "is",
        "was",
        "are",
        "were",
        "has",
        "have",
        "had",
        "been",
        "being",
        "not",
        "also",
        "says",
        "said",
        "told",
    ]
)
# Opening adjuncts to step over before the subject: "In a statement, …", "On Monday, …".
_OPENER_RE = re.compile(
    r"(?:(?:In|On|At|During|After|Before|Since|With|For|From|By|Speaking|Earlier|Later|"
    r"Last|But|And|Still|Yet|However|Meanwhile|Instead|Then|Now|Also|Once|When|While|As|Asked|[A-Z]\w+ly)\b[^,.;:“”\"]"
    r"{0,80},\s+|(?:But|And|Yet|Still|Now|Then|So)\s+)"
)
_PASSIVE_RE = re.compile(r"\b(?:is|was|are|were|been|being|be)\b")
_MAX_GAP = 12
# Where a clause carrying quoted words ends: a dash aside, a new clause, an appositive.
_BREAK_RE = re.compile(r"\s[—–-]+\s|;\s|,\s+(?:but|and|which|while|since|a|an|the|\w+ing)\b")
# A clause break between a verb and far-off quoted words: they are not its complement.
_GAP_BREAK_RE = re.compile(
    r"[,;:()]|\s[—–-]+\s|\b(?:and|but|which|who|while|because|after|before|when)\b"
)
# A poll question: "Asked whether X “…”, 75 percent of voters said yes": the respondents
# answer, so the question is a mixed quote with an unnamed speaker.
_POLL_Q_RE = re.compile(r"(?:When\s+)?[Aa]sked\s+(?=(?:whether|if)\b)[^.;:?!“”\"]{0,150}$")
_POLL_A_RE = re.compile(
    r"[,\s]*(?:\d[\d.]*\s*(?:percent|%)|a (?:majority|plurality)|most|half|two-thirds|"
    r"a third|nearly|almost|about|just|only|over|more than|fewer than)[^.;“”\"]{0,80}?"
    r"\b(?:said|say|says|agreed|answered|responded|replied)\b"
)
# Subjects that are not speakers.
_NON_SPEAKERS = frozenset({"it", "this", "that", "there", "you", "i", "we"})


def _subject(doc: Doc, lo: int, hi: int) -> tuple[Mention, int] | None:
    """``Subject [, appositive,] [aux] verb`` opening ``text[lo:hi]``: the subject and the
    offset right after its verb. The verb is the first verb-like word after ``lo`` whose
    left context is a speaker phrase starting the clause."""
    text = doc.text
    m = _OPENER_RE.match(text, lo, hi)
    if m is not None:
        lo = m.end()
    for n, verb in enumerate(_WORD_RE.finditer(text, lo, hi)):
        if n > 14:
            return None
        word = verb.group()
        if word in _NOT_VERB or not _VERB_RE.fullmatch(word) or _NOUN_RE.fullmatch(word):
            continue
        aux = _AUX_BACK_RE.search(text, lo, verb.start())
        mention = speaker_before(text, lo, aux.start() if aux else verb.start())
        if mention is None:
            continue
        lead = text[lo : mention.start].split()
        if len(lead) > 4 or not all(w[:1].isupper() or "-" in w or w in TITLES for w in lead):
            return None
        low = mention.text.lower()
        head = mention.text.split()[-1]
        if not (head[:1].isupper() or low in PRONOUNS or head in HEAD_NOUNS) or "’s" in low:
            return None
        if low in _NON_SPEAKERS or len(low.split()) > 8 or low.endswith("ing"):
            return None
        if word.endswith(("ed", "en")) and aux is not None and _PASSIVE_RE.search(aux.group()):
            return None  # "was profiled in …": the subject is not the source
        gap = text[verb.end() : hi]
        if len(gap.split()) > _MAX_GAP and (
            len(gap.split()) > 2 * _MAX_GAP or _GAP_BREAK_RE.search(gap)
        ):
            return None  # the quoted words are too far from the verb to be its complement
        return mention, verb.end()
    return None


def _clause_start(doc: Doc, lo: int, q: QuoteSpan) -> int:
    """The start of the clause holding ``q``: after the last '; ' or ', and|but ' before it."""
    seg = doc.text[lo : q.start]
    best = lo
    for m in re.finditer(r";\s+|,\s+(?:and|but)\s+(?=[A-Z]|(?:he|she|they)\b)", seg):
        best = lo + m.end()
    return best


def fragment_quotes(doc: Doc) -> None:
    """Attribute quoted fragments left over by the other passes to their clause's subject."""
    text = doc.text
    taken = [(r.start, r.end) for r in doc.records]
    done_sents: set[int] = set()
    for q in doc.qspans:
        inner = text[q.inner_start : q.inner_end]
        if (
            not q.closed
            or _is_title(inner)
            or text[max(0, q.start - 10) : q.start].rstrip().endswith("so-called")
            or any(s < q.inner_end and q.inner_start < e for s, e in taken)
        ):
            continue
        sent = doc.sentence_at(q.start)
        if sent.start in done_sents or q.start - sent.start < 6:
            continue
        poll = _POLL_Q_RE.match(text, sent.start, q.start)
        if poll is not None and _POLL_A_RE.match(text, q.end, sent.end):
            cue_at = text.index("sked", poll.start()) - 1
            start, end = trim_span(text, text.index(" ", cue_at) + 1, q.end)
            doc.add("mixed", start, end, Attribution(text[cue_at : cue_at + 5], cue_at, None, 0.5))
            done_sents.add(sent.start)
            taken.append((start, end))
            continue
        para = doc.paras[doc.para_index(q.start)]
        if para.text[-1] not in ".?!”\"’)»'" or not _ENGLISH_RE.search(sent.text):
            continue  # a heading or caption label
        lo = max(sent.start, para.start)
        found = None
        for start in dict.fromkeys((_clause_start(doc, lo, q), lo)):
            found = _subject(doc, start, q.start)
            if found is not None:
                break
        if found is None:
            continue
        mention, c_start = found
        verb = text[:c_start].split()[-1]
        if verb == "citing":
            continue  # a weak cue (guide)
        if _CHANT_RE.fullmatch(verb):
            spans = [x for x in doc.qspans if c_start <= x.start and x.end <= sent.end]
            for x in spans:
                xs, xe = content_span(text, x)
                doc.add("direct", xs, xe, Attribution(None, -1, mention, 0.55))
                taken.append((xs, xe))
            continue
        that = re.match(r"\s*(?:that\b)?", text[c_start : q.start])
        c_start += that.end() if that else 0
        end = sent.end
        last = max((x for x in doc.qspans if x.start < end), key=lambda x: x.start)
        end = max(end, min(last.end, para.end))
        brk = _BREAK_RE.search(text, last.end, end)
        start, end = trim_span(text, c_start, brk.start() if brk else end)
        if end - start < 8:
            continue
        doc.add("mixed", start, end, Attribution(None, -1, mention, 0.55))
        done_sents.add(sent.start)
        taken.append((start, end))
