"""A fetched or archived HTTP body → a source document (or a reject saying why not).

Shared by the fetcher's pages (:mod:`wirehouse.fetch.discovery`) and WARC archives
(:mod:`wirehouse.fetch.warc`), so a page is the same document whichever way it came.
"""

from __future__ import annotations

import datetime as dt

from transforms.article import find_canonical_url
from transforms.decoding import decode_html, looks_binary
from transforms.identity import content_hash
from transforms.records import FetchInfo, Reject, SourceDocument
from transforms.urls import article_url

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_html(content_type: str | None) -> bool:
    """Whether a Content-Type is a web page; a missing one is given the benefit of the doubt."""
    if not content_type:
        return True
    return content_type.split(";", 1)[0].strip().lower() in _HTML_TYPES


def body_document(
    body: bytes,
    *,
    url: str,
    source: str,
    locator: str,
    stage: str,
    charset: str | None = None,
    title: str | None = None,
    published: dt.datetime | None = None,
    language: str | None = None,
    fetch: FetchInfo | None = None,
) -> SourceDocument | Reject:
    """The document of one HTML body; its URL is the page's canonical link when on the site.

    ``url`` is the URL the body was served from (after redirects). An empty or binary body
    becomes a reject of ``stage`` naming ``locator``.
    """
    digest = content_hash(body)

    def reject(reason: str, detail: str) -> Reject:
        return Reject(source, locator, url, stage, reason, f"{locator}: {detail}", digest)

    if not body.strip():
        return reject("empty", "the body is empty")
    if looks_binary(body):
        return reject("binary_content", "binary data, not a web page")
    html = decode_html(body, header_charset=charset)
    return SourceDocument(
        url=article_url(url, find_canonical_url(html)),
        source=source,
        locator=locator,
        content_hash=digest,
        html=html,
        title=title,
        published=published,
        language=language,
        fetch=fetch,
    )
