"""Quarantine: failing rows of row-level child-table checks leave the batch; the rest stays."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest

from expectations.quarantine import PARENT_QUARANTINED, QUARANTINE_SCHEMA, Isolation, isolate
from expectations.results import ValidationReport
from expectations.runner import validate_frames, warm_up
from expectations.suites import load_suite_spec, on_fail, suite_names
from tests.expectations.test_runner import NOW, event, participant, quote, speaker
from transforms.schemas import EVENTS, PARTICIPANTS, QUOTES, SPEAKERS

IN_SET = "expect_column_values_to_be_in_set"
REGEX = "expect_column_values_to_match_regex"
PAIR = "expect_column_pair_values_a_to_be_greater_than_b"


@pytest.fixture(scope="module")
def gx_ready() -> None:
    warm_up()


def bad_events() -> dict[str, pl.DataFrame]:
    """Events 1-2 and 6 are good; 3-5 each break one quarantinable check; each has a party."""
    events = [
        event(1),
        event(2),
        event(3, event_type="INVADE"),  # not a PLOVER type
        event(4, actor_country="Nigeria"),  # a name, not a code
        event(5, date_start=dt.date(2026, 5, 2), date_end=dt.date(2026, 5, 1)),  # reversed
        event(6),
    ]
    return {
        "events": EVENTS.frame(events),
        "event_participants": PARTICIPANTS.frame([participant(i) for i in range(1, 7)]),
    }


@pytest.fixture(scope="module")
def isolated(gx_ready: None) -> tuple[ValidationReport, Isolation]:
    frames = bad_events()
    report = validate_frames(frames, now=NOW)
    return report, isolate(frames, report, now=NOW)


def test_the_bad_events_fail_critically_before_isolation(
    isolated: tuple[ValidationReport, Isolation],
) -> None:
    report, _ = isolated
    assert not report.ok and len(report.critical_failures) == 3


def test_good_rows_stay(isolated: tuple[ValidationReport, Isolation]) -> None:
    _, iso = isolated
    assert iso.frames["events"]["event_id"].to_list() == ["e1", "e2", "e6"]
    assert iso.frames["event_participants"]["event_id"].to_list() == ["e1", "e2", "e6"]
    assert iso.frames["events"].schema == EVENTS.schema
    assert iso.frames["event_participants"].schema == PARTICIPANTS.schema


def test_bad_events_and_their_participants_are_quarantined(
    isolated: tuple[ValidationReport, Isolation],
) -> None:
    _, iso = isolated
    q = iso.quarantined
    assert q.schema == QUARANTINE_SCHEMA
    rows = sorted(zip(q["table_name"], q["row_key"], q["check"], strict=True))
    assert rows == [
        ("event_participants", "p3", PARENT_QUARANTINED),
        ("event_participants", "p4", PARENT_QUARANTINED),
        ("event_participants", "p5", PARENT_QUARANTINED),
        ("events", "e3", f"{IN_SET}:event_type"),
        ("events", "e4", f"{REGEX}:actor_country"),
        ("events", "e5", f"{PAIR}:date_start,date_end"),
    ]
    by_key = {r["row_key"]: r for r in q.iter_rows(named=True)}
    assert (
        by_key["e3"]["detail"] == "events.event_type: event_type='INVADE' is not in the allowed set"
    )
    assert by_key["e4"]["detail"] == (
        "events.actor_country: actor_country='Nigeria' does not match ^[A-Z]{3}\\Z"
    )
    assert "date_start=2026-05-02, date_end=2026-05-01" in by_key["e5"]["detail"]
    assert "'e3' was quarantined" in by_key["p3"]["detail"]
    whole = json.loads(by_key["e5"]["row_json"])
    assert set(whole) == set(EVENTS.column_names)
    assert whole["date_start"] == "2026-05-02" and whole["event_id"] == "e5"


def test_isolated_checks_become_passing_warnings(
    isolated: tuple[ValidationReport, Isolation],
) -> None:
    report, iso = isolated
    assert len(iso.checks) == len(report.results)
    assert iso.report.ok and not iso.report.warnings
    changed = [
        (old, new) for old, new in zip(report.results, iso.checks, strict=True) if old != new
    ]
    assert {(new.expectation, new.column) for _, new in changed} == {
        (IN_SET, "event_type"),
        (REGEX, "actor_country"),
        (PAIR, "date_start,date_end"),
    }
    for old, new in changed:
        assert not old.success and old.severity == "critical"
        assert new.success and new.severity == "warning"
        assert new.detail == f"{old.detail}; 1 row quarantined"
        assert new.unexpected_count == 1


def test_a_null_key_is_not_isolated(gx_ready: None) -> None:
    frames = {"events": EVENTS.frame([event(1), event(2, event_id=None)])}
    report = validate_frames(frames, now=NOW)
    iso = isolate(frames, report, now=NOW)
    assert iso.quarantined.height == 0
    assert iso.frames["events"].equals(frames["events"])
    assert iso.checks == report.results
    assert [c.detail for c in iso.report.critical_failures] == [
        "events.event_id: 1 null value in 2 rows"
    ]


def test_a_null_key_stops_the_batch_even_beside_quarantined_rows(gx_ready: None) -> None:
    frames = {"events": EVENTS.frame([event(1, event_id=None), event(2, modality="maybe")])}
    iso = isolate(frames, validate_frames(frames, now=NOW), now=NOW)
    assert iso.quarantined["check"].to_list() == [f"{IN_SET}:modality"]
    assert iso.quarantined["row_key"].to_list() == ["e2"]
    assert not iso.report.ok  # the null key still stops it


def test_a_speaker_whose_quotes_all_went_goes_too(gx_ready: None) -> None:
    frames = {
        "quotes": QUOTES.frame(
            [
                quote(1, speaker="A"),
                quote(2, speaker="B", kind="shouted"),
                quote(3, speaker="C", kind="shouted"),
                quote(4, speaker="C"),
            ]
        ),
        "speakers": SPEAKERS.frame(
            [speaker(1, speaker="A"), speaker(2, speaker="B"), speaker(3, speaker="C")]
        ),
    }
    iso = isolate(frames, validate_frames(frames, now=NOW), now=NOW)
    assert iso.frames["quotes"]["quote_id"].to_list() == ["q1", "q4"]
    assert iso.frames["speakers"]["speaker"].to_list() == ["A", "C"]  # C keeps a quote
    assert sorted(zip(iso.quarantined["row_key"], iso.quarantined["check"], strict=True)) == [
        ("q2", f"{IN_SET}:kind"),
        ("q3", f"{IN_SET}:kind"),
        ("s2", PARENT_QUARANTINED),
    ]
    assert iso.report.ok


def test_clean_frames_cost_nothing() -> None:
    frames = {"events": EVENTS.frame([event(1)])}
    iso = isolate(frames, ValidationReport([], 0.0))
    assert iso.frames["events"] is frames["events"] and iso.quarantined.height == 0


def test_only_row_checks_of_child_tables_quarantine() -> None:
    for name in suite_names():
        for e in load_suite_spec(name)["expectations"]:
            column = e["kwargs"].get("column")
            if on_fail(e) != "quarantine":
                continue
            assert name in {"events", "quotes", "event_participants", "speakers"}, (name, e)
            assert not column or not column.endswith("_id"), (name, e)  # keys always stop
            assert e["type"] != "expect_column_values_to_not_be_null", (name, e)
