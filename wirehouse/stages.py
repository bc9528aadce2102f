"""The four steps of a run (transform, check, stage, promote), called through one protocol so
that the run loop is the same inline and under Prefect (:mod:`flows.pipeline`).

Batches are transformed on workers; their frames are checked and staged here, in the one
writer, a staging write (:class:`StagingBuffer`) at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import Protocol

import polars as pl

from expectations.docs import RunValidations
from expectations.quarantine import Isolation
from transforms.batch import BatchFrames, DateWindow, transform_batch
from transforms.identity import digest
from transforms.schemas import QUARANTINE
from warehouse import loading
from warehouse.connection import connect
from warehouse.loading import Promotion
from warehouse.staged_files import StagedFiles
from wirehouse.inputs import Item
from wirehouse.parallel import TransformPool
from wirehouse.run_models import RunSummary


class Stages(Protocol):
    """The four steps of a batch, which an orchestrator may wrap (as Prefect tasks)."""

    def transform(
        self, docs: list[Item], min_chars: int, window: DateWindow | None
    ) -> BatchFrames: ...

    def transform_batches(
        self, batches: Iterable[list[Item]], min_chars: int, window: DateWindow | None
    ) -> Iterator[BatchFrames]:
        """Every batch transformed, in order; workers may do several at once."""
        ...

    def validate(
        self, frames: dict[str, pl.DataFrame], collector: RunValidations | None
    ) -> Isolation: ...

    def stage(self, db: Path, load_id: str, frames: dict[str, pl.DataFrame]) -> None: ...

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

    def transform_batches(
        self, batches: Iterable[list[Item]], min_chars: int, window: DateWindow | None
    ) -> Iterator[BatchFrames]:
        if self.pool is not None:
            return self.pool.map(batches, min_chars, window)
        return (self.transform(docs, min_chars, window) for docs in batches)

    def validate(
        self, frames: dict[str, pl.DataFrame], collector: RunValidations | None
    ) -> Isolation:
        from expectations.quarantine import isolate
        from expectations.runner import validate_frames

        return isolate(frames, validate_frames(frames, collector=collector))

    def stage(self, db: Path, load_id: str, frames: dict[str, pl.DataFrame]) -> None:
        StagedFiles.of_load(db, load_id).write(load_id, frames)

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
                StagedFiles.of_load(db, load_id),
                counts=counts,
                stage_seconds=summary.stage_seconds,
                cursors=cursors,
                checks=checks,
            )


def quarantine_rows(isolated: pl.DataFrame) -> pl.DataFrame:
    """The quarantine checks' rows as ``quarantine`` table rows (key and article added)."""
    if isolated.is_empty():
        return QUARANTINE.empty()
    keys = [
        digest("quarantine", t, k, c)
        for t, k, c in isolated.select("table_name", "row_key", "check").rows()
    ]
    return (
        isolated.rename({"check": "check_name"})
        .with_columns(
            pl.Series("quarantine_id", keys, dtype=pl.String),
            pl.col("row_json").str.json_path_match("$.article_id").alias("article_id"),
            pl.lit(None, pl.String).alias("load_id"),
        )
        .select(QUARANTINE.column_names)
        .cast(QUARANTINE.schema)
    )


@dataclass(frozen=True, slots=True)
class StagedWrite:
    """What one staging write checked and wrote: the checks' outcome and the time of each."""

    outcome: Isolation
    check_seconds: float
    load_seconds: float


class StagingBuffer:
    """Transformed batches held in the writer, then checked and staged as one write.

    Each Great Expectations validation costs about half a second whatever its size, and each
    staged Parquet part a file per table, so a write of ~50,000 rows (about 2,000 articles)
    checks several times more rows per second than one per batch of 200, and a 100,000-page
    run stages ~50 parts per table rather than 500. Rows that fail a
    quarantinable check go to ``quarantine`` instead; the rest are staged even when a
    critical check failed, for inspection (the run is then not promoted).
    Memory stays bounded by ``rows`` and by ``max_bytes``: the raw pages are most of what is
    held (39 of the 52 MB of a 50,000-row write of ``make bench``'s pages), and outlets whose
    pages run to megabytes would otherwise fill a write of 50,000 rows with gigabytes. The
    buffer must be flushed before the run's checks read staging.
    """

    def __init__(
        self,
        stages: Stages,
        db: Path,
        load_id: str,
        collector: RunValidations | None = None,
        rows: int = 50_000,
        max_bytes: int = 96 * 2**20,
    ) -> None:
        self.stages, self.db, self.load_id = stages, db, load_id
        self.collector, self.rows, self.max_bytes = collector, rows, max_bytes
        self._held: list[dict[str, pl.DataFrame]] = []
        self._count = 0
        self._bytes = 0

    def add(self, frames: dict[str, pl.DataFrame]) -> StagedWrite | None:
        """Hold one batch's frames; check and write them all once enough rows or bytes are held."""
        self._held.append(frames)
        self._count += sum(frame.height for frame in frames.values())
        self._bytes += int(sum(frame.estimated_size() for frame in frames.values()))
        full = self._count >= self.rows or self._bytes >= self.max_bytes
        return self.flush() if full else None

    def flush(self) -> StagedWrite | None:
        """Check every held batch and write it as one staging write (None: nothing held)."""
        if not self._held:
            return None
        tables = {name for held in self._held for name in held}
        merged = {
            name: pl.concat([held[name] for held in self._held if name in held], how="vertical")
            for name in tables
        }
        self._held, self._count, self._bytes = [], 0, 0
        began = perf_counter()
        outcome = self.stages.validate(merged, self.collector)
        checked = perf_counter()
        staged = {**outcome.frames, QUARANTINE.name: quarantine_rows(outcome.quarantined)}
        self.stages.stage(self.db, self.load_id, staged)
        return StagedWrite(outcome, checked - began, perf_counter() - checked)
