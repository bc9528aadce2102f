"""The data-quality suites and their runner, on real Great Expectations (no mocks).

GX takes seconds to import, so the GX-backed tests share three validations computed once per
module (a clean batch, a batch with one defect per row, a batch with only warnings); each test
then asserts on its part of a report. The JSON-only tests (enum sync, columns, severities) do
not touch GX at all.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import polars as pl
import pytest

from expectations.results import CheckResult, ValidationReport
from expectations.runner import validate_frames, warm_up
from expectations.suites import SEVERITIES, load_suite_spec, suite_columns, suite_names
from transforms import records
from transforms.schemas import (
    ARTICLES,
    BATCH_TABLES,
    DOCUMENTS,
    EVENTS,
    PARTICIPANTS,
    QUOTES,
    REJECTS,
    SPEAKERS,
)

#: Validation time for every test: published_at may be at most NOW + 1 day.
NOW = dt.datetime(2026, 6, 1, 12, 0)
#: Suites of a run's metrics frames (warehouse/metrics), not of a batch's tables.
RUN_SUITES = {"run", "sources"}

# --------------------------------------------------------------------------------------------
# Rows that pass every check; the defective batches override one field per row.


def article(i: int, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "article_id": f"a{i}",
        "url": f"https://news.example/2026/{i}.html",
        "source": "test",
        "title": f"Story {i}",
        "published_at": dt.datetime(2026, 5, 30, 8, 0),
        "published_source": "page",
        "language": "en",
        "text": "word " * 100,
        "word_count": 100,
        "content_hash": f"h{i}",
        "load_id": "L1",
    }
    return row | changes


def quote(i: int, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "quote_id": f"q{i}",
        "article_id": "a1",
        "kind": "direct",
        "content": "We expect a written agreement.",
        "content_start": 10,
        "content_end": 40,
        "speaker": "Amina Diallo",
        "speaker_kind": "person",
        "sentence": "x",
        "sentence_start": 0,
        "in_caption": False,
        "confidence": 0.9,
        "load_id": "L1",
    }
    return row | changes


def event(i: int, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "event_id": f"e{i}",
        "article_id": "a1",
        "event_type": "PROTEST",
        "trigger": "protested",
        "actor_country": "NER",
        "recipient_country": None,
        "location_country": "NGA",
        "date_start": dt.date(2026, 5, 30),
        "date_end": dt.date(2026, 5, 30),
        "date_granularity": "day",
        "date_source": "explicit",
        "modality": "asserted",
        "confidence": 0.7,
        "load_id": "L1",
    }
    return row | changes


def participant(i: int, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "participant_id": f"p{i}",
        "event_id": f"e{i}",
        "article_id": "a1",
        "role": "actor",
        "position": 1,
        "participant": "Nigerien troops",
        "country": "NER",
        "load_id": "L1",
    }
    return row | changes


def speaker(i: int, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "speaker_id": f"s{i}",
        "article_id": "a1",
        "speaker": f"Amina Diallo {i}",
        "speaker_kind": "person",
        "quotes": 2,
        "load_id": "L1",
    }
    return row | changes


def reject(i: int, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "reject_id": f"r{i}",
        "source": "test",
        "locator": f"in.jsonl:{i}",
        "stage": "extract",
        "reason": "too_short",
        "detail": f"in.jsonl:{i}: 120 characters of text, need 300",
    }
    return row | changes


def clean_frames() -> dict[str, pl.DataFrame]:
    return {
        "articles": ARTICLES.frame([article(i) for i in range(1, 4)]),
        "quotes": QUOTES.frame([quote(i) for i in range(1, 4)]),
        "events": EVENTS.frame([event(i) for i in range(1, 4)]),
        "event_participants": PARTICIPANTS.frame([participant(i) for i in range(1, 4)]),
        "speakers": SPEAKERS.frame([speaker(i) for i in range(1, 3)]),
        "rejects": REJECTS.frame([reject(i) for i in range(1, 3)]),
        # No suite: must be ignored, whatever it holds.
        "documents": DOCUMENTS.frame([{"article_id": None, "content_hash": None}]),
    }


@pytest.fixture(scope="module")
def gx_ready() -> None:
    """Import GX and build the suites once for the module (the runner caches them)."""
    warm_up()


@pytest.fixture(scope="module")
def clean_report(gx_ready: None) -> ValidationReport:
    return validate_frames(clean_frames(), now=NOW)


@pytest.fixture(scope="module")
def defect_report(gx_ready: None) -> ValidationReport:
    """One batch, one defect per row, each in a different table or column."""
    frames = clean_frames()
    frames["articles"] = ARTICLES.frame(
        [
            article(1),
            article(1, url="https://news.example/dup.html"),  # duplicate key
            article(3, published_at=NOW + dt.timedelta(days=3)),  # in the future
        ]
    )
    frames["quotes"] = QUOTES.frame([quote(1), quote(2, quote_id=None)])  # null key
    frames["events"] = EVENTS.frame(
        [
            event(1, event_type="INVADE"),  # not a PLOVER type
            event(2, actor_country="ng"),  # alpha-2, lower case
            event(3, location_country="Nigeria"),  # a name, not a code
            event(4, date_start=dt.date(2026, 5, 2), date_end=dt.date(2026, 5, 1)),  # reversed
        ]
    )
    return validate_frames(frames, now=NOW)


@pytest.fixture(scope="module")
def warning_report(gx_ready: None) -> ValidationReport:
    frames = {"articles": ARTICLES.frame([article(1, text="short " * 40, language="English")])}
    return validate_frames(frames, now=NOW)


def failure(report: ValidationReport, table: str, column: str, expectation: str) -> CheckResult:
    found = [
        r
        for r in report.results
        if (r.table, r.column, r.expectation) == (table, column, expectation) and not r.success
    ]
    assert len(found) == 1, f"expected one failure of {table}.{column} {expectation}: {found}"
    return found[0]


# --------------------------------------------------------------------------------------------
# GX-backed


def test_clean_batch_passes_every_expectation(clean_report: ValidationReport) -> None:
    assert clean_report.ok
    assert not clean_report.critical_failures and not clean_report.warnings
    assert all(r.success for r in clean_report.results), [
        r.detail for r in clean_report.results if not r.success
    ]
    # Every expectation of every batch table's suite ran once; "documents" (no suite) added
    # nothing. The run-level suites check other frames (see RUN_SUITES).
    batch_suites = set(suite_names()) - RUN_SUITES
    expected = sum(len(load_suite_spec(name)["expectations"]) for name in batch_suites)
    assert len(clean_report.results) == expected
    assert {r.table for r in clean_report.results} == batch_suites
    assert all(r.unexpected_count in (0, None) for r in clean_report.results)


def test_defects_fail_exactly_the_expected_checks(defect_report: ValidationReport) -> None:
    failed = {(r.table, r.column, r.expectation) for r in defect_report.results if not r.success}
    assert failed == {
        ("articles", "article_id", "expect_column_values_to_be_unique"),
        ("articles", "published_at", "expect_column_values_to_be_between"),
        ("quotes", "quote_id", "expect_column_values_to_not_be_null"),
        ("events", "event_type", "expect_column_values_to_be_in_set"),
        ("events", "actor_country", "expect_column_values_to_match_regex"),
        ("events", "location_country", "expect_column_values_to_match_regex"),
        ("events", "date_start,date_end", "expect_column_pair_values_a_to_be_greater_than_b"),
    }
    assert not defect_report.ok
    assert len(defect_report.critical_failures) == 7
    # Failures come first within each table, so a reader sees them without scrolling.
    for table in suite_names():
        flags = [r.success for r in defect_report.results if r.table == table]
        assert flags == sorted(flags)


def test_null_key(defect_report: ValidationReport) -> None:
    r = failure(defect_report, "quotes", "quote_id", "expect_column_values_to_not_be_null")
    assert r.severity == "critical"
    assert r.unexpected_count == 1
    assert r.detail == "quotes.quote_id: 1 null value in 2 rows"


def test_duplicate_key(defect_report: ValidationReport) -> None:
    r = failure(defect_report, "articles", "article_id", "expect_column_values_to_be_unique")
    assert r.severity == "critical"
    assert r.unexpected_count == 2  # both rows that share the key
    assert r.detail.startswith("articles.article_id: 2 rows share a value")
    assert "'a1'" in r.detail
    assert r.observed_value is not None
    assert json.loads(r.observed_value) == [{"value": "a1", "count": 2}]


def test_unknown_plover_type(defect_report: ValidationReport) -> None:
    r = failure(defect_report, "events", "event_type", "expect_column_values_to_be_in_set")
    assert r.severity == "critical"
    assert r.unexpected_count == 1
    assert r.detail.startswith("events.event_type: 1 value outside {AGREE, CONSULT,")
    assert r.detail.endswith(": 'INVADE'")


@pytest.mark.parametrize(
    ("column", "value"), [("actor_country", "ng"), ("location_country", "Nigeria")]
)
def test_invalid_country_code(defect_report: ValidationReport, column: str, value: str) -> None:
    r = failure(defect_report, "events", column, "expect_column_values_to_match_regex")
    assert r.severity == "critical"
    assert r.unexpected_count == 1
    assert r.detail == f"events.{column}: 1 value not matching ^[A-Z]{{3}}\\Z: {value!r}"


def test_date_start_after_date_end(defect_report: ValidationReport) -> None:
    r = failure(
        defect_report,
        "events",
        "date_start,date_end",
        "expect_column_pair_values_a_to_be_greater_than_b",
    )
    assert r.severity == "critical"
    assert r.unexpected_count == 1
    assert r.detail == (
        "events.date_start,date_end: 1 row breaks date_start <= date_end: "
        "date_start=2026-05-02, date_end=2026-05-01"
    )


def test_future_published_at(defect_report: ValidationReport) -> None:
    r = failure(defect_report, "articles", "published_at", "expect_column_values_to_be_between")
    assert r.severity == "critical"
    assert r.unexpected_count == 1
    # The bound is the validation time plus a day, computed by the runner per call.
    assert r.detail == (
        "articles.published_at: 1 value above 2026-06-02T12:00:00: 2026-06-04T12:00:00"
    )


def test_warnings_do_not_fail_the_batch(warning_report: ValidationReport) -> None:
    assert warning_report.ok
    assert not warning_report.critical_failures
    found = {(r.column, r.expectation) for r in warning_report.warnings}
    assert found == {
        ("text", "expect_column_value_lengths_to_be_between"),
        ("language", "expect_column_values_to_match_regex"),
    }
    short = next(r for r in warning_report.warnings if r.column == "text")
    assert short.detail.startswith("articles.text: 1 value with length below 300: 'short short")
    assert short.detail.endswith("(lengths 240)")


def test_empty_frames_and_tables_without_suite_yield_nothing() -> None:
    # No GX work at all: nothing to check.
    frames = {t.name: t.empty() for t in BATCH_TABLES}
    frames["documents"] = DOCUMENTS.frame([{"article_id": None, "content_hash": None}])
    report = validate_frames(frames)
    assert report.results == [] and report.ok


def test_missing_column_is_a_critical_failure(gx_ready: None) -> None:
    frame = REJECTS.frame([reject(1)]).drop("stage")
    report = validate_frames({"rejects": frame}, now=NOW)
    broken = [r for r in report.critical_failures if r.column == "stage"]
    assert len(broken) == 2  # not-null and in-set both need the column
    assert all("could not run" in r.detail and '"stage"' in r.detail for r in broken)
    assert not report.ok


# --------------------------------------------------------------------------------------------
# JSON only (no GX)

ENUMS = {
    ("articles", "published_source"): records.PUBLISHED_SOURCES,
    ("quotes", "kind"): records.QUOTE_KINDS,
    ("quotes", "speaker_kind"): records.SPEAKER_KINDS,
    ("events", "event_type"): records.PLOVER_TYPES,
    ("events", "modality"): records.MODALITIES,
    ("events", "date_granularity"): records.GRANULARITIES,
    ("events", "date_source"): records.DATE_SOURCES,
    ("event_participants", "role"): records.PARTICIPANT_ROLES,
    ("speakers", "speaker_kind"): records.SPEAKER_KINDS,
    ("rejects", "stage"): records.REJECT_STAGES,
}
#: Value sets with no tuple in transforms/records.py to follow.
UNSYNCED: set[tuple[str, str]] = set()


def value_sets() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for name in suite_names():
        for e in load_suite_spec(name)["expectations"]:
            if e["type"] == "expect_column_values_to_be_in_set":
                found[(name, e["kwargs"]["column"])] = e["kwargs"]["value_set"]
    return found


def test_suite_value_sets_equal_the_enums_in_records() -> None:
    found = value_sets()
    assert set(found) == set(ENUMS) | UNSYNCED, "a value set without a test keeping it in sync"
    for key, allowed in ENUMS.items():
        assert found[key] == list(allowed), f"{key}: suite and transforms/records.py differ"
    assert len(records.PLOVER_TYPES) == 16


def test_required_enum_columns_also_reject_nulls() -> None:
    # GX's set check skips nulls: without a not-null check a null kind would pass.
    for table, column in value_sets():
        types = {
            e["type"]
            for e in load_suite_spec(table)["expectations"]
            if e["kwargs"].get("column") == column
        }
        assert "expect_column_values_to_not_be_null" in types, f"{table}.{column}"


def test_suites_cover_the_tables_and_name_real_columns() -> None:
    assert suite_names() == [
        "articles",
        "event_participants",
        "events",
        "quotes",
        "rejects",
        "run",
        "sources",
        "speakers",
    ]
    tables = {t.name: t for t in (ARTICLES, QUOTES, SPEAKERS, EVENTS, PARTICIPANTS, REJECTS)}
    for name in tables:
        spec = load_suite_spec(name)
        missing = set(suite_columns(spec)) - set(tables[name].column_names)
        assert not missing, f"{name}: suite names columns the schema lacks: {missing}"
        for key in tables[name].key:  # every key is checked for null and duplicates
            types = {e["type"] for e in spec["expectations"] if e["kwargs"].get("column") == key}
            assert {
                "expect_column_values_to_not_be_null",
                "expect_column_values_to_be_unique",
            } <= types, f"{name}.{key}"


def test_every_expectation_states_severity_and_why() -> None:
    for name in suite_names():
        for e in load_suite_spec(name)["expectations"]:
            assert e["meta"]["severity"] in SEVERITIES, (name, e)
            assert e["meta"]["why"].strip(), (name, e)
