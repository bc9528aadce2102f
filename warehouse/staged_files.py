"""A running load's staged rows: Parquet files beside the warehouse, one folder per load.

A run stages every checked write here instead of in the DuckDB file: writing a Parquet file
costs no transaction and no checkpoint, where each DuckDB staging write reopened the file and
checkpointed a staging table that grew with the run, so the writer's memory grew with it
(1.4 GB at 100,000 pages against 0.6 GB at 10,000). The promotion reads the files once, in
one insert-select per table, through the views :func:`attach` makes.

Layout: ``<db>.staging/<load_id>/<table>/part-00001.parquet``, parts numbered in staging
order. A part is written under a temporary name and renamed, so a part that exists is whole.
Nothing here is ever the only copy of loaded data: a folder is deleted after its load
committed, and swept (under the run lock) when its load died before that.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from transforms.schemas import Table
from warehouse.sql_text import sql_literal

#: The catalog the staged views live in while a connection reads them.
CATALOG = "staged"


def staging_root(db: Path) -> Path:
    """The folder holding every running load's staged files, beside the warehouse."""
    return db.with_name(db.name + ".staging")


def clear_staging(db: Path) -> list[str]:
    """Delete every load's staged files; returns the load ids they belonged to.

    Call it only under the run lock: no load is running then, so every folder belongs to a
    load that committed (and died before deleting it) or died before committing.
    """
    root = staging_root(db)
    if not root.is_dir():
        return []
    swept = sorted(p.name for p in root.iterdir())
    shutil.rmtree(root)
    return swept


@dataclass(frozen=True, slots=True)
class StagedFiles:
    """The Parquet parts one load staged, under ``folder``."""

    folder: Path

    @classmethod
    def of_load(cls, db: Path, load_id: str) -> StagedFiles:
        return cls(staging_root(db) / load_id)

    def parts(self, table: str) -> list[Path]:
        """The table's parts, in the order they were staged."""
        folder = self.folder / table
        return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []

    def write(self, load_id: str, frames: Mapping[str, pl.DataFrame]) -> None:
        """Stage one write: a new part per non-empty frame, each tagged with ``load_id``.

        Raises
        ------
        OSError
            The part could not be written (the disk is full, the folder read-only); parts
            written before it stay, and are swept with the load.
        """
        for name, frame in frames.items():
            if not frame.height:
                continue
            folder = self.folder / name
            folder.mkdir(parents=True, exist_ok=True)
            part = folder / f"part-{len(self.parts(name)) + 1:05d}.parquet"
            partial = part.with_suffix(".partial")
            frame.with_columns(pl.lit(load_id).alias("load_id")).write_parquet(
                partial, compression="lz4", statistics=False
            )
            os.replace(partial, part)

    def relation(self, table: Table) -> str:
        """SQL for the staged rows of ``table`` with its columns, in staging order, plus
        ``filename`` and ``file_row_number`` (which say which row was staged first); a
        typed empty select when nothing was staged."""
        parts = self.parts(table.name)
        if not parts:
            typed = [f"CAST(NULL AS {c.sql}) AS {c.name}" for c in table.columns]
            typed += ["NULL::VARCHAR AS filename", "NULL::BIGINT AS file_row_number"]
            return f"SELECT {', '.join(typed)} LIMIT 0"
        files = ", ".join(sql_literal(str(p)) for p in parts)
        columns = ", ".join(table.column_names)
        return (
            f"SELECT {columns}, filename, file_row_number FROM read_parquet([{files}], "
            "filename = true, file_row_number = true, union_by_name = true)"
        )

    def remove(self) -> None:
        """Delete the load's folder (after its promotion committed, or once it is kept), and
        the staging folder too when no other load's is left in it."""
        shutil.rmtree(self.folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            self.folder.parent.rmdir()  # only ever removes an empty folder


@contextmanager
def attach(
    con: duckdb.DuckDBPyConnection, staged: StagedFiles, tables: tuple[Table, ...]
) -> Iterator[None]:
    """Views ``staged.<table>`` over the load's parts, for as long as the block runs.

    They live in an in-memory catalog of their own, so nothing about them reaches the
    warehouse file, and SQL reads them by the same two-part name whatever the load.
    """
    con.execute(f"ATTACH ':memory:' AS {CATALOG}")
    try:
        for table in tables:
            con.execute(f"CREATE VIEW {CATALOG}.{table.name} AS {staged.relation(table)}")
        yield
    finally:
        con.execute(f"DETACH {CATALOG}")
