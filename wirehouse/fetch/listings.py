"""A source's listing (feed, sitemap, URL list) → the entries it names, with their dates.

Pure: bytes in, entries out. Relative links resolve against the listing's own address;
a sitemap index yields its child sitemaps for the caller to fetch or read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urljoin

from transforms.feeds import FeedError, parse_feed
from transforms.sitemaps import SitemapError, parse_sitemap


class ListingError(ValueError):
    """The listing could not be parsed; the message says why (``reason`` is the code)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Entry:
    """One page a listing names, and what the listing says about it (it wins over the page)."""

    url: str
    title: str | None = None
    published: dt.datetime | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    entries: tuple[Entry, ...] = ()
    children: tuple[str, ...] = field(default=())  # child sitemaps of an index


def parse_listing(kind: str, data: bytes, *, base: str, max_bytes: int) -> Listing:
    """The entries (and child sitemaps) of a ``feed``, ``sitemap`` or ``urls`` listing.

    Parameters
    ----------
    kind
        The source kind.
    data
        The listing's bytes (a sitemap may be gzipped).
    base
        The listing's own URL (or ``file:`` URL): relative links resolve against it.
    max_bytes
        The largest decompressed sitemap accepted.

    Raises
    ------
    ListingError
        ``bad_feed`` or ``bad_sitemap`` (with entity bombs and gzip bombs refused).

    Examples
    --------
    >>> parse_listing("urls", b"# list\\n/a\\nhttps://ex.org/b\\n", base="https://ex.org/l.txt",
    ...               max_bytes=100).entries[0].url
    'https://ex.org/a'
    """
    if kind == "feed":
        try:
            items = parse_feed(data)
        except FeedError as exc:
            raise ListingError("bad_feed", str(exc)) from exc
        return Listing(
            tuple(Entry(urljoin(base, i.url.strip()), i.title, i.published) for i in items)
        )
    if kind == "sitemap":
        try:
            sitemap = parse_sitemap(data, max_bytes=max_bytes)
        except SitemapError as exc:
            reason = "decompression_bomb" if "gzip bomb" in str(exc) else "bad_sitemap"
            raise ListingError(reason, str(exc)) from exc
        return Listing(
            entries=tuple(
                Entry(
                    urljoin(base, e.url),
                    e.title,
                    e.published,  # a news sitemap's publication date; lastmod is not one
                    e.language,
                )
                for e in sitemap.entries
            ),
            children=tuple(urljoin(base, loc) for loc, _ in sitemap.children),
        )
    lines = data.decode("utf-8", errors="replace").splitlines()
    return Listing(
        tuple(
            Entry(urljoin(base, line.strip()))
            for line in lines
            if line.strip() and not line.lstrip().startswith("#")
        )
    )
