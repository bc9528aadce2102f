"""Clause bounds, modality and the date of an event mention inside its sentence."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from transforms.plover import TriggerMatch
from transforms.timex import Timex

__all__ = ["ATTRIBUTIVE", "CONSEQUENCE", "PASSIVE", "TOPIC", "clause", "modality", "pick_date"]

# A clause ends at a semicolon, a dash, or before a subordinator; these also bound the window
# in which negation and modal words are looked for.
_BOUNDARY = re.compile(
    r";|\s[—–]\s|\s--\s|[“”\"]|,\s+(?=(?:after|while|as|which|who|prompting|following|"
    r"before|but|"
    r"although|though|because|since|when|amid|where|leading|causing|and|whereas)\b)|"
    r"\s(?=(?:prompting|after|before|while|whereas|because|amid|following|and\s+then|"
    r"and\s+(?:\w+ly\s+)?\w+ed\b)\s)"
)
_NEGATION = re.compile(
    r"\b(?:not|never|no|nobody|cannot|without|failed\s+to|neither|nor)\b|n['’]t\b", re.I
)
# "accused the army of bombing a market, killing 14": the content of an accusation.
_ACCUSED_OF = re.compile(
    r"\baccus\w*\s+(?:[^.;]{0,80}?\s)?of\s+"
    r"(?:(?!,\s+(?:prompting|leading|forcing|causing|after|which|and))[^.;]){0,80}$",
    re.I,
)
# "barred him from leaving", "tricked into signing": a gerund after a preposition.
_PREP_GERUND = re.compile(r"\b(?:from|into|of|about|for|against)\s+$", re.I)
_NOUN_FUTURE = re.compile(
    r"^(?:\s*,[^,]{0,80},)?\s+(?:will|would|(?:is|are|was|were)\s+(?:due|set|expected|"
    r"scheduled)\s+to)\b",
    re.I,
)
_NOUN_NEGATED = re.compile(r"^\s+(?:has|have|had|did|does|was|were|is|are)\s+(?:not|never)\b")
_HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|could|might|may|whether|possibly|potentially|perhaps|in\s+case|"
    r"would\s+consider|considering|ways\s+to|seeking\s+to)\b"
)
_FUTURE = re.compile(
    r"\b(?:will|shall|would|'ll|going\s+to|plans?\s+(?:to|for)|planned|planning|set\s+to|"
    r"expected\s+to|scheduled|due\s+to|is\s+to|are\s+to|upcoming|future|proposed|intends?\s+to|"
    r"next)\b",
    re.I,
)
_INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+)?$")
_COMMIT = re.compile(
    r"\b(?:agree[sd]?|agreeing|promis\w*|pledg\w*|vow\w*|plans?|planned|"
    r"decid\w*|announc\w*|will|would|set|expected|intends?|ready|prepared|"
    r"offer\w*|committed|scheduled|due)\b",
    re.I,
)
_CAUSE = re.compile(r"\b(?:prompting|prompted|forcing|forced|leading|led|causing|caused)\b", re.I)
PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|got)\s+(?:\w+ly\s+)?$", re.I)
TOPIC = re.compile(
    r"\b(?:over|about|regarding|on|of|into|familiar\s+with|until\s+there\s+is)\s+"
    r"(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w“”\"-]+"
    r"\s+){0,2}$",
    re.I,
)
ATTRIBUTIVE = re.compile(r"\b(?:a|an|the|its|their)\s+$", re.I)
CONSEQUENCE = re.compile(
    r"^\s*(?:,\s*)?(?:prompting|leading|causing|forcing|after|before|"
    r"since)\b",
    re.I,
)


def clause(sent: str, pos: int, end: int) -> tuple[int, int]:
    start, stop = 0, len(sent)
    for m in _BOUNDARY.finditer(sent):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= end:
            stop = m.start()
            break
    return start, stop


def modality(sent: str, trig: TriggerMatch, cstart: int) -> str | None:
    """Negated, hypothetical, future or asserted; None when the trigger is not an event."""
    before = sent[cstart : trig.start]
    window = " ".join(before.split()[-3:])
    if (
        trig.event_type != "ACCUSE"
        and "accus" in sent
        and _ACCUSED_OF.search(sent, max(0, trig.start - 170), trig.start)
    ):
        return None
    if trig.text.endswith("ing") and _PREP_GERUND.search(before):
        return None
    if trig.is_noun:
        after = sent[trig.end : trig.end + 120]
        if _NOUN_NEGATED.match(after):
            return "negated"
        if _NOUN_FUTURE.match(after):
            return "future"  # "the talks, hosted by X, are due to open"
        obj = re.search(
            r"\bto\s+(?:\w+ly\s+)?(?!(?:its|their|the|a|an|his|her|our)\b)\w+\s+(?:a|an|the)?\s*(?:\w+\s+)?$",
            before,
        )
        if obj and not _COMMIT.search(" ".join(before[: obj.start()].split()[-5:])):
            return None  # "to reach a ceasefire": the object of a plan or wish
    if _INFINITIVE.search(before):
        gov = " ".join(before.split()[-6:-1])
        if _CAUSE.search(gov):
            return "asserted"
        if not _COMMIT.search(gov):
            return None  # the content of a request, threat or plan, not an act
        return "negated" if _NEGATION.search(gov) else "future"
    if _NEGATION.search(window) or re.search(r"\b(?:nobody|no\s+one)\b", before):
        return "negated"
    if _HYPOTHETICAL.search(before) or sent.lstrip().startswith(("If ", "Unless ")):
        return "hypothetical"
    if _FUTURE.search(window):
        return "future"
    return "asserted"


_SUBORDINATE = re.compile(r"\b(?:since|after|before|when|while|until|who|which)\b[^,;]*$", re.I)
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+){0,2}$", re.I)
_JOINED = re.compile(r"\s+and\s+(?:\w+\s+){0,3}(?:more|others?|again)\s+(?:in|on)\s+$", re.I)


def pick_date(
    trig: TriggerMatch,
    sent_timex: list[Timex],
    sent: str,
    off: int,
    published: dt.date | None = None,
    past: bool = False,
) -> Timex | None:
    """The temporal expression nearest the trigger, preferring its own clause; None when only
    other events are dated. ``past`` drops expressions after publication ("talks next
    month" does not date an invitation made on Tuesday)."""
    best: tuple[int, Timex] | None = None
    anchor: Timex | None = None
    since: Timex | None = None
    cstart, cend = clause(sent, trig.start, trig.end)
    for t in sent_timex:
        if not t.resolved or t.kind not in ("date", "time"):
            continue
        s, e = t.start - off, t.end - off
        lead = re.search(
            r"\b(after|following|since|before|until|by)\s+(?:a|an|the)?\s*$",
            sent[max(0, s - 20) : s],
            re.I,
        )
        if lead:
            word = lead.group(1).lower()
            if (
                word == "since"
                and published
                and t.date_start
                and t.date_start <= published
                and s > trig.end
                and _PERFECT.search(sent[max(0, trig.start - 30) : trig.start])
            ):
                # "have launched 50 attacks since November": from then to publication.
                since = dataclasses.replace(t, date_end=published, granularity="unknown")
            # "after a July 2023 coup" dates another event; the act that followed it within
            # the month takes the month when nothing else dates it.
            if (
                word in ("after", "following")
                and t.granularity == "month"
                and re.match(r"\s+(?:coup|election|elections|vote|attack|takeover)\b", sent[e:])
            ):
                anchor = t
            continue
        if ATTRIBUTIVE.search(sent[max(0, s - 8) : s]) and re.match(r"\s+[a-z]", sent[e : e + 3]):
            continue  # "a 2012 cooperation deal": the year belongs to the noun
        if t.text.lower().endswith("after"):
            if s < trig.start and trig.start - e < 120 and "," not in sent[e : trig.start]:
                return t  # "more than a month after the junta ordered": dates what follows
            continue
        dist = trig.start - e if e <= trig.start else s - trig.end
        # "invited ... to talks next month": a later occasion; "had met last week and
        # would travel on April 11": the future act takes the later date.
        if (
            published
            and t.date_start
            and t.date_end
            and not trig.is_noun
            and ((t.date_start > published) if past else (t.date_end < published))
        ):
            dist += 500
        if not cstart <= s < cend:
            tstart, _ = clause(sent, s, e)
            sub = _SUBORDINATE.search(sent, tstart, s)
            if sub and not sub.start() <= trig.start < s:
                continue  # "since the president took office last month": another event
            dist += 1000
        if best is None or dist < best[0]:
            best = (dist, t)
    if best is None:
        return since or anchor
    t = best[1]
    for u in sent_timex:
        # "expelled four diplomats in 2023 and two more in February": the later conjunct.
        if u.start > t.end and u.resolved and _JOINED.fullmatch(sent[t.end - off : u.start - off]):
            return u
    return t
