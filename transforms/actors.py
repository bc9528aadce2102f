"""Who an actor phrase stands for: ISO alpha-3 country (or IGO/NGO) and sector.

The project-owned table ``transforms/data/actors.csv`` maps countries, capitals, cities,
demonyms, institutions ("Pentagon" → USA MIL, "Kremlin" → RUS GOV), leaders and organisations
to a code. Rows with code ``*`` are generic domestic actors ("junta", "police", "protesters"):
they take the country of the place the clause names, else the story's country. A demonym row
may list alternatives for a known trap: "Nigerian" is NGA unless the story is about Niger, where
reporters often mean Nigerien; "Congolese", "Guinean", "Sudanese" and "Dominican" likewise.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from transforms.literals import literal_alternation

STORY = "*"
PLACE_KINDS = frozenset({"country", "capital", "city"})
# Newspapers and brands whose names begin with a place name are not that place.
_SECOND_PARTY = re.compile(r"\s+(?:along with|as well as|together with|alongside|backed by)\s+")
_NOT_PLACE_AFTER = re.compile(r"\s+(?:Post|Times|Journal|Herald|Tribune|Street Journal)\b")


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the table: the code an alias stands for, its sector and kind."""

    code: str
    sector: str | None
    kind: str
    alt: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Mention:
    """An alias found in text, ``text[start:end]``."""

    text: str
    start: int
    end: int
    entry: Entry


def _pattern(aliases: list[str], flags: int) -> re.Pattern[str]:
    # Longest first, as a trie: scanning a thousand aliases one by one at every position of
    # the text was the events stage's main cost.
    alts = literal_alternation(sorted(aliases, key=len, reverse=True), flags)
    return re.compile(rf"(?<![\w.-])(?:{alts})(?![\w-]|\.\w)", flags)


class ActorTable:
    """The alias table compiled into two regular expressions (names, generic nouns)."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.proper: dict[str, Entry] = {}
        # The batch and the event extractor both ask about the same article in turn: scan the
        # whole text for names once (lru_cache is safe across a worker's threads).
        self._recent_stories = lru_cache(maxsize=4)(self._story_country)
        self.generic: dict[str, Entry] = {}
        for row in rows:
            entry = Entry(
                row["code"],
                row["sector"] or None,
                row["kind"],
                tuple(a for a in row["alt"].split("|") if a),
            )
            for alias in row["aliases"].split("|"):
                alias = alias.strip()
                if not alias:
                    continue
                if entry.kind == "generic":
                    self.generic[alias.lower()] = entry
                else:
                    self.proper.setdefault(alias, entry)
        # Names match case-sensitively ("US" is not "us"); generic nouns in any case.
        self._proper_re = _pattern(list(self.proper), 0)
        self._generic_re = _pattern(list(self.generic), re.I)

    def mentions(self, text: str, *, generic: bool = True) -> list[Mention]:
        """All non-overlapping alias mentions in ``text``, names before generic nouns."""
        out: list[Mention] = []
        for m in self._proper_re.finditer(text):
            if _NOT_PLACE_AFTER.match(text, m.end()):
                continue
            out.append(Mention(m.group(0), m.start(), m.end(), self.proper[m.group(0)]))
        if generic:
            for m in self._generic_re.finditer(text):
                if any(m.start() < o.end and o.start < m.end() for o in out):
                    continue
                out.append(
                    Mention(m.group(0), m.start(), m.end(), self.generic[m.group(0).lower()])
                )
        out.sort(key=lambda mn: mn.start)
        return out

    def story_country(self, text: str) -> str | None:
        """The country a story is about: the one whose name and places are mentioned most.

        Demonyms and institutions are not counted ("US troops", "the Pentagon" say who acts,
        not where the story is); places in the first paragraphs count double.
        """
        return self._recent_stories(text)

    def _story_country(self, text: str) -> str | None:
        counts: Counter[str] = Counter()
        lead = max(400, len(text) // 4)
        for mn in self.mentions(text, generic=False):
            if mn.entry.kind in PLACE_KINDS and len(mn.entry.code) == 3:
                counts[mn.entry.code] += 2 if mn.start < lead else 1
        return counts.most_common(1)[0][0] if counts else None

    def code_of(self, mention: Mention, story: str | None) -> str | None:
        """The code a mention stands for, given the story's country (demonym traps)."""
        entry = mention.entry
        if entry.code == STORY:
            return story
        if story and story in entry.alt:
            return story
        return entry.code

    def resolve(
        self, phrase: str, story: str | None, fallback: str | None = None
    ) -> tuple[str | None, str | None]:
        """Map an actor phrase to (country code, sector).

        Parameters
        ----------
        phrase
            The actor text as written ("Nigerian junta officials", "the Pentagon").
        story
            The story's country, for demonym traps and generic actors.
        fallback
            The country generic actors take first (the place named in the same clause).

        Examples
        --------
        >>> t = load_table()
        >>> t.resolve("Nigerian junta officials", "NER")
        ('NER', 'GOV')
        >>> t.resolve("the Pentagon", None)
        ('USA', 'MIL')
        """
        code: str | None = None
        sector: str | None = None
        # A second party joined by "along with" does not change who the phrase names.
        phrase = _SECOND_PARTY.split(phrase, maxsplit=1)[0]
        for mn in self.mentions(phrase):
            if mn.entry.code == STORY:
                sector = sector or mn.entry.sector
                continue
            if code is None:
                code = self.code_of(mn, story)
                sector = mn.entry.sector or sector
        if code is None and sector is not None:
            code = fallback or story
        return code, sector


@lru_cache(maxsize=1)
def load_table() -> ActorTable:
    """The packaged table, read once per process."""
    raw = (files("transforms") / "data" / "actors.csv").read_text(encoding="utf-8")
    return ActorTable(list(csv.DictReader(io.StringIO(raw))))
