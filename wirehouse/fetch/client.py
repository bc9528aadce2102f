"""The HTTP client: polite, bounded and guarded fetching of many URLs on worker threads.

Every URL ends in exactly one :data:`~wirehouse.fetch.results.FetchOutcome`; nothing a URL
or a server does makes :class:`HttpFetcher` raise or hang. One URL may take several HTTP
exchanges (redirect hops, retries); each exchange

- is checked first: scheme, address guard, robots.txt of its host;
- waits its turn at the host (:class:`~wirehouse.fetch.politeness.HostGate`);
- has connect and read timeouts and a total deadline (:mod:`wirehouse.fetch.transport`);
- reads at most ``max_bytes`` of body, decompressed (:mod:`wirehouse.fetch.body`).

Connection errors, truncated bodies and 429/500/502/503/504 are retried with exponential
backoff and jitter; a ``Retry-After`` is honoured (for every request to that host), and one
longer than ``max_wait_seconds`` fails the URL at once rather than stall the run. Read
timeouts and the deadline are not retried: a server too slow to answer is not helped by
being asked again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import ssl
from collections import Counter, deque
from collections.abc import Collection, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import TracebackType

import httpx

from wirehouse.fetch.body import (
    ACCEPT_ENCODING,
    BadEncoding,
    BodyTooLarge,
    TruncatedBody,
    read_limited,
)
from wirehouse.fetch.content import (
    PAGE_TYPES,
    SITEMAP_TYPES,
    accept_header,
    parse_content_type,
    refused_type,
)
from wirehouse.fetch.guard import (
    AddressGuard,
    AddressRefused,
    HostNotFound,
    Resolver,
    refused_scheme,
    system_resolver,
)
from wirehouse.fetch.policy import ROBOTS_MAX_BYTES, FetchConfig, HostPolicy, host_key
from wirehouse.fetch.politeness import HostGate
from wirehouse.fetch.results import Fetched, FetchFailed, FetchOutcome, FetchRequest, NotModified
from wirehouse.fetch.retrying import RETRY_STATUSES, backoff_seconds, parse_retry_after
from wirehouse.fetch.robots import RobotsCache
from wirehouse.fetch.stats import FetchCounters, FetchStats
from wirehouse.fetch.transport import DeadlinePassed, GuardedTransport, deadline

__all__ = ["DEFAULT_TYPES", "FetchStats", "HttpFetcher"]

#: What :meth:`HttpFetcher.fetch_all` accepts unless told otherwise: pages, feeds, sitemaps.
DEFAULT_TYPES = PAGE_TYPES | SITEMAP_TYPES

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class _Wanted:
    """What the caller takes: media types (None: any), and a body size limit that either
    fails the URL or, for robots.txt (whose tail Google ignores), cuts the body."""

    accept: Collection[str] | None
    limit: int
    cut_at_limit: bool = False


@dataclass(frozen=True, slots=True)
class _Redirect:
    location: str
    status: int


@dataclass(frozen=True, slots=True)
class _Retry:
    """A failure worth another try; becomes ``failure`` when the tries run out."""

    failure: FetchFailed
    retry_after: float | None = None


_Exchange = FetchOutcome | _Redirect | _Retry


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _header_safe(value: str) -> bool:
    return value.isascii() and value.isprintable()


def _where(request: FetchRequest, url: httpx.URL) -> str:
    """The URL a detail names: the one asked for, and the hop when a redirect led elsewhere."""
    hop = str(url)
    return request.url if hop == request.url else f"{request.url} (via {hop})"


class HttpFetcher:
    """Fetches URLs politely and safely; use it as a context manager.

    Parameters
    ----------
    config
        Politeness, limits and the address allow-list (:class:`FetchConfig`).
    resolver
        How host names become addresses; the system's DNS unless a test says otherwise.
    rng
        Source of retry jitter (a seeded one makes waits reproducible).
    ssl_context
        Certificate checks for https; None: the usual public CAs (certifi).

    Examples
    --------
    >>> from wirehouse.fetch.results import FetchFailed
    >>> with HttpFetcher(FetchConfig()) as fetcher:
    ...     outcome = fetcher.fetch_one(FetchRequest("http://169.254.169.254/latest/"))
    >>> isinstance(outcome, FetchFailed), outcome.reason
    (True, 'refused_address')
    """

    def __init__(
        self,
        config: FetchConfig,
        *,
        resolver: Resolver | None = None,
        rng: random.Random | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.config = config
        self._ssl_context = ssl_context
        self._guard = AddressGuard(
            config.allow_networks, config.pinned_addresses, resolver or system_resolver
        )
        self._gate = HostGate(config)
        self._robots = RobotsCache(self._fetch_robots)
        self._counters = FetchCounters()
        self._rng = rng or random.Random()
        self._client: httpx.Client | None = None

    def __enter__(self) -> HttpFetcher:
        transport = GuardedTransport(
            self._guard, keepalive=max(20, 2 * self.config.workers), ssl_context=self._ssl_context
        )
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(self.config.timeout_seconds),
            follow_redirects=False,  # by hand, so every hop is checked
            trust_env=False,
            # No cookies: each page is fetched as a first visit, the same on every run, and
            # no server's Set-Cookie follows us around or grows without bound.
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
            headers={"User-Agent": self.config.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def extend_policies(self, policies: Mapping[str, HostPolicy]) -> None:
        """Politeness for hosts learnt after the fetcher was made (the hosts a listing names),
        keyed as ``FetchConfig.host_policies``; see :meth:`HostGate.extend`."""
        self._gate.extend(policies)

    @property
    def stats(self) -> FetchStats:
        """The counters so far (a snapshot)."""
        return self._counters.snapshot(self._robots.fetched)

    def fetch_one(
        self, request: FetchRequest, *, accept: Collection[str] | None = DEFAULT_TYPES
    ) -> FetchOutcome:
        """Fetch one URL on the calling thread.

        ``accept`` lists the media types the caller takes (None: any); a body of another
        type ends in ``bad_content_type``.
        """
        wanted = _Wanted(accept, self.config.max_bytes)
        outcome = self._fetch(request, wanted, robots=True)
        self._counters.outcome(outcome)
        return outcome

    def fetch_all(
        self, requests: Iterable[FetchRequest], *, accept: Collection[str] | None = DEFAULT_TYPES
    ) -> Iterator[FetchOutcome]:
        """Fetch many URLs on ``config.workers`` threads; outcomes stream as they complete.

        ``requests`` is read lazily (a bounded look-ahead), and URLs are handed to workers
        host by host in turn, so a long run of one host's URLs does not idle the workers
        while other hosts wait. Stopping the iteration early cancels what has not started.
        """
        lookahead = max(1024, 64 * self.config.workers)
        pending = iter(requests)
        queues: dict[str, deque[FetchRequest]] = {}
        buffered = 0
        exhausted = False
        in_flight: dict[Future[FetchOutcome], str] = {}
        busy: Counter[str] = Counter()
        with ThreadPoolExecutor(self.config.workers, thread_name_prefix="fetch") as pool:
            try:
                while True:
                    while not exhausted and buffered < lookahead:
                        request = next(pending, None)
                        if request is None:
                            exhausted = True
                            break
                        queues.setdefault(host_key(request.url), deque()).append(request)
                        buffered += 1
                    for host, request in self._dispatchable(queues, busy, len(in_flight)):
                        future = pool.submit(self.fetch_one, request, accept=accept)
                        in_flight[future] = host
                        busy[host] += 1
                        buffered -= 1
                    if not in_flight:
                        if exhausted and not buffered:
                            return
                        continue
                    done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                    for future in done:
                        busy[in_flight.pop(future)] -= 1
                        yield future.result()
            finally:
                for future in in_flight:
                    future.cancel()

    def _dispatchable(
        self, queues: dict[str, deque[FetchRequest]], busy: Counter[str], running: int
    ) -> Iterator[tuple[str, FetchRequest]]:
        """Requests to start now: one per host per round, within each host's concurrency."""
        free = self.config.workers - running
        progress = True
        while free > 0 and progress:
            progress = False
            for host in list(queues):
                queue = queues[host]
                limit = self._gate.concurrency(host) if host else self.config.workers
                if queue and busy[host] < limit and free > 0:
                    yield host, queue.popleft()
                    free -= 1
                    progress = True
                if not queue:
                    del queues[host]

    def _fetch_robots(self, url: str) -> FetchOutcome:
        wanted = _Wanted(None, ROBOTS_MAX_BYTES, cut_at_limit=True)
        return self._fetch(FetchRequest(url), wanted, robots=False)

    def _fetch(
        self,
        request: FetchRequest,
        wanted: _Wanted,
        *,
        robots: bool,
    ) -> FetchOutcome:
        """Follow one URL through its redirects to an outcome."""
        try:
            url = httpx.URL(request.url)
        except (httpx.InvalidURL, TypeError, ValueError) as exc:
            return FetchFailed(request, "refused_scheme", f"{request.url!r}: not a URL ({exc})")
        seen = {str(url)}
        attempts = 0
        while True:
            refusal = self._admit(request, url, robots)
            if refusal is not None:
                return dataclasses.replace(refusal, attempts=max(attempts, 1))
            result, used = self._exchange_with_retries(request, url, wanted)
            attempts += used
            if isinstance(result, FetchFailed):
                return dataclasses.replace(result, attempts=attempts)
            if not isinstance(result, _Redirect):
                return result
            try:
                target = url.join(result.location)
            except (httpx.InvalidURL, ValueError) as exc:
                detail = f"{_where(request, url)}: bad redirect {result.location!r} ({exc})"
                return FetchFailed(request, "http_error", detail, result.status, attempts)
            if str(target) in seen:
                detail = f"{_where(request, url)}: redirect loop back to {target}"
                return FetchFailed(request, "redirect_loop", detail, result.status, attempts)
            if len(seen) > self.config.max_redirects:
                detail = f"{request.url}: more than {self.config.max_redirects} redirects"
                return FetchFailed(request, "too_many_redirects", detail, result.status, attempts)
            seen.add(str(target))
            url = target

    def _admit(self, request: FetchRequest, url: httpx.URL, robots: bool) -> FetchFailed | None:
        """Why ``url`` may not be requested (scheme, address, robots.txt), or None."""
        why = refused_scheme(url)
        if why is not None:
            return FetchFailed(request, "refused_scheme", f"{_where(request, url)}: {why}")
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            # Checked here for a clear refusal before robots.txt is asked; the transport
            # checks again on connecting, against the address it connects to.
            self._guard.resolve(url.host, port)
        except AddressRefused as exc:
            return FetchFailed(request, "refused_address", f"{_where(request, url)}: {exc}")
        except HostNotFound as exc:
            return FetchFailed(request, "connection_error", f"{_where(request, url)}: {exc}")
        if not robots:
            return None
        rules = self._robots.rules(url)
        if rules.crawl_delay:
            delay = min(rules.crawl_delay, self.config.max_wait_seconds)
            self._gate.raise_delay(host_key(url), delay)
        if rules.allows(str(url)):
            return None
        why = rules.blocked or "robots.txt disallows it"
        return FetchFailed(request, rules.reason, f"{_where(request, url)}: {why}")

    def _exchange_with_retries(
        self,
        request: FetchRequest,
        url: httpx.URL,
        wanted: _Wanted,
    ) -> tuple[FetchOutcome | _Redirect, int]:
        host = host_key(url)
        attempt = 1
        while True:
            result = self._exchange(request, url, wanted, host)
            # A wait holds off the whole host, not only this URL: a server that asks us to
            # slow down (or is failing) gets the pause from every worker; the gate waits it.
            if not isinstance(result, _Retry):
                return result, attempt
            if attempt > self.config.retries:
                return result.failure, attempt
            if result.retry_after is not None:
                if result.retry_after > self.config.max_wait_seconds:
                    detail = (
                        f"{result.failure.detail}; Retry-After asks for "
                        f"{result.retry_after:.0f} s, over the {self.config.max_wait_seconds:g} s "
                        "we wait"
                    )
                    return dataclasses.replace(result.failure, detail=detail), attempt
                self._gate.hold_off(host, result.retry_after)
            else:
                wait_seconds = backoff_seconds(attempt, self.config.backoff_seconds, self._rng)
                self._gate.hold_off(host, min(wait_seconds, self.config.max_wait_seconds))
            self._counters.add("retries")
            attempt += 1

    def _exchange(
        self,
        request: FetchRequest,
        url: httpx.URL,
        wanted: _Wanted,
        host: str,
    ) -> _Exchange:
        """One HTTP request and its response, turned into what happens next."""
        assert self._client is not None, "HttpFetcher is used outside its `with` block"
        where = _where(request, url)
        headers = {"Accept": accept_header(wanted.accept)}
        # Validators go back as the server gave them; one that cannot be a header value
        # (not ASCII, control characters) was never valid, so the page is fetched whole.
        if request.etag and _header_safe(request.etag):
            headers["If-None-Match"] = request.etag
        if request.last_modified and _header_safe(request.last_modified):
            headers["If-Modified-Since"] = request.last_modified
        with self._gate.turn(host):
            self._counters.add("requests")
            try:
                with deadline(self.config.deadline_seconds):
                    return self._send(request, url, headers, wanted)
            except DeadlinePassed:
                detail = f"{where}: no complete answer within {self.config.deadline_seconds:g} s"
                return FetchFailed(request, "timeout", detail)
            except AddressRefused as exc:
                return FetchFailed(request, "refused_address", f"{where}: {exc}")
            except HostNotFound as exc:
                return FetchFailed(request, "connection_error", f"{where}: {exc}")
            except httpx.ConnectTimeout as exc:
                return _Retry(FetchFailed(request, "connection_error", f"{where}: {exc}"))
            except httpx.TimeoutException as exc:
                detail = f"{where}: timed out ({type(exc).__name__}, {exc})"
                return FetchFailed(request, "timeout", detail)
            except httpx.InvalidURL as exc:
                return FetchFailed(request, "refused_scheme", f"{where}: {exc}")
            except (httpx.TransportError, OSError) as exc:
                detail = f"{where}: {type(exc).__name__}: {exc}"
                return _Retry(FetchFailed(request, "connection_error", detail))

    def _send(
        self,
        request: FetchRequest,
        url: httpx.URL,
        headers: dict[str, str],
        wanted: _Wanted,
    ) -> _Exchange:
        assert self._client is not None
        where = _where(request, url)
        http_request = self._client.build_request("GET", url, headers=headers)
        try:
            response = self._client.send(http_request, stream=True)  # we read the body, bounded
        except httpx.RemoteProtocolError as exc:
            # httpx parses a 3xx's Location even when it does not follow it, and says so in
            # this error; the server answered, so it is an HTTP error, not worth retrying.
            if "location header" in str(exc).lower():
                return FetchFailed(request, "http_error", f"{where}: {exc}")
            raise
        try:
            return self._answer(request, where, response, wanted)
        finally:
            self._counters.add("bytes", response.num_bytes_downloaded)
            response.close()

    def _answer(
        self,
        request: FetchRequest,
        where: str,
        response: httpx.Response,
        wanted: _Wanted,
    ) -> _Exchange:
        """What a response (headers received, body not yet read) comes to."""
        status = response.status_code
        if status in _REDIRECTS:
            location = response.headers.get("location")
            if not location:
                return FetchFailed(
                    request, "http_error", f"{where}: HTTP {status} without Location", status
                )
            return _Redirect(location, status)
        if status == 304:
            if request.etag or request.last_modified:
                return NotModified(request, _now())
            return FetchFailed(
                request, "http_error", f"{where}: HTTP 304 to a plain request", status
            )
        if status in RETRY_STATUSES:
            failure = FetchFailed(request, "http_error", f"{where}: HTTP {status}", status)
            retry_after = parse_retry_after(response.headers.get("retry-after"), _now())
            return _Retry(failure, retry_after)
        if not 200 <= status < 300:
            return FetchFailed(request, "http_error", f"{where}: HTTP {status}", status)
        media_type, charset = parse_content_type(response.headers.get("content-type"))
        if media_type is not None and refused_type(media_type, b"", wanted.accept):
            detail = f"{where}: Content-Type {media_type} is not one we take"
            return FetchFailed(request, "bad_content_type", detail, status)
        declared = response.headers.get("content-length", "").strip()
        limit = wanted.limit
        if declared.isdigit() and int(declared) > limit and not wanted.cut_at_limit:
            detail = f"{where}: Content-Length {int(declared):,} is over the {limit:,}-byte limit"
            return FetchFailed(request, "too_large", detail, status)
        try:
            body = read_limited(
                response.iter_raw(),
                encoding=response.headers.get("content-encoding"),
                limit=limit,
                cut=wanted.cut_at_limit,
            )
        except BodyTooLarge as exc:
            reason = "decompression_bomb" if exc.bomb else "too_large"
            return FetchFailed(request, reason, f"{where}: {exc}", status)
        except BadEncoding as exc:
            return FetchFailed(request, "http_error", f"{where}: {exc}", status)
        except (TruncatedBody, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            # The server closed the connection before the body it announced was complete.
            detail = f"{where}: body cut short ({exc})"
            return _Retry(FetchFailed(request, "truncated", detail, status))
        if media_type is None and refused_type(None, body, wanted.accept):
            detail = f"{where}: no Content-Type, and the body is not markup"
            return FetchFailed(request, "bad_content_type", detail, status)
        return Fetched(
            request=request,
            final_url=str(response.url),
            status=status,
            body=body,
            content_type=media_type,
            charset=charset,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            fetched_at=_now(),
        )
