"""Type decisions that need the clause around the trigger, not only the trigger word.

The lexicon (:mod:`transforms.plover`) marks a few triggers with a private mode: ``_told``
(consultation only between two sides), ``_call`` ("called the deal 'a feat'": SUPPORT or ACCUSE
by the polarity of the complement) and ``_warn`` (a warning is a threat only with a threatened
consequence). Coding rules that depend on modality live here too: a promised meeting, aid or
cooperation is AGREE; an announced withdrawal or release is CONCEDE.
"""

from __future__ import annotations

import re

__all__ = ["refine_type"]

_SENSITIVE = frozenset({"CONSULT", "AID", "COOPERATE"})
_NEGATIVE = re.compile(
    r"\b(?:unacceptable|travesty|hostile|illegal|illegitimate|bullying|shameful|outrageous|"
    r"treasonous|treason|violation|disgrace\w*|absurd|baseless|false|lies|provocation|"
    r"provocative|irresponsible|reckless|dangerous|unjust|unlawful|criminal|terrorist|"
    r"barbaric|cowardly|betrayal|farce|sham|mistake|failure|attack\s+on|assault\s+on|"
    r"politically\s+motivated|witch\s+hunt|blackmail|aggression|genocide|unfounded)\b",
    re.I,
)
_POSITIVE = re.compile(
    r"\b(?:feat|constructive|productive|historic|success\w*|positive|important\s+step|"
    r"step\s+forward|breakthrough|victory|welcome|good|great|excellent|friendly|fruitful|"
    r"milestone|landmark|win|vital|essential|model|courageous|brave|wise)\b",
    re.I,
)
_THREAT = re.compile(
    r"\b(?:would|will)\s+(?:\w+\s+)?(?:respond|retaliate|react|strike|hit\s+back|act)\b|"
    r"\bconsequences\b|\brisk\w*\s+(?:being|losing|sanctions)|\bcould\s+(?:\w+\s+)?face\b|"
    r"\bface\s+sanctions\b|\bcut\s+off\b|\bretaliat\w+|\bin\s+kind\b|\bforce\b",
    re.I,
)

_HELPERS = re.compile(
    r"\b(?:instructors|trainers|advisers|advisors|aid\s+(?:workers|convoys?|shipments?)|"
    r"shipments?\s+of|humanitarian\s+supplies|medical\s+teams?)\b",
    re.I,
)
_CROWD = re.compile(
    r"\b(?:crowds?|protesters|demonstrators|supporters|students|mobs?|rioters|marchers)\b", re.I
)


def refine_type(
    etype: str,
    mode: str | None,
    modality: str,
    clause_after: str,
    sentence: str,
    countries: tuple[str | None, str | None],
) -> tuple[str, str | None] | None:
    """The final (type, mode) of a trigger in context, or None when it is no event.

    ``clause_after`` is the clause text after the trigger; ``countries`` the actor's and the
    recipient's codes.

    Examples
    --------
    >>> refine_type("SUPPORT", "_call", "asserted", " the ruling “a disgrace”", "", (None, None))
    ('ACCUSE', 'disapprove')
    >>> refine_type("RETREAT", "withdraw", "future", "", "", (None, None))
    ('CONCEDE', None)
    """
    if mode == "_told":
        actor, recipient = countries
        if not (actor and recipient and actor != recipient):
            return None  # "told" between two sides is consultation, else just speech
        mode = None
    elif mode == "_call":
        complement = clause_after[:120]
        if _NEGATIVE.search(complement):
            return "ACCUSE", "disapprove"
        if _POSITIVE.search(complement):
            return "SUPPORT", None
        return None
    elif mode == "_arrive":
        if not _HELPERS.search(sentence):
            return None  # only helpers arriving is aid; anyone else just travels
        mode = None
    elif mode == "_storm":
        return ("PROTEST", "demo") if _CROWD.search(sentence) else ("ASSAULT", None)
    elif mode == "_warn":
        if not _THREAT.search(sentence):
            return None
        mode = None
    if modality == "future" and etype in _SENSITIVE:
        return "AGREE", None  # a promised meeting, aid or cooperation
    if modality == "future" and etype == "RETREAT" and mode in ("withdraw", "release"):
        return "CONCEDE", None  # an announced withdrawal or release
    return etype, mode
