"""What one fetch can end in: a body, a 304 (unchanged since the last fetch), or a failure
with a reason that becomes a row of ``rejects``.

This is the contract between the HTTP client (:mod:`wirehouse.fetch.client`) and the
discovery code that turns sources into documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """One URL to get, with the validators of the copy we already hold (conditional GET)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    # What the caller knows about the URL (feed title, feed date), carried to the result.
    context: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A 2xx response with its (decompressed, size-bounded) body."""

    request: FetchRequest
    final_url: str  # after redirects
    status: int
    body: bytes
    content_type: str | None
    charset: str | None  # from the Content-Type header, if it named one
    etag: str | None
    last_modified: str | None
    fetched_at: dt.datetime


@dataclass(frozen=True, slots=True)
class NotModified:
    """A 304: the copy we hold is current."""

    request: FetchRequest
    fetched_at: dt.datetime


@dataclass(frozen=True, slots=True)
class FetchFailed:
    """The URL could not be had; ``reason`` is a short code for ``rejects.reason``.

    Reasons: ``refused_scheme``, ``refused_address``, ``robots_disallowed``, ``http_error``,
    ``timeout``, ``connection_error``, ``too_many_redirects``, ``redirect_loop``,
    ``too_large``, ``truncated``, ``bad_content_type``, ``decompression_bomb``.
    """

    request: FetchRequest
    reason: str
    detail: str  # one line naming the URL and what happened
    status: int | None = None
    attempts: int = 1


FetchOutcome = Fetched | NotModified | FetchFailed
