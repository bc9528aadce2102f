"""Event extraction on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from transforms.events import extract_events
from transforms.plover import MODES, QUAD_CLASS, SCORE
from transforms.records import DATE_SOURCES, GRANULARITIES, MODALITIES, PLOVER_TYPES, Event

PUB = dt.date(2025, 6, 11)  # a Wednesday


def events(text: str, published: dt.date | None = PUB) -> list[Event]:
    return extract_events(text, published)


def only(text: str, etype: str, published: dt.date | None = PUB) -> Event:
    found = [e for e in events(text, published) if e.event_type == etype]
    assert len(found) == 1, [(e.event_type, e.trigger) for e in events(text, published)]
    return found[0]


def test_ontology_tables_cover_all_types() -> None:
    assert set(MODES) == set(QUAD_CLASS) == set(SCORE) == set(PLOVER_TYPES)
    assert SCORE["ASSAULT"] < SCORE["PROTEST"] < 0 < SCORE["CONSULT"] < SCORE["AID"]


def test_arrest_with_place_and_weekday() -> None:
    ev = only("Kenyan police arrested dozens of students in Nairobi on Monday.", "COERCE")
    assert (ev.event_mode, ev.actor_country, ev.actor_sector) == ("arrest", "KEN", "COP")
    assert (ev.location, ev.location_country) == ("Nairobi", "KEN")
    assert (ev.date_start, ev.date_granularity, ev.date_source) == (
        dt.date(2025, 6, 9),
        "day",
        "relative",
    )
    assert ev.modality == "asserted"


def test_offsets_index_the_text() -> None:
    text = "Intro line.\nThe Kremlin accused Kyiv of shelling a dam on Tuesday."
    for ev in events(text):
        assert text[ev.trigger_start : ev.trigger_start + len(ev.trigger)] == ev.trigger
        assert text[ev.evidence_start : ev.evidence_end] == ev.evidence


def test_accuse_actor_and_recipient_countries() -> None:
    ev = only("The Kremlin accused Kyiv of shelling a dam on Tuesday.", "ACCUSE")
    assert (ev.actor_country, ev.actor_sector, ev.recipient_country) == ("RUS", "GOV", "UKR")
    assert ev.event_mode == "allege"


def test_institution_stands_for_country() -> None:
    ev = only("The Pentagon froze its training programme with Chadian soldiers.", "SANCTION")
    assert (ev.actor_country, ev.actor_sector, ev.recipient_country) == ("USA", "MIL", "TCD")


def test_demonym_trap_in_a_story_about_niger() -> None:
    text = (
        "Niger's rulers met in Niamey on Monday. Life in Niger is hard.\n"
        "Nigerian soldiers detained two French journalists in Agadez."
    )
    ev = only(text, "COERCE")
    assert ev.actor_country == "NER"


def test_nigerian_means_nigeria_elsewhere() -> None:
    ev = only("Nigerian soldiers detained two journalists in Lagos.", "COERCE")
    assert ev.actor_country == "NGA"


def test_austria_and_australia_are_not_confused() -> None:
    assert only("Austrian diplomats praised the ceasefire deal.", "SUPPORT").actor_country == "AUT"
    assert only("Australian diplomats praised the trade pact.", "SUPPORT").actor_country == "AUS"


def test_south_sudanese_is_not_sudanese() -> None:
    assert only("South Sudanese troops attacked a village.", "ASSAULT").actor_country == "SSD"
    assert only("Sudanese troops attacked a village.", "ASSAULT").actor_country == "SDN"


def test_junta_takes_the_story_country() -> None:
    text = "Mali has been ruled by soldiers since 2020. In Bamako, the junta expelled the envoy."
    ev = only(text, "SANCTION")
    assert (ev.event_mode, ev.actor_country) == ("expel", "MLI")


def test_negated_event() -> None:
    ev = only("The rebels have not released the hostages.", "RETREAT")
    assert ev.modality == "negated"


def test_future_withdrawal_is_concede() -> None:
    ev = only("Paris will withdraw its troops from Chad next month.", "CONCEDE")
    assert ev.modality == "future"
    assert ev.actor_country == "FRA"
    assert (ev.date_start, ev.date_end) == (dt.date(2025, 7, 1), dt.date(2025, 7, 31))


def test_future_meeting_is_agree() -> None:
    ev = only("The two presidents will hold talks in Geneva on Thursday.", "AGREE")
    assert ev.modality == "future"
    assert ev.date_start == dt.date(2025, 6, 12)


def test_conditional_is_hypothetical() -> None:
    # CAMEO 163: imposing sanctions is COERCE restrict.
    ev = only("If the talks fail, Ankara could impose sanctions on the firm.", "COERCE")
    assert ev.modality == "hypothetical"


def test_historical_event() -> None:
    ev = only("Egyptian troops attacked the border post in March 2019.", "ASSAULT")
    assert ev.modality == "historical"
    assert ev.date_start == dt.date(2019, 3, 1)


def test_no_date_means_null_dates() -> None:
    ev = only("Protesters demonstrated outside the Japanese embassy in Seoul.", "PROTEST")
    assert (ev.date_start, ev.date_end, ev.date_granularity, ev.date_source) == (
        None,
        None,
        "unknown",
        "none",
    )
    assert ev.location_country == "KOR"


def test_no_publication_date_leaves_relative_dates_unresolved() -> None:
    ev = only("Turkish police detained a reporter on Friday.", "COERCE", published=None)
    assert (ev.date_start, ev.date_granularity, ev.date_source) == (None, "unknown", "none")
    ev = only("Turkish police detained a reporter on 3 May 2024.", "COERCE", published=None)
    assert ev.date_start == dt.date(2024, 5, 3)


def test_request_and_infinitive_content_is_not_an_event() -> None:
    found = events("The African Union urged the rebels to release the prisoners.")
    assert [e.event_type for e in found] == ["REQUEST"]
    assert found[0].actor_country == "IGO"


def test_statements_are_not_events() -> None:
    assert events("The minister said the economy was growing.") == []


def test_diplomatic_protest_is_accuse() -> None:
    ev = only("Beijing lodged a formal protest with Tokyo over the visit.", "ACCUSE")
    assert (ev.actor_country, ev.event_mode) == ("CHN", "disapprove")


def test_field_values_are_in_their_vocabularies() -> None:
    text = (
        "Russian forces shelled Kharkiv yesterday. Kyiv asked its allies for air defence. "
        "Hundreds rallied in Paris last week to demand a ceasefire."
    )
    found = events(text)
    assert {e.event_type for e in found} >= {"ASSAULT", "REQUEST", "PROTEST"}
    for ev in found:
        assert ev.event_type in PLOVER_TYPES
        assert ev.modality in MODALITIES
        assert ev.date_granularity in GRANULARITIES
        assert ev.date_source in DATE_SOURCES
        assert ev.event_mode is None or ev.event_mode in MODES[ev.event_type]
