"""A page's own publication date: the same whether htmldate parses the page or reads the
tree trafilatura's loader made of it."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import lxml.html
import pytest
from trafilatura import load_html

from transforms.page_date import page_published_date, tree_reads_alike

BODY = "<p>" + "The talks resumed after a pause of several weeks. " * 12 + "</p>"


def test_a_date_only_in_a_comment_is_found_with_the_tree_at_hand() -> None:
    page = (
        "<html><head><title>Talks</title></head>"
        f"<body><!-- published 2024-05-06 09:00 -->{BODY}</body></html>"
    )
    tree = load_html(page)
    assert tree is not None
    assert not tree_reads_alike(page)  # trafilatura's loader dropped the comment
    assert page_published_date(page, tree=tree) == dt.datetime(2024, 5, 6)
    assert page_published_date(page) == dt.datetime(2024, 5, 6)


def test_the_tree_is_read_when_nothing_can_differ_and_is_left_as_it_was() -> None:
    page = (
        "<!doctype html>\n<html><head><!-- analytics -->"
        '<meta property="article:published_time" content="2024-03-19T10:00:00Z">'
        f"</head><body>{BODY}</body></html>"
    )
    tree = load_html(page)
    assert tree is not None and tree_reads_alike(page)
    before = lxml.html.tostring(tree)
    assert page_published_date(page, tree=tree) == dt.datetime(2024, 3, 19)
    assert lxml.html.tostring(tree) == before


@pytest.mark.parametrize(
    ("page", "why"),
    [
        ("<html><!--[if lt IE 10]><html class=old><![endif]--><body></body></html>", "digits"),
        ("<html><body><p>a\x0bb</p></body></html>", "a control character"),
        ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">\n<html></html>', "doctype"),
        ("<html lang='en'/>\n<body></body>", "a self-closing html line"),
    ],
)
def test_pages_the_two_loaders_may_read_differently_are_parsed_again(page: str, why: str) -> None:
    assert not tree_reads_alike(page), why


def test_the_url_dates_a_page_whose_markup_has_no_date() -> None:
    page = f"<html><body>{BODY}</body></html>"
    tree = load_html(page)
    url = "https://news.example/world/2024/05/01/talks.html"
    assert page_published_date(page, url, tree=tree) == dt.datetime(2024, 5, 1)
    assert page_published_date(page, url) == dt.datetime(2024, 5, 1)
    assert page_published_date(page, "https://news.example/world/talks.html", tree=tree) is None
    # The page's own date wins over the URL's.
    dated = page.replace("<body>", '<head><meta property="article:published_time" '
                         'content="2024-04-30"></head><body>')  # fmt: skip
    assert page_published_date(dated, url, tree=load_html(dated)) == dt.datetime(2024, 4, 30)


def test_news200_dates_are_the_same_with_the_tree(shared_corpora: Path) -> None:
    root = shared_corpora / "htmldate"
    truth = json.loads((root / "news200.json").read_text(encoding="utf-8"))
    used = 0
    for url, item in truth.items():
        page = gzip.decompress((root / "news200" / (item["file"] + ".gz")).read_bytes()).decode(
            "utf-8", "replace"
        )
        tree = load_html(page)
        if tree is None:
            continue
        used += tree_reads_alike(page)
        assert page_published_date(page, url, tree=tree) == page_published_date(page, url), url
    assert used > 20  # the tree is read for a good share of real pages, not never
