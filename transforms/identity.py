"""Stable keys: the same input always gets the same ids, so reloads replace rather than add."""

from __future__ import annotations

import hashlib


def digest(*parts: object, length: int = 16) -> str:
    """A short hex digest of the parts, joined unambiguously (a unit separator between them)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def content_hash(data: bytes | str) -> str:
    """The full sha256 of a document's raw content: what decides 'unchanged since last load'."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def article_id(url: str) -> str:
    """An article is identified by its URL exactly as given in the input."""
    return digest("article", url)
