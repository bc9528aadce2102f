"""A page's own metadata from one parsed tree: precedence, JSON-LD, bylines, site names."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import lxml.html
import pytest

from transforms.bylines import byline_authors, clean_names
from transforms.page_jsonld import read_jsonld
from transforms.page_meta import PageMeta, read_page_meta, usable_url

SAMPLE = Path(__file__).resolve().parents[2] / "sample"


def meta(head: str, body: str = "", *, url: str | None = "https://news.example/a/b.html",
         html_attrs: str = "") -> PageMeta:  # fmt: skip
    tree = lxml.html.fromstring(f"<html{html_attrs}><head>{head}</head><body>{body}</body></html>")
    return read_page_meta(tree, url)


def ld(value: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(value)}</script>'


def test_title_precedence_og_then_json_ld_then_meta_then_h1_then_title() -> None:
    og = '<meta property="og:title" content="From og">'
    json_ld = ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "From LD"})
    named = '<meta name="twitter:title" content="From twitter">'
    h1 = "<h1>From the h1</h1>"
    title = "<title>From title - Outlet</title>"
    assert meta(og + json_ld + named + title, h1).title == "From og"
    assert meta(json_ld + named + title, h1).title == "From LD"
    assert meta(named + title, h1).title == "From twitter"
    assert meta(title, h1).title == "From the h1"
    assert meta(title, "<h1>Logo</h1><h1 class='entry-title'>Marked</h1>").title == "Marked"
    assert meta(title, "<h1>One</h1><h1>Two</h1>").title == "From title"


def test_the_site_name_is_cut_from_any_title_source() -> None:
    found = meta(
        '<meta property="og:site_name" content="Metro Wire">'
        '<meta property="og:title" content="Fares rise again | Metro Wire">'
    )
    assert (found.title, found.sitename) == ("Fares rise again", "Metro Wire")
    sectioned = meta("<title>Chips case :: Capital Ledger :: Courts</title>"
                     '<meta property="og:site_name" content="Capital Ledger">')  # fmt: skip
    assert sectioned.title == "Chips case"


def test_site_name_sources_in_order() -> None:
    graph = ld({
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "NewsMediaOrganization", "@id": "#org", "name": "Frankfurter Allgemeine"},
            {"@type": "NewsArticle", "headline": "H", "publisher": {"@id": "#org"}},
        ],
    })  # fmt: skip
    site = '<meta property="og:site_name" content="FAZ.NET">'
    assert meta(site + graph).sitename == "Frankfurter Allgemeine"  # the fuller name
    assert meta('<meta property="og:site_name" content="Frankfurter Allgemeine Zeitung">'
                + graph).sitename == "Frankfurter Allgemeine Zeitung"  # fmt: skip
    assert meta('<meta property="og:site_name" content="the Guardian">').sitename == (
        "The Guardian"
    )
    publisher_url = '<meta name="publisher" content="https://facebook.com/x">'
    assert meta(publisher_url + '<meta name="twitter:site" content="@Wire">').sitename == "Wire"
    # What <title> adds to the headline; of several parts, the one spelling the host.
    dalloz = meta(
        "<title>Raoult et moi - Avocat | Dalloz Actualité</title>",
        "<h1>Raoult et moi</h1>",
        url="https://www.dalloz-actualite.fr/x",
    )
    assert dalloz.sitename == "Dalloz Actualité"
    assert meta("<title>Just a headline</title>").sitename is None


def test_authors_from_json_ld_and_meta_together_then_the_byline() -> None:
    article = ld({
        "@context": "https://schema.org", "@type": "NewsArticle",
        "author": [{"@type": "Person", "name": "Liang Wei"},
                   {"@type": "Organization", "name": "Wire"}],
    })  # fmt: skip
    tags = ('<meta name="author" content="Ruth Mwangi">'
            '<meta property="article:author" content="https://facebook.com/ruth">')  # fmt: skip
    assert meta(article + tags).author == "Liang Wei; Ruth Mwangi"
    byline = '<p class="byline">By Iryna Solovei and Mark Dempster · <time>13 May</time></p>'
    assert meta("", byline).author == "Iryna Solovei; Mark Dempster"
    assert meta('<meta name="author" content="Editorial">', byline).author == (
        "Iryna Solovei; Mark Dempster"
    )


def test_a_byline_is_not_a_comment_a_photo_credit_or_a_dateline() -> None:
    body = (
        '<div class="comments"><p class="comment__author">Tom Reader</p></div>'
        '<div class="img-author">Photograph by Jane Lens</div>'
        '<p class="byline">Halima Djibo, Niamey</p>'
    )
    tree = lxml.html.fromstring(f"<html><body>{body}</body></html>")
    assert byline_authors(tree) == "Halima Djibo"
    assert byline_authors(lxml.html.fromstring("<p class='byline'>June 6, 2024</p>")) is None


@pytest.mark.parametrize(
    "mark",
    ['class="Article-AUTHOR"', 'id="BYLINE"', 'class="meta byl"', 'class="Writer-name"',
     'rel="JOURNALIST"', 'class="Posted-By"', 'itemprop="submitted-BY"',
     'class="journaliſt"'],  # re.I folds "ſ" to "s": the non-ASCII path still asks the patterns
)  # fmt: skip
def test_byline_marks_are_found_in_any_case(mark: str) -> None:
    page = f"<html><body><div class='x'><span {mark}>By Ruth Mwangi</span></div></body></html>"
    assert byline_authors(lxml.html.fromstring(page)) == "Ruth Mwangi"


def test_author_names_are_cleaned() -> None:
    assert clean_names(["Lena Strobl in Vienna"]) == "Lena Strobl"
    assert clean_names(["Tom Krisher, AP Auto Writer"], strict=True) == "Tom Krisher"
    assert clean_names(["Analysis by Chris Cillizza"]) == "Chris Cillizza"
    assert clean_names(["edilson.la.rosa"]) == "Edilson La Rosa"
    assert clean_names(["Lindsey O&#039;Donnell"]) == "Lindsey O'Donnell"
    assert clean_names(["Ann Lee", "Ann Lee-Smith"]) == "Ann Lee-Smith"
    assert clean_names(["@handle", "x@y.example"]) is None


def test_json_ld_graph_references_lists_and_broken_blocks() -> None:
    graph = json.dumps({
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": "#page"},
            {"@type": ["ReportageNewsArticle"], "headline": "Talks &amp; more",
             "author": {"@id": "#p"}, "description": "About talks."},
            {"@type": "Person", "@id": "#p", "givenName": "Ann", "familyName": "Lee"},
        ],
    })  # fmt: skip
    facts = read_jsonld(["{broken", graph])
    assert (facts.headline, facts.authors, facts.description) == (
        "Talks & more",
        ("Ann Lee",),
        "About talks.",
    )
    # A Yoast graph with no article node: the web page that names the author stands in.
    page = json.dumps({"@graph": [
        {"@type": "WebPage", "author": {"@id": "#p"}},
        {"@type": "Person", "@id": "#p", "name": "Gabriela Marmori"},
    ]})  # fmt: skip
    assert read_jsonld([page]).authors == ("Gabriela Marmori",)


def test_canonical_url_link_then_og_url_only_absolute_http() -> None:
    link = '<link rel="canonical" href="/world/a.html">'
    og = '<meta property="og:url" content="https://news.example/og.html">'
    assert meta(link + og).canonical_url == "https://news.example/world/a.html"
    assert meta(link + og, url=None).canonical_url == "https://news.example/og.html"
    assert meta('<link rel="canonical" href="http://[x/a">').canonical_url is None
    assert meta("").canonical_url is None
    assert usable_url("ftp://a.example/x") is None


def test_language_from_html_lang_then_content_language_then_og_locale() -> None:
    assert meta("", html_attrs=' lang="en-GB"').language == "en"
    assert meta('<meta http-equiv="content-language" content="de">').language == "de"
    assert meta('<meta property="og:locale" content="es_ES">').language == "es"
    assert meta("", html_attrs=' lang="english"').language is None
    tree = lxml.html.fromstring("<html><body><p>x</p></body></html>")
    source = '<!--[if IE]><html class="ie" lang="fr"><![endif]--><html><body><p>x</p>'
    assert read_page_meta(tree, None, source).language == "fr"


def test_every_sample_page_names_its_outlet_once_per_host() -> None:
    """The sample's outlets give their names in og:site_name, JSON-LD or <title> only: the
    warehouse's `outlets` counts must not count one outlet under its name and its host."""
    names: dict[str, set[str | None]] = {}
    pages = sorted((SAMPLE / "site").rglob("*.html"))
    assert pages
    for path in pages:
        tree = lxml.html.fromstring(path.read_bytes())
        host = path.relative_to(SAMPLE / "site").parts[0]
        names.setdefault(host, set()).add(read_page_meta(tree, f"https://{host}/").sitename)
    unnamed = {host: found for host, found in names.items() if len(found - {None}) != 1}
    assert not unnamed, unnamed


@pytest.mark.shared
def test_realworld_metadata_expectations(shared_corpora: Path) -> None:
    """trafilatura's real-world metadata expectations, for the pages the corpus holds."""
    root = shared_corpora / "trafilatura-news"
    expected = json.loads((root / "realworld_metadata_expectations.json").read_text("utf-8"))
    paths = {item["url"]: item["path"] for item in json.loads((root / "manifest.json").read_text())}
    checked = right = 0
    for url, want in expected.items():
        if url not in paths:
            continue
        path = root / "html" / paths[url]
        raw = (
            path.read_bytes() if path.exists() else gzip.decompress(Path(f"{path}.gz").read_bytes())
        )
        found = read_page_meta(lxml.html.fromstring(raw), url)
        for key, value in (("title", found.title), ("author", found.author),
                           ("sitename", found.sitename)):  # fmt: skip
            if key in want:
                checked += 1
                right += value == want[key]
    assert checked >= 20 and right == checked, f"{right} of {checked}"
