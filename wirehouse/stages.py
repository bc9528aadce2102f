"""The four steps of a batch (transform, check, stage, promote), called through one protocol so
that the run loop is the same inline and under Prefect (:mod:`flows.pipeline`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from time import perf_counter
from typing import Protocol

import polars as pl

from expectations.docs import RunValidations
from expectations.quarantine import Isolation
from transforms.batch import BatchFrames, DateWindow, transform_batch
from warehouse import loading
from warehouse.connection import connect
from warehouse.loading import Promotion
from wirehouse.inputs import Item
from wirehouse.parallel import CheckedBatch, TransformPool, collected
from wirehouse.run_models import RunSummary


class Stages(Protocol):
    """The four steps of a batch, which an orchestrator may wrap (as Prefect tasks)."""

    def transform(
        self, docs: list[Item], min_chars: int, window: DateWindow | None
    ) -> BatchFrames: ...

    def check_batches(
        self,
        batches: Iterable[list[Item]],
        min_chars: int,
        window: DateWindow | None,
        collector: RunValidations,
    ) -> Iterator[CheckedBatch]:
        """Every batch transformed and validated, in order; workers may do several at once."""
        ...

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
    """The stages called directly: transforms on ``pool``'s workers, or one by one here.

    Without a pool every batch goes through :meth:`transform`, which a subclass may override.
    """

    pool: TransformPool | None = None  # a class default: subclasses need not call __init__

    def __init__(self, pool: TransformPool | None = None) -> None:
        self.pool = pool

    def transform(self, docs: list[Item], min_chars: int, window: DateWindow | None) -> BatchFrames:
        return transform_batch(docs, min_chars=min_chars, window=window)

    def check_batches(
        self,
        batches: Iterable[list[Item]],
        min_chars: int,
        window: DateWindow | None,
        collector: RunValidations,
    ) -> Iterator[CheckedBatch]:
        if self.pool is not None:
            return collected(self.pool.map(batches, min_chars, window), collector)
        return (self.check(docs, min_chars, window, collector) for docs in batches)

    def check(
        self,
        docs: list[Item],
        min_chars: int,
        window: DateWindow | None,
        collector: RunValidations | None,
    ) -> CheckedBatch:
        """One batch through :meth:`transform` and :meth:`validate`, here."""
        frames = self.transform(docs, min_chars, window)
        began = perf_counter()
        outcome = self.validate(frames.frames, collector)
        return CheckedBatch(frames, outcome, perf_counter() - began)

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


class StagingBuffer:
    """Checked batches held in the writer until they make one large staging write.

    Each DuckDB insert costs tens of milliseconds whatever its size (and each opening of the
    file, a checkpoint on close), so a write of ~50,000 rows loads several times more rows
    per second than one per batch of 200 articles. Memory stays bounded by ``rows``.
    The buffer must be flushed before the run's checks read staging.
    """

    def __init__(
        self, stages: Stages, db: Path, load_id: str, wait: float, rows: int = 50_000
    ) -> None:
        self.stages, self.db, self.load_id, self.wait, self.rows = stages, db, load_id, wait, rows
        self._held: list[dict[str, pl.DataFrame]] = []
        self._count = 0

    def add(self, frames: dict[str, pl.DataFrame]) -> float:
        """Hold one batch's frames; write when enough rows are held. Returns seconds written."""
        self._held.append(frames)
        self._count += sum(frame.height for frame in frames.values())
        return self.flush() if self._count >= self.rows else 0.0

    def flush(self) -> float:
        """Write every held batch as one staging write; returns the seconds it took."""
        if not self._held:
            return 0.0
        began = perf_counter()
        tables = {name for held in self._held for name in held}
        merged = {
            name: pl.concat([held[name] for held in self._held if name in held], how="vertical")
            for name in tables
        }
        self.stages.stage(self.db, self.load_id, merged, self.wait)
        self._held, self._count = [], 0
        return perf_counter() - began
