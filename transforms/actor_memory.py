"""Who an unresolved actor phrase stands for, from the rest of the document.

The alias table resolves "Russian troops" or "the Pentagon"; a surname alone ("Warrington
called the talks constructive"), an anaphor ("the delegation", "its forces") or an unqualified
role ("a federal grand jury") does not. :class:`ActorMemory` fills those in, in this order:

1. anaphors ("it", "they", "the group", "the delegation", "its forces") take the country of
   the previous actor the table resolved;
2. a person named earlier with a side ("U.S. special envoy Gregory Alcott", "Niger's prime
   minister, Ali Tahirou") keeps that side when later named by surname alone;
3. anything else takes the story's country: a story's unnamed actors are mostly its own.
"""

from __future__ import annotations

import re

from transforms.actors import PLACE_KINDS, ActorTable
from transforms.text import sentences

__all__ = ["ActorMemory"]

_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)+")
# The words allowed between a side and a name: titles and role nouns, never a verb.
_TITLE_GAP = re.compile(
    r"^(?:['’]s)?(?:,?\s+(?:[A-Z][\w.-]*|of|for|the|and|special|top|chief|deputy|senior|"
    r"former|foreign|defen[cs]e|interior|envoy|minister|president|secretary|spokes(?:man|woman|"
    r"person)|official|ambassador|general|commander|leader|lawmaker|senator|diplomat|reporter|"
    r"journalist|opposition|army|military|national|security|advis[eo]r|counterpart|head|"
    r"prime|assistant|acting|state|affairs|negotiator|representative|governor|mayor|"
    r"prosecutor|judge|activist|businessman|citizen|national|dissident|agent|officer|"
    r"spy|assassin|hitman|colonel|major|captain|lieutenant|sergeant|admiral|marshal|junta|"
    r"government|delegation|led|by|press|team|rulers|mission))*[\s,]*$"
)
_COMPLEMENT = re.compile(r"\b(?:for|to|in|at|on|from|with|against|into|toward|towards)\s+$")
# The first word of a name sequence when it is only capitalised because it opens a sentence.
_NOT_NAME = frozenset(
    re.findall(
        r"\w+",
        "The A An In On At After Before When While This That These Those It He She They We But "
        "And President Prime Minister Secretary General Gen Col Maj Lt Capt Mr Ms Mrs Dr Sen Rep "
        "Representative Deputy Assistant Foreign Defence Defense Interior State Department "
        "Ministry Council Court House Committee Office Agency Air Force Army Navy Base National "
        "Federal Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
        "April May June July August September October November December",
    )
)
_ANAPHOR = re.compile(
    r"^(?:it|they|he|she|we|the\s+(?:group|delegation|bloc|alliance|movement|two\s+(?:sides|countries|"
    r"governments|leaders|men|nations)|three\s+(?:countries|men|governments)|organi[sz]ation|"
    r"country|agency|ministry|organisation|government)|(?:its|their)\s+[\w\s’'-]{2,40})$",
    re.I,
)


def _surnames(name: str) -> list[str]:
    words = [w for w in name.split() if w not in _NOT_NAME]
    return [" ".join(words), words[-1]] if words else []


class ActorMemory:
    """The sides of named people in one document, and the previous resolved actor."""

    def __init__(self, text: str, table: ActorTable, story: str | None) -> None:
        self.table = table
        self.story = story
        self.last: str | None = None
        self.text = text
        self._names: dict[str, str] | None = None

    @property
    def names(self) -> dict[str, str]:
        """Surname → side, scanned on first use (most actors resolve without it)."""
        if self._names is None:
            self._names = {}
            for sent in sentences(self.text):
                self._scan(sent.text)
        return self._names

    def _scan(self, sent: str) -> None:
        sides = [
            mn
            for mn in self.table.mentions(sent, generic=False)
            if len(mn.entry.code) == 3
            and not _COMPLEMENT.search(sent[max(0, mn.start - 12) : mn.start])
        ]
        if not sides:
            return
        for m in _NAME.finditer(sent):
            if self.table.resolve(m.group(0), None)[0]:
                continue  # a name the table knows, or a place
            before = [mn for mn in sides if mn.end <= m.start() and m.start() - mn.end <= 70]
            if not before:
                continue
            side = before[-1]
            if side.entry.kind in PLACE_KINDS and sent[side.end : side.end + 2] not in ("'s", "’s"):
                continue  # "in Kyiv Olena Petrenko": a place is a side only as a possessive
            if not _TITLE_GAP.match(sent[side.end : m.start()]):
                continue
            code = self.table.code_of(side, self.story)
            if code and self._names is not None:
                for key in _surnames(m.group(0)):
                    self._names.setdefault(key, code)

    def fill(self, phrase: str | None, code: str | None, before: str = "") -> str | None:
        """The country of an actor phrase, ``code`` being what the table made of it and
        ``before`` the sentence text before the phrase."""
        anaphor = bool(phrase and _ANAPHOR.match(phrase.strip()))
        possessive = bool(phrase and re.match(r"(?:its|their)\s", phrase, re.I))
        if possessive and before:
            # "Russia's defence ministry said its troops ...": the owner named just before.
            owners = [
                mn
                for mn in self.table.mentions(before, generic=False)
                if len(mn.entry.code) == 3
                and mn.entry.kind not in ("city",)
                and not _COMPLEMENT.search(before[max(0, mn.start - 12) : mn.start])
            ]
            if owners:
                return self.table.code_of(owners[-1], self.story)
        if anaphor and self.last and (code is None or possessive):
            return self.last
        if code:
            return code
        if phrase:
            for m in _NAME.finditer(phrase):
                for key in _surnames(m.group(0)):
                    if key in self.names:
                        return self.names[key]
            for word in re.findall(r"\b[A-Z][a-z]{2,}\b", phrase):
                if word in self.names:
                    return self.names[word]
        return self.story

    def note(self, code: str | None) -> None:
        """Remember the country of an actor the table resolved."""
        if code:
            self.last = code
