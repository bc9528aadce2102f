"""Per-host politeness: at most N requests in flight to a host, and a least gap between two
request starts to it. Every HTTP exchange (each redirect hop, each retry, robots.txt) passes
through :meth:`HostGate.turn`, so the limits hold whatever the caller's URLs do.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from wirehouse.fetch.policy import FetchConfig, HostPolicy


@dataclass
class _Host:
    policy: HostPolicy
    slots: threading.Semaphore
    next_start: float = 0.0
    delay_floor: float = 0.0  # from robots.txt Crawl-delay
    lock: threading.Lock = field(default_factory=threading.Lock)


class HostGate:
    """Shared by the fetcher's worker threads; one per fetcher."""

    def __init__(self, config: FetchConfig) -> None:
        self._config = config
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _host(self, host: str) -> _Host:
        with self._lock:
            state = self._hosts.get(host)
            if state is None:
                policy = self._config.policy_for(host)
                state = _Host(policy, threading.Semaphore(policy.concurrency))
                self._hosts[host] = state
            return state

    def concurrency(self, host: str) -> int:
        return self._host(host).policy.concurrency

    def raise_delay(self, host: str, seconds: float) -> None:
        """Make ``seconds`` the least gap for ``host`` if it is more (robots Crawl-delay)."""
        state = self._host(host)
        with state.lock:
            state.delay_floor = max(state.delay_floor, seconds)

    def hold_off(self, host: str, seconds: float) -> None:
        """Start nothing on ``host`` for ``seconds`` (a Retry-After applies to every worker)."""
        state = self._host(host)
        with state.lock:
            state.next_start = max(state.next_start, time.monotonic() + seconds)

    @contextlib.contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """Wait for a free slot and for the host's gap, then hold the slot."""
        state = self._host(host)
        with state.slots:
            with state.lock:
                now = time.monotonic()
                start = max(now, state.next_start)
                state.next_start = start + max(state.policy.delay_seconds, state.delay_floor)
            if start > now:
                time.sleep(start - now)
            yield
