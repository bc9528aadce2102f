"""Web sources end to end: feeds and sitemaps fetched from a real server on 127.0.0.1 by the
real client, pages fetched in parallel, and every failure a row of ``rejects``."""

from __future__ import annotations

import datetime as dt
import itertools

from tests.conftest import page
from tests.fetch.web_site import Web, rss, source, web
from wirehouse import api

__all__ = ["web"]  # the fixture, imported for pytest

NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
SM = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _news_sitemap(*entries: tuple[str, str, str]) -> str:
    urls = "".join(
        f"<url><loc>{loc}</loc><news:news><news:publication_date>{when}</news:publication_date>"
        f"<news:title>{title}</news:title><news:language>en</news:language></news:news></url>"
        for loc, title, when in entries
    )
    return f'<?xml version="1.0"?><urlset {SM} {NEWS}>{urls}</urlset>'


def _rejects(web: Web, settings: object) -> dict[str, tuple[str, str, str]]:
    _, rows = api.query(
        "SELECT url, stage, reason, detail FROM rejects ORDER BY url",
        settings=settings,  # type: ignore[arg-type]
    )
    return {url: (stage, reason, detail) for url, stage, reason, detail in rows}


def test_feed_over_http_with_its_dates_and_titles(web: Web) -> None:
    first = web.put("alpha.example", "2024/05/06/talks.html", "")
    web.put("alpha.example", "2024/05/06/talks.html", page(url=first))
    second = web.put("alpha.example", "2024/05/07/vote.html", "")
    web.put("alpha.example", "2024/05/07/vote.html", page(url=second, title="Vote"))
    feed = web.put(
        "alpha.example",
        "rss.xml",
        rss(
            (first + "?utm_source=rss&utm_medium=feed", "Talks resume, says feed", None),
            (second, None, "Tue, 07 May 2024 09:30:00 +0200"),
        ),
    )
    settings = web.settings(source("alpha", "feed", feed, language="en"))
    summary = api.run(settings=settings)
    assert summary.status == "complete", summary.failure
    _, rows = api.query(
        "SELECT url, title, published_at, published_source FROM articles ORDER BY url",
        settings=settings,
    )
    assert rows == [
        # The tracking parameters are gone; the feed's title wins over the page's.
        (first, "Talks resume, says feed", dt.datetime(2024, 5, 6), "page"),
        # The feed's date wins over the page's own (2024-05-06).
        (second, "Vote", dt.datetime(2024, 5, 7, 7, 30), "source"),
    ]
    _, cache = api.query(
        "SELECT url, article_url, etag IS NOT NULL, status FROM http_cache ORDER BY url",
        settings=settings,
    )
    assert cache == [(first, first, True, 200), (second, second, True, 200)]


def test_sitemap_index_with_a_gzipped_child(web: Web) -> None:
    host = "beta.example"
    pages = [web.url(host, f"news/{n}.html") for n in range(4)]
    for n, url in enumerate(pages):
        web.put(host, f"news/{n}.html", page(url=url, title=f"Page {n}"))
    web.put(
        host,
        "news-1.xml.gz",
        _news_sitemap(
            (pages[0], "News one", "2024-05-01T10:00:00Z"), (pages[1], "News two", "2024-05-02")
        ),
        gzipped=True,
    )
    web.put(
        host,
        "news-2.xml",
        _news_sitemap((pages[2], "Three", "2024-05-03"), (pages[3], "Four", "2024-05-04")),
    )
    index = web.put(
        host,
        "index.xml",
        f'<?xml version="1.0"?><sitemapindex {SM}>'
        f"<sitemap><loc>{web.url(host, 'news-1.xml.gz')}</loc></sitemap>"
        "<sitemap><loc>/news-2.xml</loc></sitemap></sitemapindex>",
    )
    settings = web.settings(source("beta", "sitemap", index))
    summary = api.run(settings=settings)
    assert summary.status == "complete", summary.failure
    _, rows = api.query("SELECT title, published_at FROM articles ORDER BY url", settings=settings)
    assert rows == [
        ("News one", dt.datetime(2024, 5, 1, 10, 0)),
        ("News two", dt.datetime(2024, 5, 2)),
        ("Three", dt.datetime(2024, 5, 3)),
        ("Four", dt.datetime(2024, 5, 4)),
    ]
    _, cursor = api.query("SELECT source, last_published FROM source_cursors", settings=settings)
    assert cursor == [("beta", dt.datetime(2024, 5, 4))]


def test_hostile_and_broken_sources_become_rejects_and_the_rest_loads(web: Web) -> None:
    good = web.put("alpha.example", "ok.html", "")
    web.put("alpha.example", "ok.html", page(url=good))
    missing = web.url("alpha.example", "missing.html")
    image = web.put("alpha.example", "logo.bin", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    metadata = "http://169.254.169.254/latest/meta-data/"
    feed = web.put(
        "alpha.example",
        "rss.xml",
        rss(
            (good, None, None),
            (missing, None, None),
            (image, None, None),
            (metadata, None, None),
            ("file:///etc/passwd", None, None),
        ),
    )
    bomb_feed = web.put(
        "beta.example",
        "rss.xml",
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        "<rss><channel><item><link>&b;</link></item></channel></rss>",
    )
    gzip_bomb = web.put(
        "gamma.example",
        "sitemap.xml.gz",
        f'<?xml version="1.0"?><urlset {SM}>' + " " * 3_000_000 + "</urlset>",
        gzipped=True,
    )
    settings = web.settings(
        source("alpha", "feed", feed)
        + source("bomb", "feed", bomb_feed)
        + source("gzip-bomb", "sitemap", gzip_bomb),
        max_document_mb=1.0,
    )
    summary = api.run(settings=settings)
    assert summary.status == "complete", summary.failure
    _, loaded = api.query("SELECT url FROM articles", settings=settings)
    assert loaded == [(good,)]
    rejects = _rejects(web, settings)
    stage, reason, detail = rejects[metadata]
    assert (stage, reason) == ("fetch", "refused_address")
    assert detail.startswith(metadata)
    assert rejects[missing][:2] == ("fetch", "http_error") and "404" in rejects[missing][2]
    assert rejects[image][:2] == ("fetch", "bad_content_type")
    assert rejects["file:///etc/passwd"][:2] == ("fetch", "refused_scheme")
    _, by_locator = api.query(
        "SELECT locator, stage, reason FROM rejects WHERE url IS NULL ORDER BY locator",
        settings=settings,
    )
    assert by_locator == [
        (bomb_feed, "read", "bad_feed"),
        (gzip_bomb, "read", "decompression_bomb"),
    ]


def test_one_story_under_two_urls_is_stored_once(web: Web) -> None:
    canonical = web.url("alpha.example", "story.html")
    html = page(url=canonical)
    web.put("alpha.example", "story.html", html)
    amp = web.put("alpha.example", "amp/story.html", html)  # same page, canonical link back
    tracked = canonical + "?utm_campaign=spring&fbclid=abc"
    feed = web.put("alpha.example", "rss.xml", rss((tracked, None, None), (amp, None, None)))
    settings = web.settings(source("alpha", "feed", feed))
    summary = api.run(settings=settings)
    assert summary.status == "complete", summary.failure
    _, articles = api.query("SELECT url FROM articles", settings=settings)
    assert articles == [(canonical,)]
    _, raw = api.query("SELECT count(*) FROM raw.documents", settings=settings)
    assert raw == [(1,)]
    # Both URLs were fetched once each; the canonical link made them one article.
    paths = sorted(h.path for h in web.server.hits if h.path.endswith(".html"))
    assert paths == ["/amp/story.html", "/story.html"]


def test_the_charset_of_the_content_type_header_is_honoured(web: Web) -> None:
    url = web.url("alpha.example", "zoe.htm")  # served as text/html; charset=windows-1252
    web.put("alpha.example", "zoe.htm", page(url=url, title="Zoë’s return").encode("cp1252"))
    listing = web.put("alpha.example", "list.txt", f"# pages\n{url}\n")
    settings = web.settings(source("alpha", "urls", listing))
    api.run(settings=settings)
    _, rows = api.query("SELECT title FROM articles", settings=settings)
    assert rows == [("Zoë’s return",)]


def test_a_sources_politeness_overrides_reach_the_client_for_its_hosts(web: Web) -> None:
    from collections.abc import Mapping

    from warehouse.connection import connect
    from warehouse.ddl import ensure_schema
    from wirehouse.fetch.client import HttpFetcher
    from wirehouse.fetch.policy import FetchConfig, HostPolicy
    from wirehouse.source_plan import plan_sources

    url = web.url("beta.example", "p.html")
    web.put("beta.example", "p.html", page(url=url))
    feed = web.put("alpha.example", "rss.xml", rss((url, None, None)))
    listing = web.put("gamma.example", "list.txt", url + "\n")
    settings = web.settings(
        source("slow", "feed", feed, delay_seconds=3.0)
        + source("gentle", "urls", listing, delay_seconds=0.5, concurrency=1)
    )
    given: list[Mapping[str, HostPolicy]] = []
    extended: list[Mapping[str, HostPolicy]] = []

    class Recording(HttpFetcher):
        def extend_policies(self, policies: Mapping[str, HostPolicy]) -> None:
            extended.append(policies)
            super().extend_policies(policies)

    def fetchers(policies: Mapping[str, HostPolicy]) -> HttpFetcher:
        given.append(policies)
        return Recording(FetchConfig.from_settings(settings, policies))

    with connect(settings.db) as con:  # as a run does before it plans its sources
        ensure_schema(con)
    plan = plan_sources("run", settings, {}, None, fetchers)
    items = list(plan.items())
    assert len(items) == 1  # one page, listed twice, fetched once
    # One client for the run, made with the listing hosts' politeness...
    assert given == [
        {
            "alpha.example": HostPolicy(3.0, settings.fetch_per_host),
            "gamma.example": HostPolicy(0.5, 1),
        }
    ]
    # ...and told the page hosts' once the listings were read. The page's host is listed
    # by both sources: the politer of the two wins.
    assert extended == [{"beta.example": HostPolicy(3.0, 1)}]


def test_one_client_serves_a_hosts_listing_and_its_pages(web: Web) -> None:
    """robots.txt is asked once per host in a run, and its Crawl-delay holds from the last
    listing request to the first page request (it once took a second client, with its own
    robots.txt request and no gap)."""
    pages = [web.put("alpha.example", f"2024/05/0{n}/story.html", "") for n in (6, 7)]
    for n, url in enumerate(pages):
        web.put("alpha.example", f"2024/05/0{6 + n}/story.html", page(url=url, title=f"S{n}"))
    web.put("alpha.example", "robots.txt", "User-agent: *\nCrawl-delay: 0.4\n")
    sitemap = web.put(
        "alpha.example",
        "sitemap.xml",
        _news_sitemap(*((url, f"S{n}", "2024-05-06") for n, url in enumerate(pages))),
    )
    settings = web.settings(source("alpha", "sitemap", sitemap))
    summary = api.run(settings=settings)
    assert summary.status == "complete", summary.failure
    hits = [h for h in web.server.hits if h.host == "alpha.example"]
    assert [h.path for h in hits].count("/robots.txt") == 1
    requests = [h for h in hits if h.path != "/robots.txt"]
    assert requests[0].path == "/sitemap.xml" and len(requests) == 3
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(requests)]
    assert min(gaps) >= 0.35, gaps
