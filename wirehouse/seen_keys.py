"""The articles a run has met so far, in 8 bytes each."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

# Past this many appended pieces the column is joined into one, so a lookup scans one array.
_MAX_CHUNKS = 32


class SeenKeys:
    """Article keys (:func:`transforms.identity.article_id`, 16 hex digits) met in a run.

    A run remembers every article it reads, to skip and count a URL met twice. As a set of
    the keys' strings that cost ~100 bytes a page, and it was most of what a writer grew by
    over a long backfill (10 MB in 100,000 pages). The keys are 64-bit numbers written in
    hex, so a ``UInt64`` column holds each, exactly, in 8 bytes.

    Examples
    --------
    >>> seen = SeenKeys()
    >>> seen.first_seen(["00000000000000aa", "00000000000000bb", "00000000000000aa"])
    [True, True, False]
    >>> seen.first_seen(["00000000000000bb", "00000000000000cc"])
    [False, True]
    >>> len(seen)
    3
    """

    def __init__(self) -> None:
        self._keys = pl.Series("key", [], dtype=pl.UInt64)

    def __len__(self) -> int:
        return self._keys.len()

    def first_seen(self, keys: Sequence[str]) -> list[bool]:
        """For each key, whether this is the run's first meeting with it (not met in an
        earlier call, nor earlier in ``keys``); every key is remembered."""
        if not keys:
            return []
        values = pl.Series("key", [int(key, 16) for key in keys], dtype=pl.UInt64)
        new = values.is_first_distinct() & ~values.is_in(self._keys)
        self._keys = self._keys.append(values.filter(new))
        if self._keys.n_chunks() > _MAX_CHUNKS:
            self._keys = self._keys.rechunk()
        return new.to_list()
