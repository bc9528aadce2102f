"""Every warehouse table's columns, declared once: name, polars type, SQL type, meaning.

The polars frames that the transforms produce and the DuckDB DDL (with its ``COMMENT ON``
lines) are both derived from these declarations, so a column cannot drift between the two.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    dtype: pl.DataType
    sql: str
    comment: str
    nullable: bool = True


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    grain: str  # one line: what one row is
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def schema(self) -> pl.Schema:
        """The polars schema of this table's frames."""
        return pl.Schema({c.name: c.dtype for c in self.columns})

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.schema)

    def frame(self, rows: list[dict[str, object]]) -> pl.DataFrame:
        """Rows (dicts keyed by column name) as a frame with exactly this table's schema."""
        if not rows:
            return self.empty()
        return pl.DataFrame(rows, schema=self.schema, orient="row")


def _c(name: str, dtype: pl.DataType, sql: str, comment: str, *, key: bool = False) -> Column:
    return Column(name, dtype, sql, comment, nullable=not key)


_STR, _INT, _F64, _BOOL = pl.String(), pl.Int64(), pl.Float64(), pl.Boolean()
_DATE, _TS, _BIN = pl.Date(), pl.Datetime("us"), pl.Binary()
_LOAD_ID = _c("load_id", _STR, "VARCHAR", "The load (see `loads`) that wrote this row.")

DOCUMENTS = Table(
    "documents",
    "one row per distinct version (content hash) of an input document",
    (
        _c("article_id", _STR, "VARCHAR", "Key of the article this document becomes.", key=True),
        _c("content_hash", _STR, "VARCHAR", "sha256 of the raw content.", key=True),
        _c("url", _STR, "VARCHAR", "URL exactly as given in the input."),
        _c("source", _STR, "VARCHAR", "Name of the configured source, or `cli` for ingest."),
        _c("locator", _STR, "VARCHAR", "Where the input was read: file path, line or feed item."),
        _c("content_kind", _STR, "VARCHAR", "`html` or `text`: what `content` holds."),
        _c("content", _BIN, "BLOB", "The raw content, zlib-compressed UTF-8."),
        _c("title_given", _STR, "VARCHAR", "Title given by the source, if any."),
        _c("published_given", _TS, "TIMESTAMP", "Publication time given by the source (UTC)."),
        _c("language_given", _STR, "VARCHAR", "Language given by the source, if any."),
        _LOAD_ID,
    ),
    ("article_id", "content_hash"),
)

ARTICLES = Table(
    "articles",
    "one row per article (the latest version of each URL)",
    (
        _c("article_id", _STR, "VARCHAR", "Key: a hash of `url`.", key=True),
        _c("url", _STR, "VARCHAR", "URL exactly as given in the input."),
        _c("canonical_url", _STR, "VARCHAR", "The page's own canonical URL, when it names one."),
        _c("source", _STR, "VARCHAR", "Configured source the article came from (`cli`: ingest)."),
        _c("outlet", _STR, "VARCHAR", "Publication name from the page, else the URL's host."),
        _c("title", _STR, "VARCHAR", "Headline: the source's, else the page's."),
        _c("author", _STR, "VARCHAR", "Byline as the page gives it."),
        _c("description", _STR, "VARCHAR", "Standfirst or meta description."),
        _c("published_at", _TS, "TIMESTAMP", "Publication time (UTC); null when unknown."),
        _c(
            "published_source",
            _STR,
            "VARCHAR",
            "Where `published_at` came from: `source` (feed, JSONL), `page`, or `none`.",
        ),
        _c("language", _STR, "VARCHAR", "ISO 639-1 language code, when known."),
        _c("text", _STR, "VARCHAR", "Article body text, paragraphs separated by newlines."),
        _c("word_count", _INT, "BIGINT", "Number of words in `text`."),
        _c(
            "paywalled",
            _BOOL,
            "BOOLEAN",
            "True when the page declares itself paywalled: `text` is the public teaser.",
        ),
        _c("content_hash", _STR, "VARCHAR", "sha256 of the raw input this row was built from."),
        _LOAD_ID,
    ),
    ("article_id",),
)

QUOTES = Table(
    "quotes",
    "one row per speech attribution (a quote) in an article",
    (
        _c(
            "quote_id",
            _STR,
            "VARCHAR",
            "Key: a hash of article, span and speaker mention.",
            key=True,
        ),
        _c("article_id", _STR, "VARCHAR", "The article (see `articles`)."),
        _c("kind", _STR, "VARCHAR", "`direct` (in marks), `mixed` (partly quoted), `indirect`."),
        _c("content", _STR, "VARCHAR", "What was said, as written in the article."),
        _c("content_start", _INT, "BIGINT", "Character offset of `content` in the article text."),
        _c("content_end", _INT, "BIGINT", "Character offset just past `content`."),
        _c("cue", _STR, "VARCHAR", "The verb of saying as written (`told`, `according to`)."),
        _c("cue_lemma", _STR, "VARCHAR", "Lemma of `cue` (`tell`), for grouping."),
        _c("speaker_text", _STR, "VARCHAR", "The speaker as mentioned in the attribution."),
        _c(
            "speaker",
            _STR,
            "VARCHAR",
            "Canonical speaker: full name, organisation name; null when unresolved.",
        ),
        _c("speaker_kind", _STR, "VARCHAR", "`person`, `organization` or `unnamed`."),
        _c("speaker_role", _STR, "VARCHAR", "Title or role given with the name."),
        _c("sentence", _STR, "VARCHAR", "The sentence the quote stands in."),
        _c("sentence_start", _INT, "BIGINT", "Character offset of `sentence` in the article."),
        _c("in_caption", _BOOL, "BOOLEAN", "True when the quote sits in a photo caption."),
        _c("confidence", _F64, "DOUBLE", "Extractor confidence, 0 to 1."),
        _LOAD_ID,
    ),
    ("quote_id",),
)

EVENTS = Table(
    "events",
    "one row per event mention (PLOVER-coded) in an article",
    (
        _c(
            "event_id",
            _STR,
            "VARCHAR",
            "Key: a hash of article, evidence, trigger and type.",
            key=True,
        ),
        _c("article_id", _STR, "VARCHAR", "The article (see `articles`)."),
        _c("event_type", _STR, "VARCHAR", "One of the 16 PLOVER event types."),
        _c("event_mode", _STR, "VARCHAR", "PLOVER mode of the type, when one applies."),
        _c(
            "quad_class",
            _STR,
            "VARCHAR",
            "PLOVER quad class of the type: verbal or material, cooperation or conflict.",
        ),
        _c(
            "plover_score",
            _F64,
            "DOUBLE",
            "Cooperation (+) to conflict (-) score of the type, -10 to +10 (Goldstein-like).",
        ),
        _c("trigger", _STR, "VARCHAR", "The word(s) that express the event."),
        _c("trigger_start", _INT, "BIGINT", "Character offset of `trigger` in the article."),
        _c("evidence", _STR, "VARCHAR", "The sentence or clause that states the event."),
        _c("evidence_start", _INT, "BIGINT", "Character offset of `evidence`."),
        _c("evidence_end", _INT, "BIGINT", "Character offset just past `evidence`."),
        _c("actor", _STR, "VARCHAR", "Who acted, as written; null when implicit."),
        _c("actor_name", _STR, "VARCHAR", "Canonical name of the actor."),
        _c("actor_country", _STR, "VARCHAR", "ISO 3166 alpha-3 code of the actor (or IGO/NGO)."),
        _c("actor_sector", _STR, "VARCHAR", "Actor sector: GOV, MIL, COP, JUD, REB, CVL, ..."),
        _c("recipient", _STR, "VARCHAR", "Who was acted upon, as written."),
        _c("recipient_name", _STR, "VARCHAR", "Canonical name of the recipient."),
        _c("recipient_country", _STR, "VARCHAR", "ISO 3166 alpha-3 code of the recipient."),
        _c("recipient_sector", _STR, "VARCHAR", "Recipient sector."),
        _c("location", _STR, "VARCHAR", "Place named in the same sentence, as written."),
        _c("location_country", _STR, "VARCHAR", "ISO 3166 alpha-3 code of `location`."),
        _c("date_text", _STR, "VARCHAR", "The temporal expression the date was resolved from."),
        _c("date_start", _DATE, "DATE", "First day the event may have happened; null if unknown."),
        _c("date_end", _DATE, "DATE", "Last day the event may have happened; null if unknown."),
        _c("date_granularity", _STR, "VARCHAR", "`day`, `week`, `month`, `year` or `unknown`."),
        _c(
            "date_source",
            _STR,
            "VARCHAR",
            "`explicit`, `relative` (to publication), `inherited` (adjacent sentence), `none`.",
        ),
        _c(
            "modality",
            _STR,
            "VARCHAR",
            "`asserted`, `future`, `hypothetical`, `historical` or `negated`.",
        ),
        _c(
            "quote_id",
            _STR,
            "VARCHAR",
            "The quote that states this event (a claim by its speaker); null when the outlet "
            "states it.",
        ),
        _c("confidence", _F64, "DOUBLE", "Extractor confidence, 0 to 1."),
        _LOAD_ID,
    ),
    ("event_id",),
)

SPEAKERS = Table(
    "speakers",
    "one row per canonical speaker per article",
    (
        _c("speaker_id", _STR, "VARCHAR", "Key: a hash of article and speaker.", key=True),
        _c("article_id", _STR, "VARCHAR", "The article (see `articles`)."),
        _c("speaker", _STR, "VARCHAR", "Canonical speaker name, as in `quotes.speaker`."),
        _c("speaker_kind", _STR, "VARCHAR", "`person`, `organization` or `unnamed`."),
        _c("speaker_role", _STR, "VARCHAR", "The role given with the name most often."),
        _c("quotes", _INT, "BIGINT", "Quotes attributed to the speaker in the article."),
        _c("first_offset", _INT, "BIGINT", "Offset of the speaker's first quote in the text."),
        _LOAD_ID,
    ),
    ("speaker_id",),
)

PARTICIPANTS = Table(
    "event_participants",
    "one row per party to an event, per role (a compound actor is several rows)",
    (
        _c("participant_id", _STR, "VARCHAR", "Key: a hash of event, role and position.", key=True),
        _c("event_id", _STR, "VARCHAR", "The event (see `events`)."),
        _c("article_id", _STR, "VARCHAR", "The article (see `articles`)."),
        _c("role", _STR, "VARCHAR", "`actor` or `recipient`."),
        _c("position", _INT, "BIGINT", "1 for the first party named in the role, then 2, ..."),
        _c("participant", _STR, "VARCHAR", "The party as written."),
        _c("country", _STR, "VARCHAR", "ISO 3166 alpha-3 code of the party (or IGO/NGO)."),
        _c("sector", _STR, "VARCHAR", "Sector of the party: GOV, MIL, COP, JUD, REB, CVL, ..."),
        _LOAD_ID,
    ),
    ("participant_id",),
)

QUARANTINE = Table(
    "quarantine",
    "one row per row set aside by a data-quality check, and the check",
    (
        _c("quarantine_id", _STR, "VARCHAR", "Key: a hash of table, row key and check.", key=True),
        _c("article_id", _STR, "VARCHAR", "The article the row belongs to."),
        _c("table_name", _STR, "VARCHAR", "The table the row was meant for."),
        _c("row_key", _STR, "VARCHAR", "The row's key in that table."),
        _c(
            "check_name",
            _STR,
            "VARCHAR",
            "`<expectation>:<column>` that caught it, or `parent_quarantined`.",
        ),
        _c("detail", _STR, "VARCHAR", "One line on what was wrong with the row."),
        _c("row_json", _STR, "VARCHAR", "The whole row, as JSON."),
        _LOAD_ID,
    ),
    ("quarantine_id",),
)

REJECTS = Table(
    "rejects",
    "one row per input that could not be loaded, per reason",
    (
        _c(
            "reject_id",
            _STR,
            "VARCHAR",
            "Key: a hash of locator, stage, reason and content.",
            key=True,
        ),
        _c("source", _STR, "VARCHAR", "Configured source, or `cli` for ingest."),
        _c("locator", _STR, "VARCHAR", "The file, line or URL at fault."),
        _c("url", _STR, "VARCHAR", "URL of the document, when known."),
        _c("stage", _STR, "VARCHAR", "`read`, `fetch`, `extract`, `quotes`, `events`, `validate`."),
        _c("reason", _STR, "VARCHAR", "Short reason code (`malformed_jsonl`, `too_short`, ...)."),
        _c("detail", _STR, "VARCHAR", "One line saying what is wrong, naming the input."),
        _c("content_hash", _STR, "VARCHAR", "sha256 of the content, when it could be read."),
        _LOAD_ID,
    ),
    ("reject_id",),
)

HTTP_CACHE = Table(
    "http_cache",
    "one row per fetched URL: the validators and content of the copy the warehouse holds",
    (
        _c("url", _STR, "VARCHAR", "Key: the URL requested, normalised.", key=True),
        _c("final_url", _STR, "VARCHAR", "The URL answered, after redirects."),
        _c("article_url", _STR, "VARCHAR", "The article it became (canonical link, same site)."),
        _c("content_hash", _STR, "VARCHAR", "sha256 of the body: the row of `raw.documents`."),
        _c("etag", _STR, "VARCHAR", "The ETag sent back as If-None-Match next time."),
        _c("last_modified", _STR, "VARCHAR", "Last-Modified, sent back as If-Modified-Since."),
        _c("status", _INT, "BIGINT", "HTTP status of the fetch that wrote this row."),
        _c("fetched_at", _TS, "TIMESTAMP", "When it was fetched (UTC)."),
        _LOAD_ID,
    ),
    ("url",),
)

#: The frames a batch produces, in load order.
BATCH_TABLES = (DOCUMENTS, ARTICLES, QUOTES, SPEAKERS, EVENTS, PARTICIPANTS, REJECTS, HTTP_CACHE)
