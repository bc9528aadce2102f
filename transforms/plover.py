"""The PLOVER event ontology: 16 types, their modes, quad classes, a score, and trigger words.

Types and modes follow the 2021 CAMEO→PLOVER conversion table. The score is a single figure per
type on a Goldstein-like scale (-10 most hostile, +10 most cooperative) so marts can aggregate
conflict and cooperation without a per-event scale. The trigger lexicons
(:mod:`transforms.event_lexicon`, :mod:`transforms.event_lexicon_fr_es`) are the cheap first
filter of the event extractor, compiled here into one alternation per first letter and matched
on whole words, tried only at word starts that begin with one of the entries' literal prefixes
(:mod:`transforms.regex_prefixes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.event_lexicon import LEXICON, Entry
from transforms.event_lexicon_fr_es import LEXICON_FR_ES
from transforms.literals import literal_alternation
from transforms.records import PLOVER_TYPES
from transforms.regex_prefixes import match_prefixes

MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("phone", "visit", "third-party"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("release", "return", "ease", "access", "disarm", "ceasefire", "withdraw"),
    "REQUEST": ("assist", "change", "meet", "yield"),
    "ACCUSE": ("allege", "disapprove", "investigate"),
    "REJECT": ("assist", "change", "meet", "yield"),
    "THREATEN": ("violence", "restrict", "ban", "expel", "relations", "political", "territory"),
    "PROTEST": ("demo", "riot", "hunger", "boycott", "obstruct", "strike"),
    "SANCTION": ("discontinue", "expel", "withdraw"),
    "MOBILIZE": ("troops", "police"),
    "COERCE": (
        "arrest",
        "restrict",
        "seize",
        "ban",
        "curfew",
        "deport",
        "martial-law",
        "misinformation",
        "censor",
    ),
    "ASSAULT": (
        "abduct",
        "assassinate",
        "beat",
        "explosives",
        "firearms",
        "heavy-weapons",
        "massacre",
        "sexual",
        "suicide-attack",
        "torture",
        "unconventional",
    ),
}

QUAD_CLASS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal_cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material_cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal_conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material_conflict"),
}

SCORE = {
    "AGREE": 4.0,
    "CONSULT": 1.0,
    "SUPPORT": 3.0,
    "CONCEDE": 5.0,
    "COOPERATE": 6.0,
    "AID": 7.0,
    "RETREAT": 5.0,
    "REQUEST": -1.5,
    "ACCUSE": -3.0,
    "REJECT": -4.0,
    "THREATEN": -6.0,
    "PROTEST": -6.5,
    "SANCTION": -7.0,
    "MOBILIZE": -7.5,
    "COERCE": -8.0,
    "ASSAULT": -10.0,
}

assert set(MODES) == set(PLOVER_TYPES) == set(QUAD_CLASS) == set(SCORE)


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A lexicon hit: the trigger span and the (type, mode) it proposes."""

    event_type: str
    mode: str | None
    start: int
    end: int
    text: str
    is_noun: bool


_Compiled = tuple[dict[str, re.Pattern[str]], list[tuple[str, str | None, bool]], re.Pattern[str]]
_PREFIX_LENGTH = 5
# Where a word starts ("$" for "$300 million package"): the only places a trigger may begin.
_WORD_START = re.compile(r"(?<![\w-])[\w$]")


def _compile(lexicon: list[Entry]) -> _Compiled:
    """One alternation per first letter, tried only at word starts that begin with one of the
    entries' literal prefixes (scanning every position with all 60 entries was the stage's
    main cost; trying each letter's alternation at every word start was most of what was left).
    Entries that check their context come first, so "withdrawing from ... deal" (SANCTION)
    wins over bare "withdrawing" (RETREAT) at the same position."""
    order = sorted(range(len(lexicon)), key=lambda i: "(?P<t" not in lexicon[i][2])
    buckets: dict[str, list[str]] = {}
    meta: list[tuple[str, str | None, bool]] = []
    starts: set[str] | None = set()
    for n, i in enumerate(order):
        etype, mode, pat, pos = lexicon[i]
        # One pass: renaming "t" to "t2" first would let the "t2" rule rename it again.
        for old, new in (("t2", "u"), ("t3", "v"), ("t4", "w"), ("t", "t")):
            pat = pat.replace(f"(?P<{old}>", f"(?P<{new}{n}_>")
        meta.append((etype, mode, pos == "noun"))
        prefixes = match_prefixes(pat, _PREFIX_LENGTH)
        if prefixes is None or starts is None:
            starts = None  # an entry that may start anywhere: every word start is tried
        else:
            starts |= prefixes
        first = {p[0] for p in prefixes} if prefixes else "abcdefghijklmnopqrstuvwxyz$"
        for ch in first:
            buckets.setdefault(ch, []).append(f"(?P<e{n}>{pat})")
    compiled = {
        ch: re.compile("(?:" + "|".join(parts) + r")(?![\w-])", re.I)
        for ch, parts in buckets.items()
    }
    if starts is None:
        candidates = _WORD_START
    else:
        # "ab" already admits every "abc" word; without the longer one the set is a trie.
        shortest = sorted(p for p in starts if not any(p[:k] in starts for k in range(1, len(p))))
        trie = literal_alternation(shortest, re.I)
        candidates = re.compile(rf"(?<![\w-])(?=[\w$])(?={trie})", re.I)
    return compiled, meta, candidates


_LEXICONS: dict[str, _Compiled] = {"en": _compile(LEXICON), "fr": _compile(LEXICON_FR_ES)}
_LEXICONS["es"] = _LEXICONS["fr"]
_IN_NAME = re.compile(r"[\w,;:)]\s+$")
_DETERMINER = re.compile(
    r"(?:\b(?:the|its|their|his|her|this|these|those|le|la|les|une?|el|los|las|una|sa|son|ses|"
    r"su|sus|leur|leurs|cette|ce|esta|este)\s+|\bl[’'])$",
    re.I,
)


def find_triggers(sentence: str, lang: str = "en") -> list[TriggerMatch]:
    """Lexicon hits in a sentence, leftmost first and non-overlapping.

    ``lang`` is the article's language ("en", "fr" or "es"); French and Spanish share one
    compact lexicon (:mod:`transforms.event_lexicon_fr_es`).

    Examples
    --------
    >>> [(t.event_type, t.text) for t in find_triggers("Police arrested 20 protesters.")]
    [('COERCE', 'arrested'), ('PROTEST', 'protesters')]
    """
    buckets, meta, candidates = _LEXICONS.get(lang, _LEXICONS["en"])
    hits: list[TriggerMatch] = []
    pos = 0
    # Only word starts that begin like some entry: every other one would fail to match.
    for w in candidates.finditer(sentence):
        if w.start() < pos:
            continue
        pattern = buckets.get(sentence[w.start()].lower())
        m = pattern.match(sentence, w.start()) if pattern else None
        if m is None:
            continue
        n = int((m.lastgroup or "e0")[1:])
        etype, mode, is_noun = meta[n]
        s, e = m.start(), m.end()
        for g in (f"t{n}_", f"u{n}_", f"v{n}_", f"w{n}_"):
            if g in m.re.groupindex and m.group(g):
                s, e = m.start(g), m.end(g)
                break
        pos = m.end()
        if s > 0 and _IN_NAME.search(sentence, max(0, s - 8), s) and sentence[s].isupper():
            continue  # "Rapid Support Forces", "in March": part of a name or a date
        if _DETERMINER.search(sentence, max(0, s - 8), s):
            if sentence[e - 2 : e] == "ed":
                continue  # "the freed prisoners": a participle used as an adjective
            is_noun = True  # "the protest": a nominal mention
        hits.append(TriggerMatch(etype, mode, s, e, sentence[s:e], is_noun))
    return hits
