"""Bad rows injected into a run: each is caught with its severity and its consequence.

critical → the run stops (exit 1), marts unchanged, staging kept, results recorded;
quarantine → the row is set aside with the check that caught it, the run completes;
warning → the run completes and the warning is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tests.conftest import write_pages
from transforms.batch import BatchFrames, DateWindow
from wirehouse.errors import ChecksFailed
from wirehouse.inputs import Item
from wirehouse.runner import InlineStages, RunRequest, RunSummary, execute
from wirehouse.settings import Settings

Corrupt = Callable[[dict[str, pl.DataFrame]], None]


class Corrupting(InlineStages):
    """The real stages, with the transform's frames changed before they are checked."""

    def __init__(self, corrupt: Corrupt) -> None:
        self.corrupt = corrupt

    def transform(self, docs: list[Item], min_chars: int, window: DateWindow | None) -> BatchFrames:
        frames = super().transform(docs, min_chars, window)
        self.corrupt(frames.frames)
        return frames


def run(tmp_path: Path, settings: Settings, corrupt: Corrupt, pages: int = 3) -> RunSummary:
    write_pages(tmp_path / "in", pages)
    request = RunRequest("ingest", paths=(str(tmp_path / "in"),))
    return execute(request, settings, Corrupting(corrupt))


def first_row(frames: dict[str, pl.DataFrame], table: str, **values: object) -> None:
    frame = frames[table]
    head = frame.head(1).with_columns(**{k: pl.lit(v) for k, v in values.items()})
    frames[table] = pl.concat([head.cast(frame.schema), frame.slice(1)])


def scalar(db: Path, sql: str) -> object:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()[0][0]


@pytest.mark.parametrize(
    ("corrupt", "message"),
    [
        (lambda f: first_row(f, "articles", article_id=None), "articles.article_id"),
        (
            lambda f: f.__setitem__("articles", pl.concat([f["articles"], f["articles"].head(1)])),
            "articles.article_id",
        ),
    ],
    ids=["null-key", "duplicate-key"],
)
def test_critical_failures_stop_the_run(
    tmp_path: Path, settings: Settings, corrupt: Corrupt, message: str
) -> None:
    with pytest.raises(ChecksFailed, match=message):
        run(tmp_path, settings, corrupt)
    assert scalar(settings.db, "SELECT count(*) FROM articles") == 0
    assert scalar(settings.db, "SELECT count(*) FROM staging.articles") >= 3
    assert scalar(settings.db, "SELECT status FROM loads") == "failed"
    assert scalar(settings.db, "SELECT status FROM dq_runs") == "failed"


@pytest.mark.parametrize(
    ("values", "check"),
    [
        ({"event_type": "INVADE"}, "expect_column_values_to_be_in_set:event_type"),
        ({"actor_country": "Nigeria"}, "expect_column_values_to_match_regex:actor_country"),
        (
            {"date_start": dt.date(2024, 5, 9), "date_end": dt.date(2024, 5, 1)},
            "expect_column_pair_values_a_to_be_greater_than_b:date_start,date_end",
        ),
    ],
    ids=["unknown-plover-type", "invalid-country", "start-after-end"],
)
def test_bad_event_rows_are_quarantined_and_the_run_completes(
    tmp_path: Path, settings: Settings, values: dict[str, object], check: str
) -> None:
    summary = run(tmp_path, settings, lambda f: first_row(f, "events", **values))
    assert summary.status == "complete"
    assert summary.quarantined.get(check) == 1
    assert scalar(settings.db, f"SELECT count(*) FROM quarantine WHERE check_name = '{check}'") == 1
    bad = scalar(settings.db, "SELECT row_key FROM quarantine WHERE table_name = 'events'")
    assert scalar(settings.db, f"SELECT count(*) FROM events WHERE event_id = '{bad}'") == 0
    assert scalar(settings.db, "SELECT count(*) FROM articles") == 3


def test_an_event_after_publication_is_flagged(tmp_path: Path, settings: Settings) -> None:
    later = {
        "date_start": dt.date(2030, 1, 1),
        "date_end": dt.date(2030, 1, 1),
        "modality": "asserted",
    }
    summary = run(tmp_path, settings, lambda f: first_row(f, "events", **later))
    assert summary.status == "complete"
    assert any("events_after_publication" in w for w in summary.check_warnings)


def test_a_page_of_boilerplate_is_a_warning(tmp_path: Path, settings: Settings) -> None:
    banner = "We use cookies to improve your experience. Accept all cookies? " * 10
    summary = run(tmp_path, settings, lambda f: first_row(f, "articles", text=banner))
    assert summary.status == "complete"
    assert any("articles.text" in w for w in summary.check_warnings)


def test_a_run_with_half_its_articles_undated_is_a_warning(
    tmp_path: Path, settings: Settings
) -> None:
    def undate_half(frames: dict[str, pl.DataFrame]) -> None:
        articles = frames["articles"]
        half = pl.int_range(pl.len()) % 2 == 0
        frames["articles"] = articles.with_columns(
            published_at=pl.when(half).then(None).otherwise(pl.col("published_at"))
        )

    summary = run(tmp_path, settings, undate_half, pages=24)
    assert summary.status == "complete"
    assert any("undated_article_share" in w for w in summary.check_warnings)
    assert scalar(settings.db, "SELECT undated_article_share FROM dq_runs") == 0.5
    assert summary.docs_path and Path(summary.docs_path).is_file()
