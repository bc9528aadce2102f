"""HTML → article: text, metadata precedence, rejects."""

from __future__ import annotations

import datetime as dt

from tests.conftest import page
from transforms.article import extract_article, find_canonical_url
from transforms.decoding import decode_html
from transforms.records import Article, Reject, SourceDocument


def doc(
    html: str | None = None,
    *,
    text: str | None = None,
    published: dt.datetime | None = None,
    url: str = "https://news.example/world/a.html",
) -> SourceDocument:
    return SourceDocument(
        url=url,
        source="test",
        locator="test.html",
        content_hash="h",
        html=html,
        text=text,
        published=published,
    )


def test_page_becomes_article_with_its_own_date_and_no_boilerplate() -> None:
    article = extract_article(doc(page(published="2024-05-06")))
    assert isinstance(article, Article)
    assert article.published_at == dt.datetime(2024, 5, 6)
    assert article.published_source == "page"
    assert article.language == "en" and article.title == "Talks resume"
    assert "resumed after a pause" in article.text
    assert "Home" not in article.text and "©" not in article.text
    assert not article.paywalled


def test_the_source_date_wins_over_the_page_date() -> None:
    given = dt.datetime(2024, 5, 9, 7, 0)
    article = extract_article(doc(page(published="2024-05-06"), published=given))
    assert isinstance(article, Article)
    assert (article.published_at, article.published_source) == (given, "source")


def test_undated_page_has_no_date_rather_than_a_guess() -> None:
    article = extract_article(doc(page(url=None, published=None), url="file:///tmp/a.html"))
    assert isinstance(article, Article)
    assert (article.published_at, article.published_source) == (None, "none")


def test_rejects_name_the_document_and_the_reason() -> None:
    empty = extract_article(doc("   "))
    short = extract_article(doc(page(body="Just a line.")))
    no_text = extract_article(doc("<html><head><title>x</title></head><body></body></html>"))
    assert isinstance(empty, Reject) and empty.reason == "empty"
    assert isinstance(short, Reject) and short.reason == "too_short"
    assert "test.html:" in short.detail and "below 300" in short.detail
    assert isinstance(no_text, Reject) and no_text.reason == "no_article_text"


def test_contact_page_is_not_an_article_but_paywalled_teaser_is_kept() -> None:
    contact = page(url=None, published=None).replace(
        "<title>", '<meta property="og:type" content="website"><title>'
    )
    rejected = extract_article(doc(contact))
    assert isinstance(rejected, Reject) and rejected.reason == "not_an_article"
    teaser = page().replace(
        "</head>",
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"isAccessibleForFree": false}</script></head>',
    )
    kept = extract_article(doc(teaser))
    assert isinstance(kept, Article) and kept.paywalled


def test_text_record_skips_extraction() -> None:
    body = "The council voted on Tuesday to expand the bus network. " * 8
    article = extract_article(doc(text=body))
    assert isinstance(article, Article) and article.text == body.strip()


def test_canonical_url_from_link_or_og_url_only_when_absolute() -> None:
    assert find_canonical_url('<link href="https://a.example/x" rel="canonical">') == (
        "https://a.example/x"
    )
    assert find_canonical_url('<meta property="og:url" content="https://b.example/y">') == (
        "https://b.example/y"
    )
    assert find_canonical_url('<link rel="canonical" href="/relative">') is None


def test_decoding_survives_wrong_and_missing_charsets() -> None:
    latin = '<meta charset="iso-8859-1"><p>Bogotá</p>'.encode("latin-1")
    assert "Bogotá" in decode_html(latin)
    assert "Bogotá" in decode_html("<p>Bogotá</p>".encode("utf-8-sig"))
    assert decode_html(b"\xff\xfe\x00garbage\x80") is not None  # never raises


def _headline_page(head_title: str, headline: str) -> SourceDocument:
    body = " ".join(["The council met on Tuesday and voted on the new transit budget."] * 12)
    html = (
        f'<html><head><meta property="og:title" content="{headline}">'
        f"<title>{head_title}</title></head><body><article>"
        f"<h1>{headline}</h1><p>{body}</p></article></body></html>"
    )
    return SourceDocument(
        url="https://news.example/a.html", source="t", locator="t", content_hash="h", html=html
    )


def test_a_headline_is_never_taken_for_the_outlet() -> None:
    # No og:site_name and a headline with dots in it ("U.N."): the outlet comes from what
    # <title> adds to the headline, and with nothing added it is the host, never the headline.
    headline = "U.N. envoys open talks in Geneva as ceasefire deadline nears"
    named = extract_article(_headline_page(f"{headline} - Metro Wire", headline))
    bare = extract_article(_headline_page(headline, headline))
    assert isinstance(named, Article) and isinstance(bare, Article)
    assert (named.outlet, named.title) == ("Metro Wire", headline)
    assert bare.outlet == "news.example"


def test_page_metadata_comes_from_the_page_and_the_source_still_wins() -> None:
    html = page(url=None).replace(
        "</head>",
        '<meta property="og:site_name" content="Daily Example">'
        '<meta name="author" content="Ann Lee">'
        '<meta name="description" content="Talks resumed on Monday.">'
        '<link rel="canonical" href="https://news.example/world/talks.html"></head>',
    )
    from_page = extract_article(doc(html))
    from_source = extract_article(
        SourceDocument(
            url="https://news.example/world/a.html", source="feed", locator="f.xml",
            content_hash="h", html=html, title="Talks resume in Geneva", language="fr",
        )
    )  # fmt: skip
    assert isinstance(from_page, Article) and isinstance(from_source, Article)
    assert (from_page.outlet, from_page.author) == ("Daily Example", "Ann Lee")
    assert from_page.description == "Talks resumed on Monday."
    assert from_page.canonical_url == "https://news.example/world/talks.html"
    assert (from_page.title, from_page.language) == ("Talks resume", "en")
    assert (from_source.title, from_source.language) == ("Talks resume in Geneva", "fr")


def test_canonical_url_is_none_when_the_page_names_none() -> None:
    # The column is "the page's own canonical URL, when it names one": the fetched URL is
    # in `url` already.
    article = extract_article(doc(page(url=None)))
    assert isinstance(article, Article) and article.canonical_url is None


def test_captions_and_text_come_from_the_same_parse() -> None:
    # A caption trafilatura keeps in the text (one inside a paragraph) is located there, so
    # the quote and event extractors can tell it from the story.
    caption = "Delegates arrive at the conference hall in Geneva on Monday morning."
    html = page().replace("<h1>", f"<p><figcaption>{caption}</figcaption></p><h1>")
    article = extract_article(doc(html))
    assert isinstance(article, Article)
    assert [article.text[s:e] for s, e in article.caption_spans] == [caption]
