"""Feeds: RSS and Atom items, dates in UTC, hostile XML refused."""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.feeds import FeedError, parse_feed

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>https://a.example/1</link>
<pubDate>Mon, 22 Apr 2024 14:05:00 +0200</pubDate></item>
<item><title>No date</title><guid>https://a.example/2</guid></item>
</channel></rss>"""

ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>Un</title><link rel="alternate" href="https://b.example/1"/>
<published>2024-03-26T08:30:00+01:00</published></entry></feed>"""


def test_rss_items_with_utc_dates() -> None:
    items = parse_feed(RSS)
    assert [(i.url, i.title) for i in items] == [
        ("https://a.example/1", "One"),
        ("https://a.example/2", "No date"),
    ]
    assert items[0].published == dt.datetime(2024, 4, 22, 12, 5)
    assert items[1].published is None


def test_atom_entries() -> None:
    (item,) = parse_feed(ATOM)
    assert item.url == "https://b.example/1"
    assert item.published == dt.datetime(2024, 3, 26, 7, 30)


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        b"<rss><channel><item><link>&lol2;</link></item></channel></rss>",
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><item><link>&x;</link></item></channel></rss>",
        b"<rss><channel><item>",
        b"<html><body>not a feed</body></html>",
    ],
    ids=["entity-bomb", "external-entity", "truncated", "not-a-feed"],
)
def test_hostile_or_broken_feeds_are_refused(data: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(data)
