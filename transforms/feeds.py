"""RSS 2.0 and Atom feeds → the items they list, parsed without expanding entities
(:mod:`transforms.safe_xml`, the same parser as sitemaps)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from lxml import etree

from transforms.safe_xml import UnsafeXmlError, parse_untrusted_xml

_ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass(frozen=True, slots=True)
class FeedItem:
    url: str
    title: str | None
    published: dt.datetime | None  # UTC, naive


class FeedError(ValueError):
    """The bytes are not a feed this parser understands."""


def parse_when(value: str | None) -> dt.datetime | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, JSONL) timestamp as naive UTC; None if unreadable.

    Examples
    --------
    >>> parse_when("Mon, 22 Apr 2024 14:05:00 +0200")
    datetime.datetime(2024, 4, 22, 12, 5)
    >>> parse_when("2024-04-22")
    datetime.datetime(2024, 4, 22, 0, 0)
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    parsed: dt.datetime | None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed


def _text(node: etree._Element | None) -> str | None:
    if node is None or node.text is None:
        return None
    return node.text.strip() or None


def parse_feed(data: bytes) -> list[FeedItem]:
    """The items of an RSS 2.0 or Atom 1.0 feed, in document order.

    Raises
    ------
    FeedError
        The bytes are not well-formed XML, declare entities, or are neither RSS nor Atom.
    """
    try:
        root = parse_untrusted_xml(data)
    except UnsafeXmlError as exc:
        message = str(exc).replace("the document", "the feed")
        raise FeedError(message) from exc
    items: list[FeedItem] = []
    if root.tag == "rss" or root.find("channel") is not None:
        for item in root.iter("item"):
            link = _text(item.find("link")) or _text(item.find("guid"))
            if link:
                published = _text(item.find("pubDate"))
                items.append(FeedItem(link, _text(item.find("title")), parse_when(published)))
    elif root.tag == f"{_ATOM}feed":
        for entry in root.iter(f"{_ATOM}entry"):
            link_node = entry.find(f"{_ATOM}link[@rel='alternate']")
            if link_node is None:
                link_node = entry.find(f"{_ATOM}link")
            link = link_node.get("href") if link_node is not None else None
            if link:
                when = _text(entry.find(f"{_ATOM}published")) or _text(
                    entry.find(f"{_ATOM}updated")
                )
                items.append(FeedItem(link, _text(entry.find(f"{_ATOM}title")), parse_when(when)))
    else:
        raise FeedError(f"root element <{root.tag}> is neither RSS nor Atom")
    return items
