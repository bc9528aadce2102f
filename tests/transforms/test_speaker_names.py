"""The name index finds every stand-alone mention of a surname, as the regex it replaced did."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.speakers import NameIndex, _word_occurrences


@settings(max_examples=400, deadline=None)
@given(st.text("Ab-’' .é_", max_size=40), st.text("Ab-’'é", min_size=1, max_size=4))
def test_word_occurrences_match_the_bounded_regex(text: str, word: str) -> None:
    pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    assert _word_occurrences(text, word) == [m.start() for m in pattern.finditer(text)]


def test_surname_mentions_point_to_the_full_name() -> None:
    text = "Mayor Ana Ruiz spoke. Ruiz said Ruiz-Lopez and Ruizes were not there. Ruiz"
    names = NameIndex(text)
    assert names.canonical("Ruiz") == "Ana Ruiz"
    # "Ruiz-Lopez" and "Ruizes" are other words; the last stand-alone "Ruiz" ends the text.
    assert names._positions == [0, 10, 22, len(text) - 4]
    assert names.last_person_before(len(text) - 4) == (22, "Ana Ruiz")
