"""Find the speaker phrase of a cue: walk tokens outwards from it.

"Maj. Gen. Patrick Ryder said" walks left from "said"; "..., said Sen. Jane Roe, a Democrat"
walks right. Far cheaper than parsing, and right for the few shapes news attribution takes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.speaker_lexicon import (
    CAP_STOP,
    DETERMINERS,
    HEAD_NOUNS,
    PRONOUNS,
    SKIP_BEFORE_CUE,
    TITLES,
)

TOKEN_RE = re.compile(r"[A-Za-zÀ-ÿ0-9][\w’'.&-]*[\w.]|[A-Za-zÀ-ÿ0-9]|[^\s\w]")
NAME_TAIL_RE = re.compile(r"(?:^|\s)[A-Z][\w’'-]+\s+[A-Z][\w’'-]+$")

# Lowercase words allowed inside a speaker phrase before its head ("senior military officials").
_MODIFIER_RE = re.compile(
    r"^(?:senior|top|former|current|local|federal|state|military|government|administration|"
    r"campaign|party|company|press|police|security|intelligence|defense|foreign|white|house|"
    r"western|european|american|u\.s\.|us|u\.n\.|other|several|many|some|two|three|four|"
    r"independent|anonymous|unnamed|chief|executive|deputy|acting|assistant|legal|health|"
    r"election|public|private|industry|market|political|longtime|veteran|outside|informed|"
    r"diplomatic|regional|national|international|city|county|school|court|media|news|"
    r"\w+(?:al|ian|ese|ic|ive|ary|ior|ish|ed)|\w+’s|\w+'s)$"
)
_FAMILIAR_RE = re.compile(
    r"(?:(?:a|an|the|two|three|several|some)\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:people|persons?|sources?|officials?|officers?|aides?|diplomats?)\s+"
    r"(?:familiar with|close to|with knowledge of|briefed on|involved in|knowledgeable about|"
    r"who spoke on|who requested|who asked|who declined)[^,.;:“”\"]{0,60}$"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker phrase in the text, with an optional appositive giving the role."""

    start: int
    end: int
    text: str
    appositive: str | None = None


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    out = []
    for m in TOKEN_RE.finditer(text, lo, hi):
        tok, s, e = m.group(), m.start(), m.end()
        if len(tok) > 3 and tok.endswith(".") and "." not in tok[:-1] and tok.lower() not in TITLES:
            # A sentence's full stop glued to a word ("said Mia Olsen."), not an abbreviation.
            out.append((s, e - 1, tok[:-1]))
            out.append((e - 1, e, "."))
        else:
            out.append((s, e, tok))
    return out


def is_cap(tok: str) -> bool:
    return tok[:1].isupper() and tok not in CAP_STOP


def _np_backward(toks: list[tuple[int, int, str]], j: int) -> int | None:
    """Index of the first token of a noun phrase ending at ``toks[j]``, or None."""
    head = toks[j][2]
    low = head.lower()
    if is_cap(head) or (head.isupper() and len(head) > 1):
        kind = "name"
    elif low in HEAD_NOUNS:
        kind = "noun"
    elif head.isalpha() and head.islower():
        # "the driver said": an unlisted noun is accepted right after a determiner.
        for k in range(j - 1, max(j - 3, -1), -1):
            tl = toks[k][2].lower()
            if tl in DETERMINERS and tl not in ("that", "this", "all", "no", "some", "many"):
                return k
            if not (_MODIFIER_RE.match(tl) or tl in HEAD_NOUNS):
                return None
        return None
    else:
        return None
    i = j
    while i > 0 and j - i < 12:
        tok = toks[i - 1][2]
        tl = tok.lower()
        if tl in DETERMINERS:
            if tl in ("that", "this", "these", "those") and kind == "name":
                break
            return i - 1
        if is_cap(tok) or tl in TITLES or tok in ("’s", "'s", "&"):
            i -= 1
            continue
        if tl in ("of", "de", "van", "von", "bin", "al", "da", "di", "del", "la", "le") and (
            i - 1 > 0 and is_cap(toks[i - 2][2])
        ):
            i -= 1
            continue
        if tl in HEAD_NOUNS or _MODIFIER_RE.match(tl):
            i -= 1
            continue
        break
    return i


_TRAILING_ADVERBIAL_RE = re.compile(
    r"(?:\s+(?:at the time|in (?:a|an|his|her|their|the) [\w-]+(?: [\w-]+)?|on (?:Twitter|"
    r"Facebook|CNN|Fox|MSNBC|[A-Z][a-z]+day)|last (?:week|month|year|night)|"
    r"earlier (?:this|that) (?:week|month|year)|(?:this|that) (?:week|month|year)|"
    r"in (?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)|,? (?:however|though|too),?))+\s*$"
)


def _skip_parenthetical(toks: list[tuple[int, int, str]], j: int) -> int:
    """Step back over a short parenthesis ending at ``toks[j]``: "Sen. Ana Ruiz (D-Ore.)"."""
    if j < 0 or toks[j][2] != ")":
        return j
    for k in range(j - 1, max(j - 6, -1), -1):
        if toks[k][2] == "(":
            return k - 1
    return j


def speaker_before(text: str, lo: int, cue_start: int) -> Mention | None:
    """The speaker phrase that ends just before the cue at ``cue_start`` (``lo`` bounds it)."""
    adv = _TRAILING_ADVERBIAL_RE.search(text, lo, cue_start)
    if adv is not None and adv.start() > lo:
        cue_start = adv.start()  # "Trump at the time said": the subject precedes the adverbial
    toks = _tokens(text, lo, cue_start)
    if not toks:
        return None
    j = len(toks) - 1
    skipped = 0
    while (
        j >= 0
        and skipped < 5
        and (
            toks[j][2].lower() in SKIP_BEFORE_CUE
            or (toks[j][2].endswith("ly") and toks[j][2].islower() and len(toks[j][2]) > 4)
        )
    ):
        if toks[j][2].lower() in PRONOUNS:
            break
        j -= 1
        skipped += 1
    j = _skip_parenthetical(toks, j)
    if j < 0:
        return None
    last = toks[j][2]
    if last.lower() in PRONOUNS:
        return Mention(toks[j][0], toks[j][1], last)
    familiar = _FAMILIAR_RE.search(text, lo, toks[j][1])
    if familiar:
        return Mention(familiar.start(), familiar.end(), familiar.group())
    appositive: str | None = None
    if last == ",":
        # "Matthew Miller, the department's spokesperson, said": find the opening comma.
        k = j - 1
        while k >= 0 and j - k < 30 and toks[k][2] not in (",", ".", ";", ":", "“", "”", '"'):
            k -= 1
        if k < 1 or toks[k][2] != "," or j - k < 2:
            return None
        appositive = text[toks[k + 1][0] : toks[j - 1][1]]
        j = _skip_parenthetical(toks, k - 1)
    start = _np_backward(toks, j)
    if appositive and start is not None and start > 0:
        # "Ana Ruiz, 59, of Ashton, Md., who …, said": a comma chain after a leading name;
        # the name opening it is the speaker, not the last piece of the chain ("Md.").
        first = next(i for i, t in enumerate(toks) if t[2] == ",")
        head = _np_backward(toks, first - 1) if 0 < first < start else None
        if head == 0 and is_cap(toks[first - 1][2]):
            start, j = 0, first - 1
            appositive = text[toks[first + 1][0] : toks[-2][1]] if first + 1 < len(toks) else None
    if start is None:
        return None
    s, e = toks[start][0], toks[j][1]
    if appositive and NAME_TAIL_RE.search(appositive) and not is_cap(toks[j][2]):
        # "the department's top diplomat, Kurt Campbell, said": the name is the apposition.
        a = text.index(appositive, e)
        return Mention(a, a + len(appositive), appositive, text[s:e])
    return Mention(s, e, text[s:e], appositive)


def speaker_after(text: str, cue_end: int, hi: int) -> Mention | None:
    """The speaker phrase right after an inverted cue ("..., said Sen. Jane Roe, a Democrat")."""
    toks = _tokens(text, cue_end, hi)
    if not toks:
        return None
    i = 0
    if toks[0][2].lower() in PRONOUNS:
        return Mention(toks[0][0], toks[0][1], toks[0][2])
    if toks[0][2].lower() in DETERMINERS:
        i = 1
    j = i
    while j < len(toks) and j - i < 12:
        tok = toks[j][2]
        tl = tok.lower()
        if (
            is_cap(tok)
            or tl in TITLES
            or tl in HEAD_NOUNS
            or tok in ("’s", "'s", "&")
            or (tl == "of" and j + 1 < len(toks) and is_cap(toks[j + 1][2]))
            or (j > i and _MODIFIER_RE.match(tl) and not tl.endswith("ed"))
        ):
            j += 1
            continue
        break
    if j == i:
        return None
    head = toks[j - 1][2]
    if not (is_cap(head) or head.lower() in HEAD_NOUNS or head.isupper()):
        return None
    s, e = toks[0][0], toks[j - 1][1]
    appositive = None
    if j < len(toks) and toks[j][2] == ",":
        rest_end = toks[-1][1]
        appositive = text[toks[j][1] : rest_end].strip(" ,.;") or None
    return Mention(s, e, text[s:e], appositive)
