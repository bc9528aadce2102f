"""A run that died leaves its `loads` row `running` and maybe staged files (or, from older
versions, staging rows); the next run, holding the run lock, marks it `abandoned` and drops
what it staged."""

from __future__ import annotations

import duckdb
import polars as pl

from tests.conftest import ROOT
from warehouse.staged_files import StagedFiles
from wirehouse import api
from wirehouse.settings import Settings

PAGE = ROOT / "tests" / "fixtures" / "page.html"


def _die_mid_run(con: duckdb.DuckDBPyConnection) -> None:
    """What a SIGKILL before the promotion committed leaves in the ledger: a `running` row."""
    con.execute(
        "INSERT INTO main.loads (load_id, command, status, started_at) "
        "VALUES ('dead', 'ingest', 'running', now())"
    )


def test_the_next_run_sweeps_a_dead_runs_ledger_row_and_staging(settings: Settings) -> None:
    api.ingest([PAGE], settings=settings)
    with duckdb.connect(str(settings.db)) as con:
        _die_mid_run(con)  # with a staged article, as versions before Parquet staging left
        con.execute(
            "INSERT INTO staging.articles (article_id, url, load_id) "
            "SELECT article_id, url, 'dead' FROM main.articles"
        )
    summary = api.ingest([PAGE], settings=settings)
    assert summary.abandoned == ["dead"]
    with duckdb.connect(str(settings.db), read_only=True) as con:
        status = con.execute("SELECT status, failure FROM main.loads WHERE load_id = 'dead'")
        assert status.fetchall()[0][0] == "abandoned"
        left = con.execute("SELECT count(*) FROM staging.articles WHERE load_id = 'dead'")
        assert left.fetchall() == [(0,)]
        running = con.execute("SELECT count(*) FROM main.loads WHERE status = 'running'")
        assert running.fetchall() == [(0,)]


def test_the_next_run_sweeps_staged_files_left_by_a_dead_run(settings: Settings) -> None:
    api.ingest([PAGE], settings=settings)
    with duckdb.connect(str(settings.db)) as con:
        _die_mid_run(con)
        articles = con.execute("SELECT * FROM main.articles").pl()
    dead = StagedFiles.of_load(settings.db, "dead")
    dead.write("dead", {"articles": articles.with_columns(pl.lit("Stale").alias("title"))})
    # A run that committed, then died before deleting its parts, leaves a folder too.
    committed = StagedFiles.of_load(settings.db, "committed")
    committed.write("committed", {"articles": articles})
    assert dead.parts("articles") and committed.parts("articles")

    summary = api.ingest([PAGE], settings=settings)
    assert summary.abandoned == ["dead"]
    assert not dead.folder.exists() and not committed.folder.exists()
    with duckdb.connect(str(settings.db), read_only=True) as con:
        titles = con.execute("SELECT title FROM main.articles").fetchall()
    assert ("Stale",) not in titles
