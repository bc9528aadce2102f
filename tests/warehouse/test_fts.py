"""Full-text search: ranked, rebuilt after loads, honest about rows not indexed yet or an
unavailable extension (the tail itself: test_fts_tail.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ARTICLE_BODY, page
from warehouse import fts
from wirehouse import api
from wirehouse.errors import UsageError
from wirehouse.settings import Settings


def copy_of(settings: Settings, tmp_path: Path) -> Settings:
    db = tmp_path / "copy.duckdb"
    shutil.copy(settings.db, db)
    return settings.model_copy(update={"db": db, "reports_dir": tmp_path / "reports"})


def test_articles_are_ranked_by_bm25(sample_warehouse: Settings) -> None:
    result = api.search("troops withdrawal", kind="articles", limit=5, settings=sample_warehouse)
    assert result.ranked and result.notes == []
    scores = [row[0] for row in result.rows]
    assert len(scores) == 5 and scores == sorted(scores, reverse=True)
    assert all("withdraw" in row[1].lower() or "troops" in row[1].lower() for row in result.rows)


def test_quotes_are_searchable_with_their_speaker(sample_warehouse: Settings) -> None:
    result = api.search("sovereignty", kind="quotes", settings=sample_warehouse)
    assert result.columns[:3] == ["score", "speaker", "quote"]
    assert result.rows and all("sovereignty" in row[2].lower() for row in result.rows)


def test_bad_search_requests_are_usage_errors(sample_warehouse: Settings) -> None:
    with pytest.raises(UsageError, match="kind must be one of"):
        api.search("x", kind="events", settings=sample_warehouse)
    with pytest.raises(UsageError, match="some words"):
        api.search("  ", settings=sample_warehouse)


def test_a_load_that_changes_articles_rebuilds_the_index(
    tmp_path: Path, settings: Settings
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(page(), encoding="utf-8")
    api.ingest([folder], settings=settings)
    assert api.search("zeppelins", settings=settings).rows == []
    body = ARTICLE_BODY + "\nZeppelins were seen over the capital, witnesses said on Sunday."
    (folder / "b.html").write_text(
        page(url="https://news.example/zeppelins.html", title="Airships", body=body),
        encoding="utf-8",
    )
    summary = api.ingest([folder], settings=settings)
    assert "search index" in summary.stage_seconds
    result = api.search("zeppelins", settings=settings)
    assert result.ranked and result.notes == [] and [r[1] for r in result.rows] == ["Airships"]


def test_with_manual_indexing_a_load_leaves_the_index_to_reindex(
    tmp_path: Path, settings: Settings
) -> None:
    manual = settings.model_copy(update={"search_index": "manual"})
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(page(), encoding="utf-8")
    summary = api.ingest([folder], settings=manual)
    assert summary.status == "complete" and "search index" not in summary.stage_seconds
    result = api.search("troops", settings=manual)
    assert not result.ranked and result.notes  # no index yet: the fallback, and a note
    api.build_search_index(settings=manual)
    assert api.search("troops", settings=manual).ranked


def test_rows_loaded_after_the_build_are_matched_unranked_and_named(
    tmp_path: Path, sample_warehouse: Settings
) -> None:
    stale = copy_of(sample_warehouse, tmp_path)
    with duckdb.connect(str(stale.db)) as con:
        # As if the index had been built before the sample's load: every row is in the tail.
        con.execute(
            "UPDATE wirehouse_meta SET value = '2000-01-01T00:00:00' WHERE key = 'fts_built_at'"
        )
    result = api.search("troops", settings=stale)
    assert result.ranked and result.rows and all(row[0] is None for row in result.rows)
    assert result.not_indexed > 0
    assert "not ranked yet" in result.notes[0] and "--reindex" in result.notes[0]
    api.build_search_index(settings=stale)
    result = api.search("troops", settings=stale)
    assert result.notes == [] and result.not_indexed == 0
    assert result.rows and all(row[0] is not None for row in result.rows)


def test_without_the_extension_search_falls_back_and_says_so(
    tmp_path: Path, sample_warehouse: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> Path:
        raise fts.FtsUnavailable("the duckdb-extension-fts package is not installed")

    monkeypatch.setattr(fts, "extension_path", missing)
    result = api.search("troops withdrawal", settings=sample_warehouse)
    assert not result.ranked and result.rows
    assert "unavailable" in result.notes[0] and "substring" in result.notes[0]
    assert all(row[0] is None for row in result.rows)


def test_without_an_index_search_falls_back(tmp_path: Path, sample_warehouse: Settings) -> None:
    bare = copy_of(sample_warehouse, tmp_path)
    with duckdb.connect(str(bare.db)) as con:
        con.execute("DROP SCHEMA fts_main_articles CASCADE")
    result = api.search("troops", settings=bare)
    assert not result.ranked and "no search index" in result.notes[0]
