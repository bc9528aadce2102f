"""Event dates inherited within a paragraph and anchored by "after a July coup"."""

from __future__ import annotations

import datetime as dt

from transforms.events import extract_events

PUB = dt.date(2024, 5, 20)


def _dates(text: str) -> dict[str, dt.date | None]:
    return {e.trigger: e.date_start for e in extract_events(text, PUB)}


def test_next_sentence_of_paragraph_inherits_single_day() -> None:
    text = (
        "Ministers from Chile and Peru met in Lima on Friday. "
        "Chile accused Peru of delaying the pipeline deal."
    )
    assert _dates(text)["accused"] == dt.date(2024, 5, 17)


def test_no_inheritance_across_paragraphs_or_for_perfect_tense() -> None:
    text = (
        "Ministers from Chile and Peru met in Lima on Friday.\n"
        "Chile accused Peru of delaying the pipeline deal. "
        "Chile had accused Peru of fraud."
    )
    assert [e.date_start for e in extract_events(text, PUB) if e.trigger == "accused"] == [
        None,
        None,
    ]


def test_after_a_month_coup_dates_the_reaction() -> None:
    text = "The European Union suspended its aid to Gabon after an August coup."
    assert _dates(text)["suspended"] == dt.date(2023, 8, 1)
