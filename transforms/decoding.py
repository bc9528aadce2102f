"""Bytes → text for web pages whose encoding may be declared wrongly or not at all."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode_as(data: bytes, name: str) -> str | None:
    try:
        return data.decode(name, errors="replace")
    except LookupError:
        return None  # an unknown charset name: the caller falls through to the next guess


def looks_binary(data: bytes) -> bool:
    """Whether bytes are binary data rather than text: a NUL near the start, unless the
    start is a UTF-16 byte-order mark (UTF-16 text is full of NULs)."""
    head = data[:8192]
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """Decode a page: BOM first, then strict UTF-8, then the declared charset, then a guess.

    UTF-8 is tried before the declared charset because pages that declare ISO-8859-1 but are
    really UTF-8 are far more common than the reverse, and strict UTF-8 decoding of non-UTF-8
    text almost always fails loudly. The charset of the HTTP ``Content-Type`` header
    (``header_charset``) is declared more authoritatively than the page's ``<meta>``, so
    it is tried first. Undecodable bytes never raise: they become U+FFFD.

    Examples
    --------
    >>> decode_html("Zoë".encode("utf-8"))
    'Zoë'
    >>> decode_html('<meta charset="latin-1">Zoë'.encode("latin-1"))[-3:]
    'Zoë'
    >>> decode_html("Zoë".encode("cp1252"), header_charset="windows-1252")
    'Zoë'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if header_charset and (text := _decode_as(data, header_charset.strip())) is not None:
        return text
    declared = _META_CHARSET.search(data[:4096])
    if declared and (text := _decode_as(data, declared.group(1).decode("ascii"))) is not None:
        return text
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "utf-8"
    return data.decode(encoding, errors="replace")
