"""Speakers for :mod:`transforms.quotes`: split role from name, decide the kind, canonicalise.

Names are made canonical against every name in the article ("Langley" -> "Michael Langley").
The phrase itself is found by :mod:`transforms.speaker_mentions`; pronouns are resolved by the
quote extractor against the previous compatible speaker.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from transforms.speaker_lexicon import (
    CAP_STOP,
    DETERMINERS,
    HEAD_NOUNS,
    ORG_WORDS,
    PRONOUNS,
    SPOKES_HEADS,
    TITLES,
)
from transforms.speaker_mentions import (
    Mention,
    is_cap,
    speaker_after,
    speaker_before,
)

__all__ = [
    "PRONOUNS",
    "Mention",
    "NameIndex",
    "Speaker",
    "analyse",
    "speaker_after",
    "speaker_before",
]


# --- canonical names ----------------------------------------------------------------------

# A word with a full stop joins a name only when it is an abbreviation ("Gov.", "Jr.", "G.K.",
# "Capt."): "… said Hester. Michael Mulgrew …" is two sentences, not one name.
_LONG_ABBREVIATIONS = "|".join(
    re.escape(t[:-1].capitalize()) for t in sorted(TITLES) if t.endswith(".") and len(t) > 4
)
_NAME_WORD = (
    rf"(?:(?:[A-Z][\w’'-]{{0,2}}|{_LONG_ABBREVIATIONS})\.|[A-Z]\.(?:[A-Z]\.)*"
    r"|[A-Z][\w’'-]*(?![\w’'.-]))"
)
_NAME_SEQ_RE = re.compile(
    rf"(?<![\w’']){_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|van|von|bin|al|da|del))*\s+[A-Z][\w’'-]+"
)


_WORDISH_RE = re.compile(r"[\w-]")


def _word_occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` stands alone in ``text``, as ``(?<![\\w-])word(?![\\w-])`` matches.

    A plain ``str.find`` loop: a regex per surname had to be compiled for every article (they
    never repeat), which cost more than all the rest of the name index.
    """
    found: list[int] = []
    if not word:
        return found
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _WORDISH_RE.match(text, at - 1)) and not _WORDISH_RE.match(text, end):
            found.append(at)
            at = text.find(word, end)  # finditer resumes after a match
        else:
            at = text.find(word, at + 1)
    return found


def _strip_possessive(tok: str) -> str:
    return re.sub(r"[’']s?$", "", tok)


class NameIndex:
    """Every person-like name in the article, keyed by surname, with mention positions."""

    def __init__(self, text: str) -> None:
        full: dict[str, Counter[str]] = {}
        mentions: list[tuple[int, str]] = []
        for m in _NAME_SEQ_RE.finditer(text):
            toks = m.group().split()
            off = 0
            while off < len(toks) and (toks[off].lower() in TITLES or toks[off] in CAP_STOP):
                off += 1
            if off == 0 and toks[0].lower() in DETERMINERS:
                continue  # "The Sahel After France", "Les Américains": not a person
            name_toks = [_strip_possessive(t) for t in toks[off:]]
            if len(name_toks) < 2 or any(t.lower() in ORG_WORDS for t in name_toks):
                continue
            if any(t.lower() in TITLES and not t.endswith(".") for t in name_toks[1:]):
                continue
            name = " ".join(name_toks)
            full.setdefault(name_toks[-1], Counter())[name] += 1
            mentions.append((m.start(), name))
        self.by_surname: dict[str, str] = {}
        for surname, names in full.items():
            # A form that only adds a leading word to another ("Coach Dana Reyes" vs
            # "Dana Reyes") carries a role; among the rest the fullest, then the most frequent.
            keep = [n for n in names if not any(n != o and n.endswith(" " + o) for o in names)]
            self.by_surname[surname] = max(keep, key=lambda n: (len(n.split()), names[n]))
        for surname, name in self.by_surname.items():
            mentions.extend((start, name) for start in _word_occurrences(text, surname))
        mentions.sort()
        self._text = text
        self._positions = [p for p, _ in mentions]
        self._names = [n for _, n in mentions]

    def canonical(self, name: str) -> str:
        toks = name.split()
        if not toks:
            return name
        best = self.by_surname.get(toks[-1])
        if best and set(toks) <= set(best.split()) | {toks[-1]}:
            return best
        if len(toks) == 1:
            return self.by_first_name(toks[0]) or name
        return name

    def by_first_name(self, token: str) -> str | None:
        """The one full name opening with ``token`` ("Guo" -> "Guo Shulan"), if unique."""
        found = {n for n in self.by_surname.values() if n.split()[0] == token}
        return found.pop() if len(found) == 1 else None

    def org_name(self, name: str) -> str:
        """The fullest form of an organisation name the article gives ("Treasury" ->
        "Treasury Department" when the article says so somewhere)."""
        if len(name.split()) == 1:
            for suffix in (" Department", " Ministry"):
                if name + suffix in self._text:
                    return name + suffix
        return name

    def last_person_before(self, pos: int) -> tuple[int, str | None]:
        """Position and canonical name of the last person mentioned before ``pos``."""
        i = bisect.bisect_left(self._positions, pos)
        return (self._positions[i - 1], self._names[i - 1]) if i else (-1, None)


_NAME_PARTICLES = frozenset({"of", "for", "and", "de", "del", "la", "du", "des", "d’", "on", "&"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: canonical name or phrase, its kind and the role split off it."""

    name: str | None
    kind: str
    role: str | None


def analyse(mention: Mention, names: NameIndex) -> Speaker:
    """Split a non-pronoun speaker phrase into role and name, and decide its kind."""
    raw = mention.text.split()
    toks = [t for t in raw if t]
    det = bool(toks) and toks[0].lower() in DETERMINERS
    body = toks[1:] if det else toks
    role_app = mention.appositive
    if not body:
        return Speaker(None, "unnamed", role_app)
    head = body[-1]
    if head.lower() in HEAD_NOUNS and not is_cap(head):
        caps = [t for t in body[:-1] if is_cap(t) and t.lower() not in TITLES]
        phrase = " ".join(body)
        if head.lower() in SPOKES_HEADS and caps:
            # "a State Department spokesman": the organisation keeps its title-like words.
            org_toks = [t for t in body[:-1] if is_cap(t) or t in _NAME_PARTICLES]
            org = " ".join(_strip_possessive(t) for t in org_toks).strip()
            return Speaker(names.org_name(org), "organization", phrase)
        if head.lower() in (
            "president",
            "chairman",
            "governor",
            "mayor",
            "secretary",
            "ceo",
            "minister",
            "judge",
            "sheriff",
            "director",
            "nominee",
        ):
            return Speaker(phrase, "person", None)
        if head.lower() in ORG_WORDS and head.lower() not in ("police",):
            return Speaker(phrase, "organization", role_app)
        return Speaker(phrase, "unnamed", role_app)
    # Trailing run of capitalised, non-title tokens is the name.
    k = len(body)
    while k > 0:
        t = body[k - 1]
        tl = t.lower()
        if k < len(body) and t.endswith(("’s", "'s")):
            break  # "Commentary’s Noah Rothman": the possessor is the role, not the name
        if (is_cap(t) and tl not in TITLES) or (
            tl in ("de", "van", "von", "bin", "al", "of", "for", "and", "&")
            and k < len(body)
            and k >= 2
            and is_cap(body[k - 2])
            and (tl not in ("of", "for", "and") or any(w.lower() in ORG_WORDS for w in body))
        ):
            k -= 1
            continue
        break
    if k < len(body) and any(t.lower().strip(".,") in ORG_WORDS for t in body[k:]):
        # "the State Department", "Russia’s Defence Ministry": an organisation name is kept
        # whole, title-like words and the possessor included.
        while k > 0 and (is_cap(body[k - 1]) or body[k - 1] in _NAME_PARTICLES):
            k -= 1
        while k < len(body) and body[k] in _NAME_PARTICLES:
            k += 1
        org = " ".join([*body[k:-1], _strip_possessive(body[-1])])
        return Speaker(names.org_name(org), "organization", " ".join(body[:k]) or role_app)
    name_toks = [_strip_possessive(t) for t in body[k:]]
    role_toks = body[:k]
    if not name_toks:
        if det and all(is_cap(t) for t in body):
            # "the Treasury said": a capitalised institution behind a determiner.
            org = " ".join(_strip_possessive(t) for t in body)
            return Speaker(names.org_name(org), "organization", role_app)
        return Speaker(" ".join(body), "unnamed", role_app)
    name = " ".join(name_toks)
    role = " ".join(role_toks) or None
    if role_app and not role:
        role = role_app
    is_org = (
        any(t.lower().strip(".,") in ORG_WORDS for t in name_toks)
        or (det and not role_toks)
        or (
            len(name_toks) == 1
            and name_toks[0].isupper()
            and len(name_toks[0]) > 1
            and name_toks[0] not in names.by_surname
        )
    )
    if is_org and names.by_surname.get(name_toks[-1]) is None:
        return Speaker(name, "organization", role)
    return Speaker(names.canonical(name), "person", role)
