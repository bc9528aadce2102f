"""Prefix filters drop no match: the trigger and date scans find what a full scan finds.

The events stage tries its trigger lexicon and its date patterns only where one of their
literal prefixes starts (:mod:`transforms.regex_prefixes`). A prefix the reader gets wrong would
silently lose events, so each filtered scan is checked against the unfiltered one on texts made
of the words the patterns look for, their case variants and letters that fold oddly under re.I.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms import plover, timex
from transforms.event_lexicon import LEXICON
from transforms.event_lexicon_fr_es import LEXICON_FR_ES
from transforms.regex_prefixes import PrefixScanner, match_prefixes

_WORDS = [
    "the", "The", "last", "LAST", "week", "on", "in", "May", "March", "march", "Sept.", "5",
    "2024", "1990s", "fiscal", "ago", "after", "Monday", "morning", "police", "arrested",
    "protesters", "signed", "a", "deal", "talks", "withdrew", "troops", "from", "freed",
    "prisoners", "called", "“a", "disgrace”", "ſigned", "İn", "KILLED", "Kelvin", "$300",
    "package", "announced", "new", "sanctions", "de", "mayo", "le", "13", "avril", "manifesté",
    "l’an", "dernier", "-", ",", ".", "\n",
]  # fmt: skip
_texts = st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join)


def _spans(matches: list[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:attack|attacked|kill)s?\s+\w+|(?P<t>shell)ed", {"att", "kil", "she"}),
        (r"(?<!old\s)promises|\bmet\b|I[Ee]Ds?", {"pro", "met", "ied"}),
        (r"(?:peace\s+)?talks", {"pea", "tal"}),
        (r"[Ss]ept?\.|(?-i:[A-Z])x", {"sep"} | {f"{c}x" for c in "abcdefghijklmnopqrstuvwxyz"}),
        (r"(?:0?[1-9])th", {f"0{d}t" for d in "123456789"} | {f"{d}th" for d in "123456789"}),
        (r"ab{2}c|a{,2}z", {"a", "z"}),  # "b{2}" is a repeat: the prefix stops before it
    ],
)
def test_prefixes_of_a_pattern(pattern: str, expected: set[str]) -> None:
    got = match_prefixes(pattern, 3)
    assert got is not None
    # Only the shortest of overlapping prefixes is kept ("a" covers "abb").
    assert got == {p for p in expected if not any(p[:k] in expected for k in range(1, len(p)))}


@pytest.mark.parametrize(
    "pattern",
    [r"\w+ed", r"(?:the\s+)?\d+", r"(a)\1", r"(?i)abc", r"x*", r"[^a]bc", r"a|", r"(?#c)a", "ab)"],
)
def test_a_match_that_may_start_anywhere_has_no_prefixes(pattern: str) -> None:
    assert match_prefixes(pattern) is None


def test_every_trigger_entry_and_date_pattern_is_filtered() -> None:
    # Correct either way; this keeps the fast path from being lost by a new entry.
    for _, _, pattern, _ in LEXICON + LEXICON_FR_ES:
        assert match_prefixes(pattern, 5) is not None, pattern
    unfiltered = {kind for kind, p in timex._PATTERNS if match_prefixes(p.pattern, 4) is None}
    assert unfiltered == {"iso", "ago", "dur"}


@settings(max_examples=300, deadline=None)
@given(_texts, st.sampled_from([True, False]))
def test_scanner_finds_what_finditer_finds(text: str, english: bool) -> None:
    scanner = timex._SCANNERS[english]
    found = scanner.finditer_each(text, list(scanner.patterns))
    for n, pattern in scanner.patterns.items():
        if n in scanner.indexed:
            assert _spans(found[n]) == _spans(list(pattern.finditer(text))), pattern.pattern


def _triggers_at_every_word_start(sentence: str, lang: str) -> list[tuple[int, int, str]]:
    """The scan before the prefix filter: the first letter's alternation at every word start."""
    buckets, _, _ = plover._LEXICONS[lang]
    hits, pos = [], 0
    for w in plover._WORD_START.finditer(sentence):
        if w.start() < pos:
            continue
        pattern = buckets.get(w.group(0).lower())
        m = pattern.match(sentence, w.start()) if pattern else None
        if m is not None:
            hits.append((m.start(), m.end(), str(m.lastgroup)))
            pos = m.end()
    return hits


@settings(max_examples=300, deadline=None)
@given(_texts, st.sampled_from(["en", "fr"]))
def test_trigger_scan_finds_what_every_word_start_finds(sentence: str, lang: str) -> None:
    buckets, _, candidates = plover._LEXICONS[lang]
    hits, pos = [], 0
    for w in candidates.finditer(sentence):
        if w.start() < pos:
            continue
        pattern = buckets.get(sentence[w.start()].lower())
        m = pattern.match(sentence, w.start()) if pattern else None
        if m is not None:
            hits.append((m.start(), m.end(), str(m.lastgroup)))
            pos = m.end()
    assert hits == _triggers_at_every_word_start(sentence, lang)


def test_text_with_letters_re_folds_differently_is_scanned_with_re_i() -> None:
    # "ſ" is "s" to re.I but not in lower case: the scanner must not miss "ſept." here.
    pattern = re.compile(r"\bsept\.\s+\d+", re.I)
    scanner = PrefixScanner({0: pattern})
    text = "On ſept. 5 and Sept. 6"
    assert _spans(scanner.finditer_each(text, [0])[0]) == _spans(list(pattern.finditer(text)))
    assert len(scanner.finditer_each(text, [0])[0]) == 2


@settings(max_examples=150, deadline=None)
@given(_texts)
def test_dates_are_the_dates_of_a_full_scan(text: str) -> None:
    import datetime as dt

    published = dt.date(2024, 4, 22)
    got = timex.find_timexes(text, published)
    # The same function with the scanner reporting nothing indexed: every pattern by finditer.
    scanners = timex._SCANNERS
    try:
        timex._SCANNERS = {k: PrefixScanner({}) for k in scanners}
        assert got == timex.find_timexes(text, published)
    finally:
        timex._SCANNERS = scanners
