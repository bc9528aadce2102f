"""The sources file: every kind, URL or path locations, politeness overrides and schedule
hints, and clear errors for what is wrong; and the local kinds read offline."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.conftest import page
from transforms.records import Reject, SourceDocument
from wirehouse.config import load_sources
from wirehouse.errors import ConfigError
from wirehouse.fetch.discovery import is_web_source
from wirehouse.inputs import SourceReader

SM = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_kind_with_its_options(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
[[source]]
name = "wire"
kind = "feed"
location = "https://news.example/rss.xml"
language = "en"
schedule = "*/30 * * * *"
delay_seconds = 2.5
concurrency = 1

[[source]]
name = "maps"
kind = "sitemap"
location = "maps/index.xml"
mirror = "site"

[[source]]
name = "archive"
kind = "warc"
location = "warc"

[[source]]
name = "local-list"
kind = "urls"
location = "list.txt"
""",
    )
    wire, maps, archive, local_list = load_sources(path)
    assert wire.url == "https://news.example/rss.xml" and wire.where == wire.url
    assert (wire.schedule, wire.delay_seconds, wire.concurrency) == ("*/30 * * * *", 2.5, 1)
    assert maps.url is None and maps.location == (tmp_path / "maps/index.xml").resolve()
    assert archive.kind == "warc" and archive.location == (tmp_path / "warc").resolve()
    # A listing or its pages on the web are read by discovery; a mirror keeps it offline.
    assert [is_web_source(s) for s in (wire, maps, archive, local_list)] == [
        True,
        False,
        False,
        True,
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('kind = "warc"\nlocation = "https://x.example/a.warc"', "must be a local path"),
        ('kind = "feed"\nlocation = "ftp://x.example/rss"', "only http(s) URLs or paths"),
        ('kind = "feed"\nlocation = "f.xml"\ndelay_seconds = -1', "delay_seconds must be"),
        ('kind = "feed"\nlocation = "f.xml"\nconcurrency = 0', "concurrency must be"),
        ('kind = "feed"\nlocation = "f.xml"\nschedule = "nightly"', "five-field cron"),
        ('kind = "torrent"\nlocation = "f.xml"', "unknown kind 'torrent'"),
        ('kind = "feed"\nlocation = "f.xml"\ncron = "0 2 * * *"', "unknown keys ['cron']"),
    ],
)
def test_what_is_wrong_is_named(tmp_path: Path, entry: str, message: str) -> None:
    path = _write(tmp_path, f'[[source]]\nname = "bad"\n{entry}\n')
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        load_sources(path)
    assert str(path) in str(caught.value) and "(bad)" in str(caught.value)


def test_local_sitemap_index_with_a_gzipped_child_and_a_mirror(tmp_path: Path) -> None:
    site = tmp_path / "site" / "news.example"
    site.mkdir(parents=True)
    (site / "a.html").write_text(page(url="https://news.example/a.html"), encoding="utf-8")
    child = (
        f'<urlset {SM} xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>'
        "<loc>https://news.example/a.html</loc><news:news><news:title>From the map</news:title>"
        "<news:publication_date>2024-05-02</news:publication_date></news:news></url>"
        "<url><loc>https://news.example/missing.html</loc></url></urlset>"
    )
    (site / "news.xml.gz").write_bytes(gzip.compress(child.encode()))
    index = tmp_path / "index.xml"
    index.write_text(
        f"<sitemapindex {SM}><sitemap><loc>https://news.example/news.xml.gz</loc></sitemap>"
        "</sitemapindex>",
        encoding="utf-8",
    )
    path = _write(
        tmp_path,
        '[[source]]\nname = "maps"\nkind = "sitemap"\nlocation = "index.xml"\nmirror = "site"\n',
    )
    (config,) = load_sources(path)
    items = list(SourceReader(config, 1_000_000).documents())
    documents = [i for i in items if isinstance(i, SourceDocument)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert [(d.url, d.title) for d in documents] == [
        ("https://news.example/a.html", "From the map")
    ]
    assert [r.reason for r in rejects] == ["not_local"]


def test_a_local_listing_is_read_as_a_fetched_one_is(tmp_path: Path) -> None:
    """Local listings go through the web's listing parser: a broken child sitemap is one
    reject naming it (its siblings are still read), a relative link resolves beside the
    listing, and a news sitemap's language reaches the page."""
    site = tmp_path / "site" / "news.example"
    site.mkdir(parents=True)
    (site / "a.html").write_text(page(url="https://news.example/a.html"), encoding="utf-8")
    (site / "good.xml").write_text(
        f'<urlset {SM} xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>'
        "<loc>https://news.example/a.html</loc><news:news><news:language>fr</news:language>"
        "</news:news></url></urlset>",
        encoding="utf-8",
    )
    (site / "broken.xml").write_text("<urlset><url><loc>", encoding="utf-8")
    (tmp_path / "index.xml").write_text(
        f"<sitemapindex {SM}>"
        "<sitemap><loc>https://news.example/broken.xml</loc></sitemap>"
        "<sitemap><loc>https://news.example/good.xml</loc></sitemap></sitemapindex>",
        encoding="utf-8",
    )
    beside = tmp_path / "pages"
    beside.mkdir()
    (beside / "b.html").write_text(page(url="https://news.example/b.html"), encoding="utf-8")
    (tmp_path / "list.txt").write_text("# relative\npages/b.html\n", encoding="utf-8")
    path = _write(
        tmp_path,
        '[[source]]\nname = "maps"\nkind = "sitemap"\nlocation = "index.xml"\nmirror = "site"\n'
        '[[source]]\nname = "list"\nkind = "urls"\nlocation = "list.txt"\nmirror = "site"\n',
    )
    maps, urls = load_sources(path)
    reject, document = SourceReader(maps, 1_000_000).documents()
    assert isinstance(reject, Reject) and reject.reason == "bad_sitemap"
    assert reject.locator == str(site / "broken.xml")
    assert isinstance(document, SourceDocument) and document.language == "fr"
    (listed,) = SourceReader(urls, 1_000_000).documents()
    assert isinstance(listed, SourceDocument) and listed.url == (beside / "b.html").as_uri()


def test_a_missing_warc_location_is_a_reject(tmp_path: Path) -> None:
    path = _write(tmp_path, '[[source]]\nname = "a"\nkind = "warc"\nlocation = "nowhere"\n')
    (config,) = load_sources(path)
    (reject,) = SourceReader(config, 1000).documents()
    assert isinstance(reject, Reject) and reject.reason == "unreadable"
