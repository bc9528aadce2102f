"""The parties of an event mention: actor, recipient and place, with their countries."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from transforms.actors import PLACE_KINDS, ActorTable
from transforms.plover import TriggerMatch
from transforms.timex import Timex

__all__ = ["NO_PARTY", "Party", "actor", "place", "recipient"]

_REPORT_TAIL = re.compile(
    r"(?:\s*,)?\s+(?:said|says|announced|confirmed|claimed|reported|added|stated|insisted)"
    r"(?:\s+that)?(?:\s+(?:it|they|he|she))?(?:\s+(?:was|were|is|are|had|has|would|will))?"
    r"\s*$",
    re.I,
)
_TAIL_WORDS = frozenset(
    re.findall(
        r"\w+",
        "is are was were be been being has have had will would could should can may might must "
        "shall also not never reportedly allegedly then later already recently formally officially "
        "publicly jointly again still now on in at to the a an that who which held holding hold "
        "began begun started launched staged did does do further swiftly quickly immediately "
        "subsequently finally repeatedly openly its their his her in talks "
        # French and Spanish auxiliaries and adverbs between a subject and its verb
        "a ont avait avaient été est sont était étaient aura auront ne n se s déjà également "
        "officiellement aussi ha han había habían fue fueron ya también además lo le les y et "
        "un una",
    )
)
_PP_START = re.compile(
    r"^(?:at|in|on|after|following|during|last|with|for|by|as|from|earlier|"
    r"this|since|before|amid|under|over|when|while|according|more|less|"
    r"some|about|but|and|so)\b",
    re.I,
)
_LEAD_SUB = re.compile(
    r"^(?:(?:and|but|that|who|which|then|so|as|while|after|prompting|when|"
    r"because|where|following|leading|causing|before)\s+)+",
    re.I,
)
# "WASHINGTON (Globe Dispatch) - ", "CLEVELAND -- ": a dateline, not part of the subject.
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'’-]{2,40}(?:\s*\([^)]{1,40}\))?\s*(?:[-—–]{1,2}|:)\s+")
# "... gathered outside the court until police": the subject follows the subordinator.
_SUBORDINATOR = re.compile(
    r"\b(?:until|when|while|after|before|because|once|whereas|unless|as|if)\s+(?=\S)", re.I
)
_SAID = re.compile(
    r"^.*\b(?:said|says|added|announced|claimed|reported|stated|confirmed|insisted|argued|"
    r"warned|anunció|afirmó|dijo|declaró|confirmó|aseguró|indicó|annoncé|déclaré|affirmé|"
    r"indiqué|estimé|souligné)\s+(?:that\s+|que\s+|qu['’])?(?=\S)",
    re.I,
)
_LABEL = re.compile(r"^[A-Z][^:]{1,40}:\s+")
_ADVERBIAL = re.compile(
    r"^(?:today|yesterday|meanwhile|however|also|separately|earlier|later|now|instead|then|"
    r"still|overnight|previously|subsequently|in\s+\w+|on\s+\w+)$",
    re.I,
)
_NUMBER_ONLY = re.compile(
    r"^(?:about\s+|some\s+|at\s+least\s+|more\s+than\s+)?(?:[\d,.]+|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|dozens|hundreds|thousands|several|many)$",
    re.I,
)
_RECIPIENT_STOP = re.compile(
    r"\s*(?:[,;:()]|\.(?!\w)(?<!Mr\.)(?<!Ms\.)(?<!Dr\.)(?<!Mrs\.)(?<!Gen\.)(?<!Col\.)(?<!\.S\.)|"
    r"\s(?:on|in|at|near|through|outside|inside|across|during|into|under|"
    r"last|this|since|until|between|around|along|via|amid|will|would|has|have|had|is|are|was|"
    r"were|said|says|must|can|could|should|may|might|"
    r"that|to|of|about|over|after|before|for|as|because|while|when|"
    r"amid|and|since|who|which|following|in\s+(?:a|an|the)?\s*(?:bid|effort|attempt|order))\b)",
    re.I,
)
_LEAD_PREP = re.compile(
    r"^(?:with|to|on|against|from|at(?!\s+least)|into|upon|toward|towards|by|up|down|"
    r"out|off)\s+",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Party:
    text: str | None
    country: str | None
    sector: str | None


NO_PARTY = Party(None, None, None)


def _blank_dates(region: str, sent_offset: int, timexes: Sequence[Timex]) -> str:
    for t in timexes:  # blank out dates so "Ryder on Monday confirmed" loses "on Monday"
        s, e = t.start - sent_offset, t.end - sent_offset
        if 0 <= s < len(region):
            prep = re.search(r"\b(?:on|in|at|since|by|during|early|late|until)\s+$", region[:s])
            s = prep.start() if prep else s
            region = region[:s] + " " * (min(e, len(region)) - s) + region[e:]
    return region


def _strip_tail(region: str, sent_offset: int, timexes: Sequence[Timex]) -> str:
    region = _blank_dates(region, sent_offset, timexes)
    while True:
        prev = region
        region = _REPORT_TAIL.sub("", region).rstrip(" ,")
        words = region.split()
        while words and words[-1].lower().strip(",") in _TAIL_WORDS:
            words.pop()
        region = " ".join(words)
        if region == prev:
            return region


_LIST_TAIL = re.compile(
    r"^(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*\s+and\s+(?:the\s+)?[A-Z]"
)
_LIST_ITEM = re.compile(r"(?:^|\s)[A-Z][\w.'’-]*$")


def _join_list(segments: list[str]) -> list[str]:
    """ "France, Germany and the EU", "leaders of Mali, Burkina Faso and Niger": a compound
    actor split at its commas is one phrase again (it takes the first country)."""
    if len(segments) < 2 or not _LIST_TAIL.match(segments[-1]):
        return segments
    k = len(segments) - 1
    while k > 0 and _LIST_ITEM.search(segments[k - 1]) and len(segments[k - 1].split()) <= 8:
        k -= 1
    return [*segments[:k], ", ".join(segments[k:])] if k < len(segments) - 1 else segments


def actor(
    sent: str,
    cstart: int,
    trig: TriggerMatch,
    off: int,
    timexes: Sequence[Timex],
    table: ActorTable,
    story: str | None,
    place: str | None,
) -> Party:
    start = cstart
    if cstart == 0 and (dl := _DATELINE.match(sent)):
        start = min(dl.end(), trig.start)
    region = _strip_tail(sent[start : trig.start], off + start, timexes)
    region = _LABEL.sub("", _SAID.sub("", region))
    subs = list(_SUBORDINATOR.finditer(region))
    if subs and subs[-1].end() < len(region):
        region = region[subs[-1].end() :]
    if not region and cstart > 0:  # "... and accused them": the subject of the first clause
        region = _strip_tail(sent[: trig.start], off, timexes)
        region = re.split(r"\s+(?:\w+ed|\w+s)\s", region, maxsplit=1)[0]
    segments = [s.strip() for s in re.split(r",\s*", region) if s.strip()]
    if segments:  # "after the junta ordered": the subordinator is not part of the subject
        segments[-1] = _LEAD_SUB.sub("", segments[-1])
    segments = [s for s in segments if s and not _PP_START.match(s) and not _ADVERBIAL.match(s)]
    if not segments and trig.is_noun:
        # "At a tense meeting in Niamey, the State Department's top official, Molly Phee,
        # confronted ...": the subject follows the fronted phrase, up to the first verb.
        tail = sent[trig.end :]
        if "," in tail:
            for seg in re.split(r",\s*", tail)[1:5]:
                if re.match(r"^[a-z]+(?:ed|s)\b", seg) or not seg.strip():
                    break
                segments.append(seg.strip())
    if not segments:
        return NO_PARTY
    segments = _join_list(segments)
    text = segments[-1]
    text = _LEAD_SUB.sub("", text)
    if not text:
        return NO_PARTY
    # Titles and appositions before the name ("the State Department's top official for
    # Africa, Molly Phee") say whose side the actor is on when the name alone does not.
    for seg in reversed(segments):
        code, sector = table.resolve(seg, story, place)
        if code:
            return Party(text, code, sector)
    return Party(text, None, None)


def recipient(
    sent: str,
    trig: TriggerMatch,
    cend: int,
    table: ActorTable,
    story: str | None,
    place: str | None,
) -> Party:
    after = re.sub(r"[“”\"]", " ", sent[trig.end : cend])
    obj = _LEAD_PREP.sub("", after.strip())
    stop = _RECIPIENT_STOP.search(obj)
    text = obj[: stop.start()] if stop else obj
    text = " ".join(text.split()[:10]).strip()
    if (re.match(r"^(?:on|in)\s", after.strip(), re.I) and not text) or _NUMBER_ONLY.match(text):
        text = ""
    # Prefer a phrase that names a side: "its cooperation with Nigerian troops", "... to the
    # country": the part after an inner preposition when it resolves and the head does not.
    preps = "with|against|between" if trig.is_noun else "with|to|against|from|on"
    candidates = ([] if trig.is_noun else [text]) + [
        m.group(1)
        for m in re.finditer(
            rf"\b(?:{preps})\s+((?:the\s+)?[^,;.]{1, 60}?)(?=[,;.]|\s(?:of|for|in|"
            r"after|that|over|about|on|near|through|at|last|during|since|until)\b|$)",
            after,
        )
    ]
    for cand in candidates:
        if not cand:
            continue
        code, sector = table.resolve(cand, story, place)
        if code:
            return Party(cand.strip(), code, sector)
    return Party(text or None, None, None)


def place(sent: str, table: ActorTable, story: str | None) -> tuple[str | None, str | None]:
    for m in re.finditer(r"\b(?:in|at|near|outside|across)\s+", sent):
        for mn in table.mentions(sent[m.end() : m.end() + 60], generic=False):
            if mn.start > 25:
                break
            if mn.entry.kind in PLACE_KINDS:
                return mn.text, table.code_of(mn, story)
    return None, None
