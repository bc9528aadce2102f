"""The four steps of a batch (transform, check, stage, promote), called through one protocol so
that the run loop is the same inline and under Prefect (:mod:`flows.pipeline`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

import polars as pl

from expectations.docs import RunValidations
from expectations.quarantine import Isolation
from transforms.batch import BatchFrames, DateWindow, transform_batch
from warehouse import loading
from warehouse.connection import connect
from warehouse.loading import Promotion
from wirehouse.inputs import Item
from wirehouse.run_models import RunSummary


class Stages(Protocol):
    """The four steps of a batch, which an orchestrator may wrap (as Prefect tasks)."""

    def transform(
        self, docs: list[Item], min_chars: int, window: DateWindow | None
    ) -> BatchFrames: ...

    def validate(
        self, frames: dict[str, pl.DataFrame], collector: RunValidations | None
    ) -> Isolation: ...

    def stage(
        self, db: Path, load_id: str, frames: dict[str, pl.DataFrame], wait: float
    ) -> None: ...

    def promote(
        self,
        db: Path,
        load_id: str,
        summary: RunSummary,
        cursors: dict[str, dt.datetime],
        checks: list[dict[str, object]],
        wait: float,
    ) -> Promotion: ...


class InlineStages:
    """The stages called directly, in this process."""

    def transform(self, docs: list[Item], min_chars: int, window: DateWindow | None) -> BatchFrames:
        return transform_batch(docs, min_chars=min_chars, window=window)

    def validate(
        self, frames: dict[str, pl.DataFrame], collector: RunValidations | None
    ) -> Isolation:
        from expectations.quarantine import isolate
        from expectations.runner import validate_frames

        return isolate(frames, validate_frames(frames, collector=collector))

    def stage(self, db: Path, load_id: str, frames: dict[str, pl.DataFrame], wait: float) -> None:
        with connect(db, wait_seconds=wait) as con:
            loading.stage_batch(con, load_id, frames)

    def promote(
        self,
        db: Path,
        load_id: str,
        summary: RunSummary,
        cursors: dict[str, dt.datetime],
        checks: list[dict[str, object]],
        wait: float,
    ) -> Promotion:
        counts = {
            "documents_read": summary.documents_read,
            "unchanged": summary.unchanged,
            "outside_window": summary.outside_window,
        }
        with connect(db, wait_seconds=wait) as con:
            return loading.promote(
                con,
                load_id,
                counts=counts,
                stage_seconds=summary.stage_seconds,
                cursors=cursors,
                checks=checks,
            )
