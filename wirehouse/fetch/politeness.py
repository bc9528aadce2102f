"""Per-host politeness: at most N requests in flight to a host, and a least gap between two
request starts to it. Every HTTP exchange (each redirect hop, each retry, robots.txt) passes
through :meth:`HostGate.turn`, so the limits hold whatever the caller's URLs do.

A gate lives as long as its fetcher, and one fetcher serves a whole run: the gap after the
last listing request holds for the first page request too, and a Crawl-delay read once
keeps applying. Hosts met later can be given their policy then (:meth:`HostGate.extend`).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from wirehouse.fetch.policy import FetchConfig, HostPolicy, named_policy


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
        self._policies: dict[str, HostPolicy] = dict(config.host_policies)
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _policy(self, host: str) -> HostPolicy:
        return named_policy(self._policies, host) or self._config.default_policy

    def _host(self, host: str) -> _Host:
        with self._lock:
            state = self._hosts.get(host)
            if state is None:
                policy = self._policy(host)
                state = _Host(policy, threading.Semaphore(policy.concurrency))
                self._hosts[host] = state
            return state

    def extend(self, policies: Mapping[str, HostPolicy]) -> None:
        """Add per-host policies (keyed as :class:`FetchConfig`'s ``host_policies``).

        A host that already has one keeps the politer of the two. A host already met keeps
        its next start and its Crawl-delay; only its gap and slots change. Meant for between
        two :meth:`~wirehouse.fetch.client.HttpFetcher.fetch_all` calls: a request in flight
        gives its slot back to the semaphore it took it from.
        """
        with self._lock:
            for key, policy in policies.items():
                self._policies[key] = policy.politest(self._policies.get(key))
            for host, state in self._hosts.items():
                policy = self._policy(host)
                if policy != state.policy:
                    with state.lock:
                        state.policy = policy
                        state.slots = threading.Semaphore(policy.concurrency)

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
