"""What a fetcher did, counted across its worker threads, for the run report."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from wirehouse.fetch.results import FetchFailed, FetchOutcome, NotModified


@dataclass(frozen=True, slots=True)
class FetchStats:
    """What a fetcher did, for the run report (read :attr:`HttpFetcher.stats` after a run)."""

    requests: int = 0  # HTTP exchanges sent: every hop, retry and robots.txt
    retries: int = 0
    not_modified: int = 0  # URLs answered 304
    bytes_received: int = 0  # body bytes as they came off the wire (compressed)
    robots_files: int = 0
    fetched: int = 0  # URLs with a body
    failures: Mapping[str, int] = field(default_factory=dict)  # failed URLs by reason


class FetchCounters:
    """The live, thread-safe counters behind :class:`FetchStats`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._failures: Counter[str] = Counter()

    def add(self, name: str, amount: int = 1) -> None:
        with self._lock:
            self._counts[name] += amount

    def outcome(self, outcome: FetchOutcome) -> None:
        with self._lock:
            if isinstance(outcome, FetchFailed):
                self._failures[outcome.reason] += 1
            elif isinstance(outcome, NotModified):
                self._counts["not_modified"] += 1
            else:
                self._counts["fetched"] += 1

    def snapshot(self, robots_files: int) -> FetchStats:
        with self._lock:
            return FetchStats(
                requests=self._counts["requests"],
                retries=self._counts["retries"],
                not_modified=self._counts["not_modified"],
                bytes_received=self._counts["bytes"],
                robots_files=robots_files,
                fetched=self._counts["fetched"],
                failures=MappingProxyType(dict(sorted(self._failures.items()))),
            )
