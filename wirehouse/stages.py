"""The four steps of a run (transform, check, stage, promote), called through one protocol so
that the run loop is the same inline and under Prefect (:mod:`flows.pipeline`).

Batches are transformed on workers; their frames are checked and staged here, in the one
writer, a staging write (:class:`StagingBuffer`) at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Protocol

import polars as pl

from expectations.docs import RunValidations
from expectations.quarantine import Isolation
from expectations.suites import suite_names
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
    """What one call's staging writes checked and wrote: the checks' outcome (None when only
    tables without a suite were written) and the time of each."""

    outcome: Isolation | None
    check_seconds: float
    load_seconds: float


@dataclass(slots=True)
class _Held:
    """Frames held for one write, and how many rows and bytes they add up to."""

    frames: list[dict[str, pl.DataFrame]] = field(default_factory=list)
    rows: int = 0
    bytes: int = 0

    def add(self, frames: dict[str, pl.DataFrame]) -> None:
        if frames:
            self.frames.append(frames)
            self.rows += sum(frame.height for frame in frames.values())
            self.bytes += int(sum(frame.estimated_size() for frame in frames.values()))

    def take(self) -> dict[str, pl.DataFrame]:
        """Every held frame, one per table in the order held; the hold is empty after."""
        tables = dict.fromkeys(name for held in self.frames for name in held)
        merged = {
            name: pl.concat([held[name] for held in self.frames if name in held], how="vertical")
            for name in tables
        }
        self.frames, self.rows, self.bytes = [], 0, 0
        return merged


class StagingBuffer:
    """Transformed batches held in the writer, then checked and staged a write at a time.

    A Great Expectations validation costs about 1.4 s whatever its size (GX builds a graph
    per expectation; 83,000 rows or 250,000 cost the same), so the tables with a suite are
    checked ~50,000 rows at a time, several batches' worth, and each staged Parquet part is
    a file per table. Larger writes would make fewer validations (18 rather than 71 in a
    100,000-page run), but converting a write to pandas for GX holds about 0.75 kB a row,
    which the writer keeps: with writes of 200,000 rows its peak over the writes of a
    10,000-page run rose from 470-537 to 632 MB. Rows that fail a quarantinable check go to
    ``quarantine`` instead; the rest are staged even when a critical check failed, for
    inspection (the run is then not promoted).

    The tables no suite checks (the raw pages in ``documents``, ``http_cache``) are never
    given to GX nor counted in ``rows``: they are written with each checked write, and on
    their own whenever ``raw_bytes`` of them are held in between. They are most of the
    bytes (58 of the 80 MB of ``make bench``'s 2,476 pages), and outlets whose pages run to
    megabytes would otherwise fill memory long before the checked rows reach their bound.
    (Held until ``raw_bytes`` alone, small pages' documents waited through many checked
    writes: a 100,000-page run wrote 32 MB of them while its workers ran and peaked 82 MB
    above a 10,000-page one, whose pages never filled the bound.) Memory stays bounded by
    ``rows`` and ``max_bytes`` for the checked tables and by ``raw_bytes`` for the rest. The
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
        raw_bytes: int = 32 * 2**20,
    ) -> None:
        self.stages, self.db, self.load_id = stages, db, load_id
        self.collector, self.rows, self.max_bytes = collector, rows, max_bytes
        self.raw_bytes = raw_bytes
        self._checked = set(suite_names())
        self._held = _Held()  # the tables with a suite
        self._raw = _Held()  # the tables without one

    def add(self, frames: dict[str, pl.DataFrame]) -> StagedWrite | None:
        """Hold one batch's frames; check and write the checked tables once ``rows`` or
        ``max_bytes`` of them are held, the others with them or once ``raw_bytes`` are."""
        self._held.add({n: f for n, f in frames.items() if n in self._checked})
        self._raw.add({n: f for n, f in frames.items() if n not in self._checked})
        checked_full = self._held.rows >= self.rows or self._held.bytes >= self.max_bytes
        raw_full = self._raw.bytes >= self.raw_bytes
        return self._write(checked=checked_full, raw=checked_full or raw_full)

    def flush(self) -> StagedWrite | None:
        """Check and write everything held (None: nothing was held)."""
        return self._write(checked=True, raw=True)

    def _write(self, *, checked: bool, raw: bool) -> StagedWrite | None:
        outcome, check_seconds, load_seconds = None, 0.0, 0.0
        wrote_raw = raw and bool(self._raw.frames)
        if wrote_raw:
            began = perf_counter()
            self.stages.stage(self.db, self.load_id, self._raw.take())
            load_seconds += perf_counter() - began
        if checked and self._held.frames:
            began = perf_counter()
            outcome = self.stages.validate(self._held.take(), self.collector)
            checked_at = perf_counter()
            staged = {**outcome.frames, QUARANTINE.name: quarantine_rows(outcome.quarantined)}
            self.stages.stage(self.db, self.load_id, staged)
            check_seconds = checked_at - began
            load_seconds += perf_counter() - checked_at
        if outcome is None and not wrote_raw:
            return None
        return StagedWrite(outcome, check_seconds, load_seconds)
