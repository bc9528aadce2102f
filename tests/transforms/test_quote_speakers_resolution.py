"""Speakers of participle cues, of statements issued by someone, of comma chains after a name
and of first-name mentions (sentences written for these tests)."""

from __future__ import annotations

import pytest

from transforms.quotes import extract_quotes


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Speaking at a fair in Dover, Delaware, Mara Quill praised the farmers, saying the"
        " harvest was “the best in a decade.”",
        "Hours later, Mara Quill returned to the stage, telling the crowd: “We are not done.”",
        "In March, Mara Quill visited the port, calling it “a gateway for the whole region.”",
        "Like her rival, Mara Quill rejected the plan, arguing that it would “hurt small towns.”",
        "OSLO (Reuters) — Mara Quill defended the budget, saying it was “fair to everyone.”",
    ],
)
def test_participle_cue_goes_to_the_clause_subject_past_adjuncts(text: str) -> None:
    assert _speakers(text) == ["Mara Quill"]


def test_appositive_subject_keeps_the_name_before_it() -> None:
    text = (
        "Mara Quill, a teacher from Dover, praised the board, saying the vote was"
        " “a relief for parents.”"
    )
    assert _speakers(text) == ["Mara Quill"]


@pytest.mark.parametrize(
    "text",
    [
        "Mara Quill issued a statement saying the merger was “dead on arrival.”",
        "Mara Quill released a statement on Tuesday saying: “We will appeal the ruling.”",
    ],
)
def test_document_issued_by_someone_gives_the_issuer(text: str) -> None:
    assert _speakers(text) == ["Mara Quill"]


def test_comma_chain_after_a_leading_name() -> None:
    text = (
        "Teodor Brandt, a 48-year-old welder from Akron, Ohio, said the plant would “never reopen.”"
    )
    assert _speakers(text) == ["Teodor Brandt"]


def test_single_given_name_expands_to_the_full_name() -> None:
    text = (
        "Wen Lihua opened the forum on Monday.\n“Trade between our regions has doubled,” Wen said."
    )
    assert _speakers(text)[-1] == "Wen Lihua"


def test_adding_after_an_attribution_keeps_that_speaker() -> None:
    text = "The talks were slow, Mara Quill said, adding: “We need another week.”"
    assert set(_speakers(text)) == {"Mara Quill"}
