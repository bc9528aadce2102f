"""The Python API: every command the CLI, the flows, ``make backfill`` and the tests share.

>>> from wirehouse import api
>>> summary = api.ingest(["sample/site"])                    # doctest: +SKIP
>>> api.query("SELECT count(*) FROM quotes")                 # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warehouse.connection import limit_memory
from wirehouse.config import load_sources
from wirehouse.errors import UsageError, WarehouseError
from wirehouse.inputs import expand_paths
from wirehouse.runner import RunRequest, RunSummary, execute
from wirehouse.settings import Settings

if TYPE_CHECKING:
    from warehouse.fts import SearchResult
    from wirehouse.validation import ValidateSummary

__all__ = [
    "backfill",
    "build_search_index",
    "duckdb_shell_command",
    "ingest",
    "query",
    "report",
    "reprocess",
    "run",
    "search",
    "serve",
    "show",
    "validate",
]


def _check(request: RunRequest, settings: Settings) -> None:
    """Refuse bad paths and a bad sources file before anything starts (exit code 2)."""
    if request.command == "ingest":
        expand_paths([Path(p) for p in request.paths])
    elif request.command != "reprocess":  # a reprocess reads the warehouse, not the sources
        load_sources(settings.sources)


def _dispatch(request: RunRequest, settings: Settings) -> RunSummary:
    """Run the load, then refresh what derives from it: the search index and the report."""
    from wirehouse.after_run import after_failure, after_run

    limit_memory(settings.duckdb_memory_limit)
    try:
        summary = _orchestrate(request, settings)
    except (UsageError, WarehouseError):
        raise  # nothing started, or the warehouse cannot be opened: nothing to report on
    except Exception:
        after_failure(settings)
        raise
    return after_run(summary, settings)


def _orchestrate(request: RunRequest, settings: Settings) -> RunSummary:
    _check(request, settings)
    if settings.orchestrator == "inline":
        return execute(request, settings)
    from wirehouse.logs import configure_logging

    configure_logging()  # before Prefect's import, which reads its settings
    from flows.pipeline import run_flow

    payload = {
        "command": request.command,
        "paths": list(request.paths),
        "start": request.start,
        "end": request.end,
    }
    return run_flow(payload, settings)


def ingest(paths: Sequence[str | Path], *, settings: Settings | None = None) -> RunSummary:
    """Load local pages and JSONL files (or folders of them) into the warehouse.

    Parameters
    ----------
    paths
        Files (``*.html``, ``*.htm``, ``*.html.gz``, ``*.jsonl``, ``*.jsonl.gz``) and folders.
    settings
        Defaults to :class:`Settings` read from the environment.
    """
    if not paths:
        raise UsageError("ingest: give at least one file or folder")
    request = RunRequest("ingest", paths=tuple(str(p) for p in paths))
    return _dispatch(request, settings or Settings())


def run(*, settings: Settings | None = None) -> RunSummary:
    """The nightly job: read what is new in every configured source since the last run."""
    return _dispatch(RunRequest("run"), settings or Settings())


def _day(value: str | dt.date, name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"backfill: {name} must be YYYY-MM-DD, got {value!r}") from None


def backfill(
    start: str | dt.date, end: str | dt.date, *, settings: Settings | None = None
) -> RunSummary:
    """Load the configured sources' articles published from ``start`` to ``end`` (inclusive).

    A backfill never moves the nightly cursor.
    """
    first, last = _day(start, "--start"), _day(end, "--end")
    if first > last:
        raise UsageError(f"backfill: --start {first} is after --end {last}")
    request = RunRequest("backfill", start=first.isoformat(), end=last.isoformat())
    return _dispatch(request, settings or Settings())


def reprocess(*, settings: Settings | None = None) -> RunSummary:
    """Rebuild every derived table from the raw pages the warehouse holds, with no network.

    Run it after an extractor improves: each article's stored page is extracted again and
    its rows replaced in one promotion, as a load would. The nightly cursor does not move.
    """
    settings = settings or Settings()
    if not settings.db.exists():
        raise UsageError(f"reprocess: {settings.db}: no warehouse here yet")
    return _dispatch(RunRequest("reprocess"), settings)


def serve(*, settings: Settings | None = None) -> None:
    """Register the nightly deployment (``schedule_cron`` in ``schedule_timezone``) with Prefect
    and execute its runs until interrupted.

    Uses the Prefect API of ``PREFECT_API_URL`` (a server or Prefect Cloud); with none
    configured, starts a local ``prefect server`` on 127.0.0.1:4200 for as long as it serves.
    """
    settings = settings or Settings()
    load_sources(settings.sources)  # a bad sources file is refused now, not at 02:00
    from flows.deploy import serve as serve_nightly

    serve_nightly(settings)


def validate(*, settings: Settings | None = None) -> ValidateSummary:
    """Re-run the data-quality checks and audits on the warehouse as it is now.

    The outcome is recorded in ``dq_results`` and ``dq_runs``; ``summary.ok`` is False when
    a critical check failed.
    """
    from wirehouse.validation import validate_warehouse

    return validate_warehouse(settings or Settings())


def query(sql: str, *, settings: Settings | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one read-only query on the warehouse; returns column names and rows."""
    import duckdb

    from warehouse.connection import connect

    settings = settings or Settings()
    with connect(settings.db, read_only=True, wait_seconds=settings.lock_wait_seconds) as con:
        try:
            relation = con.execute(sql)
            columns = [d[0] for d in relation.description or []]
            return columns, relation.fetchall()
        except duckdb.Error as exc:
            raise UsageError(f"query failed: {exc}") from exc


def show(sql: str, *, settings: Settings | None = None, max_width: int = 120) -> None:
    """Print one read-only query's result as DuckDB's shell would (boxed, long values cut)."""
    import duckdb

    from warehouse.connection import connect

    settings = settings or Settings()
    with connect(settings.db, read_only=True, wait_seconds=settings.lock_wait_seconds) as con:
        try:
            con.sql(sql).show(max_width=max_width, max_rows=200)
        except duckdb.Error as exc:
            raise UsageError(f"query failed: {exc}") from exc


def duckdb_shell_command(settings: Settings | None = None) -> list[str]:
    """The command line that opens the DuckDB shell read-only on the warehouse.

    An init file loads the full-text search extension from its package first, so
    ``match_bm25`` works in the shell offline.
    """
    from wirehouse.shell import shell_command

    return shell_command((settings or Settings()).db)


def search(
    text: str,
    *,
    kind: str = "articles",
    limit: int = 10,
    settings: Settings | None = None,
) -> SearchResult:
    """Full-text search, ranked by BM25: ``kind`` is ``"articles"`` (title and text) or
    ``"quotes"`` (quote content).

    ``result.notes`` says when the search fell back to unranked substring matching (the fts
    extension cannot load, or no index was built yet). Rows loaded since the index was built
    are matched by substring and follow the ranked hits with a ``None`` score (at most
    ``limit`` of each); ``result.not_indexed`` counts them, and a note says so.

    >>> api.search("uranium mine", kind="articles", limit=5).rows      # doctest: +SKIP
    """
    from warehouse import fts
    from warehouse.connection import connect

    if kind not in fts.KINDS:
        raise UsageError(f"search: kind must be one of {', '.join(fts.KINDS)}, got {kind!r}")
    if limit < 1:
        raise UsageError(f"search: limit must be at least 1, got {limit}")
    if not text.strip():
        raise UsageError("search: give some words to search for")
    settings = settings or Settings()
    with connect(settings.db, read_only=True, wait_seconds=settings.lock_wait_seconds) as con:
        return fts.search(con, text, kind=kind, limit=limit)


def build_search_index(*, settings: Settings | None = None) -> float:
    """Rebuild the full-text indexes now, indexing the rows loaded since the last build (runs
    do it once those pass ``search_rebuild_share``); returns the seconds it took."""
    from warehouse.fts import FtsUnavailable
    from wirehouse.after_run import refresh_search_index

    settings = settings or Settings()
    if not settings.db.exists():
        raise WarehouseError(f"{settings.db}: no warehouse here yet; run `wirehouse ingest` first")
    limit_memory(settings.duckdb_memory_limit)
    try:
        return refresh_search_index(settings)
    except FtsUnavailable as exc:
        raise WarehouseError(f"full-text search unavailable: {exc}") from exc


def report(load_id: str | None = None, *, settings: Settings | None = None) -> Path:
    """Write the HTML report of a run (the newest by default) and return its path.

    Reports go to ``reports/`` beside the warehouse (``WIREHOUSE_REPORTS_DIR``), as
    ``<load_id>.html``; the newest run's is also ``latest.html``.
    """
    from wirehouse.report import write_report

    settings = settings or Settings()
    return write_report(
        settings.db, load_id, folder=settings.reports_dir, wait_seconds=settings.lock_wait_seconds
    )
