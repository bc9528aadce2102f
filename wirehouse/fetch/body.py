"""Reading a response body with a hard size limit on what it decompresses to.

httpx would decode ``Content-Encoding`` itself, but one 64 KiB chunk of a gzip bomb inflates
to about 64 MiB in a single call, and brotli (when installed) has no bound at all. So the
fetcher asks only for gzip and deflate, reads the raw bytes, and inflates them here with
``zlib``'s ``max_length``: memory never holds more than the limit plus one byte.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

# Encodings we ask for (Accept-Encoding) and can inflate with a bound.
ACCEPT_ENCODING = "gzip, deflate"

# Inflating past the limit at more than this ratio is a bomb, not merely a big page: text
# compresses about 5-10 to 1, a run of zeros about 1000 to 1.
BOMB_RATIO = 100


class BodyTooLarge(Exception):
    """The body, decompressed, is longer than the limit."""

    def __init__(self, limit: int, raw_bytes: int, *, bomb: bool) -> None:
        what = f"inflates past {limit:,} bytes from" if bomb else f"is over {limit:,} bytes at"
        super().__init__(f"body {what} {raw_bytes:,} bytes received")
        self.bomb = bomb


class BadEncoding(Exception):
    """The Content-Encoding is one we did not ask for, or the compressed data is corrupt."""


class TruncatedBody(Exception):
    """The compressed stream ended before its end marker."""


class _Inflater:
    """zlib inflation of gzip (possibly several members), zlib or raw deflate data."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding == "gzip"
        # gzip only; for deflate, zlib-wrapped first (RFC 9110) and raw if that fails, as
        # many servers send raw deflate.
        self._wbits = 31 if self._gzip else 15
        self._inflater = zlib.decompressobj(self._wbits)
        self._started = False

    def inflate(self, data: bytes, budget: int) -> bytes:
        """Inflate ``data``, giving back at most ``budget`` bytes."""
        try:
            out = self._inflater.decompress(data, budget)
        except zlib.error as exc:
            if self._gzip or self._started:
                raise BadEncoding(f"corrupt compressed body: {exc}") from exc
            self._wbits = -15
            self._inflater = zlib.decompressobj(self._wbits)
            return self.inflate(data, budget)
        self._started = True
        # A gzip body may be several members one after another.
        while self._gzip and self._inflater.eof and self._inflater.unused_data:
            rest = self._inflater.unused_data
            self._inflater = zlib.decompressobj(self._wbits)
            if len(out) >= budget:
                break
            out += self._inflate_more(rest, budget - len(out))
        return out

    def _inflate_more(self, data: bytes, budget: int) -> bytes:
        try:
            return self._inflater.decompress(data, budget)
        except zlib.error as exc:
            raise BadEncoding(f"corrupt compressed body: {exc}") from exc

    @property
    def pending(self) -> int:
        """Input bytes zlib has not consumed yet (it stopped at the output budget)."""
        return len(self._inflater.unconsumed_tail)

    @property
    def complete(self) -> bool:
        return self._inflater.eof or not self._started


def read_limited(
    chunks: Iterable[bytes], *, encoding: str | None, limit: int, cut: bool = False
) -> bytes:
    """The body ``chunks`` make, inflated per ``encoding``, or BodyTooLarge past ``limit``
    (with ``cut``, its first ``limit`` bytes instead).

    >>> import gzip
    >>> read_limited([gzip.compress(b"hello")], encoding="gzip", limit=10)
    b'hello'
    >>> read_limited([gzip.compress(bytes(10_000_000))], encoding="gzip", limit=100_000)
    Traceback (most recent call last):
    ...
    wirehouse.fetch.body.BodyTooLarge: body inflates past 100,000 bytes from 121 bytes received
    """
    coding = (encoding or "identity").strip().lower()
    if coding == "x-gzip":
        coding = "gzip"
    if coding not in {"identity", "gzip", "deflate"}:
        raise BadEncoding(f"Content-Encoding {encoding!r} was not asked for")
    inflater = None if coding == "identity" else _Inflater(coding)
    body = bytearray()
    raw_bytes = 0
    for chunk in chunks:
        raw_bytes += len(chunk)
        if inflater is None:
            body += chunk
        else:
            # Asking for one byte more than the room left tells "fits" from "too large";
            # when zlib stops short of that, it has consumed the whole chunk.
            body += inflater.inflate(chunk, limit - len(body) + 1)
        if len(body) > limit and cut:
            return bytes(body[:limit])
        if len(body) > limit:
            consumed = raw_bytes - (inflater.pending if inflater else 0)
            bomb = inflater is not None and len(body) > consumed * BOMB_RATIO
            raise BodyTooLarge(limit, consumed, bomb=bomb)
    if inflater is not None and not inflater.complete:
        raise TruncatedBody(f"compressed body ends early (after {raw_bytes:,} bytes)")
    return bytes(body)
