"""A run that died leaves its `loads` row `running` and maybe staging rows; the next run,
holding the run lock, marks it `abandoned` and drops those rows."""

from __future__ import annotations

import duckdb

from tests.conftest import ROOT
from wirehouse import api
from wirehouse.settings import Settings

PAGE = ROOT / "tests" / "fixtures" / "page.html"


def test_the_next_run_sweeps_a_dead_runs_ledger_row_and_staging(settings: Settings) -> None:
    api.ingest([PAGE], settings=settings)
    with duckdb.connect(str(settings.db)) as con:
        # What a SIGKILL after staging leaves: a `running` row and its staged article.
        con.execute(
            "INSERT INTO main.loads (load_id, command, status, started_at) "
            "VALUES ('dead', 'ingest', 'running', now())"
        )
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
