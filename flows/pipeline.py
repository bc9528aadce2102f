"""The Wirehouse load as a Prefect flow: one task per batch and stage, never per article.

The flow is :func:`wirehouse.runner.execute` with its stages wrapped as Prefect tasks, so
a run seen in the Prefect UI is the same run the inline orchestrator performs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import polars as pl
from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from expectations.docs import RunValidations
from expectations.quarantine import Isolation
from transforms.batch import BatchFrames, DateWindow
from warehouse.loading import Promotion
from wirehouse.inputs import Item
from wirehouse.parallel import bounded_map, default_workers, transform_on_worker
from wirehouse.runner import InlineStages, RunRequest, RunSummary, execute
from wirehouse.settings import Settings

_INLINE = InlineStages()


# Inputs are batches of documents and file paths: caching on them would hash megabytes of
# HTML per call for nothing, so every task opts out.
@task(name="transform-batch", cache_policy=NO_CACHE)
def transform_task(docs: list[Item], min_chars: int, window: DateWindow | None) -> BatchFrames:
    """Transform a batch on a worker of the flow's task runner."""
    return transform_on_worker(docs, min_chars, window)


@task(name="validate-frames", cache_policy=NO_CACHE)
def validate_task(frames: dict[str, pl.DataFrame], collector: RunValidations | None) -> Isolation:
    return _INLINE.validate(frames, collector)


@task(name="stage-batch", cache_policy=NO_CACHE)
def stage_task(db: Path, load_id: str, frames: dict[str, pl.DataFrame]) -> None:
    _INLINE.stage(db, load_id, frames)


@task(name="promote-load", cache_policy=NO_CACHE)
def promote_task(
    db: Path,
    load_id: str,
    summary: RunSummary,
    cursors: dict[str, dt.datetime],
    checks: list[dict[str, object]],
    wait: float,
) -> Promotion:
    return _INLINE.promote(db, load_id, summary, cursors, checks, wait)


class PrefectStages:
    """The runner's stages as Prefect tasks.

    Transforms are submitted to the flow's task runner, at most ``window`` batches in flight
    (``window`` 1: called one by one); checks, staging and promotion run in the flow, in order,
    a staging write of several batches at a time.
    """

    def __init__(self, window: int = 1) -> None:
        self.window = window

    def transform(self, docs: list[Item], min_chars: int, window: DateWindow | None) -> BatchFrames:
        return transform_task(docs, min_chars, window)

    def transform_batches(
        self, batches: Iterable[list[Item]], min_chars: int, window: DateWindow | None
    ) -> Iterator[BatchFrames]:
        if self.window <= 1:
            return (self.transform(docs, min_chars, window) for docs in batches)
        return bounded_map(
            lambda docs: transform_task.submit(docs, min_chars, window), batches, self.window
        )

    def validate(
        self, frames: dict[str, pl.DataFrame], collector: RunValidations | None
    ) -> Isolation:
        return validate_task(frames, collector)

    def stage(self, db: Path, load_id: str, frames: dict[str, pl.DataFrame]) -> None:
        stage_task(db, load_id, frames)

    def promote(
        self,
        db: Path,
        load_id: str,
        summary: RunSummary,
        cursors: dict[str, dt.datetime],
        checks: list[dict[str, object]],
        wait: float,
    ) -> Promotion:
        return promote_task(db, load_id, summary, cursors, checks, wait)


@flow(name="wirehouse-load", log_prints=False, validate_parameters=False)
def load_flow(request: dict[str, Any], settings: dict[str, Any]) -> RunSummary:
    """Load documents into the warehouse (``ingest``, nightly ``run`` or ``backfill``).

    Parameters are plain JSON values (Prefect records them with the flow run): the request
    (:class:`~wirehouse.runner.RunRequest` fields) and the settings.
    """
    req = RunRequest(**{**request, "paths": tuple(request.get("paths", ()))})
    options = Settings(**settings)
    serial = options.task_runner == "serial"
    window = 1 if serial else 2 * (options.workers or default_workers())
    return execute(req, options, PrefectStages(window))


def task_runner_for(settings: Settings) -> TaskRunner[Any]:
    """The Prefect task runner the ``task_runner`` setting names."""
    workers = settings.workers or default_workers()
    if settings.task_runner == "process":
        return ProcessPoolTaskRunner(max_workers=workers)
    if settings.task_runner == "dask":
        from prefect_dask.task_runners import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        local = {"n_workers": workers, "threads_per_worker": 1, "dashboard_address": None}
        return DaskTaskRunner(cluster_kwargs=local)
    return ThreadPoolTaskRunner(max_workers=1 if settings.task_runner == "serial" else workers)


def run_flow(request: dict[str, Any], settings: Settings) -> RunSummary:
    """:func:`load_flow` on the task runner that ``settings`` name."""
    configured = load_flow.with_options(task_runner=task_runner_for(settings))
    return configured(request, settings.model_dump(mode="json"))
