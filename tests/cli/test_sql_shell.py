"""`wirehouse sql`, `search` and `report` as a user runs them: real subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from wirehouse.settings import Settings

WIREHOUSE = Path(sys.prefix) / "bin" / "wirehouse"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(WIREHOUSE), *args], input=stdin, capture_output=True, text=True, timeout=120
    )


def test_sql_opens_the_duckdb_shell_read_only_with_views_and_fts(
    sample_warehouse: Settings,
) -> None:
    queries = (
        "SELECT count(*) AS speakers FROM speaker_stats;\n"
        "SELECT title FROM articles "
        "WHERE fts_main_articles.match_bm25(article_id, 'sovereignty') IS NOT NULL "
        "ORDER BY fts_main_articles.match_bm25(article_id, 'sovereignty') DESC LIMIT 1;\n"
    )
    done = run("sql", "--db", str(sample_warehouse.db), stdin=queries)
    assert done.returncode == 0, done.stderr
    assert "speakers" in done.stdout and "Niger" in done.stdout
    assert "Error" not in done.stdout + done.stderr


def test_the_shell_refuses_to_write(sample_warehouse: Settings) -> None:
    done = run("sql", "--db", str(sample_warehouse.db), stdin="DELETE FROM articles;\n")
    assert "read-only" in (done.stdout + done.stderr).lower()


def test_search_prints_ranked_hits_as_json(sample_warehouse: Settings) -> None:
    done = run(
        "search",
        "troops withdrawal",
        "-n",
        "5",
        "--db",
        str(sample_warehouse.db),
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)
    assert len(hits) == 5
    assert hits[0]["score"] >= hits[-1]["score"] and "title" in hits[0]


def test_search_quotes_as_a_table(sample_warehouse: Settings) -> None:
    done = run("search", "sovereignty", "--kind", "quotes", "--db", str(sample_warehouse.db))
    assert done.returncode == 0, done.stderr
    assert "sovereignty" in done.stdout and "https://" in done.stdout


def test_search_with_a_bad_kind_is_a_usage_error(sample_warehouse: Settings) -> None:
    done = run("search", "x", "--kind", "events", "--db", str(sample_warehouse.db))
    assert done.returncode == 2 and "kind must be one of" in done.stderr


def test_report_for_an_unknown_load_is_a_usage_error(sample_warehouse: Settings) -> None:
    done = run("report", "--load", "nope", "--db", str(sample_warehouse.db))
    assert done.returncode == 2 and "no run 'nope'" in done.stderr
