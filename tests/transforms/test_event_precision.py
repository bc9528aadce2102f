"""Precision rules of the event extractor: casualty lists, attack tolls, weapon nouns, property."""

from __future__ import annotations

import datetime as dt

from transforms.events import extract_events

PUB = dt.date(2024, 5, 13)


def _types(text: str) -> list[tuple[str, str]]:
    return [(e.event_type, e.trigger) for e in extract_events(text, PUB)]


def test_casualty_participle_list_is_not_an_event() -> None:
    text = "The army is struggling to replace soldiers killed, wounded or captured in the east."
    assert [t for t in _types(text) if t[0] == "ASSAULT"] == []


def test_active_kill_still_counts() -> None:
    assert ("ASSAULT", "killed") in _types("Gunmen killed five farmers near Jos on Sunday.")


def test_toll_after_attack_is_the_same_event() -> None:
    text = "Rebels shelled the market in Goma on Sunday, killing at least nine people."
    assert _types(text) == [("ASSAULT", "shelled")]


def test_toll_alone_is_kept() -> None:
    text = "A drone hit the market on Sunday, killing at least nine people."
    assert ("ASSAULT", "killing") in _types(text)


def test_weapon_noun_is_not_a_second_trigger() -> None:
    text = "A guided bomb struck a school in the town of Izium on Sunday."
    assert _types(text) == [("ASSAULT", "struck")]
    assert [
        t for t in _types("Militants dropped two bombs near the gate.") if t[1] == "bombs"
    ] == []


def test_fired_shells_at_targets() -> None:
    text = "Army tanks fired four shell bombs at targets in the city on Sunday."
    assert [t[0] for t in _types(text)] == ["ASSAULT"]


def test_looting_and_arson_of_property_is_coerce() -> None:
    assert ("COERCE", "looted") in _types("Rioters looted shops in the capital on Sunday.")
    text = "Settlers set fire to the offices of a local council on Sunday."
    assert ("COERCE", "set fire") in _types(text)


def test_burning_people_is_assault() -> None:
    text = "Militants burned alive three villagers in the north on Sunday."
    assert [t[0] for t in _types(text)] == ["ASSAULT"]
