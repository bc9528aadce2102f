"""Sources on the web: listings read or fetched, pages fetched in parallel, outcomes → items.

A run gathers every web source's listing first (feeds, sitemaps and their indexes, URL
lists), keeps the entries its cursor or window lets through, and then fetches all their
pages in one :meth:`fetch_all`, so twenty hosts are fetched side by side while each host
sees only the client's per-host politeness. Each request carries the validators of the
copy the warehouse holds (``http_cache``): a 304 is counted and skipped, never
re-extracted. A failure becomes a ``rejects`` row of stage ``fetch`` naming the URL.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Protocol
from urllib.parse import urlsplit
from urllib.request import url2pathname

from transforms.batch import DateWindow
from transforms.records import FetchInfo, Reject
from transforms.urls import dedup_key, normalize_url
from wirehouse.config import SourceConfig
from wirehouse.fetch.content import PAGE_TYPES
from wirehouse.fetch.listings import Entry, ListingError, parse_listing
from wirehouse.fetch.pages import body_document, is_html
from wirehouse.fetch.policy import HostPolicy
from wirehouse.fetch.results import Fetched, FetchFailed, FetchOutcome, FetchRequest, NotModified
from wirehouse.inputs import Item, bounded_read, read_page

log = logging.getLogger(__name__)

#: How deep sitemap indexes are followed (an index of indexes is allowed, no further).
MAX_INDEX_DEPTH = 2


class Fetcher(Protocol):
    """What discovery needs of the HTTP client (:class:`wirehouse.fetch.client.HttpFetcher`)."""

    def __enter__(self) -> Fetcher: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None: ...

    def fetch_all(
        self, requests: Iterable[FetchRequest], *, accept: Collection[str] | None = ...
    ) -> Iterator[FetchOutcome]: ...

    def extend_policies(self, policies: Mapping[str, HostPolicy]) -> None: ...


#: Builds a fetcher given per-host politeness overrides (keyed by bare host name).
FetcherFactory = Callable[[Mapping[str, HostPolicy]], AbstractContextManager[Fetcher]]


def is_web_source(config: SourceConfig) -> bool:
    """Whether a source's listing or pages come over HTTP (it has no local mirror)."""
    if config.url is not None:
        return True
    return config.kind in ("feed", "sitemap", "urls") and config.mirror is None


#: Failures that may pass by the next run: the cursor must not move past their entries.
TRANSIENT = frozenset({"timeout", "connection_error", "truncated"})
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def is_transient(failure: FetchFailed) -> bool:
    if failure.reason in TRANSIENT:
        return True
    return failure.reason == "http_error" and (
        failure.status is None or failure.status in _RETRY_STATUSES
    )


@dataclass
class WebSource:
    """One web source of a run: its cursor or window, and how far the cursor may move."""

    config: SourceConfig
    since: dt.datetime | None = None  # the nightly cursor: skip entries older than this
    window: DateWindow | None = None  # a backfill's range: skip dated entries outside it
    _listed: dt.datetime | None = field(default=None, init=False)
    _held: dt.datetime | None = field(default=None, init=False)  # oldest transient failure

    @property
    def newest(self) -> dt.datetime | None:
        """Where the cursor moves to: the newest date listed, but never past an entry whose
        fetch failed for a reason that may pass (the next run asks for it again)."""
        if self._held is None or self._listed is None:
            return self._listed
        return min(self._listed, self._held - dt.timedelta(microseconds=1))

    def wants(self, entry: Entry) -> bool:
        """Whether the entry is new enough (cursor) or inside the window."""
        if entry.published is None:
            return True  # undated: the conditional request decides whether it is new
        self._listed = max(self._listed or entry.published, entry.published)
        if self.since is not None and entry.published < self.since:
            return False
        return self.window is None or self.window.contains(entry.published)

    def failed(self, failure: FetchFailed) -> None:
        """Note a page that could not be had; a transient failure holds the cursor back."""
        published = failure.request.context.get("published")
        if is_transient(failure) and isinstance(published, dt.datetime):
            self._held = min(self._held or published, published)


@dataclass
class WebStats:
    """What the web part of a run did: the figures of the crawl report."""

    listings: int = 0
    entries: int = 0
    skipped_by_cursor: int = 0
    duplicates: int = 0
    requests: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    conditional: int = 0  # requests that carried an ETag or Last-Modified

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


def _reject(source: str, locator: str, url: str | None, reason: str, detail: str) -> Reject:
    return Reject(source, locator, url, "fetch", reason, f"{locator}: {detail}", None)


@dataclass
class WebDiscovery:
    """Every web source of one run, read in two rounds (listings, then pages).

    Parameters
    ----------
    sources
        The web sources, with their cursors or window.
    fetchers
        Makes the HTTP client, once per run, with the listing hosts' politeness; the page
        hosts' is added once the listings are read.
    validators
        ``url → (etag, last_modified)`` of the copies the warehouse holds.
    max_bytes
        The largest listing read from disk, and the largest decompressed sitemap.
    default_policy
        The client's politeness, which a source's ``delay_seconds``/``concurrency``
        override for its hosts.
    """

    sources: list[WebSource]
    fetchers: FetcherFactory
    validators: Mapping[str, tuple[str | None, str | None]]
    max_bytes: int
    default_policy: HostPolicy | None = None
    stats: WebStats = field(default_factory=WebStats)

    def documents(self) -> Iterator[Item]:
        """The documents of every web source, and a reject for each thing that failed."""
        listing_hosts = [(s.config, s.config.url) for s in self.sources]
        # One fetcher for listings and pages: a host serving both has its robots.txt asked
        # once, and its gap and Crawl-delay hold from the last listing to the first page.
        with self.fetchers(self._policies(listing_hosts)) as fetcher:
            pages: list[tuple[WebSource, Entry]] = []
            for source in self.sources:
                for found in self._list(source, fetcher):
                    if isinstance(found, Reject):
                        yield found
                    else:
                        pages.append((source, found))
            requests: list[FetchRequest] = []
            seen: set[str] = set()
            for source, entry in pages:
                key = dedup_key(entry.url)
                if key in seen:
                    self.stats.duplicates += 1
                    continue
                seen.add(key)
                if urlsplit(key).scheme == "file":
                    yield self._local_page(source, entry)
                else:
                    requests.append(self._request(source, key, entry))
            if requests:
                fetcher.extend_policies(self._policies((s.config, e.url) for s, e in pages))
                for outcome in fetcher.fetch_all(requests, accept=PAGE_TYPES):
                    item = self._item(outcome)
                    if item is not None:
                        yield item
        log.info("web sources: %s", json.dumps(self.stats.as_dict()))

    # -- listings ------------------------------------------------------------------------

    def _list(self, source: WebSource, fetcher: Fetcher) -> Iterator[Entry | Reject]:
        """The entries of one source's listing (and its child sitemaps) that it wants."""
        cfg = source.config
        todo: list[tuple[str, int]] = [(cfg.url or cfg.location.as_uri(), 0)]
        while todo:
            address, depth = todo.pop(0)
            data = self._listing_bytes(cfg, address, fetcher)
            if isinstance(data, Reject):
                yield data
                continue
            self.stats.listings += 1
            try:
                listing = parse_listing(cfg.kind, data, base=address, max_bytes=self.max_bytes)
            except ListingError as exc:
                yield Reject(cfg.name, address, None, "read", exc.reason, f"{address}: {exc}", None)
                continue
            for child in listing.children:
                if depth + 1 > MAX_INDEX_DEPTH:
                    yield _reject(
                        cfg.name, address, child, "index_too_deep", "index nested too deep"
                    )
                elif self._allowed(cfg, child):
                    todo.append((child, depth + 1))
                else:
                    yield _reject(
                        cfg.name, address, child, "refused_scheme", f"refused {child[:80]!r}"
                    )
            for entry in listing.entries:
                self.stats.entries += 1
                if not self._allowed(cfg, entry.url):
                    yield _reject(
                        cfg.name,
                        address,
                        entry.url,
                        "refused_scheme",
                        f"not an http(s) URL: {entry.url[:80]!r}",
                    )
                elif source.wants(entry):
                    yield entry
                else:
                    self.stats.skipped_by_cursor += 1

    @staticmethod
    def _allowed(cfg: SourceConfig, url: str) -> bool:
        """Web listings may name only http(s) pages; a local listing may name local files."""
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("http", "https"):
            return normalize_url(url) is not None
        # A file name on disk never comes from a fetched document.
        return scheme == "file" and cfg.url is None

    def _listing_bytes(self, cfg: SourceConfig, address: str, fetcher: Fetcher) -> bytes | Reject:
        """A listing's bytes: read from disk (``file:``) or fetched, unconditionally."""
        if urlsplit(address).scheme == "file":
            path = Path(url2pathname(urlsplit(address).path))
            try:
                return bounded_read(path, self.max_bytes)
            except (OSError, ValueError) as exc:
                return Reject(
                    cfg.name,
                    str(path),
                    None,
                    "read",
                    "unreadable",
                    f"{path}: cannot read: {exc}",
                    None,
                )
        self.stats.requests += 1
        # Feeds and sitemaps come under many types (XML, text, gzip); the parser decides.
        outcome = next(iter(fetcher.fetch_all([FetchRequest(address)], accept=None)), None)
        if isinstance(outcome, Fetched):
            self.stats.fetched += 1
            return outcome.body
        self.stats.failed += 1
        if isinstance(outcome, FetchFailed):
            return _reject(cfg.name, address, address, outcome.reason, outcome.detail)
        return _reject(cfg.name, address, address, "http_error", "no answer for the listing")

    # -- pages ---------------------------------------------------------------------------

    def _request(self, source: WebSource, url: str, entry: Entry) -> FetchRequest:
        etag, last_modified = self.validators.get(url, (None, None))
        if etag or last_modified:
            self.stats.conditional += 1
        self.stats.requests += 1
        context: dict[str, object] = {
            "source": source.config.name,
            "title": entry.title,
            "published": entry.published,
            "language": entry.language or source.config.language,
        }
        return FetchRequest(url, etag=etag, last_modified=last_modified, context=context)

    def _local_page(self, source: WebSource, entry: Entry) -> Item:
        path = Path(url2pathname(urlsplit(entry.url).path))
        return read_page(
            path,
            source=source.config.name,
            max_bytes=self.max_bytes,
            url=entry.url,
            published=entry.published,
            title=entry.title,
            language=entry.language or source.config.language,
        )

    def _item(self, outcome: FetchOutcome) -> Item | None:
        request = outcome.request
        source = str(request.context.get("source", ""))
        if isinstance(outcome, NotModified):
            self.stats.not_modified += 1
            return None
        if isinstance(outcome, FetchFailed):
            self.stats.failed += 1
            for web_source in self.sources:
                if web_source.config.name == source:
                    web_source.failed(outcome)
            return _reject(source, request.url, request.url, outcome.reason, outcome.detail)
        self.stats.fetched += 1
        if not is_html(outcome.content_type):
            return _reject(
                source,
                request.url,
                request.url,
                "bad_content_type",
                f"{outcome.content_type!r} is not a web page",
            )
        title, published, language = (
            request.context.get(k) for k in ("title", "published", "language")
        )
        return body_document(
            outcome.body,
            url=outcome.final_url,
            source=source,
            locator=request.url,
            stage="fetch",
            charset=outcome.charset,
            title=title if isinstance(title, str) else None,
            published=published if isinstance(published, dt.datetime) else None,
            language=language if isinstance(language, str) else None,
            fetch=FetchInfo(
                url=request.url,
                final_url=outcome.final_url,
                status=outcome.status,
                etag=outcome.etag,
                last_modified=outcome.last_modified,
                fetched_at=outcome.fetched_at.astimezone(dt.UTC).replace(tzinfo=None)
                if outcome.fetched_at.tzinfo
                else outcome.fetched_at,
            ),
        )

    def _policies(self, pairs: Iterable[tuple[SourceConfig, str | None]]) -> dict[str, HostPolicy]:
        """Per-host politeness from the sources' overrides (the politest wins on a shared host)."""
        base = self.default_policy
        policies: dict[str, HostPolicy] = {}
        if base is None:
            return policies
        for cfg, url in pairs:
            host = urlsplit(url).hostname if url else None
            if not host or (cfg.delay_seconds is None and cfg.concurrency is None):
                continue
            policy = HostPolicy(
                base.delay_seconds if cfg.delay_seconds is None else cfg.delay_seconds,
                base.concurrency if cfg.concurrency is None else cfg.concurrency,
            )
            policies[host] = policy.politest(policies.get(host))
        return policies
