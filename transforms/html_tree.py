"""Pages parsed into lxml trees by trafilatura's loader, with element classes chosen in C.

trafilatura parses with an ``lxml.html.HTMLParser``, whose element-class lookup is a Python
method: lxml calls it each time Python touches an element it holds no proxy for, thousands
of times per page (1.8 million calls over 476 real pages), as trafilatura, htmldate and the
page readers walk the tree. The same parser with lxml's C-level default lookup gives every
element, comment and entity the same class, without the call. The one difference: form
controls (``form``, ``input``, ``select``, ``textarea``, ``label``) are plain
``HtmlElement`` rather than lxml.html's form subclasses, whose extra members (``.fields``,
``.value``) nothing that reads the tree uses. On 1,476 pages (../shared/corpora's Zyte,
trafilatura-news and 500 of htmldate's, and 500 synthetic ones) ``extract_article`` took 20%
less time (42.4 against 52.7 s) and returned the same articles.

The lookup is set on trafilatura's own parser the first time a page is loaded here, not on
import: a process that only imports the transforms (``make bench``, whose bare trafilatura
must be trafilatura as shipped) keeps the stock lookup.
"""

from __future__ import annotations

from functools import cache

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura import load_html
from trafilatura import utils as trafilatura_utils

__all__ = ["load_page"]


@cache
def _element_classes_in_c() -> None:
    lookup = etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
    trafilatura_utils.HTML_PARSER.set_element_class_lookup(lookup)


def load_page(html: str) -> HtmlElement | None:
    """The page as trafilatura's loader parses it; None when it is no HTML it can read.

    Examples
    --------
    >>> tree = load_page("<html><body><form><p>Hello</p></form></body></html>")
    >>> type(tree.find(".//form")).__name__, tree.findtext(".//p")
    ('HtmlElement', 'Hello')
    """
    _element_classes_in_c()
    return load_html(html)
