"""When to try an HTTP request again, and how long to wait first."""

from __future__ import annotations

import datetime as dt
import random
from email.utils import parsedate_to_datetime

# Statuses that say "later", not "never".
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def parse_retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Seconds to wait that a Retry-After header asks for (delta-seconds or an HTTP date).

    >>> now = dt.datetime(2024, 5, 6, 12, 0, 0, tzinfo=dt.UTC)
    >>> parse_retry_after("120", now)
    120.0
    >>> parse_retry_after("Mon, 06 May 2024 12:00:30 GMT", now)
    30.0
    >>> parse_retry_after("soon", now) is None
    True
    """
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def backoff_seconds(retry: int, base: float, rng: random.Random) -> float:
    """The wait before retry number ``retry`` (1, 2, ...): exponential, with jitter so that
    many clients failing together do not come back together.

    >>> 2.0 <= backoff_seconds(2, 2.0, random.Random(1)) <= 6.0
    True
    """
    return base * 2.0 ** (retry - 1) * rng.uniform(0.5, 1.5)
