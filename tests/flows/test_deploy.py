"""The nightly deployment, registered on a real ``prefect server start`` on 127.0.0.1 and read
back through the server's REST API."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from flows.deploy import DEPLOYMENT_NAME, FLOW_NAME, ServeError, local_server

ROOT = Path(__file__).resolve().parents[2]
# In a process of its own, as `wirehouse serve` is: the API URL comes from its environment.
REGISTER = (
    "from flows.deploy import register\n"
    "from wirehouse.settings import Settings\n"
    "print(register(Settings()))"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.timeout(240)
def test_register_the_nightly_deployment_and_read_its_schedule(tmp_path: Path) -> None:
    try:
        server = local_server(_free_port(), home=str(tmp_path / "prefect"), wait_seconds=60)
        api_url = server.__enter__()
    except ServeError as exc:
        pytest.skip(f"a local Prefect server could not start here: {exc}")
    try:
        env = {
            **os.environ,
            "PREFECT_API_URL": api_url,
            "PREFECT_HOME": str(tmp_path / "prefect"),
            "WIREHOUSE_SCHEDULE_CRON": "30 3 * * 1-5",
            "WIREHOUSE_SCHEDULE_TIMEZONE": "Europe/Paris",
        }
        registered = subprocess.run(
            [sys.executable, "-c", REGISTER],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert registered.returncode == 0, registered.stderr[-2000:]
        deployment_id = registered.stdout.strip().splitlines()[-1]
        found = httpx.get(f"{api_url}/deployments/name/{FLOW_NAME}/{DEPLOYMENT_NAME}", timeout=10)
        assert found.status_code == 200, found.text
        deployment = found.json()
        assert deployment["id"] == deployment_id
        (schedule,) = [s["schedule"] for s in deployment["schedules"]]
        assert (schedule["cron"], schedule["timezone"]) == ("30 3 * * 1-5", "Europe/Paris")
        # One nightly run at a time: Prefect keeps the limit as a global concurrency limit.
        assert deployment["global_concurrency_limit"]["limit"] == 1
    finally:
        server.__exit__(None, None, None)
