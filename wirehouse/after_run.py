"""What follows a complete run: rebuild the search index when due, write the report.

Both are derived from the marts the run just committed, so neither can lose data: a failure
here becomes a warning in the run's summary, never a failed run.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from warehouse import fts, fts_tail
from warehouse.connection import connect
from warehouse.run_lock import run_lock
from wirehouse.run_models import RunSummary
from wirehouse.settings import Settings

log = logging.getLogger(__name__)


def refresh_search_index(settings: Settings) -> float:
    """Rebuild the full-text indexes under the run lock; returns the seconds it took.

    Raises
    ------
    FtsUnavailable
        The fts extension cannot be loaded here.
    """
    wait = settings.lock_wait_seconds
    with run_lock(settings.db, wait_seconds=wait), connect(settings.db, wait_seconds=wait) as con:
        return fts.build_indexes(con)


@dataclass(frozen=True, slots=True)
class IndexRefresh:
    """What the after-run index step did."""

    seconds: float | None = None  # how long the rebuild took; None: it was not due
    not_indexed: str | None = None  # rows searched by substring until the next rebuild


def refresh_search_index_if_due(settings: Settings) -> IndexRefresh:
    """Rebuild the full-text indexes if there is none yet, or if the rows loaded since the
    last build (its tail) exceed ``search_rebuild_share`` of the rows indexed.

    Until then search matches the tail by substring, so a rebuild only pays off once the tail
    is large; rebuilding at a fixed share keeps rebuild work proportional to what was added.

    Raises
    ------
    FtsUnavailable
        The fts extension cannot be loaded here.
    """
    with connect(settings.db, read_only=True, wait_seconds=settings.lock_wait_seconds) as con:
        state = fts_tail.index_state(con)
    share = settings.search_rebuild_share
    if state.rebuild_due(share):
        return IndexRefresh(seconds=refresh_search_index(settings))
    if state.fresh:
        return IndexRefresh()
    log.info(
        "search index rebuild deferred: %s not indexed yet, within the %.0f%% rebuild share "
        "(WIREHOUSE_SEARCH_REBUILD_SHARE); search matches them by substring",
        state.describe(),
        share * 100,
    )
    return IndexRefresh(not_indexed=state.describe())


def _refresh_index(summary: RunSummary, settings: Settings) -> None:
    try:
        began = time.perf_counter()
        refresh = refresh_search_index_if_due(settings)
        if refresh.seconds is not None:
            summary.stage_seconds["search index"] = round(time.perf_counter() - began, 3)
        summary.not_indexed = refresh.not_indexed
    except Exception as exc:  # noqa: BLE001 - the load is committed; search covers the tail
        summary.check_warnings.append(f"search index not rebuilt: {exc}")
        log.warning("search index not rebuilt after load %s: %s", summary.load_id, exc)


def _report_failed(summary: RunSummary, exc: Exception) -> None:
    summary.check_warnings.append(f"run report not written: {exc}")
    log.warning("run report not written for load %s: %s", summary.load_id, exc)


def after_run(summary: RunSummary, settings: Settings) -> RunSummary:
    """Refresh the search index when due and write the run report; only warn when either fails.

    The two run side by side: the index build runs inside DuckDB (which releases the GIL) and
    the report's drawing in Python, so together they take about the time of the longer one
    (1.8 s and 1.2 s after a 2,476-page run). The report's rows are read first, as this
    process cannot open the file read-only while the build holds it for writing.
    """
    if summary.status != "complete":
        return summary
    from wirehouse import report

    rows: report.ReportRows | None = None
    if settings.report:
        try:
            wait = settings.lock_wait_seconds
            rows = report.read_report(settings.db, summary.load_id, wait_seconds=wait)
        except Exception as exc:  # noqa: BLE001 - a report is a view of the load, not part of it
            _report_failed(summary, exc)
    with ThreadPoolExecutor(1, thread_name_prefix="search-index") as pool:
        indexing = (
            pool.submit(_refresh_index, summary, settings)
            if settings.search_index == "after_run"
            else None
        )
        if rows is not None:
            try:
                page = report.publish_report(rows, settings.db, folder=settings.reports_dir)
                summary.report_path = str(page)
            except Exception as exc:  # noqa: BLE001 - as above
                _report_failed(summary, exc)
        if indexing is not None:
            indexing.result()
    return summary


def after_failure(settings: Settings) -> None:
    """Write the report of a run that just failed (its checks are the news), if it got as far
    as the ledger; any error here is logged and dropped, the run's own error is what counts."""
    if not settings.report or not settings.db.exists():
        return
    try:
        from warehouse.report_data import latest_load_id
        from wirehouse.report import write_report

        wait = settings.lock_wait_seconds
        with connect(settings.db, read_only=True, wait_seconds=wait) as con:
            newest = latest_load_id(con)
            status = con.execute(
                "SELECT status FROM main.loads WHERE load_id = ?", [newest]
            ).fetchall()
        if status and status[0][0] != "complete":
            page = write_report(settings.db, newest, folder=settings.reports_dir, wait_seconds=wait)
            log.warning("load %s failed; its report: %s", newest, page)
    except Exception as exc:  # noqa: BLE001 - never mask the run's own failure
        log.warning("no report for the failed run: %s", exc)
