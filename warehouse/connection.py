"""Opening the DuckDB file: briefly, with bounded retries while another process holds it."""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.sql_text import sql_literal
from wirehouse.errors import WarehouseBusy, WarehouseError

_LOCK_MESSAGES = ("Could not set lock", "Conflicting lock")

# DuckDB's own default is 80% of the machine's memory, which it fills on a large warehouse
# (the search index rebuild, the promotion of a long backfill) before it spills to disk;
# capped, it spills sooner (the cap is not a hard bound: checkpoints can go past it). The
# default of 200MB costs no time: on 100,000 pages the index build took 33.6 s and peaked at
# 391 MB, against 39.8 s and 696 MB at 500MB.
# Process-wide, as DuckDB's setting is per open database: set once by the API from
# ``WIREHOUSE_DUCKDB_MEMORY_LIMIT``.
_memory_limit: str | None = None

# Rows per row group in what this process writes (DuckDB's default is 122,880). A load's rows
# sit in memory until a whole row group of them is written, so with the default, everything
# a load adds to a table of long texts (articles, raw pages) is held and then compressed at
# the commit, past the memory cap: promoting 100,000 pages peaked at 742 MB, against 522 MB
# with 16,384-row groups, in the same 12 s. The size is an ATTACH option that the file does
# not keep, so every writing connection attaches the file with it.
_ROW_GROUP_ROWS = 16_384
# The name the warehouse goes by on a writing connection. SQL here never names the catalog
# (it says ``main.articles``), so the name only shows in DuckDB's own messages.
_CATALOG = "warehouse"


def limit_memory(limit: str | None) -> None:
    """Cap DuckDB's memory on every connection this process opens from now (None: DuckDB's
    default). ``limit`` is a DuckDB size such as ``"200MB"``; past it DuckDB spills to a
    ``.tmp`` folder beside the file."""
    global _memory_limit
    _memory_limit = limit


@contextmanager
def connect(
    db: Path, *, read_only: bool = False, wait_seconds: float = 30.0
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse, retrying with jittered backoff while another process holds it.

    DuckDB lets one process write, or several read, at a time; a conflicting open fails at
    once. Runs and ``wirehouse sql`` therefore hold the file only for short stretches, and
    whoever finds it busy waits a bounded time before giving up with a clear message.

    Raises
    ------
    WarehouseBusy
        The file stayed locked for ``wait_seconds``.
    WarehouseError
        The file is missing (when reading), not a DuckDB file, or cannot be written.
    """
    if read_only and not db.exists():
        raise WarehouseError(f"{db}: no warehouse here yet; run `wirehouse ingest` or `make run`")
    if not read_only:
        db.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(db), read_only=True) if read_only else _open_to_write(db)
            break
        except duckdb.IOException as exc:
            message = str(exc)
            if not any(m in message for m in _LOCK_MESSAGES):
                raise WarehouseError(f"{db}: cannot open the warehouse: {message}") from exc
            if time.monotonic() >= deadline:
                holder = message.split("Conflicting lock is held in", 1)[-1].strip()
                raise WarehouseBusy(
                    f"{db}: the warehouse is in use by another process ({holder}); "
                    f"gave up after {wait_seconds:.0f} s"
                ) from exc
            # Never sleep past the deadline: the bound is what the caller was promised.
            remaining = max(deadline - time.monotonic(), 0.0)
            time.sleep(min(delay * (0.5 + random.random()), remaining))
            delay = min(delay * 2, 2.0)
        except duckdb.Error as exc:
            raise WarehouseError(_open_failure(db, exc)) from exc
    try:
        if _memory_limit is not None:
            con.execute("SET memory_limit = ?", [_memory_limit])
        yield con
    finally:
        con.close()


def _open_to_write(db: Path) -> duckdb.DuckDBPyConnection:
    """The warehouse attached with this project's row-group size, as the default catalog.

    DuckDB spills beside its main file (``<file>.tmp``); with an in-memory main database it
    would spill into the working directory, so the folder is named here.
    """
    con = duckdb.connect(":memory:", config={"temp_directory": f"{db}.tmp"})
    try:
        options = f"ROW_GROUP_SIZE {_ROW_GROUP_ROWS}"
        con.execute(f"ATTACH {sql_literal(str(db))} AS {_CATALOG} ({options})")
        con.execute(f"USE {_CATALOG}")
    except BaseException:
        con.close()
        raise
    return con


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back what is still open, never masking the error that got us here.

    A COMMIT that fails (the disk is full) has already ended the transaction; a ROLLBACK
    would then raise its own error and hide the one worth reporting.
    """
    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")


def _open_failure(db: Path, exc: duckdb.Error) -> str:
    """One line saying why the file would not open (DuckDB appends a stack trace to some)."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "replaying WAL" in first:
        wal = db.with_name(db.name + ".wal")
        return (
            f"{db}: cannot open the warehouse: its write-ahead log {wal} does not apply to it "
            f"({first}); if the file was put back from a copy, that log belongs to the file it "
            "replaced: move the log aside and open again"
        )
    return f"{db}: cannot open the warehouse: {first}"
