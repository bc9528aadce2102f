"""Organisation speakers, French/Spanish attribution, evaluative cues with quoted words and
trailing attributions (sentences written for these tests)."""

from __future__ import annotations

import pytest

from transforms.quotes import extract_quotes


def _one(text: str) -> tuple[str, str, str | None, str]:
    quotes = extract_quotes(text)
    assert len(quotes) == 1, quotes
    q = quotes[0]
    return q.kind, q.content, q.speaker, q.speaker_kind


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The new levy starts in May, the Treasury said.", "Treasury"),
        ("Talks will resume next week, the State Department said.", "State Department"),
        ("The drills were routine, the Defense Ministry said.", "Defense Ministry"),
        ("The drills were routine, Russia’s Defence Ministry said.", "Russia’s Defence Ministry"),
        ("The accord is void, Niger’s junta said.", "Niger’s junta"),
    ],
)
def test_organisation_speakers_are_kept_whole(text: str, speaker: str) -> None:
    kind, _, name, speaker_kind = _one(text)
    assert (kind, name, speaker_kind) == ("indirect", speaker, "organization")


def test_treasury_takes_the_fuller_form_given_in_the_article() -> None:
    text = "The Treasury Department acted on Monday.\nThe fines will rise, the Treasury said."
    assert extract_quotes(text)[0].speaker == "Treasury Department"


def test_spokesman_of_a_department_speaks_for_the_department() -> None:
    _, _, name, kind = _one("“We have seen the report,” a State Department spokesman said.")
    assert (name, kind) == ("State Department", "organization")


def test_french_guillemets_with_inverted_cue_and_pronoun() -> None:
    text = (
        "« Nous partons demain », a déclaré le colonel Ali Issa, chargé du retrait. "
        "« Rien ne change », a-t-il ajouté."
    )
    quotes = extract_quotes(text)
    assert [(q.kind, q.content, q.speaker) for q in quotes] == [
        ("direct", "Nous partons demain", "Ali Issa"),
        ("direct", "Rien ne change", "Ali Issa"),
    ]
    assert quotes[1].cue_lemma == "ajouter"


def test_spanish_cue_with_name_after_the_role() -> None:
    kind, content, name, _ = _one("«Volveremos el lunes», dijo la ministra de Salud, Ana Pérez.")
    assert (kind, content, name) == ("direct", "Volveremos el lunes", "Ana Pérez")


def test_accusation_with_quoted_words_is_mixed() -> None:
    kind, content, name, _ = _one("The ministry accused Lisbon of “stalling” the talks for weeks.")
    assert (kind, content) == ("mixed", "Lisbon of “stalling” the talks for weeks")
    assert name == "ministry"


def test_evaluative_verbs_without_quoted_words_are_not_quotes() -> None:
    assert extract_quotes("The mayor urged residents to stay indoors on Friday.") == []
    assert extract_quotes("The council rejected the plan after a long debate.") == []


def test_trailing_attribution_followed_by_an_appositive() -> None:
    text = (
        "CAIRO — Allied jets struck four radar sites on Sunday, the army said, "
        "the latest in a series of raids."
    )
    assert _one(text)[:3] == ("indirect", "Allied jets struck four radar sites on Sunday", "army")


def test_trailing_attribution_in_a_joint_statement_then_a_dash() -> None:
    text = (
        "The two armies will leave the valley by June 1, the ministry said in a joint "
        "statement on Sunday — a deadline that leaves little time."
    )
    assert _one(text)[1] == "The two armies will leave the valley by June 1"
