"""Pages parsed with element classes chosen in C read exactly as with lxml.html's own lookup."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from trafilatura import bare_extraction

from tests.conftest import SAMPLE
from transforms.html_tree import load_page

PAGES = sorted((SAMPLE / "site").rglob("*.html"))


def _stock_tree(html: str) -> lxml.html.HtmlElement:
    """The page as trafilatura's loader would parse it with lxml.html's Python lookup."""
    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    return lxml.html.fromstring(html, parser=parser)


def _text(tree: lxml.html.HtmlElement) -> str:
    extracted = bare_extraction(tree, with_metadata=False, favor_precision=True)
    return str(extracted.text if extracted is not None else "")


def test_the_lookup_is_lxmls_c_default() -> None:
    tree = load_page("<html><body><form><input name='q'><p>Search</p></form></body></html>")
    assert tree is not None
    # lxml.html's own lookup would have made these FormElement and InputElement.
    assert type(tree.find(".//form")) is lxml.html.HtmlElement
    assert type(tree.find(".//input")) is lxml.html.HtmlElement


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_a_page_reads_the_same_with_either_lookup(path: Path) -> None:
    html = path.read_text(encoding="utf-8")
    ours = load_page(html)
    assert ours is not None
    stock = _stock_tree(html)
    assert lxml.html.tostring(ours) == lxml.html.tostring(stock)
    assert _text(ours) == _text(stock)
