"""Coding rules, spans and filters of the event extractor, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from transforms.events import extract_events
from transforms.records import Event

PUB = dt.date(2025, 6, 11)  # a Wednesday


def kept(text: str) -> list[Event]:
    return [
        e for e in extract_events(text, PUB) if e.modality in ("asserted", "historical", "future")
    ]


def types(text: str) -> list[str]:
    return [e.event_type for e in kept(text)]


def test_imposing_sanctions_is_coerce() -> None:
    ev = kept("The Finance Ministry imposed sanctions on four shipping firms on Tuesday.")[0]
    assert (ev.event_type, ev.event_mode) == ("COERCE", "restrict")


def test_month_name_is_not_a_march() -> None:
    assert "PROTEST" not in types("The council ordered the envoys to leave in March.")
    assert types("Farmers march on the capital every spring.") == ["PROTEST"]


def test_word_inside_a_name_is_no_trigger() -> None:
    assert "SUPPORT" not in types("Fighters of the Popular Support Front shelled a village.")


def test_participle_after_article_is_no_release() -> None:
    assert "RETREAT" not in types("The minister greeted the freed sailors at the port.")


def test_headline_line_is_skipped() -> None:
    text = "Rebels attack convoy near border\nThe convoy reached the town on Monday."
    assert kept(text) == []


def test_called_complement_polarity() -> None:
    assert types("The mayor called the verdict “a disgrace”.") == ["ACCUSE"]
    assert types("The envoy called the plan “very productive”.") == ["SUPPORT"]


def test_warning_is_a_threat_only_with_a_consequence() -> None:
    assert types("The cabinet warned that it would retaliate against the raids.")[:1] == [
        "THREATEN"
    ]
    assert "THREATEN" not in types("Forecasters warned of heavy rain in the hills.")


def test_agreed_without_to_is_a_concluded_agreement() -> None:
    assert types("The two governments agreed on a new border crossing last week.") == ["SUPPORT"]


def test_future_departure_is_concede() -> None:
    ev = kept("The foreign contingent will leave the country by Oct. 1, officials said.")[0]
    assert (ev.event_type, ev.modality) == ("CONCEDE", "future")


def test_ready_to_help_is_agree() -> None:
    assert types("The neighbouring state said it was ready to help rebuild the bridge.") == [
        "AGREE"
    ]


def test_invitation_to_talks_is_a_request() -> None:
    assert types("Norway has invited both factions to talks in Oslo.")[0] == "REQUEST"


def test_content_of_an_accusation_is_not_an_event() -> None:
    found = types("The militia accused the navy of shelling a fishing village.")
    assert found == ["ACCUSE"]


def test_gerund_after_preposition_is_not_an_event() -> None:
    assert "RETREAT" not in types("A judge barred the banker from leaving the country.")


def test_declined_to_comment_is_no_rejection() -> None:
    assert "REJECT" not in types("The ministry declined to comment on the report.")


def test_negated_noun_subject() -> None:
    evs = extract_events("Fighting has not stopped in the valley.", PUB)
    assert [e.modality for e in evs if e.event_type == "ASSAULT"] == ["negated"]


def test_dateline_is_not_part_of_the_actor() -> None:
    ev = kept("LIMA (Andes Wire) - The navy seized two fishing boats on Friday.")[0]
    assert ev.actor == "The navy"


def test_recipient_stops_before_date_and_place() -> None:
    ev = kept("Soldiers detained Mr. Okoro on May 3 near the market.")[0]
    assert ev.recipient == "Mr. Okoro"


def test_number_alone_is_no_recipient() -> None:
    ev = kept("Gunmen killed three in the village of Ado on Sunday.")[0]
    assert ev.recipient is None


def test_subject_after_subordinator() -> None:
    evs = kept("Students blocked the road until riot police arrested them on Tuesday.")
    coerce = next(e for e in evs if e.event_type == "COERCE")
    assert coerce.actor == "riot police"


def test_chained_participle_shares_the_subject() -> None:
    # ", killing nine" after an attack is its toll (same event); another type keeps the subject.
    evs = kept("Soldiers opened fire on the crowd on Monday, arresting at least nine people.")
    assert [(e.event_type, e.actor) for e in evs] == [
        ("ASSAULT", "Soldiers"),
        ("COERCE", "Soldiers"),
    ]
