"""Which media types a caller accepts, and what a Content-Type header says."""

from __future__ import annotations

from collections.abc import Collection

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
# Sitemaps come as XML, as plain-text URL lists, or gzipped (a file, not a Content-Encoding).
SITEMAP_TYPES = FEED_TYPES | {"text/plain", "application/gzip", "application/x-gzip"}
TEXT_TYPES = frozenset({"text/plain"})
_MARKUP_TYPES = PAGE_TYPES | FEED_TYPES


def parse_content_type(header: str | None) -> tuple[str | None, str | None]:
    """The media type (lower case) and charset a Content-Type header names.

    >>> parse_content_type('Text/HTML; Charset="ISO-8859-1"')
    ('text/html', 'iso-8859-1')
    >>> parse_content_type(None)
    (None, None)
    """
    if not header:
        return None, None
    media, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower() or None
    return media.strip().lower() or None, charset


def accept_header(accept: Collection[str] | None) -> str:
    """An Accept header for the media types the caller takes (None: anything).

    >>> accept_header(["text/html"])
    'text/html, */*;q=0.1'
    """
    if not accept:
        return "*/*"
    # Servers that cannot offer one of ours still answer; the type check decides then.
    return ", ".join([*sorted(accept), "*/*;q=0.1"])


def _looks_like_markup(body: bytes) -> bool:
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def refused_type(media_type: str | None, body: bytes, accept: Collection[str] | None) -> bool:
    """Whether a body of ``media_type`` is not what the caller accepts.

    A missing Content-Type is judged by the body: markup passes when the caller takes
    HTML or XML.

    >>> refused_type("image/png", b"", PAGE_TYPES)
    True
    >>> refused_type(None, b"<!doctype html><p>hi", PAGE_TYPES)
    False
    """
    if accept is None:
        return False
    if media_type is None:
        return not (_looks_like_markup(body) and any(t in _MARKUP_TYPES for t in accept))
    return media_type not in accept
