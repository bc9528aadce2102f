"""PLOVER event mentions from article text: who did what to whom, where and when.

Sentence by sentence, with cheap filters first: the trigger lexicon (:mod:`transforms.plover`)
proposes a type; the words around the trigger decide the modality (negated, hypothetical,
future); the actor is the noun phrase before the trigger, the recipient the one after; countries
come from :mod:`transforms.actors`; the date from :mod:`transforms.timex`. Actor, recipient,
place and date are taken from the same sentence (or, for the date, an adjacent sentence about
the same occasion), never paired across unrelated sentences, and a sentence with no temporal
expression gets no date: the publication date is not an event date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from transforms.actors import PLACE_KINDS, ActorTable, load_table
from transforms.plover import TriggerMatch, find_triggers
from transforms.records import Event
from transforms.text import Span, sentences
from transforms.timex import Timex, find_timexes

__all__ = ["extract_events"]

# A clause ends at a semicolon, a dash, or before a subordinator; these also bound the window
# in which negation and modal words are looked for.
_BOUNDARY = re.compile(
    r";|\s[—–]\s|\s--\s|[“”\"]|,\s+(?=(?:after|while|as|which|who|prompting|following|"
    r"before|but|"
    r"although|though|because|since|when|amid|where|leading|causing|and|whereas)\b)|"
    r"\s(?=(?:prompting|after|before|while|whereas|because|amid|following|and\s+then|"
    r"and\s+(?:\w+ly\s+)?\w+ed\b)\s)"
)
_NEGATION = re.compile(r"\b(?:not|never|no|n't|without|failed\s+to|neither|nor)\b|n't\b", re.I)
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
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|got)\s+(?:\w+ly\s+)?$", re.I)
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
        "subsequently finally repeatedly openly its their his her in talks",
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
_TOPIC = re.compile(
    r"\b(?:over|about|regarding|on|of|into)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w“”\"-]+"
    r"\s+){0,2}$",
    re.I,
)
_ATTRIBUTIVE = re.compile(r"\b(?:a|an|the|its|their)\s+$", re.I)
_CONSEQUENCE = re.compile(
    r"^\s*(?:,\s*)?(?:prompting|leading|causing|forcing|after|before|"
    r"since)\b",
    re.I,
)
_PRONOUN = re.compile(r"^(?:he|she|they|it|we)$", re.I)
_RECIPIENT_STOP = re.compile(
    r"\s*(?:[,;:.()]|\s(?:that|to|of|about|over|after|before|for|as|because|while|when|"
    r"amid|and|since|who|which|following|in\s+(?:a|an|the)?\s*(?:bid|effort|attempt|order))\b)",
    re.I,
)
_LEAD_PREP = re.compile(
    r"^(?:with|to|on|against|from|at|into|upon|toward|towards|by|up|down|"
    r"out|off)\s+",
    re.I,
)
_ANAPHOR = re.compile(
    r"^(?:It|This|He|She|They|The\s+(?:meeting|talks|visit|attack|protest|"
    r"strike|clashes|agreement|deal|raid|arrests?|call|move|decision))\b"
)
_PARTICIPANT = re.compile(r"^(?:protesters|demonstrators|rioters|strikers)$", re.I)
_SENSITIVE = frozenset({"CONSULT", "AID", "COOPERATE"})


@dataclass(frozen=True, slots=True)
class _Party:
    text: str | None
    country: str | None
    sector: str | None


_NO_PARTY = _Party(None, None, None)


def _clause(sent: str, pos: int, end: int) -> tuple[int, int]:
    start, stop = 0, len(sent)
    for m in _BOUNDARY.finditer(sent):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= end:
            stop = m.start()
            break
    return start, stop


def _modality(sent: str, trig: TriggerMatch, cstart: int) -> str | None:
    """Negated, hypothetical, future or asserted; None when the trigger is not an event."""
    before = sent[cstart : trig.start]
    window = " ".join(before.split()[-3:])
    if _INFINITIVE.search(before):
        gov = " ".join(before.split()[-8:-1])
        if _CAUSE.search(gov):
            return "asserted"
        if not _COMMIT.search(gov):
            return None  # the content of a request, threat or plan, not an act
        return "negated" if _NEGATION.search(gov) else "future"
    if _NEGATION.search(window):
        return "negated"
    if _HYPOTHETICAL.search(before) or sent.lstrip().startswith(("If ", "Unless ")):
        return "hypothetical"
    if _FUTURE.search(window):
        return "future"
    return "asserted"


def _strip_tail(region: str, sent_offset: int, timexes: Sequence[Timex]) -> str:
    for t in timexes:  # blank out dates so "Ryder on Monday confirmed" loses "on Monday"
        s, e = t.start - sent_offset, t.end - sent_offset
        if 0 <= s < len(region):
            region = region[:s] + " " * (min(e, len(region)) - s) + region[e:]
    while True:
        prev = region
        region = _REPORT_TAIL.sub("", region).rstrip(" ,")
        words = region.split()
        while words and words[-1].lower().strip(",") in _TAIL_WORDS:
            words.pop()
        region = " ".join(words)
        if region == prev:
            return region


def _actor(
    sent: str,
    cstart: int,
    trig: TriggerMatch,
    off: int,
    timexes: Sequence[Timex],
    table: ActorTable,
    story: str | None,
    place: str | None,
) -> _Party:
    region = _strip_tail(sent[cstart : trig.start], off + cstart, timexes)
    if not region and cstart > 0:  # "... and accused them": the subject of the first clause
        region = _strip_tail(sent[: trig.start], off, timexes)
        region = re.split(r"\s+(?:\w+ed|\w+s)\s", region, maxsplit=1)[0]
    segments = [s.strip() for s in re.split(r",\s*", region) if s.strip()]
    if segments:  # "after the junta ordered": the subordinator is not part of the subject
        segments[-1] = _LEAD_SUB.sub("", segments[-1])
    segments = [s for s in segments if s and not _PP_START.match(s)]
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
        return _NO_PARTY
    text = segments[-1]
    text = _LEAD_SUB.sub("", text)
    if not text:
        return _NO_PARTY
    # Titles and appositions before the name ("the State Department's top official for
    # Africa, Molly Phee") say whose side the actor is on when the name alone does not.
    for seg in reversed(segments):
        code, sector = table.resolve(seg, story, place)
        if code:
            return _Party(text, code, sector)
    return _Party(text, None, None)


def _recipient(
    sent: str,
    trig: TriggerMatch,
    cend: int,
    table: ActorTable,
    story: str | None,
    place: str | None,
) -> _Party:
    after = re.sub(r"[“”\"]", " ", sent[trig.end : cend])
    obj = _LEAD_PREP.sub("", after.strip())
    stop = _RECIPIENT_STOP.search(obj)
    text = obj[: stop.start()] if stop else obj
    text = " ".join(text.split()[:10]).strip()
    if re.match(r"^(?:on|in)\s", after.strip(), re.I) and not text:
        return _NO_PARTY
    # Prefer a phrase that names a side: "its cooperation with Nigerian troops", "... to the
    # country": the part after an inner preposition when it resolves and the head does not.
    preps = "with|against|between" if trig.is_noun else "with|to|against|from|on"
    candidates = ([] if trig.is_noun else [text]) + [
        m.group(1)
        for m in re.finditer(
            rf"\b(?:{preps})\s+((?:the\s+)?[^,;.]{1, 60}?)(?=[,;.]|\s(?:of|for|in|"
            r"after|that|over|about)\b|$)",
            after,
        )
    ]
    for cand in candidates:
        if not cand:
            continue
        code, sector = table.resolve(cand, story, place)
        if code:
            return _Party(cand.strip(), code, sector)
    return _Party(text or None, None, None)


def _place(sent: str, table: ActorTable, story: str | None) -> tuple[str | None, str | None]:
    for m in re.finditer(r"\b(?:in|at|near|outside|across)\s+", sent):
        for mn in table.mentions(sent[m.end() : m.end() + 60], generic=False):
            if mn.start > 25:
                break
            if mn.entry.kind in PLACE_KINDS:
                return mn.text, table.code_of(mn, story)
    return None, None


def _pick_date(trig: TriggerMatch, sent_timex: list[Timex], sent: str, off: int) -> Timex | None:
    best: tuple[int, Timex] | None = None
    for t in sent_timex:
        if not t.resolved or t.kind not in ("date", "time"):
            continue
        s, e = t.start - off, t.end - off
        if re.search(
            r"\b(?:after|following|since|before|until|by)\s+(?:a|an|the)?\s*$",
            sent[max(0, s - 20) : s],
            re.I,
        ):
            continue  # "after a July 2023 coup" dates another event
        if _ATTRIBUTIVE.search(sent[max(0, s - 8) : s]) and re.match(r"\s+[a-z]", sent[e : e + 3]):
            continue  # "a 2012 cooperation deal": the year belongs to the noun
        if t.text.lower().endswith("after"):
            if s < trig.start and trig.start - e < 120:
                return t  # "more than a month after the junta ordered": dates what follows
            continue
        dist = trig.start - e if e <= trig.start else s - trig.end
        if best is None or dist < best[0]:
            best = (dist, t)
    return best[1] if best else None


def extract_events(
    text: str,
    published: dt.date | None,
    *,
    caption_spans: Sequence[tuple[int, int]] = (),
) -> list[Event]:
    """Extract PLOVER event mentions from article text.

    Parameters
    ----------
    text
        Article text, paragraphs separated by newlines, without the title.
    published
        The publication date relative dates are resolved against; None leaves relative
        expressions unresolved (absolute ones still resolve). Never used as an event's date.
    caption_spans
        ``(start, end)`` offsets of photo captions; events there get a lower confidence.

    Returns
    -------
    list[Event]
        One record per event mention in text order, offsets into ``text``.

    Examples
    --------
    >>> ev = extract_events("Police arrested 20 protesters in Lagos on Friday.",
    ...                     dt.date(2024, 4, 22))[0]
    >>> (ev.event_type, ev.actor, ev.actor_country, ev.date_start, ev.modality)
    ('COERCE', 'Police', 'NGA', datetime.date(2024, 4, 19), 'asserted')
    """
    table = load_table()
    story = table.story_country(text)
    timexes = find_timexes(text, published)
    sents = sentences(text)
    events: list[Event] = []
    last_actor_country: str | None = None
    prev: Span | None = None
    prev_dates: list[Timex] = []
    for sent in sents:
        off = sent.start
        s_tx = [t for t in timexes if off <= t.start < sent.end]
        triggers = find_triggers(sent.text)
        # "Protesters demonstrated": the participant noun is not a second protest.
        triggers = [
            t
            for t in triggers
            if not (
                _PARTICIPANT.match(t.text)
                and any(o is not t and o.event_type == t.event_type for o in triggers)
            )
        ]
        if not triggers:
            prev, prev_dates, last_actor_country = sent, s_tx, last_actor_country
            continue
        place, place_country = _place(sent.text, table, story)
        in_caption = any(a <= off < b for a, b in caption_spans)
        # "Following a 2021 coup, ...": an anchoring phrase sets the time frame, not the date.
        history = [
            t
            for t in s_tx
            if t.date_end
            and published
            and (published - t.date_end).days > 365
            and re.search(
                r"\b(?:after|following|since)\s+(?:a|an|the)?\s*$",
                sent.text[max(0, t.start - off - 20) : t.start - off],
                re.I,
            )
        ]
        sent_events: list[Event] = []
        for trig in triggers:
            cstart, cend = _clause(sent.text, trig.start, trig.end)
            modality = _modality(sent.text, trig, cstart)
            if modality is None or (trig.is_noun and _TOPIC.search(sent.text[cstart : trig.start])):
                continue  # "talks over the withdrawal": the topic of another event
            passive = (
                not trig.is_noun
                and not trig.text.endswith("ing")
                and bool(_PASSIVE.search(sent.text[cstart : trig.start]))
            )
            if passive:
                by = re.match(r"\s+by\s+([^,;.]{1,60})", sent.text[trig.end : cend])
                actor = (
                    _Party(by.group(1), *table.resolve(by.group(1), story, place_country))
                    if by
                    else _NO_PARTY
                )
                subj = _actor(sent.text, cstart, trig, off, s_tx, table, story, place_country)
                recipient = subj
            else:
                actor = _actor(sent.text, cstart, trig, off, s_tx, table, story, place_country)
                recipient = _recipient(sent.text, trig, cend, table, story, place_country)
            if actor.text is None and sent_events and not trig.is_noun:
                first = sent_events[-1]  # coordinated verbs share the subject
                actor = _Party(first.actor, first.actor_country, first.actor_sector)
            if actor.text and _PRONOUN.match(actor.text) and actor.country is None:
                actor = _Party(actor.text, last_actor_country, None)
            etype, mode = trig.event_type, trig.mode
            if mode == "_told":
                # "told" is consultation only between two sides, else it is just speech.
                if not (actor.country and recipient.country and actor.country != recipient.country):
                    continue
                mode = None
            if modality == "future" and etype in _SENSITIVE:
                etype, mode = "AGREE", None  # a promised meeting, aid or cooperation
            elif modality == "future" and etype == "RETREAT" and mode in ("withdraw", "release"):
                etype, mode = "CONCEDE", None  # an announced withdrawal or release
            own = [
                t
                for t in s_tx
                if cstart <= t.start - off < cend
                or (t.text.lower().endswith("after") and abs(cstart - (t.end - off)) <= 8)
            ]
            consequence = bool(_CONSEQUENCE.match(sent.text[cstart:]))
            date = _pick_date(trig, own if consequence else s_tx, sent.text, off)
            source = date.source if date else "none"
            if date is None and prev is not None and prev_dates and _ANAPHOR.match(sent.text):
                cands = [t for t in prev_dates if t.resolved and t.kind in ("date", "time")]
                if len(cands) == 1 and prev.end + 2 >= off - 1:
                    date, source = cands[0], "inherited"
            if (
                modality == "asserted"
                and published
                and (
                    (date and date.date_start and (published - date.date_start).days > 365)
                    or (date is None and history)
                )
            ):
                modality = "historical"
            evidence = sent.text[cstart:cend].strip(' ,;—–"“”')
            ev_start = off + sent.text.index(evidence, cstart) if evidence else off + cstart
            confidence = (0.6 if trig.is_noun else 0.8) + (0.1 if actor.country else -0.1)
            if in_caption:
                confidence *= 0.8
            sent_events.append(
                Event(
                    event_type=etype,
                    event_mode=mode,
                    trigger=trig.text,
                    trigger_start=off + trig.start,
                    evidence=evidence,
                    evidence_start=ev_start,
                    evidence_end=ev_start + len(evidence),
                    actor=actor.text,
                    actor_name=actor.text if actor.text and actor.text[:1].isupper() else None,
                    actor_country=actor.country,
                    actor_sector=actor.sector,
                    recipient=recipient.text,
                    recipient_name=None,
                    recipient_country=recipient.country,
                    recipient_sector=recipient.sector,
                    location=place,
                    location_country=place_country,
                    date_text=date.text if date else None,
                    date_start=date.date_start if date else None,
                    date_end=date.date_end if date else None,
                    date_granularity=date.granularity if date else "unknown",
                    date_source=source,
                    modality=modality,
                    confidence=round(confidence, 3),
                )
            )
            if actor.country:
                last_actor_country = actor.country
        events.extend(sent_events)
        prev, prev_dates = sent, s_tx
    return events
