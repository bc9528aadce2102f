"""The publication date a page gives for itself, by htmldate's thorough search.

htmldate can read the tree the article text was extracted from (trafilatura's loader) instead
of parsing the page a second time, but the two libraries load a page differently, and the
date must not depend on which one did: trafilatura's loader drops HTML comments (htmldate's
keeps them, and some pages date themselves only there), deletes control characters, and
repairs a doctype or a self-closing ``<html/>`` in the first lines under other conditions.
The tree is given to htmldate only when none of these can matter (:func:`tree_reads_alike`);
otherwise htmldate parses the string as before. On the 1,476 pages of ../shared/corpora
(Zyte, trafilatura-news, htmldate news200 and bbaw800) and 300 synthetic ones, every date is
the same either way; the tree is read for about a quarter of the real pages and for every
synthetic one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from htmldate import find_date
from lxml.html import HtmlElement

__all__ = ["page_published_date", "tree_reads_alike"]

# htmldate's thorough mode: measurably more publication dates right on news pages, and the
# "original" (first published) date rather than the last update.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": True, "original_date": True}
# What htmldate is given to read a URL's date alone: a page with nothing else on it.
_NO_MARKUP = "<html><body></body></html>"
_TWO_DIGITS = re.compile(r"\d\d")
# The control characters trafilatura's loader deletes and libxml2 turns into U+FFFD, as
# htmldate's loader leaves them ("2024\x0c-05-06" is a date to the one only). One substring
# test each is three times faster than a regex's character class over a 100 kB page.
_CONTROL = (*(chr(c) for c in range(32) if chr(c) not in "\t\n\r"), "\ufffe", "\uffff")


def page_published_date(
    html: str, url: str | None = None, *, tree: HtmlElement | None = None
) -> dt.datetime | None:
    """The publication date a page gives for itself.

    The page's own markup is asked first and the URL (``/2024/05/01/``) only when the markup
    has no date: a URL date is the day a slug was made, which an explicit
    ``article:published_time`` or JSON-LD ``datePublished`` corrects.

    Parameters
    ----------
    html
        The page.
    url
        The page's URL, asked for a date when the markup has none.
    tree
        The page as trafilatura's ``load_html`` parsed it, if at hand: it spares a second
        parse when :func:`tree_reads_alike` says the date cannot differ (htmldate works on a
        copy of it; the caller's tree is left as it was).

    Examples
    --------
    >>> page_published_date('<html><head><meta property="article:published_time"'
    ...                     ' content="2024-05-06T08:00:00Z"></head><body></body></html>')
    datetime.datetime(2024, 5, 6, 0, 0)
    >>> page_published_date("<html><body><p>No date.</p></body></html>",
    ...                     "https://a.example/2024/05/01/story.html")
    datetime.datetime(2024, 5, 1, 0, 0)
    """
    page: str | HtmlElement = tree if tree is not None and tree_reads_alike(html) else html
    found = find_date(page, **_DATE_PARAMS)
    if found is None and url and url.startswith("http"):
        # The markup has no date (the search just said so), so a search that is also given
        # the URL can only add the URL's date: an empty page gives the same answer without
        # a second thorough search of this one.
        found = find_date(_NO_MARKUP, url=url, **_DATE_PARAMS)
    return _parse_page_date(found)


def tree_reads_alike(html: str) -> bool:
    """Whether htmldate finds the same date in trafilatura's tree of ``html`` as in ``html``.

    Conservative: no HTML comment (``<!--`` in a script counts too) holds two digits in a
    row, as every date htmldate recognises does; no control character; no doctype line with
    a ``/`` (each library's doctype repair fires on different ones); no ``<html .../>`` line.

    Examples
    --------
    >>> tree_reads_alike("<!doctype html>\\n<html><!-- nav --><body>...</body></html>")
    True
    >>> tree_reads_alike("<html><!-- generated 2024-05-06 --><body>...</body></html>")
    False
    """
    return not (
        _digits_in_comments(html)
        or any(character in html for character in _CONTROL)
        or _doctype_line_with_slash(html)
        or _self_closing_html_line(html)
    )


def _digits_in_comments(html: str) -> bool:
    position = 0
    while (start := html.find("<!--", position)) >= 0:
        end = html.find("-->", start + 4)
        end = len(html) if end < 0 else end
        if _TWO_DIGITS.search(html, start, end):
            return True
        position = end + 3
    return False


def _doctype_line_with_slash(html: str) -> bool:
    if "doctype" not in html[:50].lower():
        return False
    line_end = html.find("\n")
    return "/" in (html if line_end < 0 else html[:line_end])


def _self_closing_html_line(html: str) -> bool:
    # Either library's test: trafilatura splits the first 4 KB on any line break, htmldate
    # the first lines on "\n" alone.
    lines = html[:4096].splitlines()[:4] + [line.rstrip("\r") for line in html.split("\n", 4)[:4]]
    return any("<html" in line and line.endswith("/>") for line in lines)


def _parse_page_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value[:10])
    except ValueError:
        return None
