"""URL normalisation: one spelling per page, so that the same story is fetched and stored once.

Normalising lower-cases the scheme and host, drops default ports, fragments and tracking
parameters (``utm_*``, ``fbclid``, ``gclid``, ``mc_cid``, ...) and sorts the query. The work
is courlan's (trafilatura's own URL library); this module fixes the options Wirehouse uses
and adds the rule for canonical links.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import normalize_url as _courlan_normalize

WEB_SCHEMES = ("http", "https")


def normalize_url(url: str) -> str | None:
    """The normal form of an http(s) URL, or None when it is not one.

    Examples
    --------
    >>> normalize_url("HTTPS://News.Example:443/a/b?utm_source=x&b=2&a=1&fbclid=9#top")
    'https://news.example/a/b?a=1&b=2'
    >>> normalize_url("ftp://example.org/file") is None
    True
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
            return None
        # Not courlan's strict mode: it keeps only a short allow-list of parameters, and
        # would fold distinct pages (``?id=1``, ``?id=2``) into one.
        normal = _courlan_normalize(text, strict=False)
    except ValueError:  # a malformed port or IPv6 literal
        return None
    # A fragment never changes what the server sends; courlan keeps non-tracking ones.
    return urlunsplit(urlsplit(normal)._replace(fragment=""))


def site_of(url: str) -> str | None:
    """The registrable-looking site of a URL: its host without a leading ``www.``.

    Examples
    --------
    >>> site_of("https://www.example.org/x")
    'example.org'
    """
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.removeprefix("www.")


def article_url(fetched_url: str, canonical: str | None) -> str:
    """The URL that identifies a fetched page: its canonical link when on the same site.

    A canonical link to another site is ignored (a syndicated copy or a hostile page must
    not take over another outlet's article), and so is one that is not http(s).

    Examples
    --------
    >>> article_url("https://www.ex.org/a?utm_source=rss", "/story/1")
    'https://www.ex.org/story/1'
    >>> article_url("https://ex.org/a", "https://other.net/a")
    'https://ex.org/a'
    """
    fetched = normalize_url(fetched_url) or fetched_url
    if not canonical:
        return fetched
    resolved = normalize_url(urljoin(fetched, canonical.strip()))
    if resolved is None or site_of(resolved) != site_of(fetched):
        return fetched
    return resolved


def dedup_key(url: str) -> str:
    """The key under which two spellings of one URL are the same page (its normal form)."""
    return normalize_url(url) or url.strip()
