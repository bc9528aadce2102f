"""Round 5 date rules: occasion inheritance, clause-nearest dates, "since" ranges, joined
dates and new temporal expressions (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

from transforms.events import extract_events
from transforms.timex import find_timexes

PUB = dt.date(2024, 6, 20)  # a Thursday


def _dates(text: str, pub: dt.date = PUB) -> dict[str, tuple[dt.date | None, dt.date | None]]:
    return {e.trigger: (e.date_start, e.date_end) for e in extract_events(text, pub)}


def _tx(text: str, pub: dt.date = PUB) -> list[tuple[str, dt.date | None, dt.date | None]]:
    return [(t.text, t.date_start, t.date_end) for t in find_timexes(text, pub)]


def test_occasion_noun_inherits_across_paragraphs() -> None:
    text = (
        "Portugal on Tuesday imposed sanctions on twelve smuggling firms.\n"
        "Officials called it a turning point for the coastguard.\n"
        "The measures also hit a shipping agency in Lisbon."
    )
    got = _dates(text)
    assert got["hit"] == (dt.date(2024, 6, 18), dt.date(2024, 6, 18))


def test_same_briefing_inherits_and_quote_follows() -> None:
    text = (
        "The minister told reporters at a briefing on Monday that the army had left the town.\n"
        "Storms were forecast for the weekend.\n"
        "At the same briefing, the minister announced a new aid package for the farmers."
    )
    got = _dates(text)
    assert got["announced a new aid package"] == (dt.date(2024, 6, 17), dt.date(2024, 6, 17))


def test_no_cue_across_paragraph_gets_no_date() -> None:
    text = "Police arrested five people on Monday.\nThe minister criticised the opposition."
    assert _dates(text)["criticised"] == (None, None)


def test_future_expression_does_not_date_a_past_act() -> None:
    text = (
        "Chile has invited both parties to talks in Santiago next month, officials said on Tuesday."
    )
    assert _dates(text)["invited"] == (dt.date(2024, 6, 18), dt.date(2024, 6, 18))


def test_since_range_runs_to_publication() -> None:
    text = "Rebels have attacked more than 30 convoys since March, the army said."
    start, end = _dates(text)["attacked"]
    assert (start, end) == (dt.date(2024, 3, 1), PUB)


def test_joined_dates_take_the_later_conjunct() -> None:
    text = "Norway expelled three Iranian diplomats in 2022 and two more in May."
    assert _dates(text)["expelled"] == (dt.date(2024, 5, 1), dt.date(2024, 5, 31))


def test_date_in_subordinate_clause_belongs_to_its_own_event() -> None:
    text = (
        "A senator said on Wednesday that relations had worsened since the envoy left "
        "last month, and urged the government to recall its ambassador."
    )
    got = _dates(text)
    assert got.get("urged") == (dt.date(2024, 6, 19), dt.date(2024, 6, 19))


def test_future_cue_of_previous_sentence_does_not_carry_over() -> None:
    assert _tx("Prices would rise. On Wednesday, the minister spoke.") == [
        ("Wednesday", dt.date(2024, 6, 19), dt.date(2024, 6, 19))
    ]


def test_ordinal_day_of_month() -> None:
    assert _tx("They met on the 15th.") == [
        ("the 15th", dt.date(2024, 6, 15), dt.date(2024, 6, 15))
    ]
    assert _tx("They met on the 25th.") == [
        ("the 25th", dt.date(2024, 5, 25), dt.date(2024, 5, 25))
    ]
    assert _tx("the 15th century") == []


def test_this_weekend_follows_the_publication_week() -> None:
    assert _tx("Talks are planned this weekend.") == [
        ("this weekend", dt.date(2024, 6, 22), dt.date(2024, 6, 23))
    ]
    sunday = dt.date(2024, 6, 23)
    assert _tx("Clashes erupted this weekend.", sunday) == [
        ("this weekend", dt.date(2024, 6, 22), dt.date(2024, 6, 23))
    ]


def test_mid_year_and_last_week_before_and() -> None:
    assert _tx("The plant closed in mid-2023.") == [
        ("mid-2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    ]
    assert _tx("He met them last week and will return.")[0] == (
        "last week",
        dt.date(2024, 6, 10),
        dt.date(2024, 6, 16),
    )


def test_other_expressions_resolve() -> None:
    assert _tx("The raid came Tuesday night.") == [
        ("Tuesday night", dt.date(2024, 6, 18), dt.date(2024, 6, 18))
    ]
    assert _tx("Built in the 1990s.") == [("the 1990s", dt.date(1990, 1, 1), dt.date(1999, 12, 31))]
    assert _tx("It ended mid-July.")[0][1:] == (dt.date(2023, 7, 1), dt.date(2023, 7, 31))
