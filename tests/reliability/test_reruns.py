"""Reruns change nothing: the same input twice, and overlapping backfills in either order,
leave identical tables (full contents compared, not counts)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from tests.conftest import ROOT
from tests.reliability import corpus, harness
from transforms.batch import speakers_frame

SOURCES = ROOT / "sources.toml"
SPRING = ("2024-03-01", "2024-06-30")
SUMMER = ("2024-05-01", "2024-09-30")  # overlaps SPRING in May and June
WHOLE = ("2024-03-01", "2024-09-30")


def _backfills(db: Path, *ranges: tuple[str, str]) -> list[dict[str, object]]:
    summaries = []
    for start, end in ranges:
        done = harness.wirehouse(
            "backfill", "--start", start, "--end", end, "--sources", SOURCES, "--db", db,
            "--inline", "--json",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        summaries.append(json.loads(done.stdout))
    return summaries


@harness.full_only
def test_the_same_input_ingested_twice_changes_no_table(tmp_path: Path) -> None:
    built = corpus.build(tmp_path / "corpus")
    db = tmp_path / "w.duckdb"
    first = harness.wirehouse("ingest", built.v2, "--db", db, "--inline", "--json")
    assert first.returncode == 0, first.stderr
    once = harness.snapshot(db)
    second = harness.wirehouse("ingest", built.v2, "--db", db, "--inline", "--json")
    assert second.returncode == 0, second.stderr
    summary = json.loads(second.stdout)
    twice = harness.snapshot(db)
    difference = harness.compare(once, twice)
    harness.record(
        "rerun_ingest",
        {
            "mart_rows": harness.mart_rows(once),
            "second_run_unchanged": summary["unchanged"],
            "rows_lost": difference.lost,
            "rows_extra": difference.extra,
        },
    )
    assert difference.identical, difference
    assert summary["unchanged"] == json.loads(first.stdout)["loaded"]["articles"]
    assert harness.duplicate_keys(db) == 0


@harness.full_only
def test_overlapping_backfills_in_either_order_equal_one_backfill(tmp_path: Path) -> None:
    one, forward, backward = (tmp_path / f"{n}.duckdb" for n in ("one", "forward", "back"))
    _backfills(one, WHOLE)
    _, second = _backfills(forward, SPRING, SUMMER)
    _backfills(backward, SUMMER, SPRING)
    expected = harness.snapshot(one)
    assert harness.mart_rows(expected) > 0
    figures: dict[str, object] = {"mart_rows": harness.mart_rows(expected)}
    for name, db in (("spring_then_summer", forward), ("summer_then_spring", backward)):
        difference = harness.compare(expected, harness.snapshot(db))
        figures[name] = {"rows_lost": difference.lost, "rows_extra": difference.extra}
        assert difference.identical, (name, difference)
        assert harness.duplicate_keys(db) == 0
    harness.record("rerun_backfill", figures)
    # The overlap was read again and skipped as unchanged, not loaded twice.
    assert int(str(second["unchanged"])) > 0


def test_a_speakers_role_is_chosen_the_same_way_every_time() -> None:
    """Regression: tied roles were picked by ``mode().first()``, in a random order, so the
    same input loaded twice gave different `speakers` rows."""
    rows = [
        {
            "article_id": f"a{n}",
            "speaker": f"Speaker {n}",
            "speaker_kind": "person",
            "speaker_role": f"role {letter}",
            "content_start": i,
        }
        for n in range(30)
        for i, letter in enumerate("ba")
    ]
    quotes = pl.DataFrame(rows)
    roles = speakers_frame(quotes)["speaker_role"].to_list()
    assert roles == ["role a"] * 30
