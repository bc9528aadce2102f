"""Sitemaps (and feeds, which share the parser): entries, indexes, news fields, and the
refusal of entity bombs, external entities and gzip bombs."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest

from transforms.compression import DecompressionBombError, gunzip_bounded
from transforms.feeds import FeedError, parse_feed
from transforms.sitemaps import SitemapError, parse_sitemap

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'

URLSET = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset {NS} {NEWS}>
  <url><loc>https://ex.org/a</loc><lastmod>2024-04-22T10:00:00+02:00</lastmod></url>
  <url>
    <loc> https://ex.org/b </loc>
    <news:news>
      <news:publication><news:name>Ex</news:name><news:language>fr</news:language></news:publication>
      <news:publication_date>2024-04-21T18:30:00Z</news:publication_date>
      <news:title>Talks resume</news:title>
    </news:news>
  </url>
  <url><lastmod>2024-04-22</lastmod></url>
</urlset>""".encode()

INDEX = f"""<?xml version="1.0"?>
<sitemapindex {NS}>
  <sitemap><loc>https://ex.org/news-1.xml.gz</loc><lastmod>2024-04-22</lastmod></sitemap>
  <sitemap><loc>https://ex.org/news-2.xml</loc></sitemap>
</sitemapindex>""".encode()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<urlset><url><loc>&lol4;</loc></url></urlset>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>https://ex.org/&secret;</loc></url></urlset>"""


def test_urlset_entries_with_news_fields() -> None:
    sitemap = parse_sitemap(URLSET, max_bytes=1_000_000)
    assert not sitemap.is_index
    first, second = sitemap.entries  # the <url> without <loc> is skipped
    assert first.url == "https://ex.org/a"
    assert first.lastmod == dt.datetime(2024, 4, 22, 8, 0)
    assert first.published is None  # lastmod says when it changed, not when it was published
    assert second.url == "https://ex.org/b"
    assert second.published == dt.datetime(2024, 4, 21, 18, 30)
    assert (second.title, second.language) == ("Talks resume", "fr")


def test_index_lists_children() -> None:
    sitemap = parse_sitemap(INDEX, max_bytes=1_000_000)
    assert sitemap.is_index and not sitemap.entries
    assert [c for c, _ in sitemap.children] == [
        "https://ex.org/news-1.xml.gz",
        "https://ex.org/news-2.xml",
    ]


def test_gzipped_sitemap() -> None:
    sitemap = parse_sitemap(gzip.compress(URLSET), max_bytes=1_000_000)
    assert len(sitemap.entries) == 2


def test_gzip_bomb_is_refused_without_inflating_it() -> None:
    bomb = gzip.compress(b"<" + b" " * 30_000_000)
    assert len(bomb) < 100_000
    with pytest.raises(SitemapError, match="gzip bomb"):
        parse_sitemap(bomb, max_bytes=1_000_000)
    with pytest.raises(DecompressionBombError):
        gunzip_bounded(bomb, 1_000_000)


def test_bounded_gunzip_takes_exactly_the_limit_and_refuses_broken_data() -> None:
    assert gunzip_bounded(gzip.compress(b"x" * 1000), 1000) == b"x" * 1000
    with pytest.raises(DecompressionBombError):
        gunzip_bounded(gzip.compress(b"x" * 1001), 1000)
    with pytest.raises(ValueError, match="not valid gzip"):
        gunzip_bounded(gzip.compress(b"x" * 1000)[:-12], 1000)


def test_plain_sitemap_over_the_limit_is_refused() -> None:
    with pytest.raises(SitemapError, match="larger than"):
        parse_sitemap(URLSET, max_bytes=100)


@pytest.mark.parametrize("document", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_entities_are_refused_in_sitemaps_and_feeds(document: bytes) -> None:
    with pytest.raises(SitemapError, match="declares XML entities"):
        parse_sitemap(document, max_bytes=1_000_000)
    as_feed = document.replace(b"urlset", b"rss").replace(b"<url>", b"<channel><item>")
    as_feed = as_feed.replace(b"</url>", b"</item></channel>").replace(b"loc>", b"link>")
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(as_feed)


def test_entities_hidden_past_a_padded_prolog_are_still_refused() -> None:
    padded = XXE.replace(b"<!DOCTYPE", b"<!--" + b" " * 70_000 + b"-->\n<!DOCTYPE")
    with pytest.raises(SitemapError, match="declares XML entities"):
        parse_sitemap(padded, max_bytes=1_000_000)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"<html><body>not a sitemap</body></html>", "neither <urlset> nor <sitemapindex>"),
        (b"<urlset><url><loc>https://ex.org/a</loc></urlset>", "not well-formed"),
        (b"\x1f\x8bnot gzip at all", "not valid gzip"),
    ],
)
def test_what_is_not_a_sitemap_says_why(document: bytes, message: str) -> None:
    with pytest.raises(SitemapError, match=message):
        parse_sitemap(document, max_bytes=1_000_000)
