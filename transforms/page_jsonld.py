"""What a page's schema.org JSON-LD says about its article: headline, authors, publisher,
description.

Pages carry one or more ``<script type="application/ld+json">`` blocks; a block is an object,
a list of objects, or an object whose ``@graph`` lists the nodes (Yoast and most CMSs). Nodes
point at each other by ``{"@id": ...}`` (the article's ``publisher`` and ``author`` are often
such references), so references are resolved against every node of the page. A block that
is not valid JSON is skipped: the page's meta tags and byline still speak for it.
"""

from __future__ import annotations

import html as html_lib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# schema.org types whose node is the article itself (NewsArticle, ReportageNewsArticle,
# BlogPosting, LiveBlogPosting, Report, ...): the same suffixes the not-an-article check uses.
_ARTICLE_SUFFIXES = ("Article", "BlogPosting", "Posting", "Report")
_PAGE_TYPES = {"WebPage", "ItemPage"}
_SITE_TYPES = ("NewsMediaOrganization", "Organization", "WebSite")


@dataclass(frozen=True, slots=True)
class JsonLdFacts:
    """The article facts of a page's JSON-LD (empty when it has none)."""

    headline: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    description: str | None = None


def read_jsonld(blocks: Iterable[str]) -> JsonLdFacts:
    """The article facts of the page's JSON-LD blocks (the scripts' text).

    The first node typed as an article (else a web page naming an author) gives the
    headline, authors (``Person`` or untyped;
    a name string, an object, or a list of them), description and publisher; with no
    publisher there, an organization or web-site node names the site.

    Examples
    --------
    >>> block = '''{"@context": "https://schema.org", "@graph": [
    ...   {"@type": "NewsMediaOrganization", "@id": "#org", "name": "Metro Wire"},
    ...   {"@type": "NewsArticle", "headline": "Fares rise", "publisher": {"@id": "#org"},
    ...    "author": [{"@type": "Person", "name": "Ann Lee"}, "Bo Chen"]}]}'''
    >>> read_jsonld([block])
    JsonLdFacts(headline='Fares rise', authors=('Ann Lee', 'Bo Chen'),
                publisher='Metro Wire', description=None)
    >>> read_jsonld(["{not json"])
    JsonLdFacts(headline=None, authors=(), publisher=None, description=None)
    """
    nodes = [node for block in blocks for node in _nodes(_load(block))]
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    # With no article node, a web-page node that names an author stands for it (Yoast
    # graphs of some sites put the author on the WebPage).
    article = next((node for node in nodes if _is_article(node)), None) or next(
        (node for node in nodes if _types(node) & _PAGE_TYPES and "author" in node), None
    )
    site = next(
        (
            _text(n.get("name"))
            for n in nodes
            if _types(n) & set(_SITE_TYPES) and not _is_article(n)
        ),
        None,
    )
    if article is None:
        return JsonLdFacts(publisher=site)
    publisher = _resolve(article.get("publisher"), by_id)
    return JsonLdFacts(
        headline=_text(article.get("headline")) or _text(article.get("name")),
        authors=tuple(_authors(article.get("author"), by_id)),
        publisher=_name_of(publisher) or site,
        description=_text(article.get("description")),
    )


def _load(block: str) -> Any:
    try:
        # strict=False: raw newlines and tabs inside strings are common in CMS output.
        return json.loads(block, strict=False)
    except (ValueError, RecursionError):
        return None


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Top-level objects and the members of their ``@graph`` (one level: metadata, not a
    crawl through every nested object)."""
    for item in value if isinstance(value, list) else [value]:
        if not isinstance(item, dict):
            continue
        graph = item.get("@graph")
        if isinstance(graph, list):
            yield from (node for node in graph if isinstance(node, dict))
        elif isinstance(graph, dict):
            yield graph
        if "@type" in item:
            yield item


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def _is_article(node: dict[str, Any]) -> bool:
    return any(kind.endswith(_ARTICLE_SUFFIXES) for kind in _types(node))


def _resolve(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
        return by_id.get(str(value.get("@id")), value)
    if isinstance(value, list) and value:
        return _resolve(value[0], by_id)
    return value


def _name_of(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("name")) or _text(value.get("legalName"))
    return _text(value)


def _authors(value: Any, by_id: dict[str, dict[str, Any]]) -> Iterator[str]:
    for item in value if isinstance(value, list) else [value]:
        node = _resolve(item, by_id)
        if isinstance(node, str):
            if name := _text(node):
                yield name
        elif isinstance(node, dict) and (not _types(node) or "Person" in _types(node)):
            name = _name_of(node)
            given, family = _text(node.get("givenName")), _text(node.get("familyName"))
            if name is None and given and family:
                name = f"{given} {family}"
            if name:
                yield name


def _text(value: Any) -> str | None:
    """A non-empty string with its white space collapsed; anything else is None."""
    if isinstance(value, list) and value:
        value = value[0]
    if not isinstance(value, str):
        return None
    text = " ".join(html_lib.unescape(value).split())
    return text or None
