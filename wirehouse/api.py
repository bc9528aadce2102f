"""The Python API: every command the CLI, the flows, ``make backfill`` and the tests share.

>>> from wirehouse import api
>>> summary = api.ingest(["sample/site"])                    # doctest: +SKIP
>>> api.query("SELECT count(*) FROM quotes")                 # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wirehouse.config import load_sources
from wirehouse.errors import UsageError, WarehouseError
from wirehouse.inputs import expand_paths
from wirehouse.runner import RunRequest, RunSummary, execute
from wirehouse.settings import Settings

if TYPE_CHECKING:
    from wirehouse.validation import ValidateSummary

__all__ = [
    "backfill",
    "duckdb_shell_command",
    "ingest",
    "query",
    "run",
    "show",
    "validate",
]


def _check(request: RunRequest, settings: Settings) -> None:
    """Refuse bad paths and a bad sources file before anything starts (exit code 2)."""
    if request.command == "ingest":
        expand_paths([Path(p) for p in request.paths])
    else:
        load_sources(settings.sources)


def _dispatch(request: RunRequest, settings: Settings) -> RunSummary:
    _check(request, settings)
    if settings.orchestrator == "inline":
        return execute(request, settings)
    from wirehouse.logs import configure_logging

    configure_logging()  # before Prefect's import, which reads its settings
    from flows.pipeline import load_flow

    payload = {
        "command": request.command,
        "paths": list(request.paths),
        "start": request.start,
        "end": request.end,
    }
    return load_flow(payload, settings.model_dump(mode="json"))


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
    """The command line that opens the DuckDB shell read-only on the warehouse."""
    settings = settings or Settings()
    if not settings.db.exists():
        raise WarehouseError(f"{settings.db}: no warehouse here yet; run `make run` first")
    binary = Path(sys.prefix) / "bin" / "duckdb"
    found = str(binary) if binary.exists() else shutil.which("duckdb")
    if not found:
        raise WarehouseError("the DuckDB shell is not installed (pip install duckdb-cli)")
    return [found, "-readonly", os.fspath(settings.db)]
