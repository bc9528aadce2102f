"""Fixtures for the fetch tests: a fault server on 127.0.0.1 and a fetcher allowed to reach it.

The fetcher's configuration is small and fast (short delays, timeouts and backoff) so that a
test of a fault takes a fraction of a second; :func:`fast_config` builds one with overrides.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Any

import pytest

from tests.fetch.fault_server import FaultServer
from wirehouse.fetch.client import HttpFetcher
from wirehouse.fetch.policy import FetchConfig

LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"),)


def fast_config(**overrides: Any) -> FetchConfig:
    """A FetchConfig for tests: loopback allowed, everything quick."""
    values: dict[str, Any] = {
        "workers": 4,
        "per_host": 2,
        "delay_seconds": 0.0,
        "timeout_seconds": 2.0,
        "deadline_seconds": 3.0,
        "retries": 2,
        "backoff_seconds": 0.01,
        "max_wait_seconds": 2.0,
        "max_redirects": 5,
        "max_bytes": 1024 * 1024,
        "allow_networks": LOOPBACK,
    }
    values.update(overrides)
    return FetchConfig(**values)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    """A started fault server with no routes yet (add them to ``server.routes``)."""
    with FaultServer() as started:
        yield started


@pytest.fixture
def fetcher() -> Iterator[HttpFetcher]:
    """A fetcher with :func:`fast_config`."""
    with HttpFetcher(fast_config()) as opened:
        yield opened
