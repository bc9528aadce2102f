"""Author names: from what a page declares (meta tags, JSON-LD) or, failing that, its byline.

Names are cleaned the same way wherever they come from: "By" and its translations go,
a dateline ("in Niamey", ", Kyiv"), a job title (", Economy reporter"), a handle, an e-mail
or a profile URL go, several names become ``"A; B"``. A byline is the visible text of an
element marked as one (``class="byline"``, ``rel="author"``, ``itemprop="author"``, ...)
outside reader comments.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable

from lxml.html import HtmlElement

# "By", "Written by", "Analysis by", and French, Spanish and German "par", "por", "von"
# ("de" and "di" are also name particles, so they stay).
_BY = re.compile(r"^(?:(?:[^\W\d_]+\s+)?by|par|por|von)\s*:?\s+", re.I)
# Several names: "A and B", "A & B", "A; B", "A | B", "A / B", "A, B" (a piece after a comma
# that is no name, as in "Name, Kyiv" or "Name, Economy reporter", is dropped by the name test).
_JOIN = re.compile(r"\s+(?:and|und|et|y|e|&)\s+|\s*[;|/,]\s*|\s+·\s+", re.I)
# A dateline, affiliation or date after the name: "Lena Strobl in Vienna", "X for The Times",
# "Jeff Foust Monday", "X am 21. April".
_AFTER_NAME = re.compile(
    r"\s+(?:(?:in|at|for|from|on|via|with|en|à|desde|aus|am|—|–|-)\s|(?:published|updated|posted"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b).*$",
    re.I,
)
_NOISE = re.compile(r"@\w+|\S+@\S+\.\w+|https?://\S+|\(.*?\)")
# A job title or a desk is not a person: "AP Auto Writer", "Staff", "News Service".
_ROLE = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|staff|desk|contributor|columnist|photographer"
    r"|news|service|wire|team|redaktion|redacción|rédaction)\b",
    re.I,
)
# A name: two to five words, each starting with a capital (or a lowercase particle such as
# "de", "van", "bin", "al-"); initials and hyphenated names are words.
_NAME_WORD = re.compile(r"^(?:[^\W\d_][\w'’.-]*|[a-z]{1,3})$")
_PARTICLES = frozenset(
    ("de", "da", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "ter",
     "bin", "ibn", "al", "el", "y", "e"),
)  # fmt: skip
# Where bylines sit: trafilatura's author selectors, reduced to the attribute tests that do
# not need a second, pruned copy of the page. An element marked "author" is asked before
# one marked "byline": a byline also holds the date and the desk.
_AUTHOR_MARK = re.compile(r"author", re.I)
_BYLINE_MARK = re.compile(r"byline|\bbyl\b|posted-by|submitted-by|journalist|writer", re.I)
# Reader comments, author boxes' biographies, photo credits ("Photograph by ...").
_NOT_BYLINE = re.compile(
    r"comment|avatar|bio\b|related|footer|caption|img|image|photo|credit", re.I
)
_IN_COMMENTS = re.compile(r"comment", re.I)
_CREDIT = re.compile(r"^\s*(?:photo|photograph|picture|image|illustration|video)", re.I)
_HANDLE_JOINER = re.compile(r"[._]+")
_BYLINE_TAGS = ("a", "address", "div", "p", "span", "strong", "h3", "h4", "li")
_LONGEST_BYLINE = 200  # characters: a longer "author" element is a biography or a box


def clean_names(values: Iterable[str], *, strict: bool = False) -> str | None:
    """The author names in ``values``, cleaned and joined with ``"; "``; None for none.

    ``strict`` keeps only what looks like a person's name (two to five capitalised words),
    for bylines and meta tags, where an outlet or a section name is common.

    Examples
    --------
    >>> clean_names(["By Iryna Solovei and Mark Dempster"])
    'Iryna Solovei; Mark Dempster'
    >>> clean_names(["Lena Strobl in Vienna", "https://facebook.com/x"])
    'Lena Strobl'
    >>> clean_names(["Halima Djibo, Niamey"], strict=True)
    'Halima Djibo'
    >>> clean_names(["Reuters"], strict=True) is None
    True
    """
    names: list[str] = []
    for value in values:
        for name in _split(value):
            if (not strict or _looks_like_a_name(name)) and name not in names:
                names.append(name)
    # "Ann Lee" and "Ann Lee-Smith" from two sources: keep the fuller form only.
    names = [n for n in names if not any(n != m and n in m for m in names)]
    return "; ".join(names) or None


def byline_authors(tree: HtmlElement) -> str | None:
    """The author named by the first byline element of the page, if any.

    Examples
    --------
    >>> import lxml.html
    >>> page = lxml.html.fromstring('<html><body><div class="comments"><p class="author">'
    ...     'Tom Reader</p></div><p class="byline">By Ruth Mwangi · June 26</p></body></html>')
    >>> byline_authors(page)
    'Ruth Mwangi'
    """
    marked_author, marked_byline = [], []
    for node in tree.iter(_BYLINE_TAGS):
        if not node.attrib:  # most elements: one cheap test, no strings built
            continue
        get = node.get
        marks = f"{get('class', '')} {get('id', '')} {get('rel', '')} {get('itemprop', '')}"
        if marks.isascii() and not _may_be_marked(marks.lower()):
            continue  # the two patterns below, on every element, cost more than the walk
        if _AUTHOR_MARK.search(marks):
            marked_author.append(node)
        elif _BYLINE_MARK.search(marks):
            marked_byline.append(node)
    for candidates in (marked_author, marked_byline):
        for node in candidates:
            if not _is_byline(node):
                continue
            # Times and dates inside the byline are not part of a name.
            text = " ".join(" ".join(_texts_outside_time(node)).split())
            if len(text) > _LONGEST_BYLINE or _CREDIT.match(text):
                continue
            found = clean_names([text], strict=True)
            if found:
                return found
    return None


def _may_be_marked(marks: str) -> bool:
    """Whether lower-cased ASCII marks hold a word that :data:`_AUTHOR_MARK` or
    :data:`_BYLINE_MARK` needs ("byl" for both "byline" and "byl").

    Plain substring tests are exact for ASCII only: ``re.I`` also lets "ſ" match "s".
    """
    return (
        "author" in marks
        or "byl" in marks
        or "writer" in marks
        or "journalist" in marks
        or "posted-by" in marks
        or "submitted-by" in marks
    )


def _is_byline(node: HtmlElement) -> bool:
    marks = " ".join(node.get(a, "") for a in ("class", "id", "rel", "itemprop"))
    if _NOT_BYLINE.search(marks):
        return False
    for ancestor in node.iterancestors():
        mark = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        # Only comments and asides rule a byline out from above: an ancestor's "photo" or
        # "image" is a page layout's (``<article class="media-photo">``), not a credit.
        if ancestor.tag in ("footer", "aside", "figure") or _IN_COMMENTS.search(mark):
            return False
    return True


def _texts_outside_time(node: HtmlElement) -> list[str]:
    pieces = [node.text or ""]
    for child in node:
        if child.tag != "time" and isinstance(child.tag, str):
            pieces += _texts_outside_time(child)
        pieces.append(child.tail or "")
    return pieces


def _split(value: str) -> list[str]:
    value = _NOISE.sub(" ", html_lib.unescape(value))
    names = []
    for piece in _JOIN.split(value):
        piece = _BY.sub("", " ".join(piece.split()).strip(" ,:.-–—|·•"))
        piece = _AFTER_NAME.sub("", piece).strip(" .")
        if " " not in piece and ("_" in piece or "." in piece[1:-1]):
            piece = _HANDLE_JOINER.sub(" ", piece)  # a handle: "edilson.la.rosa", "kei_eno"
        if piece.islower():
            piece = piece.title()
        if (
            piece
            and len(piece) < 60
            and any(c.isalpha() for c in piece)
            and not _ROLE.search(piece)
        ):
            names.append(piece)
    return names


def _looks_like_a_name(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    capitals = sum(word[:1].isupper() for word in words)
    return capitals >= 2 and all(
        _NAME_WORD.match(word) and (word[:1].isupper() or word.lower() in _PARTICLES)
        for word in words
    )
