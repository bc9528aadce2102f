"""Round-4 phenomena: new trigger classes, passing nouns, deadlines (sentences written here)."""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.events import extract_events
from transforms.plover import find_triggers

PUB = dt.date(2024, 6, 20)  # a Thursday


def _types(text: str) -> list[tuple[str, str]]:
    kept = ("asserted", "historical", "future")
    return [(e.event_type, e.trigger) for e in extract_events(text, PUB) if e.modality in kept]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Farmers gathered outside the ministry in Lusaka on Monday.", ("PROTEST", "gathered")),
        ("Angry crowds stormed the town hall in Osh.", ("PROTEST", "stormed")),
        ("Gunmen stormed a police post in Borno.", ("ASSAULT", "stormed")),
        ("Students chanted slogans outside the embassy.", ("PROTEST", "chanted")),
        ("Belarusian instructors arrived in Bamako in May.", ("AID", "arrived")),
        ("A Dutch firm shipped 300 drones to a Turkish buyer.", ("COOPERATE", "shipped")),
        ("Canadian officers trained Ghanaian units for a year.", ("COOPERATE", "trained")),
        ("The new measures targeted banks in Laos.", ("COERCE", "targeted")),
        ("The regional court ordered the activist's release.", ("REQUEST", "ordered")),
        ("The army pushed deeper into the valley.", ("ASSAULT", "pushed deeper into")),
        (
            "Norway announced a $40 million package for Moldova.",
            ("AGREE", "announced a $40 million package"),
        ),
        (
            "The two delegations reached a consensus on fishing quotas.",
            ("AGREE", "reached a consensus"),
        ),
    ],
)
def test_new_trigger_classes(text: str, expected: tuple[str, str]) -> None:
    assert expected in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sources familiar with the talks spoke on condition of anonymity.",
        "The protests began ten days ago.",
        "The rally ended quietly at dusk.",
        "The firm refused to share records on local protesters with police.",
        "The patrol returned, and nobody had to fire a shot.",
        "Officials released a video of the parade to Reuters.",
        "Tourists arrived in Lisbon on Friday.",
        "A witness who attended the hearing described the scene.",
    ],
)
def test_no_event_for_passing_mentions(text: str) -> None:
    kinds = {t for t, _ in _types(text)}
    assert not kinds & {"CONSULT", "PROTEST", "ASSAULT", "RETREAT", "AID"}


def test_deadline_runs_from_publication() -> None:
    ev = extract_events("The remaining advisers will leave by Sept. 30.", PUB)[0]
    assert (ev.modality, ev.date_start, ev.date_end) == ("future", PUB, dt.date(2024, 9, 30))


def test_statement_day_wins_over_deadline() -> None:
    text = "Chile will withdraw its troops by Oct. 1, the ministers said in a statement on Monday."
    ev = extract_events(text, PUB)[0]
    assert ev.date_start == ev.date_end == dt.date(2024, 6, 17)


def test_every_pattern_keeps_its_group_names() -> None:
    # Renaming marker groups once per entry: no entry may end up with a duplicate group.
    assert find_triggers("The two sides signed the treaty.")[0].text == "signed"
