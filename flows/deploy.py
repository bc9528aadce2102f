"""The nightly deployment: ``wirehouse run`` on a cron schedule, served by this process.

``wirehouse serve`` registers the deployment ``wirehouse-nightly/nightly`` with the Prefect
API named by ``PREFECT_API_URL`` (a long-lived ``prefect server start``, a remote server or
Prefect Cloud) and then executes its runs as they come due. With no API configured it
starts a local ``prefect server`` first: Prefect's temporary per-run server cannot keep a
schedule. Only one nightly run executes at a time (the deployment's concurrency limit), and
any run, scheduled or by hand, waits for the warehouse's run lock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

import httpx
from prefect import flow

from wirehouse.errors import WirehouseError
from wirehouse.settings import Settings

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment

FLOW_NAME = "wirehouse-nightly"
DEPLOYMENT_NAME = "nightly"
LOCAL_PORT = 4200  # Prefect's own default, so its UI is where its docs say
SERVER_START_SECONDS = 60.0


class ServeError(WirehouseError):
    """The Prefect server could not be started or reached."""


@flow(name=FLOW_NAME, log_prints=False, validate_parameters=False)
def nightly_flow() -> dict[str, Any]:
    """The nightly job, with the settings of the serving process's environment."""
    from wirehouse import api

    return api.run(settings=Settings()).as_dict()


def nightly_deployment(settings: Settings) -> RunnerDeployment:
    """The deployment: the nightly flow on ``schedule_cron`` in ``schedule_timezone``."""
    from prefect.schedules import Cron

    deployment = nightly_flow.to_deployment(
        name=DEPLOYMENT_NAME,
        schedules=[Cron(settings.schedule_cron, timezone=settings.schedule_timezone)],
        concurrency_limit=1,  # a second run waits for the first (the run lock backs this up)
        description="Load what is new in every configured source (wirehouse run).",
        tags=["wirehouse"],
    )
    # `to_deployment` is dispatched by context; called from sync code it is not a coroutine.
    return cast("RunnerDeployment", deployment)


def register(settings: Settings) -> str:
    """Register (or update) the nightly deployment on the configured API; returns its id."""
    return str(nightly_deployment(settings).apply())


def configured_api_url() -> str | None:
    """The Prefect API this process would talk to, from the environment or Prefect profile."""
    from prefect.settings import PREFECT_API_URL

    value = PREFECT_API_URL.value()
    return str(value) if value else None


def _healthy(api_url: str) -> bool:
    try:
        return httpx.get(f"{api_url}/health", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def local_server(
    port: int = LOCAL_PORT, *, home: str | None = None, wait_seconds: float = SERVER_START_SECONDS
) -> Iterator[str]:
    """A ``prefect server start`` on 127.0.0.1 for as long as the block runs; yields its API URL.

    Raises
    ------
    ServeError
        The server did not answer its health check within ``wait_seconds``.
    """
    api_url = f"http://127.0.0.1:{port}/api"
    prefect = shutil.which("prefect", path=os.path.dirname(sys.executable)) or "prefect"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    if home:
        env["PREFECT_HOME"] = home
    process = subprocess.Popen(
        [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + wait_seconds
        while not _healthy(api_url):
            if process.poll() is not None:
                why = (process.stderr.read() if process.stderr else b"").decode(errors="replace")
                last = why.strip().splitlines()[-1] if why.strip() else "no message"
                raise ServeError(f"prefect server start exited ({process.returncode}): {last}")
            if time.monotonic() > deadline:
                raise ServeError(f"prefect server on port {port}: no answer in {wait_seconds:g} s")
            time.sleep(0.5)
        yield api_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(settings: Settings) -> None:
    """Register the nightly deployment and execute its runs until interrupted.

    With no ``PREFECT_API_URL`` configured, a local Prefect server is started on port 4200
    for the duration (its UI at http://127.0.0.1:4200).
    """
    from prefect import serve as prefect_serve

    if configured_api_url():
        prefect_serve(nightly_deployment(settings))
        return
    with local_server() as api_url:
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            prefect_serve(nightly_deployment(settings))
