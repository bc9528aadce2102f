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


def decode_html(data: bytes) -> str:
    """Decode a page: BOM first, then strict UTF-8, then the declared charset, then a guess.

    UTF-8 is tried before the declared charset because pages that declare ISO-8859-1 but are
    really UTF-8 are far more common than the reverse, and strict UTF-8 decoding of non-UTF-8
    text almost always fails loudly. Undecodable bytes never raise: they become U+FFFD.

    Examples
    --------
    >>> decode_html("Zoë".encode("utf-8"))
    'Zoë'
    >>> decode_html('<meta charset="latin-1">Zoë'.encode("latin-1"))[-3:]
    'Zoë'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass  # an unknown charset name: fall through to detection
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "utf-8"
    return data.decode(encoding, errors="replace")
