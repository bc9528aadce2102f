"""The Wirehouse load as a Prefect flow: one task per batch and stage, never per article.

The flow is :func:`wirehouse.runner.execute` with its stages wrapped as Prefect tasks, so
a run seen in the Prefect UI is the same run the inline orchestrator performs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from expectations.docs import RunValidations
from expectations.quarantine import Isolation
from transforms.batch import BatchFrames, DateWindow
from warehouse.loading import Promotion
from wirehouse.inputs import Item
from wirehouse.runner import InlineStages, RunRequest, RunSummary, execute
from wirehouse.settings import Settings

_INLINE = InlineStages()


# Inputs are batches of documents and file paths: caching on them would hash megabytes of
# HTML per call for nothing, so every task opts out.
@task(name="transform-batch", cache_policy=NO_CACHE)
def transform_task(docs: list[Item], min_chars: int, window: DateWindow | None) -> BatchFrames:
    return _INLINE.transform(docs, min_chars, window)


@task(name="validate-batch", cache_policy=NO_CACHE)
def validate_task(frames: dict[str, pl.DataFrame], collector: RunValidations | None) -> Isolation:
    return _INLINE.validate(frames, collector)


@task(name="stage-batch", cache_policy=NO_CACHE)
def stage_task(db: Path, load_id: str, frames: dict[str, pl.DataFrame], wait: float) -> None:
    _INLINE.stage(db, load_id, frames, wait)


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
    """The runner's stages as Prefect tasks (called synchronously, in order)."""

    def transform(self, docs: list[Item], min_chars: int, window: DateWindow | None) -> BatchFrames:
        return transform_task(docs, min_chars, window)

    def validate(
        self, frames: dict[str, pl.DataFrame], collector: RunValidations | None
    ) -> Isolation:
        return validate_task(frames, collector)

    def stage(self, db: Path, load_id: str, frames: dict[str, pl.DataFrame], wait: float) -> None:
        stage_task(db, load_id, frames, wait)

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
    return execute(req, Settings(**settings), PrefectStages())
