"""URL normalisation and the article identity of a fetched page."""

from __future__ import annotations

import pytest

from transforms.urls import article_url, dedup_key, normalize_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("HTTP://News.Example/a", "http://news.example/a"),
        ("http://news.example:80/a", "http://news.example/a"),
        ("https://news.example:443/a", "https://news.example/a"),
        ("https://news.example:8443/a", "https://news.example:8443/a"),
        ("https://news.example/a#comments", "https://news.example/a"),
        ("https://news.example/a?b=2&a=1", "https://news.example/a?a=1&b=2"),
        (
            "https://news.example/a?utm_source=rss&utm_medium=feed&id=7&fbclid=x&gclid=y&mc_cid=z",
            "https://news.example/a?id=7",
        ),
        ("  https://news.example/a  ", "https://news.example/a"),
    ],
)
def test_normal_form(given: str, expected: str) -> None:
    assert normalize_url(given) == expected


@pytest.mark.parametrize(
    "given", ["ftp://news.example/a", "file:///etc/passwd", "javascript:alert(1)", "/relative"]
)
def test_only_web_urls_have_a_normal_form(given: str) -> None:
    assert normalize_url(given) is None


def test_distinct_pages_stay_distinct() -> None:
    assert dedup_key("https://ex.org/story?id=1") != dedup_key("https://ex.org/story?id=2")


def test_two_spellings_of_one_page_share_a_key() -> None:
    a = "https://Ex.org:443/story?utm_campaign=x&page=2#top"
    b = "https://ex.org/story?page=2"
    assert dedup_key(a) == dedup_key(b)


def test_canonical_link_on_the_same_site_is_the_identity() -> None:
    fetched = "https://www.ex.org/amp/story-1?utm_source=tw"
    assert article_url(fetched, "https://ex.org/story-1") == "https://ex.org/story-1"
    assert article_url(fetched, "/story-1") == "https://www.ex.org/story-1"


def test_canonical_link_to_another_site_is_ignored() -> None:
    fetched = "https://ex.org/story-1?utm_source=tw"
    assert article_url(fetched, "https://aggregator.example/copy") == "https://ex.org/story-1"
    assert article_url(fetched, "javascript:alert(1)") == "https://ex.org/story-1"
    assert article_url(fetched, None) == "https://ex.org/story-1"
