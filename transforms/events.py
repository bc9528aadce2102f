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

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from transforms import event_clause as ec
from transforms import event_parties as ep
from transforms.actor_memory import ActorMemory
from transforms.actors import load_table
from transforms.event_inherit import Occasions
from transforms.event_lexicon_fr_es import FUTURE_TENSE, NEGATION, NOT_ACT, PURPOSE, language
from transforms.event_types import refine_type
from transforms.plover import TriggerMatch, find_triggers
from transforms.records import Event
from transforms.text import Span, sentences
from transforms.timex import Timex, find_timexes

__all__ = ["extract_events"]

_PARTICIPANT = re.compile(r"^(?:protesters|demonstrators|rioters|strikers)$", re.I)
# "data on protesters": the participants named as someone's object, not a protest.
_OBJECT_OF = re.compile(r"\b(?:on|at|against|with|of|to|for|among|into)\s+(?:\w+\s+)?$", re.I)
# "The protests began last week": a definite noun that refers back to an event already told.
_ANAPHOR = re.compile(r"^\s*(?:The|This|That|These|Those)\s+$")
_ASIDE = re.compile(r"\s+(?:began|started|came|ended|continued|followed)\b")
# "troops killed, wounded or exhausted": casualty participles in a list describe people.
_CASUALTY = re.compile(r"^(?:killed|wounded|injured)$", re.I)
_LISTED = re.compile(r"\s*(?:,|\bor\b|\band\b)\s*(?:or\s+|and\s+)?\w+ed\b")
# "shelled the camp, killing 22": the toll of the attack just told, not a second one.
_TOLL = re.compile(r"^(?:killing|wounding|injuring)$", re.I)
_END = re.compile(r"[.!?\"”’)»:\]]\s*$|\.\s+[A-Z]")


def _is_headline(text: str, sent: Span) -> bool:
    """A whole line without sentence punctuation: a headline, a kicker or a byline."""
    line_start = text.rfind("\n", 0, sent.start) + 1
    line_end = text.find("\n", sent.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip(" |\\")
    return not _END.search(line) and len(line) < 160


def _deadline(
    s_tx: list[Timex], sent: str, off: int, cstart: int, cend: int, published: dt.date
) -> Timex | None:
    """ "Will leave by Sept. 15": a promised act runs from publication to its deadline."""
    for t in s_tx:
        if (
            cstart <= t.start - off < cend
            and t.date_end
            and t.date_end >= published
            and t.granularity == "day"
            and re.search(r"\bby\s+(?:the\s+)?$", sent[max(0, t.start - off - 12) : t.start - off])
        ):
            return dataclasses.replace(t, date_start=published, granularity="unknown")
    return None


def _foreign_modality(sent: str, trig: TriggerMatch, cstart: int, modality: str) -> str | None:
    """French and Spanish negation ("n'a pas signé", "no firmó") and future tense; None for a
    noun naming a topic ("la date limite du retrait") or an infinitive of purpose ("para
    exigir")."""
    before = sent[max(cstart, trig.start - 60) : trig.start]
    if modality == "negated":
        modality = "asserted"  # English "no" is not the test here ("no docentes")
    nounish = trig.is_noun or re.search(r"(?:ions?|iones|ments?|rait|ada|ête|aques?)$", trig.text)
    if nounish and NOT_ACT.search(before):
        return None
    if trig.text.endswith(("r", "er", "ir")) and PURPOSE.search(before):
        return None
    if NEGATION.search(before):
        return "negated"
    if FUTURE_TENSE.search(trig.text.split()[-1]) or re.search(
        r"\b(?:va|vont|allait|iba|van|va\s+a|van\s+a)\s+$", sent[cstart : trig.start]
    ):
        return "future"
    return modality


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
    lang = language(text)
    timexes = find_timexes(text, published, lang=lang)
    sents = sentences(text)
    events: list[Event] = []
    memory = ActorMemory(text, table, story)
    occasions = Occasions(text, published)
    for sent in sents:
        off = sent.start
        s_tx = [t for t in timexes if off <= t.start < sent.end]
        occasions.add(sent, s_tx)
        triggers = [] if _is_headline(text, sent) else find_triggers(sent.text, lang)
        # "Protesters demonstrated": the participant noun is not a second protest.
        triggers = [
            t
            for t in triggers
            if not (
                _PARTICIPANT.match(t.text)
                and (
                    any(o is not t and o.event_type == t.event_type for o in triggers)
                    or _OBJECT_OF.search(sent.text, max(0, t.start - 30), t.start)
                )
            )
        ]
        if not triggers:
            continue
        place, place_country = ep.place(sent.text, table, story)
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
            cstart, cend = ec.clause(sent.text, trig.start, trig.end)
            modality = ec.modality(sent.text, trig, cstart)
            if lang != "en" and modality is not None:
                modality = _foreign_modality(sent.text, trig, cstart, modality)
            if modality is None:
                continue
            topic = trig.is_noun and ec.TOPIC.search(sent.text[cstart : trig.start])
            if modality is None or topic:
                continue  # "talks over the withdrawal": the topic of another event
            if (
                trig.is_noun
                and _ANAPHOR.match(sent.text[cstart : trig.start])
                and _ASIDE.match(sent.text[trig.end :])
            ):
                continue
            passive = (
                not trig.is_noun
                and not trig.text.endswith("ing")
                and bool(ec.PASSIVE.search(sent.text[cstart : trig.start]))
            )
            if (
                _CASUALTY.match(trig.text)
                and not passive
                and _LISTED.match(sent.text, trig.end)
                and not re.search(
                    r"\b(?:was|were|been|be|being|is|are)\s+$", sent.text[: trig.start]
                )
            ):
                continue
            if (
                _TOLL.match(trig.text)
                and re.search(r",\s*$", sent.text[: trig.start])
                and any(e.event_type == "ASSAULT" for e in sent_events)
            ):
                continue
            if passive:
                by = re.match(r"\s+by\s+([^,;.]{1,60})", sent.text[trig.end : cend])
                actor = (
                    ep.Party(by.group(1), *table.resolve(by.group(1), story, place_country))
                    if by
                    else ep.NO_PARTY
                )
                subj = ep.actor(sent.text, cstart, trig, off, s_tx, table, story, place_country)
                recipient = subj
            else:
                actor = ep.actor(sent.text, cstart, trig, off, s_tx, table, story, place_country)
                recipient = ep.recipient(sent.text, trig, cend, table, story, place_country)
            inside = [e for e in sent_events if off + cstart <= e.trigger_start < off + trig.start]
            if inside and trig.text.endswith("ing") and not passive and inside[-1].actor:
                first = inside[-1]  # "X shelled the camp, killing 22": the same subject
                actor = ep.Party(first.actor, first.actor_country, first.actor_sector)
            if actor.text is None and sent_events and not trig.is_noun:
                first = sent_events[-1]  # coordinated verbs share the subject
                actor = ep.Party(first.actor, first.actor_country, first.actor_sector)
            resolved = actor.country
            at = sent.text.rfind(actor.text, 0, trig.start) if actor.text else -1
            before = sent.text[:at] if at > 0 else ""
            country = memory.fill(actor.text, actor.country, before)
            actor = ep.Party(actor.text, country, actor.sector)
            refined = refine_type(
                trig.event_type,
                trig.mode,
                modality,
                sent.text[trig.end : cend if trig.mode != "_call" else trig.end + 120],
                sent.text,
                (actor.country, recipient.country),
            )
            if refined is None:
                continue
            etype, mode = refined
            own = [
                t
                for t in s_tx
                if cstart <= t.start - off < cend
                or (t.text.lower().endswith("after") and abs(cstart - (t.end - off)) <= 8)
            ]
            consequence = bool(ec.CONSEQUENCE.match(sent.text[cstart:]))
            past = modality not in ("future", "hypothetical")
            date = ec.pick_date(trig, own if consequence else s_tx, sent.text, off, published, past)
            if date is None and consequence and any(t.text.endswith("after") for t in own):
                date = ec.pick_date(trig, s_tx, sent.text, off, published, past)
            statement = date and date.granularity == "day" and date.date_end
            if modality == "future" and published and not (statement and statement <= published):
                # "will leave by Sept. 15, they said on Sunday": the statement day wins.
                date = _deadline(s_tx, sent.text, off, cstart, cend, published) or date
            source = date.source if date else "none"
            # "had dropped": a perfect tense looks back from the occasion, it is not on it.
            perfect = re.search(r"\b(?:had|has|have)\b", sent.text[cstart : trig.start])
            dated = [t for t in s_tx if t.resolved and t.kind in ("date", "time")]
            cue = occasions.cue(sent.text) if date is None and not dated else None
            if date is None and (cue or (not s_tx and not perfect)):
                inherited = occasions.inherit(sent, cue, not s_tx and not perfect)
                if inherited is not None and not (
                    published
                    and inherited.date_start
                    and (published - inherited.date_start).days > 365
                ):
                    date, source = inherited, "inherited"
            occasions.note(date)
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
            memory.note(resolved)
        events.extend(sent_events)
    return events
