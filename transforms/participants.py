"""Compound actors split into participants: "France and Germany" is two, each with a country.

The ``events`` table keeps the actor as written with the first participant's country (the
annotation guide's rule); ``event_participants`` has one row per participant and role, so a
query can count every country that took part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.actors import ActorTable
from transforms.records import Event

# Coordinators that join parties. A comma splits only a list (it must end in "and ...").
_JOIN = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|as well as|along with|together with)\s+")
_HAS_AND = re.compile(r"\s(?:and|as well as|along with|together with)\s")


@dataclass(frozen=True, slots=True)
class Participant:
    role: str  # actor | recipient
    position: int  # 1 for the first named
    text: str
    country: str | None
    sector: str | None


def split_parties(phrase: str, table: ActorTable) -> list[str]:
    """The parties a phrase names, in order; a name containing "and" stays whole.

    Examples
    --------
    >>> from transforms.actors import load_table
    >>> split_parties("France, Germany and Italy", load_table())
    ['France', 'Germany', 'Italy']
    >>> split_parties("Bosnia and Herzegovina", load_table())
    ['Bosnia and Herzegovina']
    """
    if not _HAS_AND.search(phrase):
        return [phrase.strip()]
    # Protect known names ("Trinidad and Tobago") from the split by masking their spaces.
    masked = phrase
    for mention in table.mentions(phrase, generic=False):
        inner = phrase[mention.start : mention.end].replace(" ", "\x00")
        masked = masked[: mention.start] + inner + masked[mention.end :]
    parts = [p.replace("\x00", " ").strip() for p in _JOIN.split(masked)]
    return [p for p in parts if p]


def event_participants(event: Event, table: ActorTable, story: str | None) -> list[Participant]:
    """One participant per party of the event's actor and recipient."""
    found: list[Participant] = []
    for role, phrase, first_country, first_sector in (
        ("actor", event.actor, event.actor_country, event.actor_sector),
        ("recipient", event.recipient, event.recipient_country, event.recipient_sector),
    ):
        if not phrase:
            continue
        for position, part in enumerate(split_parties(phrase, table), 1):
            country, sector = table.resolve(part, story)
            if position == 1 and first_country:
                # The extractor's own decision for the first party (it sees the clause).
                country, sector = first_country, first_sector or sector
            found.append(Participant(role, position, part, country, sector))
    return found
