"""Matching and scoring of quote predictions, on tiny hand-made inputs."""

from __future__ import annotations

from transforms.records import Quote
from wirehouse.evaluation.quotes import (
    GoldQuote,
    bag,
    is_speech_cue,
    match,
    speaker_matches,
    surname_of,
)


def _pred(
    content: str,
    speaker: str | None = "Ana Ruiz",
    speaker_text: str | None = None,
    kind: str = "direct",
) -> Quote:
    return Quote(
        kind,
        content,
        0,
        len(content),
        "said",
        "say",
        speaker_text or speaker,
        speaker,
        "person",
        None,
        content,
        0,
        False,
        0.9,
    )


def _gold(content: str, surname: str | None = "ruiz") -> GoldQuote:
    return GoldQuote("d", content, True, True, surname)


def test_bag_lowercases_and_counts() -> None:
    assert bag("The the, dog!") == {"the": 2, "dog": 1}


def test_surname_is_last_token_without_possessive() -> None:
    assert surname_of("Mayor Ana Ruiz") == "ruiz"
    assert surname_of("the council’s") == "council"
    assert surname_of(None) is None


def test_exact_match_and_speaker() -> None:
    r = match([_pred("we will rebuild the bridge")], [_gold("“We will rebuild the bridge,”")])
    assert (r.tp, r.fp, r.fn) == (1, 0, 0)
    assert (r.speaker_right, r.speaker_scored) == (1, 1)


def test_half_overlap_both_ways_is_required() -> None:
    # Prediction much longer than the gold: under half of it lies in the gold.
    r = match([_pred("a b c d e f g h")], [_gold("a b c")])
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)
    # Prediction inside the gold but covering under half of it.
    r = match([_pred("a b")], [_gold("a b c d e")])
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)


def test_pieces_of_one_gold_item_count_once() -> None:
    gold = _gold("one two three four five six")
    r = match([_pred("one two three"), _pred("four five six")], [gold])
    assert (r.tp, r.fp, r.fn) == (1, 0, 0)


def test_wrong_speaker_is_counted() -> None:
    r = match([_pred("a b c", speaker="Bo Lind")], [_gold("a b c")])
    assert (r.tp, r.speaker_right, r.speaker_scored) == (1, 0, 1)


def test_pronoun_gold_source_accepts_the_mention() -> None:
    assert speaker_matches(_pred("x", speaker="Ana Ruiz", speaker_text="she"), "she")
    assert not speaker_matches(_pred("x", speaker="Ana Ruiz", speaker_text="Ruiz"), "she")


def test_speech_cues() -> None:
    assert is_speech_cue("said in a statement")
    assert is_speech_cue("According to")
    assert is_speech_cue("has told")
    assert not is_speech_cue("wants")
    assert not is_speech_cue("believes")
