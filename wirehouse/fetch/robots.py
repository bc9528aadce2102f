"""robots.txt, read once per host per run, as Google documents it:

- 2xx: the rules apply (``protego`` parses them; the first 500 KiB count);
- 4xx other than 429: there are no rules, everything is allowed;
- 429, 5xx, or no answer at all: the whole host is off limits for this run.

``Crawl-delay`` for our product token becomes the least gap between two requests to the
host (cut to the longest wait we accept, so a hostile robots.txt cannot stall a run).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from protego import Protego

from wirehouse.fetch.results import Fetched, FetchFailed, FetchOutcome

# The token robots.txt groups are matched against ("User-agent: Wirehouse").
PRODUCT_TOKEN = "Wirehouse"


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """What one host's robots.txt lets us do."""

    parser: Protego | None  # None: no rules (4xx), or nothing allowed (``blocked``)
    blocked: str | None = None  # why the whole host is off limits, if it is
    crawl_delay: float | None = None
    # The reason a blocked host's URLs fail with: ``robots_disallowed`` when the server
    # answered with an error, the fetch's own reason (``connection_error``, ``timeout``...)
    # when it did not answer, so a host that is down is not reported as forbidding us.
    reason: str = "robots_disallowed"

    def allows(self, url: str) -> bool:
        if self.blocked is not None:
            return False
        return self.parser is None or self.parser.can_fetch(url, PRODUCT_TOKEN)


def robots_url(url: httpx.URL) -> str:
    """Where the robots.txt that governs ``url`` lives.

    >>> robots_url(httpx.URL("https://news.example:8443/a/b?c=1"))
    'https://news.example:8443/robots.txt'
    """
    return str(url.copy_with(path="/robots.txt", query=None, fragment=None, userinfo=b""))


def rules_from(outcome: FetchOutcome) -> RobotsRules:
    """The rules a fetch of robots.txt ended in."""
    if isinstance(outcome, Fetched):
        text = outcome.body.decode("utf-8", errors="replace")
        parser = Protego.parse(text)
        return RobotsRules(parser, crawl_delay=parser.crawl_delay(PRODUCT_TOKEN))
    if isinstance(outcome, FetchFailed):
        status = outcome.status
        if status is not None and 400 <= status < 500 and status != 429:
            return RobotsRules(None)
        if status is not None:
            return RobotsRules(None, blocked=f"robots.txt unavailable (HTTP {status})")
        # The detail names the robots.txt URL and what happened to it.
        return RobotsRules(
            None, blocked=f"robots.txt unavailable: {outcome.detail}", reason=outcome.reason
        )
    # A 304 cannot happen (we send no validators); treat it as "no rules".
    return RobotsRules(None)


class RobotsCache:
    """robots.txt rules per origin for one run, each fetched once, even by many threads.

    Parameters
    ----------
    fetch
        Gets a robots.txt URL (through the same guarded, polite client as the pages).
    """

    def __init__(self, fetch: Callable[[str], FetchOutcome]) -> None:
        self._fetch = fetch
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def rules(self, url: httpx.URL) -> RobotsRules:
        """The rules of ``url``'s origin, fetching robots.txt the first time."""
        where = robots_url(url)
        with self._lock:
            found = self._rules.get(where)
            if found is not None:
                return found
            origin_lock = self._locks.setdefault(where, threading.Lock())
        # One thread fetches; the others for the same origin wait for its answer.
        with origin_lock:
            with self._lock:
                found = self._rules.get(where)
            if found is None:
                found = rules_from(self._fetch(where))
                with self._lock:
                    self._rules[where] = found
            return found

    @property
    def fetched(self) -> int:
        """How many robots.txt files were read."""
        with self._lock:
            return len(self._rules)
