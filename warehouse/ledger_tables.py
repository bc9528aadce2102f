"""Tables the warehouse keeps about its own runs: the load ledger, cursors, check results."""

from __future__ import annotations

import polars as pl

from transforms.schemas import Column, Table

_S, _I, _TS, _B, _F = pl.String(), pl.Int64(), pl.Datetime("us"), pl.Boolean(), pl.Float64()

LOADS = Table(
    "loads",
    "one row per run; its status becomes `complete` in the same transaction as the marts",
    (
        Column("load_id", _S, "VARCHAR", "Key: the run's id, sortable by start time.", False),
        Column("command", _S, "VARCHAR", "`ingest`, `run` or `backfill`, with its arguments."),
        Column(
            "status",
            _S,
            "VARCHAR",
            "`running`, `complete`, `failed`, or `abandoned` (died; swept by the next run).",
        ),
        Column("started_at", _TS, "TIMESTAMP", "When the run started (UTC)."),
        Column("finished_at", _TS, "TIMESTAMP", "When it completed or failed (UTC)."),
        Column("documents_read", _I, "BIGINT", "Input documents read."),
        Column("unchanged", _I, "BIGINT", "Documents skipped: already loaded with this content."),
        Column("outside_window", _I, "BIGINT", "Documents outside a backfill's date range."),
        Column("articles", _I, "BIGINT", "Articles added or replaced."),
        Column("quotes", _I, "BIGINT", "Quotes written for those articles."),
        Column("events", _I, "BIGINT", "Events written for those articles."),
        Column("rejects", _I, "BIGINT", "Rejects recorded by this run."),
        Column("stage_seconds", _S, "VARCHAR", "JSON: seconds spent per stage."),
        Column("failure", _S, "VARCHAR", "Why the run failed, in one line."),
    ),
    ("load_id",),
)

SOURCE_CURSORS = Table(
    "source_cursors",
    "one row per configured source: how far the nightly run has read it",
    (
        Column("source", _S, "VARCHAR", "Key: the source name in sources.toml.", False),
        Column(
            "last_published",
            _TS,
            "TIMESTAMP",
            "Newest publication time the nightly run has loaded from this source.",
        ),
        Column("load_id", _S, "VARCHAR", "The complete load that last moved this cursor."),
        Column("updated_at", _TS, "TIMESTAMP", "When the cursor last moved (UTC)."),
    ),
    ("source",),
)

DQ_RESULTS = Table(
    "dq_results",
    "one row per data-quality expectation checked per run and table",
    (
        Column("load_id", _S, "VARCHAR", "The run whose data was checked."),
        Column("table_name", _S, "VARCHAR", "The table the frames belong to."),
        Column("expectation", _S, "VARCHAR", "The Great Expectations expectation type."),
        Column("column_name", _S, "VARCHAR", "The column checked, if one."),
        Column("severity", _S, "VARCHAR", "`critical` (stops promotion) or `warning`."),
        Column("success", _B, "BOOLEAN", "Whether every batch of the run passed."),
        Column("observed_value", _S, "VARCHAR", "What was observed (JSON), last failing batch."),
        Column("unexpected_count", _I, "BIGINT", "Rows that broke the expectation, summed."),
        Column("detail", _S, "VARCHAR", "One line on what was found."),
        Column("seconds", _F, "DOUBLE", "Validation time of the run, seconds (same each row)."),
    ),
    ("load_id", "table_name", "expectation", "column_name"),
)

DQ_RUNS = Table(
    "dq_runs",
    "one row per validated run: its distributions and the outcome of its checks",
    (
        Column("load_id", _S, "VARCHAR", "Key: the run (see `loads`), or `validate-...`.", False),
        Column("validated_at", _TS, "TIMESTAMP", "When the checks finished (UTC)."),
        Column("status", _S, "VARCHAR", "`passed`, `warnings` or `failed` (critical)."),
        Column("articles", _I, "BIGINT", "Articles checked."),
        Column("quotes", _I, "BIGINT", "Quotes checked."),
        Column("events", _I, "BIGINT", "Events checked."),
        Column("undated_article_share", _F, "DOUBLE", "Share of articles with no date."),
        Column("unresolved_speaker_share", _F, "DOUBLE",
               "Share of quotes whose speaker is unresolved."),
        Column("undated_event_share", _F, "DOUBLE", "Share of events with no date."),
        Column("quotes_per_article", _F, "DOUBLE", "Quotes per article."),
        Column("events_per_article", _F, "DOUBLE", "Events per article."),
        Column("critical_failures", _I, "BIGINT", "Critical checks and audits that failed."),
        Column("warnings", _I, "BIGINT", "Warnings (failed warning checks, drift)."),
        Column("seconds", _F, "DOUBLE", "Time spent validating, seconds."),
        Column("docs_path", _S, "VARCHAR", "The run's Data Docs page (index.html), if built."),
    ),
    ("load_id",),
)  # fmt: skip
