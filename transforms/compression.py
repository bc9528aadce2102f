"""Bounded decompression: a small gzip file may not become an unbounded amount of memory."""

from __future__ import annotations

import zlib

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 65_536


class DecompressionBombError(ValueError):
    """The data decompresses to more than the allowed number of bytes."""


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


def gunzip_bounded(data: bytes, max_bytes: int) -> bytes:
    """``data`` gunzipped, refusing to produce more than ``max_bytes``.

    Decompression runs in chunks and stops as soon as the limit is passed, so a gzip bomb
    costs at most ``max_bytes`` of memory, never its full expanded size.

    Raises
    ------
    DecompressionBombError
        More than ``max_bytes`` would come out.
    ValueError
        The data is not valid gzip (``zlib.error`` is a subclass of ``Exception``; it is
        re-raised as ``ValueError`` with the reason).

    Examples
    --------
    >>> import gzip
    >>> gunzip_bounded(gzip.compress(b"hello"), 10)
    b'hello'
    """
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # 16+: expect a gzip header
    out = bytearray()
    pending = data
    try:
        while pending:
            out += inflater.decompress(pending, max_bytes + 1 - len(out))
            if len(out) > max_bytes:
                raise DecompressionBombError(
                    f"decompresses to more than {max_bytes:,} bytes; refused"
                )
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error as exc:
        raise ValueError(f"not valid gzip: {exc}") from exc
    if not inflater.eof:
        raise ValueError("not valid gzip: truncated stream")
    return bytes(out)
