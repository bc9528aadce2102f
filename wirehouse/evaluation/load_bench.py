"""The loader alone: how fast staged frames reach the marts, away from the CPU stages.

A pipeline round's ``load`` time mixes many small batches with the rest of the run. This
takes the rows a round really produced (every staged table, read back from its warehouse),
repeats them ``copies`` times under fresh keys, and times the loader's own calls on them in a
new warehouse: :meth:`~warehouse.staged_files.StagedFiles.write` (one Parquet part per table)
and :func:`~warehouse.loading.promote` (insert-select from the parts into the marts, audits,
one commit) on its own connection as a run does, so the close's checkpoint is counted.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from transforms.schemas import DOCUMENTS, Table
from warehouse import loading
from warehouse.ddl import STAGED, ensure_schema
from warehouse.staged_files import StagedFiles

__all__ = ["LoadRound", "load_round", "read_frames", "repeated"]

#: Columns that must stay unique when rows are repeated: keys, and what keys are made from.
_KEYED = ("url", "row_key")


@dataclass(frozen=True, slots=True)
class LoadRound:
    """One stage-and-promote of repeated real rows into a fresh warehouse."""

    rows: dict[str, int]
    stage_seconds: float
    promote_seconds: float

    @property
    def seconds(self) -> float:
        return self.stage_seconds + self.promote_seconds

    @property
    def quote_rows_per_second(self) -> float:
        return self.rows.get("quotes", 0) / self.seconds

    @property
    def table_rows(self) -> int:
        """Rows loaded into the staged tables (raw documents not counted)."""
        return sum(n for name, n in self.rows.items() if name != DOCUMENTS.name)

    @property
    def rows_per_second(self) -> float:
        return self.table_rows / self.seconds


def _select(con: duckdb.DuckDBPyConnection, table: Table, qualified: str) -> pl.DataFrame:
    columns = ", ".join(table.column_names)
    return con.execute(f"SELECT {columns} FROM {qualified}").pl()


def read_frames(db: Path) -> dict[str, pl.DataFrame]:
    """Every staged table's mart rows, and the raw documents, of a loaded warehouse."""
    with duckdb.connect(str(db), read_only=True) as con:
        frames = {table.name: _select(con, table, f"main.{table.name}") for table in STAGED}
        frames[DOCUMENTS.name] = _select(con, DOCUMENTS, "raw.documents")
    return frames


def _renamed(frame: pl.DataFrame, copy: int) -> pl.DataFrame:
    """The rows under keys of their own: every id, URL and row key gets a ``-copy`` suffix."""
    keyed = [
        pl.col(name) + f"-{copy}"
        for name, dtype in frame.schema.items()
        if dtype == pl.String and (name.endswith("_id") or name in _KEYED)
    ]
    return frame.with_columns(keyed) if keyed else frame


def repeated(frames: dict[str, pl.DataFrame], copies: int) -> dict[str, pl.DataFrame]:
    """``copies`` disjoint copies of the rows: the same shape and text, distinct keys."""
    return {
        name: pl.concat([_renamed(frame, n) for n in range(copies)])
        for name, frame in frames.items()
    }


def load_round(frames: dict[str, pl.DataFrame], workdir: Path) -> LoadRound:
    """Stage ``frames`` as one batch and promote them into a new warehouse; time both."""
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "load.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    load_id = loading.new_load_id()
    with duckdb.connect(str(db)) as con:
        ensure_schema(con)
        loading.begin_load(con, load_id, "load benchmark")
    files = StagedFiles.of_load(db, load_id)
    files.remove()
    started = time.perf_counter()
    files.write(load_id, frames)
    staged = time.perf_counter()
    with duckdb.connect(str(db)) as con:
        promotion = loading.promote(con, load_id, files, counts={}, stage_seconds={})
    promoted = time.perf_counter()
    rows = {**promotion.rows, DOCUMENTS.name: frames[DOCUMENTS.name].height}
    return LoadRound(rows, staged - started, promoted - staged)
