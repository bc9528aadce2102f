"""One writing run at a time: a second waits, then gives up naming the first."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from warehouse.run_lock import run_lock
from wirehouse.errors import WarehouseBusy


def _hold(db: str, seconds: float) -> None:
    with run_lock(Path(db), wait_seconds=1):
        time.sleep(seconds)


def test_a_second_run_waits_then_says_who_holds_the_warehouse(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    holder = multiprocessing.get_context("spawn").Process(target=_hold, args=(str(db), 5))
    holder.start()
    lock = tmp_path / "w.duckdb.lock"
    try:
        deadline = time.monotonic() + 30
        while not (lock.exists() and lock.read_text().startswith("pid")):
            assert time.monotonic() < deadline, "the first run never took the lock"
            time.sleep(0.05)
        busy = pytest.raises(WarehouseBusy, match=rf"another run is writing.*pid {holder.pid}")
        with busy, run_lock(db, wait_seconds=0.5):
            pass
    finally:
        holder.join()
    with run_lock(db, wait_seconds=0.5):  # free again once the first run ended
        pass
