"""One writing run at a time per warehouse file, across processes.

DuckDB's own file lock fails a second writer at once; runs hold the file only in short
stretches, so two runs could interleave their loads. This advisory lock beside the file
makes the second run wait (bounded), then exit with a reason naming the first.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from wirehouse.errors import WarehouseBusy, WarehouseError


@contextmanager
def run_lock(db: Path, *, wait_seconds: float) -> Iterator[None]:
    """Hold ``<db>.lock`` for the duration of a run.

    Raises
    ------
    WarehouseBusy
        Another run held the lock for longer than ``wait_seconds``.
    WarehouseError
        The lock file cannot be created (a read-only or full file system, no permission).
    """
    path = db.with_name(db.name + ".lock")
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+")  # noqa: SIM115 - closed by the `with` below
    except OSError as exc:
        raise WarehouseError(f"{path}: cannot create the run lock: {exc.strerror}") from exc
    with handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise WarehouseBusy(
                        f"{db}: another run is writing to this warehouse ({holder}); "
                        f"waited {wait_seconds:g} s"
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
