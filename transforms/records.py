"""The records that the transforms produce, one dataclass per warehouse row kind.

The warehouse columns and the polars schemas in :mod:`transforms.schemas` are derived from
these fields, so a field added here is a column added everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

QUOTE_KINDS = ("direct", "mixed", "indirect")
SPEAKER_KINDS = ("person", "organization", "unnamed")
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
MODALITIES = ("asserted", "future", "hypothetical", "historical", "negated")
GRANULARITIES = ("day", "week", "month", "year", "unknown")
DATE_SOURCES = ("explicit", "relative", "inherited", "none")
PUBLISHED_SOURCES = ("source", "page", "none")
PARTICIPANT_ROLES = ("actor", "recipient")
REJECT_STAGES = ("read", "fetch", "extract", "quotes", "events", "validate")


@dataclass(frozen=True, slots=True)
class FetchInfo:
    """How a document was had over HTTP: what the next run's conditional request needs."""

    url: str  # the URL requested, normalised: the key of ``http_cache``
    final_url: str  # after redirects
    status: int
    etag: str | None
    last_modified: str | None
    fetched_at: dt.datetime  # UTC, naive


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One input document as read from a file, a feed or a JSONL record.

    Exactly one of ``html`` and ``text`` is set. ``published`` is the date the source gives
    (feed, sitemap, JSONL); it always wins over a date found in the page.
    """

    url: str
    source: str
    locator: str  # where it came from, for error messages: "path/to/file.jsonl:17"
    content_hash: str
    html: str | None = None
    text: str | None = None
    title: str | None = None
    published: dt.datetime | None = None
    language: str | None = None
    fetch: FetchInfo | None = None  # set when the document was fetched over HTTP


@dataclass(frozen=True, slots=True)
class Article:
    """An article after extraction: clean text plus metadata."""

    article_id: str
    url: str
    canonical_url: str | None
    source: str
    outlet: str | None
    title: str | None
    author: str | None
    description: str | None
    published_at: dt.datetime | None
    published_source: str  # one of PUBLISHED_SOURCES
    language: str | None
    text: str
    word_count: int
    content_hash: str
    paywalled: bool
    caption_spans: tuple[tuple[int, int], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Quote:
    """One speech attribution: who said what, where in the article text."""

    kind: str  # one of QUOTE_KINDS
    content: str
    content_start: int
    content_end: int
    cue: str | None
    cue_lemma: str | None
    speaker_text: str | None
    speaker: str | None  # canonical full name, or the organisation, or None when unresolved
    speaker_kind: str  # one of SPEAKER_KINDS
    speaker_role: str | None
    sentence: str
    sentence_start: int
    in_caption: bool
    confidence: float


@dataclass(frozen=True, slots=True)
class Event:
    """One PLOVER event mention with its participants, place and resolved date."""

    event_type: str  # one of PLOVER_TYPES
    event_mode: str | None
    trigger: str
    trigger_start: int
    evidence: str
    evidence_start: int
    evidence_end: int
    actor: str | None
    actor_name: str | None
    actor_country: str | None
    actor_sector: str | None
    recipient: str | None
    recipient_name: str | None
    recipient_country: str | None
    recipient_sector: str | None
    location: str | None
    location_country: str | None
    date_text: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    date_granularity: str  # one of GRANULARITIES
    date_source: str  # one of DATE_SOURCES
    modality: str  # one of MODALITIES
    confidence: float


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that could not become an article, and why."""

    source: str
    locator: str
    url: str | None
    stage: str  # one of REJECT_STAGES
    reason: str  # a short machine-readable code
    detail: str  # one human-readable line naming the problem
    content_hash: str | None
