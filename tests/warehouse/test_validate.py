"""`wirehouse validate`: the checks re-run on a warehouse that was changed by hand."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.conftest import write_pages
from wirehouse import api
from wirehouse.settings import Settings


def test_validate_passes_a_clean_warehouse_and_records_it(
    tmp_path: Path, settings: Settings
) -> None:
    write_pages(tmp_path / "in", 2)
    api.ingest([tmp_path / "in"], settings=settings)
    summary = api.validate(settings=settings)
    assert summary.ok and summary.rows["articles"] == 2
    with duckdb.connect(str(settings.db), read_only=True) as con:
        status = con.execute(
            "SELECT status FROM dq_runs WHERE load_id = ?", [summary.validation_id]
        ).fetchall()
    assert status in ([("passed",)], [("warnings",)])  # warnings: audits that only flag


def test_validate_catches_rows_changed_behind_the_pipelines_back(
    tmp_path: Path, settings: Settings
) -> None:
    write_pages(tmp_path / "in", 2)
    api.ingest([tmp_path / "in"], settings=settings)
    with duckdb.connect(str(settings.db)) as con:
        # Two different articles: deleting the duplicated one would remove both copies.
        kept, dropped = (
            row[0] for row in con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()
        )
        con.execute("INSERT INTO articles SELECT * FROM articles WHERE article_id = ?", [kept])
        con.execute(
            "UPDATE events SET actor_country = 'Nigeria' WHERE event_id IN "
            "(SELECT event_id FROM events LIMIT 1)"
        )
        quoted = con.execute("SELECT count(*) FROM quotes WHERE article_id = ?", [dropped])
        assert (quoted.fetchone() or (0,))[0] > 0  # so an audit must notice its orphans
        con.execute("DELETE FROM articles WHERE article_id = ?", [dropped])
    summary = api.validate(settings=settings)
    assert not summary.ok
    joined = " | ".join(summary.failures)
    assert "articles.article_id" in joined
    assert "events.actor_country" in joined
    assert "audit quotes_have_articles" in joined
