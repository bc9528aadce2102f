"""Quote extraction on hand-written sentences, one phenomenon per test."""

from __future__ import annotations

import pytest

from transforms.quotes import extract_quotes
from transforms.records import Quote


def _one(text: str, **kwargs: object) -> Quote:
    quotes = extract_quotes(text, **kwargs)  # type: ignore[arg-type]
    assert len(quotes) == 1, quotes
    return quotes[0]


def _check_offsets(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert text[q.content_start : q.content_end] == q.content
        assert text[q.sentence_start : q.sentence_start + len(q.sentence)] == q.sentence
        assert 0.0 <= q.confidence <= 1.0


@pytest.mark.parametrize(
    ("open_", "close"),
    [("“", "”"), ('"', '"'), ("«", "»"), ("„", "“"), ("''", "''")],
)
def test_direct_quote_every_mark_style(open_: str, close: str) -> None:
    text = f"{open_}The bridge will reopen in May,{close} Mayor Ana Ruiz said on Tuesday."
    q = _one(text)
    _check_offsets(text, [q])
    assert (q.kind, q.content) == ("direct", "The bridge will reopen in May")
    assert (q.speaker, q.speaker_role, q.speaker_kind) == ("Ana Ruiz", "Mayor", "person")
    assert (q.cue, q.cue_lemma) == ("said", "say")


def test_single_quote_marks() -> None:
    text = "‘We are not going anywhere,’ said Tomas Berg, the union’s organiser."
    q = _one(text)
    assert q.content == "We are not going anywhere"
    assert q.speaker == "Tomas Berg"
    assert q.speaker_role == "the union’s organiser"


def test_apostrophes_are_not_quotes() -> None:
    text = "The farmers’ market didn’t open, and the town’s mood soured."
    assert extract_quotes(text) == []


def test_question_mark_kept_and_inverted_cue() -> None:
    text = "“Who pays for the repairs?” asked Priya Nair, a council member."
    q = _one(text)
    assert q.content == "Who pays for the repairs?"
    assert (q.speaker, q.cue_lemma) == ("Priya Nair", "ask")


def test_interrupted_quote_gives_two_records() -> None:
    text = "“The harvest was poor,” she said, “but the prices held up.” Lea Holm agreed."
    text = "Lea Holm runs a farm near the river.\n" + text
    quotes = [q for q in extract_quotes(text) if q.kind == "direct"]
    _check_offsets(text, quotes)
    assert [q.content for q in quotes] == ["The harvest was poor", "but the prices held up."]
    assert {q.speaker for q in quotes} == {"Lea Holm"}
    assert {q.speaker_text for q in quotes} == {"she"}


def test_multi_paragraph_quote_same_speaker() -> None:
    text = (
        "Chief engineer Omar Haddad described the repairs.\n"
        "“We replaced every cable on the north span. It took nine weeks.\n"
        "“The south span is next, and it will be harder,” Haddad said."
    )
    quotes = extract_quotes(text)
    _check_offsets(text, quotes)
    assert [q.content for q in quotes] == [
        "We replaced every cable on the north span. It took nine weeks.",
        "The south span is next, and it will be harder",
    ]
    assert [q.speaker for q in quotes] == ["Omar Haddad", "Omar Haddad"]
    assert all(q.kind == "direct" for q in quotes)


def test_continuation_paragraph_after_attributed_quote() -> None:
    text = "“The vote was rushed,” said Senator Mia Olsen.\n“Nobody had time to read the bill.”"
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["Mia Olsen", "Mia Olsen"]
    assert quotes[1].content == "Nobody had time to read the bill."


def test_attribution_before_with_colon_and_told() -> None:
    text = "Coach Dana Reyes told reporters: “We lost our focus in the second half.”"
    q = _one(text)
    assert q.kind == "direct"
    assert q.content == "We lost our focus in the second half."
    assert (q.speaker, q.speaker_role) == ("Dana Reyes", "Coach")
    assert (q.cue, q.cue_lemma) == ("told", "tell")


def test_name_comma_title_comma_said() -> None:
    text = "“Rents rose faster than wages,” Ines Kovac, an economist at the bank, said."
    q = _one(text)
    assert (q.speaker, q.speaker_role) == ("Ines Kovac", "an economist at the bank")


def test_surname_resolves_to_full_name() -> None:
    text = "Gen. Rafael Ortiz visited the base on Monday.\n“The troops are ready,” Ortiz said."
    q = _one(text)
    assert (q.speaker_text, q.speaker, q.speaker_kind) == ("Ortiz", "Rafael Ortiz", "person")


def test_pronoun_resolves_to_previous_speaker() -> None:
    text = (
        "Hanna Weiss, the city treasurer, said the budget was balanced.\n"
        "She added that taxes would not rise next year."
    )
    quotes = extract_quotes(text)
    _check_offsets(text, quotes)
    assert [q.kind for q in quotes] == ["indirect", "indirect"]
    assert quotes[0].content == "the budget was balanced"
    assert quotes[1].content == "taxes would not rise next year"
    assert [q.speaker for q in quotes] == ["Hanna Weiss", "Hanna Weiss"]
    assert quotes[1].cue_lemma == "add"


def test_indirect_with_trailing_attribution_and_organisation() -> None:
    text = "The plant will close by the end of the year, the Ministry of Energy said on Friday."
    q = _one(text)
    assert q.kind == "indirect"
    assert q.content == "The plant will close by the end of the year"
    assert (q.speaker, q.speaker_kind) == ("Ministry of Energy", "organization")


def test_organisation_with_article_is_named_without_it() -> None:
    text = "The Pentagon said the drills would continue through the summer."
    q = _one(text)
    assert (q.speaker_text, q.speaker) == ("The Pentagon", "Pentagon")
    assert q.speaker_kind == "organization"
    assert q.content == "the drills would continue through the summer"


def test_according_to_both_positions() -> None:
    text = (
        "According to the weather service, the storm will reach the coast tonight.\n"
        "Some 4,000 homes lost power, according to the utility."
    )
    quotes = extract_quotes(text)
    _check_offsets(text, quotes)
    assert [q.content for q in quotes] == [
        "the storm will reach the coast tonight",
        "Some 4,000 homes lost power",
    ]
    assert {q.cue_lemma for q in quotes} == {"according to"}


def test_unnamed_sources() -> None:
    text = "The talks stalled over fishing rights, two people familiar with the matter said."
    q = _one(text)
    assert q.speaker_kind == "unnamed"
    assert q.content == "The talks stalled over fishing rights"


def test_spokesperson_speaks_for_organisation() -> None:
    text = "A Nordbank spokeswoman said the outage had been fixed."
    q = _one(text)
    assert (q.speaker, q.speaker_kind) == ("Nordbank", "organization")


def test_mixed_quote_keeps_marks() -> None:
    text = "The minister confirmed that the deal would bring “thousands of new jobs” to the area."
    q = _one(text)
    assert q.kind == "mixed"
    assert q.content == "the deal would bring “thousands of new jobs” to the area"
    assert q.cue_lemma == "confirm"


def test_scare_quotes_titles_and_nicknames_are_not_quotes() -> None:
    text = (
        "The so-called “smart” meters were installed last spring.\n"
        "She reviewed the film “Night Train to Lisbon” for the magazine.\n"
        "Boxer Jon “The Hammer” Vale won again."
    )
    assert extract_quotes(text) == []


def test_weak_cues_are_not_quotes() -> None:
    text = (
        "Residents believe the river will flood again.\n"
        "Farmers worry that prices will fall.\n"
        "The report cited rising costs."
    )
    assert extract_quotes(text) == []


def test_nested_attribution_gives_one_record_per_level() -> None:
    text = "Officer Kim Park testified that the driver said “I never saw the light.”"
    quotes = extract_quotes(text)
    _check_offsets(text, quotes)
    speakers = {q.speaker_text for q in quotes}
    assert "Officer Kim Park" in speakers and "the driver" in speakers
    assert any(q.content == "I never saw the light." and q.kind == "direct" for q in quotes)


def test_captions_are_flagged() -> None:
    text = "Volunteers clean the beach. Organisers said 300 people took part.\nThe beach reopened."
    q = _one(text, caption_spans=[(0, text.index("\n"))])
    assert q.in_caption


def test_french_guillemets_do_not_crash() -> None:
    text = "« Nous restons mobilisés », a déclaré Marie Dubois, maire de la ville."
    quotes = extract_quotes(text)
    _check_offsets(text, quotes)
    assert quotes and quotes[0].content == "Nous restons mobilisés"
    assert quotes[0].speaker == "Marie Dubois"


def test_empty_and_plain_text() -> None:
    assert extract_quotes("") == []
    assert extract_quotes("The river rose two metres overnight.") == []


def test_a_pull_quote_repeating_a_quote_is_not_a_second_quote() -> None:
    text = (
        "“The base now belongs to us alone,” said Col. Amadou Sani, the new commander.\n"
        "“The base now belongs to us alone.”\n"
        "Col. Sani said later: “The base now belongs to us alone, and to no one else.”"
    )
    quotes = extract_quotes(text)
    assert [q.content_start for q in quotes if q.content.startswith("The base")] == [1, 137]
