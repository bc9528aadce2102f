"""Loads into a real DuckDB file: idempotence, replacement, atomic promotion, comments."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import polars as pl
import pytest

from expectations.quarantine import QUARANTINE_SCHEMA
from tests.conftest import page, write_pages
from wirehouse import api
from wirehouse.errors import ChecksFailed, UsageError
from wirehouse.runner import InlineStages
from wirehouse.settings import Settings

TABLES = ("articles", "quotes", "events", "rejects", "raw.documents")


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}


def test_ingest_loads_articles_quotes_and_events(tmp_path: Path, settings: Settings) -> None:
    write_pages(tmp_path / "in", 3)
    summary = api.ingest([tmp_path / "in"], settings=settings)
    assert summary.status == "complete"
    assert summary.loaded["articles"] == 3
    found = counts(settings.db)
    assert found["articles"] == 3 and found["raw.documents"] == 3
    assert found["quotes"] >= 3  # at least the direct quote of each page
    with duckdb.connect(str(settings.db), read_only=True) as con:
        url, published, source = con.execute(
            "SELECT url, published_at::DATE::VARCHAR, published_source FROM articles ORDER BY url"
        ).fetchall()[0]
        speaker = con.execute("SELECT speaker FROM quotes WHERE kind = 'direct'").fetchall()
    assert url == "https://news.example/world/story-0.html"
    assert (published, source) == ("2024-05-06", "page")
    assert ("Amina Diallo",) in speaker


def test_reingest_changes_no_table(tmp_path: Path, settings: Settings) -> None:
    write_pages(tmp_path / "in", 3)
    api.ingest([tmp_path / "in"], settings=settings)
    before = counts(settings.db)
    again = api.ingest([tmp_path / "in"], settings=settings)
    assert again.unchanged == 3 and again.loaded["articles"] == 0
    assert counts(settings.db) == before


def test_changed_article_replaces_old_version_and_its_rows(
    tmp_path: Path, settings: Settings
) -> None:
    write_pages(tmp_path / "in", 1)
    api.ingest([tmp_path / "in"], settings=settings)
    changed = page(
        url="https://news.example/world/story-0.html",
        body="Officials said the border crossing reopened on Tuesday after repairs were "
        "completed, and traders returned to the market within hours of the announcement. " * 4,
    )
    (tmp_path / "in" / "story-0.html").write_text(changed, encoding="utf-8")
    summary = api.ingest([tmp_path / "in"], settings=settings)
    assert summary.loaded["articles"] == 1
    with duckdb.connect(str(settings.db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]
        assert con.execute(
            "SELECT count(*) FROM quotes WHERE speaker = 'Amina Diallo'"
        ).fetchall() == [(0,)]
        assert con.execute("SELECT count(*) FROM raw.documents").fetchall() == [(2,)]


def test_bad_jsonl_lines_become_rejects_and_the_run_goes_on(
    tmp_path: Path, settings: Settings
) -> None:
    records = [
        json.dumps({"url": "https://a.example/1", "html": page(url=None)}),
        "{not json",
        json.dumps({"html": "<p>no url</p>"}),
        json.dumps({"url": "https://a.example/3"}),
        json.dumps({"url": "https://a.example/4", "text": "Short.", "published": "2024-13-45"}),
        json.dumps({"url": "https://a.example/5", "text": "x " * 400, "published": "3000-01-01"}),
        json.dumps({"url": "https://a.example/6", "text": "Too short to be an article."}),
        json.dumps({"url": "hard::a.example-7.html", "text": "x " * 400}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    summary = api.ingest([path], settings=settings)
    assert summary.status == "complete" and summary.loaded["articles"] == 1
    with duckdb.connect(str(settings.db), read_only=True) as con:
        rows = dict(con.execute("SELECT locator, reason FROM rejects").fetchall())
    assert rows == {
        f"{path}:2": "malformed_jsonl",
        f"{path}:3": "missing_url",
        f"{path}:4": "missing_content",
        f"{path}:5": "bad_published",
        f"{path}:6": "implausible_published",
        f"{path}:7": "too_short",
        f"{path}:8": "bad_url",
    }
    api.ingest([path], settings=settings)  # the same failures again are the same rows
    assert counts(settings.db)["rejects"] == 7


def test_jsonl_text_record_skips_extraction_and_source_date_wins(
    tmp_path: Path, settings: Settings
) -> None:
    text = "The agency said the new rules take effect in June. " * 10
    record = {
        "url": "https://b.example/x",
        "text": text,
        "title": "Rules",
        "published": "2024-03-02",
        "source": "wire",
        "language": "en",
    }
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    api.ingest([path], settings=settings)
    with duckdb.connect(str(settings.db), read_only=True) as con:
        got = con.execute(
            "SELECT title, published_at::DATE::VARCHAR, published_source, source, language, text "
            "FROM articles"
        ).fetchall()
    assert got == [("Rules", "2024-03-02", "source", "wire", "en", text.strip())]


def test_a_url_met_again_in_a_run_is_counted_and_its_first_copy_loaded(
    tmp_path: Path, settings: Settings
) -> None:
    body = "The agency said the new rules take effect in June. " * 10
    urls = ["https://b.example/a", "https://b.example/a"]  # twice in one batch (of 2)
    urls += ["https://b.example/b", "https://b.example/c"]
    urls += ["https://b.example/b", "https://b.example/c"]  # again in a later batch
    path = tmp_path / "repeats.jsonl"
    path.write_text(
        "".join(
            json.dumps({"url": url, "text": f"Copy {n}. {body}", "title": f"copy {n}"}) + "\n"
            for n, url in enumerate(urls)
        ),
        encoding="utf-8",
    )
    summary = api.ingest([path], settings=settings.model_copy(update={"batch_size": 2}))
    assert (summary.documents_read, summary.duplicates_in_run) == (6, 3)
    with duckdb.connect(str(settings.db), read_only=True) as con:
        got = con.execute("SELECT url, title FROM articles ORDER BY url").fetchall()
    assert got == [
        ("https://b.example/a", "copy 0"),
        ("https://b.example/b", "copy 2"),
        ("https://b.example/c", "copy 3"),
    ]


def test_missing_path_is_a_usage_error_and_starts_nothing(
    tmp_path: Path, settings: Settings
) -> None:
    with pytest.raises(UsageError, match=r"nope\.html: no such file"):
        api.ingest([tmp_path / "nope.html"], settings=settings)


class _FailingChecks(InlineStages):
    def validate(self, frames, collector):  # type: ignore[no-untyped-def]
        from expectations.quarantine import Isolation
        from expectations.results import CheckResult
        from expectations.suites import suite_names

        if not set(frames) & set(suite_names()) - {"run", "sources"}:
            return super().validate(frames, collector)  # the run-level checks stay real
        bad = CheckResult(
            table="articles",
            expectation="expect_test_failure",
            column="url",
            severity="critical",
            success=False,
            observed_value=None,
            unexpected_count=1,
            detail="articles.url: injected failure",
        )
        return Isolation(dict(frames), pl.DataFrame(schema=QUARANTINE_SCHEMA), [bad])


def test_critical_check_failure_keeps_marts_and_staging(tmp_path: Path, settings: Settings) -> None:
    from warehouse.staged_files import staging_root
    from wirehouse.runner import RunRequest, execute

    write_pages(tmp_path / "in", 2)
    with pytest.raises(ChecksFailed, match="injected failure"):
        execute(RunRequest("ingest", paths=(str(tmp_path / "in"),)), settings, _FailingChecks())
    with duckdb.connect(str(settings.db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(0,)]
        assert con.execute("SELECT count(*) FROM staging.articles").fetchall() == [(2,)]
        assert con.execute("SELECT count(*) FROM raw.documents").fetchall() == [(2,)]
        status, failure = con.execute("SELECT status, failure FROM loads").fetchall()[0]
        failed = con.execute("SELECT detail FROM dq_results WHERE NOT success").fetchall()
        assert failed == [("articles.url: injected failure",)]
    assert status == "failed" and "injected failure" in failure
    assert not staging_root(settings.db).exists()
    # The failed load's documents are not "unchanged": a clean rerun loads them.
    summary = api.ingest([tmp_path / "in"], settings=settings)
    assert summary.loaded["articles"] == 2


def test_every_table_and_column_is_documented(tmp_path: Path, settings: Settings) -> None:
    write_pages(tmp_path / "in", 1)
    api.ingest([tmp_path / "in"], settings=settings)
    with duckdb.connect(str(settings.db), read_only=True) as con:
        tables = con.execute(
            "SELECT schema_name || '.' || table_name FROM duckdb_tables() "
            "WHERE comment IS NULL OR comment = '' UNION ALL "
            "SELECT schema_name || '.' || view_name FROM duckdb_views() "
            "WHERE NOT internal AND (comment IS NULL OR comment = '')"
        ).fetchall()
        columns = con.execute(
            "SELECT schema_name || '.' || table_name || '.' || column_name FROM duckdb_columns() "
            "WHERE NOT internal AND (comment IS NULL OR comment = '')"
        ).fetchall()
    assert tables == [] and columns == []


def test_a_key_staged_twice_in_one_load_is_promoted_once_as_first_staged(
    tmp_path: Path, settings: Settings
) -> None:
    from warehouse import loading
    from warehouse.ddl import STAGED, ensure_schema
    from warehouse.staged_files import StagedFiles
    from wirehouse.evaluation.load_bench import read_frames

    write_pages(tmp_path / "in", 2)
    api.ingest([tmp_path / "in"], settings=settings)
    first = read_frames(settings.db)
    second = {**first, "articles": first["articles"].with_columns(pl.lit("Later").alias("title"))}
    db = tmp_path / "twice.duckdb"
    load_id = loading.new_load_id()
    with duckdb.connect(str(db)) as con:
        ensure_schema(con)
        loading.begin_load(con, load_id, "test")
        staged = StagedFiles.of_load(db, load_id)
        staged.write(load_id, first)
        staged.write(load_id, second)
        assert len(staged.parts("articles")) == 2
        promotion = loading.promote(con, load_id, staged, counts={}, stage_seconds={})
        titles = con.execute("SELECT DISTINCT title FROM main.articles").fetchall()
        documents = con.execute("SELECT count(*) FROM raw.documents").fetchall()
    assert promotion.rows == {table.name: first[table.name].height for table in STAGED}
    assert ("Later",) not in titles and len(titles) >= 1
    assert documents == [(first["documents"].height,)]
    assert not staged.folder.exists()  # the parts go once their rows are in the marts
