"""Under Prefect, the process pool task runner loads the same rows as a serial inline run."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.pipeline import task_runner_for
from tests.conftest import SAMPLE
from tests.wirehouse.test_parallel import _snapshot
from wirehouse import api
from wirehouse.settings import Settings


def test_the_setting_picks_the_prefect_task_runner() -> None:
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
    from prefect_dask.task_runners import DaskTaskRunner

    assert isinstance(task_runner_for(Settings(task_runner="process")), ProcessPoolTaskRunner)
    assert isinstance(task_runner_for(Settings(task_runner="thread")), ThreadPoolTaskRunner)
    remote = task_runner_for(Settings(task_runner="dask", dask_address="tcp://10.0.0.9:8786"))
    assert isinstance(remote, DaskTaskRunner)


@pytest.mark.timeout(900)
def test_a_prefect_run_on_a_process_pool_loads_what_a_serial_run_does(tmp_path: Path) -> None:
    common = {"batch_size": 7, "workers": 2, "lock_wait_seconds": 30}
    serial = Settings(
        db=tmp_path / "serial.duckdb", orchestrator="inline", task_runner="serial", **common
    )
    pooled = Settings(
        db=tmp_path / "prefect.duckdb", orchestrator="prefect", task_runner="process", **common
    )
    api.ingest([SAMPLE / "site"], settings=serial)
    summary = api.ingest([SAMPLE / "site"], settings=pooled)
    assert summary.status == "complete"
    assert _snapshot(pooled.db) == _snapshot(serial.db)
