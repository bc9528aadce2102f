"""Quoted fragments in a clause whose verb is not a listed cue (evaluative acts, chants)."""

from __future__ import annotations

from transforms.quotes import extract_quotes

_LEAD = "The council met on Friday.\n\n"


def test_evaluative_verb_with_quoted_words_is_mixed() -> None:
    text = _LEAD + "Mayor Lena Ortiz mocked the budget plan as “a fairy tale for accountants.”"
    quotes = extract_quotes(text)
    assert [(q.kind, q.speaker) for q in quotes] == [("mixed", "Lena Ortiz")]
    assert quotes[0].content.startswith("the budget plan as “a fairy tale")


def test_subject_with_role_and_auxiliary() -> None:
    text = (
        _LEAD + "Council member Tom Bral has repeatedly faulted the board for “dragging its feet.”"
    )
    quotes = extract_quotes(text)
    assert [(q.kind, q.speaker) for q in quotes] == [("mixed", "Tom Bral")]


def test_fragment_content_stops_at_a_dash_aside() -> None:
    text = _LEAD + "Ortiz praised the volunteers for their “quiet heroism” — a rare compliment."
    (q,) = extract_quotes(text)
    assert q.content == "the volunteers for their “quiet heroism”"


def test_chanted_slogans_are_direct() -> None:
    text = _LEAD + "Students chanted “Books not bills!” outside the hall."
    quotes = extract_quotes(text)
    assert [(q.kind, q.content) for q in quotes] == [("direct", "Books not bills!")]


def test_passive_subject_is_not_the_source() -> None:
    text = _LEAD + "Ortiz was featured in a documentary called “The Long Budget Night.”"
    assert extract_quotes(text) == []


def test_so_called_scare_quotes_are_not_quotes() -> None:
    text = _LEAD + "Ortiz opposed the so-called “parking tax” for years."
    assert extract_quotes(text) == []
