"""Recall phenomena of the quote extractor, one test each, on hand-written sentences."""

from __future__ import annotations

from transforms.quotes import extract_quotes
from transforms.records import Quote


def _by_content(quotes: list[Quote], content: str) -> Quote:
    found = [q for q in quotes if q.content == content]
    assert len(found) == 1, quotes
    return found[0]


def _check_offsets(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert text[q.content_start : q.content_end] == q.content


def test_lowercase_whole_quote_after_cue_is_direct() -> None:
    text = "Lena Moritz visited the depot on Friday. She says “the trains will run again soon.”"
    quotes = extract_quotes(text)
    _check_offsets(text, quotes)
    q = _by_content(quotes, "the trains will run again soon.")
    assert (q.kind, q.speaker, q.cue_lemma) == ("direct", "Lena Moritz", "say")


def test_told_audience_that_whole_quote() -> None:
    text = "Mayor Ivo Kranjc told the crowd that “this harbour belongs to all of you.”"
    q = _by_content(extract_quotes(text), "this harbour belongs to all of you.")
    assert (q.kind, q.speaker) == ("direct", "Ivo Kranjc")


def test_naming_cue_whole_quote_keeps_marks() -> None:
    text = "The plan is what Senator Ada Brenn called “a gift to landlords” in her speech."
    quotes = extract_quotes(text)
    _check_offsets(text, quotes)
    q = _by_content(quotes, "“a gift to landlords”")
    assert (q.kind, q.speaker, q.cue_lemma) == ("mixed", "Ada Brenn", "call")


def test_naming_cue_after_opening_adjunct() -> None:
    text = "On Sunday, Senator Olga Pratt called the budget “a slow-motion disaster.”"
    q = _by_content(extract_quotes(text), "the budget “a slow-motion disaster.”")
    assert (q.kind, q.speaker) == ("mixed", "Olga Pratt")


def test_second_predicate_and_said() -> None:
    text = (
        "Mayor Rosa Lindqvist praised the new library and said the town "
        "had waited far too long for it."
    )
    q = _by_content(extract_quotes(text), "the town had waited far too long for it")
    assert (q.kind, q.speaker) == ("indirect", "Rosa Lindqvist")


def test_second_predicate_and_says_with_quoted_words() -> None:
    text = "Farmer Jonas Eld sold his herd in May and says he felt “completely abandoned.”"
    q = _by_content(extract_quotes(text), "he felt “completely abandoned.”")
    assert (q.kind, q.speaker) == ("mixed", "Jonas Eld")


def test_adding_takes_the_speaker_of_the_earlier_cue() -> None:
    text = (
        "“The roof leaks every winter,” Pia Castell said, adding that "
        "the landlord had ignored “every single letter.”"
    )
    quotes = extract_quotes(text)
    q = _by_content(quotes, "the landlord had ignored “every single letter.”")
    assert (q.kind, q.speaker) == ("mixed", "Pia Castell")


def test_speaker_with_party_parenthesis() -> None:
    text = "Sen. Dora Vance (D-Ore.) said the bill would “gut rural clinics.”"
    q = _by_content(extract_quotes(text), "the bill would “gut rural clinics.”")
    assert q.speaker == "Dora Vance"


def test_speaker_with_appositive_chain() -> None:
    text = (
        "Marta Ilic, 61, of Dunmore, Pa., who has farmed there for decades, said the "
        "drought was “the worst I have ever seen.”"
    )
    q = _by_content(extract_quotes(text), "the drought was “the worst I have ever seen.”")
    assert q.speaker == "Marta Ilic"


def test_colon_introduced_quote_without_cue() -> None:
    text = (
        "The harbour was dredged in May. Its chief pilot, Emil Sand: “The channel is deep "
        "enough for every ship we expect this year.”"
    )
    quotes = extract_quotes(text)
    q = _by_content(quotes, "The channel is deep enough for every ship we expect this year.")
    assert (q.kind, q.speaker) == ("direct", "Emil Sand")


def test_quote_signed_with_a_dash() -> None:
    text = "“I never thought I would miss the old bus route so much.” ― Noor Haddad"
    q = _by_content(extract_quotes(text), "I never thought I would miss the old bus route so much.")
    assert (q.kind, q.speaker) == ("direct", "Noor Haddad")


def test_quote_paragraph_continues_previous_speaker() -> None:
    text = (
        "“We lost half the crop,” Tomas Rieck said on Monday.\n"
        "“Without rain in June, next year will be worse.”"
    )
    q = _by_content(extract_quotes(text), "Without rain in June, next year will be worse.")
    assert (q.kind, q.speaker) == ("direct", "Tomas Rieck")


def test_unattributed_title_is_not_a_quote() -> None:
    text = "The documentary “The Long Road Home” opens in cinemas on Friday."
    assert extract_quotes(text) == []


def test_name_does_not_run_across_a_sentence_end() -> None:
    text = (
        "The speech was given by Ada Holm. Peter Vasquez, her deputy, spoke next.\n"
        "“We will not give up the depot,” Vasquez said."
    )
    q = _by_content(extract_quotes(text), "We will not give up the depot")
    assert q.speaker == "Peter Vasquez"


def test_inverted_cue_needs_the_clause_to_end() -> None:
    text = (
        "Nadia Frey, whose book “Quiet Rivers” came out in March, said the river "
        "should be protected."
    )
    quotes = extract_quotes(text)
    assert all(q.speaker != "river" for q in quotes)
    assert not any("came out in March" in q.content for q in quotes)


def test_dubbed_is_a_naming_cue() -> None:
    text = "Governor Lars Moen dubbed the new toll “a tax on going to work.”"
    q = _by_content(extract_quotes(text), "the new toll “a tax on going to work.”")
    assert (q.kind, q.speaker, q.cue_lemma) == ("mixed", "Lars Moen", "dub")


def test_fragment_closing_its_clause_before_an_attribution() -> None:
    text = "Towns like ours need a council “that answers the phone,” Marta Oyelaran said."
    q = _by_content(
        extract_quotes(text), "Towns like ours need a council “that answers the phone,”"
    )
    assert (q.kind, q.speaker, q.cue_lemma) == ("mixed", "Marta Oyelaran", "say")


def test_first_name_ending_in_ly_is_not_an_adverb() -> None:
    text = (
        "Emily Darrow backed the harbour plan on Monday, saying the town needs "
        "“a port that works all winter.”"
    )
    q = _by_content(extract_quotes(text), "the town needs “a port that works all winter.”")
    assert q.speaker == "Emily Darrow"


def test_lower_case_description_as_subject_of_saying() -> None:
    text = (
        "Ines Varga toured the mill on Friday.\n"
        "The veteran fisherwoman began with the price of fuel, saying diesel now costs "
        "“more than the catch itself.”"
    )
    q = _by_content(extract_quotes(text), "diesel now costs “more than the catch itself.”")
    assert q.kind == "mixed"
    assert q.speaker_text == "The veteran fisherwoman"


def test_fragment_after_an_opening_clause() -> None:
    text = "Once again, Pavel Brandt mocked the budget as “a wish list on stilts.”"
    q = _by_content(extract_quotes(text), "the budget as “a wish list on stilts.”")
    assert (q.kind, q.speaker) == ("mixed", "Pavel Brandt")


def test_poll_question_is_unnamed_mixed_quote() -> None:
    text = (
        "The survey covered 900 adults. Asked whether the mayor “deserves a second term in "
        "office,” 61 percent of residents said yes."
    )
    quotes = extract_quotes(text)
    _check_offsets(text, quotes)
    q = _by_content(quotes, "whether the mayor “deserves a second term in office,”")
    assert (q.kind, q.speaker, q.speaker_kind, q.cue) == ("mixed", None, "unnamed", "Asked")


def test_inverted_introducer_before_colon() -> None:
    text = "Ines Varga spoke for an hour. Continued Varga: “We will rebuild every bridge.”"
    q = _by_content(extract_quotes(text), "We will rebuild every bridge.")
    assert (q.kind, q.speaker, q.speaker_text, q.cue) == (
        "direct",
        "Ines Varga",
        "Varga",
        "Continued",
    )


def test_far_fragment_without_clause_break_goes_to_subject() -> None:
    text = (
        "Petra Holm mocked the long delayed plan for the new northern harbour ring road "
        "project as “a reckless waste of public money.”"
    )
    quotes = extract_quotes(text)
    _check_offsets(text, quotes)
    assert any(q.kind == "mixed" and q.speaker == "Petra Holm" for q in quotes), quotes


def test_far_fragment_after_clause_break_is_not_attributed() -> None:
    text = (
        "Petra Holm mocked the plan on Monday, and the many city engineers who drew up "
        "the long northern ring road later saw it as “a reckless waste.”"
    )
    quotes = extract_quotes(text)
    assert not any(q.speaker == "Petra Holm" and "reckless" in q.content for q in quotes), quotes
