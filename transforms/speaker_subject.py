"""The subject of a clause, for cues whose speaker is not next to them.

"…, saying …", "X issued a statement saying …", "X praised Y and said …": the speaker is the
subject of the clause, which is found by stepping over what may open a sentence before it: a
dateline ("WASHINGTON (AP) —"), adjuncts ("In December,", "Speaking in Salem, New Hampshire,",
"Hours later,", "Like Ana,") and the place names that continue them.
"""

from __future__ import annotations

import re

from transforms.speaker_mentions import Mention, speaker_after

__all__ = ["clause_subject", "is_object_mention"]

_DATELINE_RE = re.compile(
    r"[A-Z][A-Za-z.’' ]{1,30}(?:,[^—–\n]{1,30}?)?\s*(?:\([A-Za-z. ]{1,20}\))?\s*[—–-]{1,2}\s+"
)
# A sentence-opening adjunct: a preposition or connective, a participle, "Hours later".
_ADJUNCT_RE = re.compile(
    r"\W*(?:(?:in|on|at|during|after|before|once|when|while|as|since|with|without|for|from|by|"
    r"earlier|later|last|speaking|asked|but|and|also|still|then|yet|however|meanwhile|instead|"
    r"like|unlike|alongside|amid|despite|following|here|there|back|beyond|outside|inside|"
    r"under|over|through|throughout|within|against|among|ahead|until|unless|if|although|"
    r"though|because|given|according|reached|asked|told|shortly|just|even|now|so|thus|"
    r"(?-i:[A-Z]\w+(?:ly|ing|ed))(?=,|\s+(?-i:[a-z])))\b|[\w-]+(?:\s+[\w-]+){0,2}\s+(?:later|ago|earlier)\s*,)",
    re.IGNORECASE,
)
_BOUNDARY_RE = re.compile(r"(?:,|\s[—–])\s+")
_LOWER_WORD_RE = re.compile(r"\s+(?:\(\w[^)]{0,20}\)\s+)?[a-z]")


def _segment_starts(text: str, lo: int, pos: int) -> list[int]:
    return [lo] + [m.end() for m in _BOUNDARY_RE.finditer(text, lo, pos)]


# "The billionaire businessman began …": a lower-case description of a person as subject.
_DESCRIPTION_RE = re.compile(
    r"(?:The|This|That)\s+((?:[a-z][a-z-]+\s+){0,3}?(?:[a-z]+(?:man|woman|er|or|ist|ant|ent|"
    r"ian|ee|ate)|senator|governor|mogul|tycoon|star|host|chief|mayor))"
    r"(?=\s+(?:\w+ly\s+)?(?:(?:has|had|was|also|then|later)\s+)?[a-z]+(?:ed|s|ew|ook|ote|ave|egan|ent|ame|old|aid|oke|ut)\b)"
)


def _description(text: str, lo: int, pos: int) -> Mention | None:
    m = _DESCRIPTION_RE.match(text, lo, pos)
    if m is None or m.group(1).split()[-1] in ("center", "order", "matter", "number"):
        return None
    return Mention(m.start(), m.end(), m.group())


def clause_subject(text: str, lo: int, pos: int) -> Mention | None:
    """The subject phrase of the clause opening at ``lo`` whose predicate runs up to ``pos``.

    Segments between commas are tried in order: adjuncts are stepped over, and so is a bare
    name right after an adjunct ("In Salem, New Hampshire, Ana Ruiz said"), unless an
    appositive follows it ("After the vote, Ruiz, a Democrat, said").
    """
    dl = _DATELINE_RE.match(text, lo, pos)
    if dl is not None and ("(" in dl.group() or dl.group().split()[0].rstrip(",").isupper()):
        lo = dl.end()  # "WASHINGTON —", "Lima (AP) —": a dateline, not the subject
    starts = _segment_starts(text, lo, pos)
    after_adjunct = False
    for i, s in enumerate(starts):
        if _ADJUNCT_RE.match(text, s, pos):
            after_adjunct = True
            continue
        mention = speaker_after(text, s, pos) or _description(text, s, pos)
        if mention is None:
            if after_adjunct:
                continue
            return None
        tail = text[mention.end : pos]
        if _LOWER_WORD_RE.match(tail):
            return Mention(mention.start, mention.end, mention.text)
        if tail.lstrip().startswith(","):
            nxt = starts[i + 1] if i + 1 < len(starts) else pos
            if after_adjunct and text[nxt : nxt + 1].isupper():
                continue  # a place continuing the adjunct: "in Salem, New Hampshire, Ana …"
            return Mention(mention.start, mention.end, mention.text)
        if after_adjunct:
            continue
        return None
    return None


_OBJ_VERB_RE = re.compile(
    r"\b(?:issued|released|sent|put|posted|emailed|published|wrote|filed|tweeted|shared|"
    r"distributed|circulated|blasted|issues|releases|sends|posts|publishes|writes|files)"
    r"(?:\s+(?:out|up))?\s+$"
)


def is_object_mention(text: str, lo: int, mention: Mention) -> bool:
    """Is the phrase before an "-ing" cue the object of a publishing verb ("Ana issued a
    statement saying …"), so that the subject of the clause is the speaker?"""
    return _OBJ_VERB_RE.search(text, lo, mention.start) is not None
