"""Sitemaps → the article URLs they list: urlsets, sitemap indexes and Google News sitemaps.

Parsed with :func:`transforms.safe_xml.parse_untrusted_xml` (no DTD, no entities, no
network), like feeds. Gzipped sitemaps are decompressed with a bound, so a gzip bomb is
refused instead of filling memory. No I/O here: the caller fetches the bytes and decides
whether to follow an index's children.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from transforms.compression import DecompressionBombError, gunzip_bounded, is_gzip
from transforms.feeds import parse_when
from transforms.safe_xml import UnsafeXmlError, parse_untrusted_xml

_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class SitemapError(ValueError):
    """The bytes are not a sitemap this parser accepts (or were refused as unsafe)."""


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One ``<url>`` of a urlset, with what a Google News sitemap adds to it."""

    url: str
    lastmod: dt.datetime | None  # UTC, naive
    published: dt.datetime | None  # news:publication_date, UTC, naive
    title: str | None  # news:title
    language: str | None  # news:language


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: a urlset has ``entries``, an index has ``children`` (sitemap URLs)."""

    entries: tuple[SitemapEntry, ...] = ()
    children: tuple[tuple[str, dt.datetime | None], ...] = ()

    @property
    def is_index(self) -> bool:
        return bool(self.children)


def _local(tag: object) -> str:
    # Sitemaps in the wild omit or misspell the namespace; match on the local name.
    return str(etree.QName(tag).localname) if isinstance(tag, str) else ""


def _child_text(node: etree._Element, name: str) -> str | None:
    for child in node.iter():
        text = child.text
        if _local(child.tag) == name and isinstance(text, str) and text.strip():
            return text.strip()
    return None


def parse_sitemap(data: bytes, *, max_bytes: int) -> Sitemap:
    """Parse a sitemap (plain or gzipped) into its URLs or its child sitemaps.

    Parameters
    ----------
    data
        The sitemap as fetched or read; gzip is recognised by its magic bytes.
    max_bytes
        The largest decompressed size accepted (the sitemaps protocol caps a file at 50 MB).

    Raises
    ------
    SitemapError
        A gzip bomb, bad gzip, XML entities (refused), XML that is not well-formed, or a
        root that is neither ``<urlset>`` nor ``<sitemapindex>``.

    Examples
    --------
    >>> xml = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    >>> xml += b"<url><loc>https://ex.org/a</loc><lastmod>2024-04-22</lastmod></url></urlset>"
    >>> parse_sitemap(xml, max_bytes=1000).entries[0].url
    'https://ex.org/a'
    """
    if is_gzip(data):
        try:
            data = gunzip_bounded(data, max_bytes)
        except DecompressionBombError as exc:
            raise SitemapError(f"gzip bomb: {exc}") from exc
        except ValueError as exc:
            raise SitemapError(str(exc)) from exc
    elif len(data) > max_bytes:
        raise SitemapError(f"larger than {max_bytes:,} bytes; refused")
    try:
        root = parse_untrusted_xml(data)
    except UnsafeXmlError as exc:
        raise SitemapError(str(exc)) from exc
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children = tuple(
            (loc, parse_when(_child_text(node, "lastmod")))
            for node in root
            if _local(node.tag) == "sitemap" and (loc := _child_text(node, "loc"))
        )
        return Sitemap(children=children)
    if kind != "urlset":
        raise SitemapError(f"root element <{kind}> is neither <urlset> nor <sitemapindex>")
    entries: list[SitemapEntry] = []
    for node in root:
        if _local(node.tag) != "url" or not (loc := _child_text(node, "loc")):
            continue
        news = next((n for n in node if _local(n.tag) == "news"), None)
        entries.append(
            SitemapEntry(
                url=loc,
                lastmod=parse_when(_child_text(node, "lastmod")),
                published=parse_when(_child_text(news, "publication_date"))
                if news is not None
                else None,
                title=_child_text(news, "title") if news is not None else None,
                language=_child_text(news, "language") if news is not None else None,
            )
        )
    return Sitemap(entries=tuple(entries))
