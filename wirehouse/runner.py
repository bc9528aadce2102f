"""A run, as one plain loop over batches: read → skip unchanged → transform → check → stage,
then promote everything at once.

The loop calls its four stages through a :class:`Stages` object, so the same loop runs
inline (tests, benchmarks, ``orchestrator = "inline"``) or as Prefect tasks
(:mod:`flows.pipeline`). Nothing a run does exists only in the flow.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing, nullcontext
from itertools import islice
from pathlib import Path

import duckdb

from expectations.docs import RunValidations
from expectations.results import CheckResult, ValidationReport
from transforms.identity import article_id
from transforms.records import Reject, SourceDocument
from warehouse import loading, quality, staged_files
from warehouse.connection import connect
from warehouse.ddl import STAGED, ensure_schema
from warehouse.run_lock import run_lock
from warehouse.staged_files import StagedFiles, clear_staging
from wirehouse.check_log import CheckLog
from wirehouse.errors import AuditFailed, ChecksFailed, RunFailed, WirehouseError
from wirehouse.inputs import Item, documents_from_paths
from wirehouse.parallel import TransformPool
from wirehouse.progress import Tally, count_inputs
from wirehouse.reprocess import stored_documents
from wirehouse.run_models import RunRequest, RunSummary
from wirehouse.seen_keys import SeenKeys
from wirehouse.settings import Settings
from wirehouse.source_plan import CursorReader, SourcePlan, plan_sources
from wirehouse.stages import InlineStages, StagedWrite, Stages, StagingBuffer

__all__ = ["InlineStages", "RunRequest", "RunSummary", "Stages", "execute"]


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _plan(
    request: RunRequest, settings: Settings, cursors: dict[str, dt.datetime]
) -> tuple[Iterator[Item], list[CursorReader], SourcePlan | None]:
    if request.command == "ingest":
        paths = [Path(p) for p in request.paths]
        items = documents_from_paths(paths, source="cli", max_bytes=settings.max_document_bytes)
        return items, [], None
    if request.command == "reprocess":
        return stored_documents(settings), [], None
    plan = plan_sources(request.command, settings, cursors, request.window)
    return plan.items(), plan.cursor_readers, plan


def execute(request: RunRequest, settings: Settings, stages: Stages | None = None) -> RunSummary:
    """Run one load end to end and return its summary.

    Raises
    ------
    UsageError
        Bad paths or sources file (nothing was started).
    ChecksFailed
        A critical check failed: the load is marked failed, staging kept, marts unchanged.
    RunFailed
        Anything else stopped the run; the marts are unchanged.
    """
    # Raises UsageError on a bad path, before anything is started.
    expected = count_inputs([Path(p) for p in request.paths]) if request.paths else None
    if stages is None:
        pool = TransformPool(settings.task_runner, settings.workers, settings.dask_address)
        if expected is not None and expected > settings.batch_size:
            # More than one batch to read, so workers are likely (unless most pages turn out
            # unchanged): their start (~4 s of CPU, on the other core) then overlaps opening
            # the warehouse and reading the first batches.
            pool.prestart()
        stages = InlineStages(pool)
    db, wait = settings.db, settings.lock_wait_seconds
    load_id = loading.new_load_id()
    summary = RunSummary(load_id=load_id, command=request.describe(), db=str(db))
    started = time.perf_counter()
    with run_lock(db, wait_seconds=wait):
        with connect(db, wait_seconds=wait) as con:
            ensure_schema(con)
            summary.abandoned = loading.abandon_dead_loads(con)
            cursors = loading.source_cursors(con)
        clear_staging(db)  # under the run lock: no load is running, so no folder is live
        # Raises UsageError before the ledger row is written.
        items, readers, plan = _plan(request, settings, cursors)
        with connect(db, wait_seconds=wait) as con:
            loading.begin_load(con, load_id, summary.command)
        checks = CheckLog()
        collector = RunValidations()
        tally = Tally(expected)
        docs_pool = ThreadPoolExecutor(1, thread_name_prefix="data-docs")
        try:
            _load_batches(items, request, settings, stages, summary, checks, collector, tally)
            if plan is not None and plan.web is not None:
                summary.web = plan.web.stats.as_dict()
            metrics = _check_run(db, load_id, stages, checks, wait)
            summary.stage_seconds["checks"] = round(checks.seconds, 3)
            summary.check_warnings = checks.failures("warning")
            summary.check_failures = checks.failures("critical")
            # Data Docs are drawn (by GX, in Python) while DuckDB promotes, which frees the GIL.
            docs = docs_pool.submit(_data_docs, settings, load_id, collector)
            if summary.check_failures:
                _docs_built(docs, summary)
                with connect(db, wait_seconds=wait) as con:
                    loading.record_checks(con, load_id, checks.as_rows())
                    _record_run(con, load_id, metrics, summary, checks)
                more = len(summary.check_failures) - 1
                raise ChecksFailed(
                    f"critical check failed, load {load_id} not promoted: "
                    f"{summary.check_failures[0]}" + (f" (+{more} more)" if more else "")
                )
            moved = {
                r.config.name: r.newest
                for r in readers
                if request.command == "run" and r.newest is not None
            }
            began = time.perf_counter()
            try:
                promotion = stages.promote(db, load_id, summary, moved, checks.as_rows(), wait)
            except AuditFailed as failed:
                audit_rows = [a.as_row() for a in failed.results]
                summary.check_failures += [a.detail for a in failed.results if not a.success]
                _docs_built(docs, summary)
                with connect(db, wait_seconds=wait) as con:
                    loading.record_checks(con, load_id, [*checks.as_rows(), *audit_rows])
                    _record_run(con, load_id, metrics, summary, checks)
                raise
            summary.loaded = promotion.rows
            summary.check_warnings += [a.detail for a in promotion.audits if not a.success]
            _docs_built(docs, summary)
            with connect(db, wait_seconds=wait) as con:
                _record_run(con, load_id, metrics, summary, checks)
            summary.stage_seconds["load"] = round(
                summary.stage_seconds.get("load", 0.0) + time.perf_counter() - began, 3
            )
            summary.status = "complete"
        except BaseException as exc:
            summary.status = "failed"
            summary.failure = (
                str(exc) if isinstance(exc, WirehouseError) else f"{type(exc).__name__}: {exc}"
            )
            try:
                with connect(db, wait_seconds=wait) as con:
                    loading.fail_load(
                        con, load_id, summary.failure, StagedFiles.of_load(db, load_id)
                    )
            except Exception:  # noqa: BLE001 - the original error is the one to report
                pass
            if isinstance(exc, WirehouseError) or not isinstance(exc, Exception):
                raise
            raise RunFailed(f"load {load_id} failed: {summary.failure}") from exc
        finally:
            docs_pool.shutdown()
            summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _check_run(
    db: Path, load_id: str, stages: Stages, checks: CheckLog, wait: float
) -> dict[str, object]:
    """Run-level checks: the run's distributions against the ``run`` and ``sources`` suites,
    and against recent runs (drift). Returns the run's figures."""
    with (
        connect(db, wait_seconds=wait) as con,
        staged_files.attach(con, StagedFiles.of_load(db, load_id), STAGED),
    ):
        run = quality.run_metrics(con)
        sources = quality.source_metrics(con)
        figures = run.row(0, named=True)
        drifted = quality.drift(con, figures)
    began = time.perf_counter()
    outcome = stages.validate({"run": run, "sources": sources}, None)
    checks.add(ValidationReport(outcome.checks, time.perf_counter() - began))
    checks.add(
        ValidationReport(
            [
                CheckResult(
                    table=str(r["table_name"]),
                    expectation=str(r["expectation"]),
                    column=str(r["column_name"]),
                    severity=str(r["severity"]),
                    success=bool(r["success"]),
                    observed_value=str(r["observed_value"]),
                    unexpected_count=None,
                    detail=str(r["detail"]),
                )
                for r in drifted
            ],
            0.0,
        )
    )
    return figures


def _data_docs(settings: Settings, load_id: str, collector: RunValidations) -> Path | None:
    from expectations.docs import build_data_docs

    folder = settings.docs_dir or settings.db.parent / "data-docs"
    return build_data_docs(collector, folder / load_id, load_id)


def _docs_built(docs: Future[Path | None], summary: RunSummary) -> None:
    """Wait for the run's Data Docs and name them in the summary; a failure here only warns."""
    try:
        page = docs.result()
    except Exception as exc:  # noqa: BLE001 - the load is done; the docs are a view of it
        summary.check_warnings.append(f"Data Docs could not be built: {exc}")
        return
    summary.docs_path = str(page) if page else None


def _record_run(
    con: duckdb.DuckDBPyConnection,
    load_id: str,
    figures: dict[str, object],
    summary: RunSummary,
    checks: CheckLog,
) -> None:
    quality.record_run(
        con,
        load_id,
        figures,
        critical_failures=len(summary.check_failures),
        warnings=len(summary.check_warnings),
        seconds=checks.seconds,
        docs_path=summary.docs_path,
    )


def _fresh_batches(
    items: Iterator[Item],
    settings: Settings,
    summary: RunSummary,
    tally: Tally,
) -> Iterator[list[Item]]:
    """Batches of what needs transforming: rejects from reading, and documents neither seen
    earlier in this run nor already in the marts with the same content."""
    db, wait = settings.db, settings.lock_wait_seconds
    seen = SeenKeys()
    for batch in _batches(items, settings.batch_size):
        fresh: list[Item] = []
        documents = [d for d in batch if isinstance(d, SourceDocument)]
        summary.documents_read += len(documents)
        keys = [article_id(d.url) for d in documents]
        # Read-only: an analyst's read-only session opened during the run shares the file
        # with this lookup; it holds up only the promotion, not every batch.
        with connect(db, read_only=True, wait_seconds=wait) as con:
            unchanged = loading.unchanged_article_ids(
                con, [(key, d.content_hash) for key, d in zip(keys, documents, strict=True)]
            )
        if summary.command == "reprocess":
            unchanged = set()  # a reprocess re-derives every stored page: none is "unchanged"
        # The documents' keys, in batch order, each with whether the run meets it first here.
        firsts = iter(zip(keys, seen.first_seen(keys), strict=True))
        skipped = 0
        for item in batch:
            if isinstance(item, Reject):
                fresh.append(item)
                continue
            key, first = next(firsts)
            if not first:
                summary.duplicates_in_run += 1
                skipped += 1
            elif key in unchanged:
                summary.unchanged += 1
                skipped += 1
            else:
                fresh.append(item)
        tally.add(read=len(batch), unchanged=skipped)
        if fresh:
            yield fresh


def _load_batches(
    items: Iterator[Item],
    request: RunRequest,
    settings: Settings,
    stages: Stages,
    summary: RunSummary,
    checks: CheckLog,
    collector: RunValidations,
    tally: Tally,
) -> None:
    """Transform the fresh batches (on workers when the stages have them), then check and
    stage them here, in order, a few batches per write: this process is the only writer."""
    reasons: Counter[str] = Counter()
    seconds: dict[str, float] = {}

    def record(written: StagedWrite | None) -> None:
        if written is None:
            return
        seconds["load"] = seconds.get("load", 0.0) + written.load_seconds
        outcome = written.outcome
        if outcome is None:  # only tables without a suite were written
            return
        checks.add(ValidationReport(outcome.checks, written.check_seconds))
        for check in outcome.quarantined["check"].to_list():
            summary.quarantined[check] = summary.quarantined.get(check, 0) + 1

    buffer = StagingBuffer(stages, settings.db, summary.load_id, collector)
    fresh = _fresh_batches(items, settings, summary, tally)
    transformed = stages.transform_batches(fresh, settings.min_article_chars, request.window)
    with closing(transformed) if isinstance(transformed, Generator) else nullcontext():
        for frames in transformed:
            for stage, spent in frames.stage_seconds.items():
                seconds[stage] = seconds.get(stage, 0.0) + spent
            summary.outside_window += frames.outside_window
            batch_reasons = frames["rejects"]["reason"].to_list()
            reasons.update(batch_reasons)
            record(buffer.add(frames.frames))
            tally.add(
                processed=frames.count("documents") + frames.outside_window,
                rejected=len(batch_reasons),
            )
    record(buffer.flush())
    summary.rejects_by_reason = dict(reasons.most_common())
    summary.stage_seconds = {k: round(v, 3) for k, v in seconds.items()}
