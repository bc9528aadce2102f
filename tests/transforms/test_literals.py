"""The trie form of a literal alternation matches exactly what the flat alternation matches.

The actor table and the cue scan were made fast by this rewrite; their outputs must not move,
so the property is checked against the flat form on arbitrary word lists and texts.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.actors import load_table
from transforms.literals import literal_alternation
from transforms.quote_cues import CUE_RE

# A small alphabet makes shared prefixes, case variants and word boundaries common.
_ALPHABET = "absAB -'ſK"
_literals = st.lists(st.text(_ALPHABET, min_size=1, max_size=5), min_size=1, max_size=12)
_texts = st.text(_ALPHABET + ".,", max_size=60)


def _spans(alternation: str, text: str, flags: int) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<![\w.-])(?:{alternation})(?![\w-]|\.\w)", flags)
    return [m.span() for m in pattern.finditer(text)]


def _flat(literals: list[str]) -> str:
    return "|".join(re.escape(literal) for literal in literals)


@settings(max_examples=400, deadline=None)
@given(_literals, _texts, st.sampled_from([0, re.I]), st.booleans())
def test_trie_matches_the_flat_alternation(
    literals: list[str], text: str, flags: int, longest_first: bool
) -> None:
    if longest_first:
        literals = sorted(literals, key=len, reverse=True)
    trie = literal_alternation(literals, flags, refused_after=r"[\w-]")
    assert _spans(trie, text, flags) == _spans(_flat(literals), text, flags)


def test_shared_prefixes_become_one_branch() -> None:
    assert literal_alternation(["says", "said", "say"]) == "sa(?:y(?:s)?|id)"


def test_a_shorter_literal_listed_first_keeps_the_flat_form() -> None:
    # "say|says" prefers "say" where both fit ("says" followed by a space): a trie cannot.
    assert literal_alternation(["say", "says"]) == "say|says"
    assert re.match(literal_alternation(["say", "says"]), "says").group() == "say"  # type: ignore[union-attr]
    # ... unless the caller's pattern refuses what would follow the shorter one.
    assert literal_alternation(["say", "says"], refused_after=r"\w") == "say(?:s)?"


def test_case_variants_under_ignorecase_keep_the_flat_form() -> None:
    assert literal_alternation(["Ab", "ab"], re.I) == "Ab|ab"
    assert literal_alternation(["Ab", "ab"]) == "(?:Ab|ab)"


def test_the_actor_table_and_the_cues_use_the_trie() -> None:
    table = load_table()
    # The flat alternations were ~11,000 and ~5,800 characters; the tries are shorter, and
    # start with a single branch per first character instead of a run of whole words.
    assert len(table._proper_re.pattern) < 10_000
    assert len(CUE_RE.pattern) < 5_000
    assert [m.group() for m in CUE_RE.finditer("He said, she says; they told, according to")] == [
        "said",
        "says",
        "told",
        "according to",
    ]
