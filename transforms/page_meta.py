"""What a page says about itself: title, author, site name, description, canonical URL and
language, read from one parsed tree (the one the article text is extracted from).

Precedence, first found wins:

- **title**: ``og:title``; JSON-LD ``headline``; ``<meta name=title|twitter:title|...>``;
  the page's only ``<h1>``; an ``<h1>`` marked as the headline (``class="entry-title"``,
  ``itemprop="headline"``); ``<title>``. A `` | Site`` or `` - Site`` suffix (or prefix)
  naming the site is cut off whichever source it comes from; with no site name known, a
  short last part of ``<title>`` is taken for it.
- **site name**: ``og:site_name``, or the JSON-LD article's ``publisher.name`` (else an
  organization or web-site node's name) when that is longer (an edition, "U.S.", or a domain,
  "FAZ.NET", in the one, the full name in the other); ``<meta name=application-name|
  publisher>``; what ``<title>`` adds to the headline ("Headline :: Capital Ledger :: Courts"
  → "Capital Ledger"); the ``twitter:site`` handle; else none (the caller falls back to the
  host). URLs are no names. A leading "@" goes and
  a lower-case initial is capitalised ("the Guardian" → "The Guardian").
- **author**: the JSON-LD article's ``author`` names together with those of
  ``article:author``, ``<meta name=author|...>`` and ``itemprop=author`` (URLs, handles and
  what is no person's name dropped); else the page's byline (see :mod:`transforms.bylines`).
- **description**: ``og:description``; ``<meta name=description>``; ``twitter:description``;
  JSON-LD ``description``.
- **canonical URL**: ``<link rel=canonical>``; ``og:url``; only an absolute http(s) URL
  (a relative one is resolved against the page's URL when that is http(s)).
- **language**: ``<html lang>``; ``<meta http-equiv=content-language>``; ``og:locale``;
  an ``<html lang>`` in a conditional comment (the primary subtag, lower case: ``en-GB`` →
  ``en``).
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from transforms.bylines import byline_authors, clean_names
from transforms.page_jsonld import read_jsonld

_TITLE_NAMES = ("title", "twitter:title", "headline", "dc.title", "parsely-title", "sailthru.title")
_AUTHOR_NAMES = (
    "article:author", "author", "og:article:author", "dc.creator", "dc:creator", "byl",
    "parsely-author", "sailthru.author", "citation_author", "dcterms.creator", "itemprop:author",
)  # fmt: skip
_SITE_NAMES = ("application-name", "publisher", "dc.publisher", "dcterms.publisher")
# What separates a headline from the site's name in <title>: a bar, dash, bullet, "::".
_SEPARATOR = re.compile(r"\s+(?:[|–—·•»›~/]|-{1,2}|::)\s+")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_]|$)")
_SPACE = re.compile(r"\s")
# An <h1> marked as the story's headline, not the site's ("site-title", "logo").
_HEADLINE_MARK = re.compile(r"^(?!.*(?:site|logo|brand)).*(?:headline|title)", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*\blang\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True, slots=True)
class PageMeta:
    """The page's own metadata; None where the page says nothing usable."""

    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    language: str | None = None


def read_page_meta(
    tree: HtmlElement, page_url: str | None = None, source: str | None = None
) -> PageMeta:
    """Read a parsed page's metadata by the precedence in the module docstring.

    ``source``, the page's HTML, is asked for an ``<html lang>`` the parser dropped (pages
    put their ``<html>`` tags in IE conditional comments).

    Examples
    --------
    >>> import lxml.html
    >>> page = lxml.html.fromstring('''<html lang="en-GB"><head>
    ...   <title>Fares rise again | Metro Wire</title>
    ...   <meta property="og:title" content="Fares rise again">
    ...   <link rel="canonical" href="/city/fares.html"></head>
    ...   <body><p class="byline">By Ann Lee</p></body></html>''')
    >>> read_page_meta(page, "https://metro.example/x")
    PageMeta(title='Fares rise again', author='Ann Lee', sitename='Metro Wire',
             description=None, canonical_url='https://metro.example/city/fares.html',
             language='en')
    """
    meta = _meta_values(tree)
    ld = read_jsonld(
        script.text or ""
        for script in tree.iter("script")
        if (script.get("type") or "").strip().lower() == "application/ld+json"
    )
    head_title = _element_text(tree.find(".//title"))
    headline = _first(meta.get("og:title"), ld.headline, *(meta.get(n) for n in _TITLE_NAMES))
    h1s = list(tree.iter("h1"))
    only_h1 = _element_text(h1s[0]) if len(h1s) == 1 else None
    marked_h1 = next((_element_text(h) for h in h1s if _HEADLINE_MARK.search(_marks(h))), None)
    sitename = _first_name(
        _fuller(meta.get("og:site_name"), ld.publisher),
        *(meta.get(n) for n in _SITE_NAMES),
        _site_from_title(head_title, headline or only_h1, _host(page_url)),
        meta.get("twitter:site"),
    )
    title = _first(headline, only_h1, marked_h1, _headline_from_title(head_title, sitename))
    return PageMeta(
        title=_without_site(title, sitename),
        author=_authors(ld.authors, meta) or byline_authors(tree),
        sitename=_capitalised(sitename),
        description=_first(
            meta.get("og:description"),
            meta.get("description"),
            meta.get("twitter:description"),
            ld.description,
            meta.get("itemprop:description"),
        ),
        canonical_url=_canonical(tree, meta.get("og:url"), page_url),
        language=_language(tree, meta, source),
    )


class _Meta:
    """``<meta>`` contents by lower-cased ``property``, ``name`` or ``itemprop:`` key."""

    def __init__(self) -> None:
        self._values: dict[str, list[str]] = {}

    def add(self, key: str, value: str) -> None:
        self._values.setdefault(key, []).append(value)

    def get(self, key: str) -> str | None:
        values = self._values.get(key)
        return values[0] if values else None

    def get_all(self, key: str) -> list[str]:
        return self._values.get(key, [])


def _meta_values(tree: HtmlElement) -> _Meta:
    meta = _Meta()
    for element in tree.iter("meta"):
        content = _clean(element.get("content"))
        if content is None:
            continue
        for attribute, prefix in (("property", ""), ("name", ""), ("http-equiv", ""),
                                  ("itemprop", "itemprop:")):  # fmt: skip
            key = element.get(attribute)
            if key:
                meta.add(prefix + key.strip().lower(), content)
    return meta


def usable_url(url: str, base: str | None = None) -> str | None:
    """``url`` (resolved against ``base`` when relative) if it is an absolute http(s) URL
    with a host and no white space inside; else None.

    Examples
    --------
    >>> usable_url("/a.html", "https://x.example/b/c.html")
    'https://x.example/a.html'
    >>> usable_url("http://[x/a") is None, usable_url("https://a.example/a b") is None
    (True, True)
    """
    url = url.strip()
    try:
        if base and base.startswith(("http://", "https://")) and not urlsplit(url).scheme:
            url = urljoin(base, url)
        parts = urlsplit(url)
    except ValueError:  # "http://[x": a broken IPv6 literal must not stop a run
        return None
    if parts.scheme in ("http", "https") and parts.netloc and not _SPACE.search(url):
        return url
    return None


def _canonical(tree: HtmlElement, og_url: str | None, page_url: str | None) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            found = usable_url(link.get("href", ""), page_url)
            if found:
                return found
    return usable_url(og_url, page_url) if og_url else None


def _language(tree: HtmlElement, meta: _Meta, source: str | None) -> str | None:
    in_comment = _HTML_LANG.search(source[:20_000]) if source else None
    for value in (
        tree.get("lang"),
        tree.get(_XML_LANG),
        meta.get("content-language"),
        meta.get("og:locale"),
        in_comment.group(1) if in_comment else None,
    ):
        match = _LANGUAGE.match((value or "").strip())
        if match:
            return match.group(1).lower()
    return None


def _site_from_title(
    head_title: str | None, headline: str | None, host: str | None = None
) -> str | None:
    """What ``<title>`` says besides the headline: the site's name.

    Of several parts, the one that spells the host wins ("Headline - Avocat | Dalloz
    Actualité" on dalloz-actualite.fr); else the first after a known headline, or the last.

    Examples
    --------
    >>> _site_from_title("Chips case :: Capital Ledger :: Courts", "Chips case")
    'Capital Ledger'
    >>> _site_from_title("Sahel Courier | Chips case", "Chips case")
    'Sahel Courier'
    >>> _site_from_title("Solon businessman charged over chips - Capital Ledger", None)
    'Capital Ledger'
    >>> _site_from_title("Raoult et moi - Avocat | Dalloz Actualité", "Raoult et moi",
    ...                  "www.dalloz-actualite.fr")
    'Dalloz Actualité'
    >>> _site_from_title("Chips case", "Chips case") is None
    True
    """
    if not head_title:
        return None
    parts = [part.strip() for part in _SEPARATOR.split(head_title)]
    rest = parts[1:]
    if headline:
        folded, wanted = head_title.casefold(), headline.casefold()
        if folded.startswith(wanted):
            rest = [p.strip() for p in _SEPARATOR.split(" " + head_title[len(headline) :] + " ")]
            rest = rest[1:]
        elif folded.endswith(wanted):
            rest = [p.strip() for p in _SEPARATOR.split(" " + head_title[: -len(headline)] + " ")]
            rest = rest[:-1]
        elif len(parts) < 2 or len(parts[-1]) >= len(parts[0]):
            return None
        else:
            rest = rest[-1:]
    elif len(parts) < 2 or len(parts[-1]) >= len(parts[0]):
        return None
    else:
        rest = rest[-1:]
    names = [name for name in map(_short_name, rest) if name]
    spelled = _letters(host or "")
    return next(
        (n for n in names if spelled and _letters(n) in spelled), names[0] if names else None
    )


def _letters(text: str) -> str:
    """Lower-case ASCII letters and digits only: "Dalloz Actualité" → "dallozactualite"."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if c.isascii() and c.isalnum())


def _headline_from_title(head_title: str | None, sitename: str | None) -> str | None:
    """``<title>`` without the site's name: the known one, else a short last part.

    Examples
    --------
    >>> _headline_from_title("Fares rise: what next - Metro Wire", None)
    'Fares rise: what next'
    >>> _headline_from_title("Metro Wire | Fares rise", "Metro Wire")
    'Fares rise'
    """
    if not head_title or sitename:
        return _without_site(head_title, sitename)
    separators = list(_SEPARATOR.finditer(head_title))
    if separators:
        last = separators[-1]
        head, tail = head_title[: last.start()], head_title[last.end() :]
        if _short_name(tail) and len(tail) < len(head):
            return head.strip()
    return head_title


def _without_site(title: str | None, sitename: str | None) -> str | None:
    """``title`` without a separated prefix, or suffix (and what follows it), naming the site.

    Examples
    --------
    >>> _without_site("Chips case :: Capital Ledger :: Courts", "Capital Ledger")
    'Chips case'
    >>> _without_site("Capital Ledger - Chips case", "capital ledger")
    'Chips case'
    >>> _without_site("Capital Ledger", "Capital Ledger")
    'Capital Ledger'
    """
    if not title or not sitename:
        return title
    site = sitename.casefold()
    separators = list(_SEPARATOR.finditer(title))
    if separators and title[: separators[0].start()].strip().casefold() == site:
        return title[separators[0].end() :].strip() or title
    for index, separator in enumerate(separators):
        end = separators[index + 1].start() if index + 1 < len(separators) else len(title)
        if title[separator.end() : end].strip().casefold() == site:
            return title[: separator.start()].strip() or title
    return title


def _short_name(text: str) -> str | None:
    """A site's name is short: at most five words and 60 characters."""
    text = text.strip()
    return text if text and len(text) <= 60 and len(text.split()) <= 5 else None


def _authors(declared: tuple[str, ...], meta: _Meta) -> str | None:
    """The JSON-LD authors and the meta tags' together (pages split their authors between
    the two); a meta tag's value must look like a person's name."""
    from_meta = clean_names((v for n in _AUTHOR_NAMES for v in meta.get_all(n)), strict=True)
    return clean_names([names for names in (clean_names(declared), from_meta) if names])


def _host(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:
        return None


def _fuller(site_name: str | None, publisher: str | None) -> str | None:
    """The longer of ``og:site_name`` and the JSON-LD publisher: an edition ("U.S.") or a
    domain ("FAZ.NET") in the one, the full name in the other ("Frankfurter Allgemeine
    Zeitung")."""
    if site_name and publisher and len(publisher) > len(site_name):
        return publisher
    return site_name or publisher


def _capitalised(name: str | None) -> str | None:
    """``"@Reuters"`` → ``"Reuters"``, ``"the Guardian"`` → ``"The Guardian"`` (a domain
    such as ``netzpolitik.org`` stays as it is written)."""
    name = (name or "").lstrip("@")
    if name and "." not in name and name[0].islower():
        name = name[0].upper() + name[1:]
    return name or None


def _marks(element: HtmlElement) -> str:
    return " ".join(element.get(a, "") for a in ("class", "id", "itemprop"))


def _element_text(element: HtmlElement | None) -> str | None:
    return _clean(element.text_content()) if element is not None else None


def _first_name(*values: str | None) -> str | None:
    """The first value that is a name, not a URL (``article:publisher`` is often a
    Facebook page)."""
    return _first(*(v for v in values if v and not v.startswith(("http", "//", "www."))))


def _first(*values: str | None) -> str | None:
    return next((value for value in values if value), None)


def _clean(value: str | None) -> str | None:
    """Entities decoded (pages double-escape them in attributes) and white space collapsed."""
    if not value:
        return None
    text = " ".join(_INVISIBLE.sub("", html_lib.unescape(value)).split())
    return text or None
