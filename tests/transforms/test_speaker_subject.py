"""Unit tests of :func:`transforms.speaker_subject.clause_subject` (sentences written here)."""

from __future__ import annotations

import pytest

from transforms.speaker_subject import clause_subject


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("In Dover, Delaware, Ana Ruiz spoke, saying", "Ana Ruiz"),
        ("After the vote, Ruiz, a Democrat, spoke, saying", "Ruiz"),
        ("Days later, the mayor spoke, saying", "the mayor"),
        ("LIMA (AP) — Ana Ruiz spoke, saying", "Ana Ruiz"),
    ],
)
def test_clause_subject(text: str, subject: str) -> None:
    m = clause_subject(text, 0, text.index(", saying"))
    assert m is not None and m.text == subject
