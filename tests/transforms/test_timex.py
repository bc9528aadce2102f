"""Temporal expressions resolved against a publication date, one kind per test."""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.timex import Timex, find_timexes

MONDAY = dt.date(2024, 4, 22)  # a Monday


def one(text: str, published: dt.date | None = MONDAY) -> Timex:
    found = [t for t in find_timexes(text, published) if t.kind in ("date", "time")]
    assert len(found) == 1, found
    return found[0]


def span(t: Timex) -> tuple[dt.date | None, dt.date | None, str, str]:
    return t.date_start, t.date_end, t.granularity, t.source


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity", "source"),
    [
        (
            "The vote was held on April 13, 2024 in the capital.",
            "2024-04-13",
            "2024-04-13",
            "day",
            "explicit",
        ),
        (
            "Talks ended on 5 March 2022 without a deal.",
            "2022-03-05",
            "2022-03-05",
            "day",
            "explicit",
        ),
        (
            "The spokesman said on Aug. 7 that contact was made.",
            "2023-08-07",
            "2023-08-07",
            "day",
            "explicit",
        ),
        ("The minister resigned on Monday.", "2024-04-22", "2024-04-22", "day", "relative"),
        ("The envoy arrived on Friday.", "2024-04-19", "2024-04-19", "day", "relative"),
        ("Rebels struck two days ago.", "2024-04-20", "2024-04-20", "day", "relative"),
        ("The ministry replied yesterday.", "2024-04-21", "2024-04-21", "day", "relative"),
        ("Last week, the army moved north.", "2024-04-15", "2024-04-21", "week", "relative"),
        ("Clashes broke out over the weekend.", "2024-04-20", "2024-04-21", "week", "relative"),
        ("The deal was signed in June.", "2023-06-01", "2023-06-30", "month", "explicit"),
        ("The deal was signed in February.", "2024-02-01", "2024-02-29", "month", "explicit"),
        ("Senators met the envoy last month.", "2024-03-01", "2024-03-31", "month", "relative"),
        ("Prices rose this month.", "2024-04-01", "2024-04-30", "month", "relative"),
        ("The strike began earlier this month.", "2024-04-01", "2024-04-22", "month", "relative"),
        ("Exports fell last year.", "2023-01-01", "2023-12-31", "year", "relative"),
        ("A coup took place in July 2023.", "2023-07-01", "2023-07-31", "month", "explicit"),
        ("The mission ended in 2021.", "2021-01-01", "2021-12-31", "year", "explicit"),
    ],
)
def test_resolution(text: str, start: str, end: str, granularity: str, source: str) -> None:
    t = one(text)
    assert span(t) == (
        dt.date.fromisoformat(start),
        dt.date.fromisoformat(end),
        granularity,
        source,
    )
    assert text[t.start : t.end] == t.text


def test_weekday_on_publication_day_is_that_day() -> None:
    assert one("Officials said Monday the border was shut.").date_start == MONDAY


def test_last_weekday_is_strictly_before() -> None:
    assert one("They spoke last Monday.").date_start == dt.date(2024, 4, 15)


def test_future_context_resolves_forward() -> None:
    assert one("The two leaders will meet on Thursday.").date_start == dt.date(2024, 4, 25)


def test_may_the_name_is_not_a_month() -> None:
    assert find_timexes("Theresa May spoke to reporters.", MONDAY) == []
    t = one("The election was called in May.")
    assert (t.date_start, t.date_end) == (dt.date(2023, 5, 1), dt.date(2023, 5, 31))


def test_march_the_verb_is_not_a_month() -> None:
    assert find_timexes("Protesters plan to march on parliament.", MONDAY) == []


def test_number_is_not_a_year() -> None:
    assert find_timexes("About 2000 people fled and 1,999 returned.", MONDAY) == []


def test_more_than_a_month_after() -> None:
    t = one("Talks began more than a month after the junta ordered the troops out.")
    assert span(t) == (dt.date(2024, 3, 1), dt.date(2024, 3, 22), "month", "relative")


def test_without_publication_date_relative_is_unresolved() -> None:
    rel = find_timexes("The army withdrew on Friday.", None)[0]
    assert span(rel) == (None, None, "unknown", "none")
    assert span(one("The army withdrew on 5 March 2022.", None))[:2] == (
        dt.date(2022, 3, 5),
        dt.date(2022, 3, 5),
    )
    assert one("A vote in July 2023.", None).granularity == "month"


def test_timex3_values() -> None:
    values = {
        t.text: t.value
        for t in find_timexes(
            "Last week, and for three months, and on Friday afternoon, and now.", MONDAY
        )
    }
    assert values == {
        "Last week": "2024-W16",
        "three months": "P3M",
        "Friday afternoon": "2024-04-19TAF",
        "now": "PRESENT_REF",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They must leave by the 15th.", [("the 15th", 19)]),
        ("Talks resume on the 3rd, officials said.", [("the 3rd", 16)]),
        ("He came from the 21st or later.", [("the 21st", 13)]),
        ("Ever since the 2nd and until\nthe 9th.", [("the 2nd", 11), ("the 9th", 29)]),
        # The preposition must be a whole word right before "the": "upon", "onthe" are not.
        ("upon the 4th, they left", []),
        ("The 3rd battalion left.", []),
        ("And bythe 5th, nothing.", []),
    ],
)
def test_day_of_month_after_a_preposition(text: str, expected: list[tuple[str, int]]) -> None:
    # The pattern checks the preposition behind "the" (so it opens with a literal the regex
    # engine can search for): this pins the matches the old look-behind-first form made.
    found = [(t.text, t.start) for t in find_timexes(text, MONDAY) if t.text.startswith("the")]
    assert found == expected
