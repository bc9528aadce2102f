"""Actor countries filled in from the rest of the document (own example sentences)."""

from __future__ import annotations

import datetime as dt

from transforms.events import extract_events

PUB = dt.date(2024, 5, 20)


def _by_trigger(text: str) -> dict[str, str | None]:
    return {e.trigger: e.actor_country for e in extract_events(text, PUB)}


def test_surname_keeps_side_named_earlier() -> None:
    text = (
        "Peru's foreign minister, Lucia Farrandez, met envoys in Lima on Monday.\n"
        "Farrandez accused Chile of stalling the border talks."
    )
    assert _by_trigger(text)["accused"] == "PER"


def test_possessive_takes_owner_named_before() -> None:
    text = "Kenya's army said on Monday that its troops attacked a rebel camp in Somalia."
    assert _by_trigger(text)["attacked"] == "KEN"


def test_unresolved_actor_takes_story_country() -> None:
    text = (
        "Brazil is preparing for a general strike. In Brasilia, the mayor of Sao Paulo "
        "visited Brazil's capital, and the committee chairman accused the bank of fraud on Monday."
    )
    assert _by_trigger(text)["accused"] == "BRA"


def test_compound_actor_takes_first_country() -> None:
    text = "Spain, Italy and the European Union signed an accord with Morocco on Friday."
    assert _by_trigger(text)["signed"] == "ESP"
