"""A run's distributions (``warehouse/metrics/*.sql``), their drift, and the ``dq_runs`` row.

Per-row checks run on each batch's frames; these are the run-level figures a sudden change
shows up in: undated articles (an outlet changed its markup), unresolved speakers, quotes and
events per article (boilerplate leaking into text), rejects per source.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from importlib.resources import files

import duckdb
import polars as pl

from warehouse.ledger_tables import DQ_RUNS

#: The figures compared with earlier runs; a share or rate far from its recent median warns.
DRIFT_METRICS = (
    "undated_article_share",
    "unresolved_speaker_share",
    "undated_event_share",
    "quotes_per_article",
    "events_per_article",
)
#: How many earlier complete runs the median is taken over.
DRIFT_WINDOW = 7


def _metrics_sql(name: str) -> str:
    return (files("warehouse") / "metrics" / f"{name}.sql").read_text(encoding="utf-8")


def run_metrics(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row: the load's counts and shares, from its staged rows (the ``staged`` views of
    :func:`warehouse.staged_files.attach`)."""
    return con.execute(_metrics_sql("run")).pl()


def source_metrics(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per source of the load: articles, rejects and the share rejected."""
    return con.execute(_metrics_sql("sources")).pl()


def drift(con: duckdb.DuckDBPyConnection, metrics: Mapping[str, object]) -> list[dict[str, object]]:
    """``dq_results`` rows (warnings) for figures far from their median over recent runs.

    Far means more than 0.2 away in absolute terms and more than half the median away: a
    quiet measure on purpose, since a night's news really does vary.
    """
    rows: list[dict[str, object]] = []
    history = con.execute(
        f"SELECT {', '.join(DRIFT_METRICS)} FROM main.dq_runs WHERE status != 'failed' "
        f"ORDER BY validated_at DESC LIMIT {DRIFT_WINDOW}"
    ).fetchall()
    for i, name in enumerate(DRIFT_METRICS):
        value = metrics.get(name)
        past = [float(r[i]) for r in history if r[i] is not None]
        if not isinstance(value, (int, float)) or len(past) < 3:
            continue
        median = statistics.median(past)
        far = abs(value - median) > max(0.2, 0.5 * abs(median))
        rows.append(
            {
                "table_name": "(run)",
                "expectation": f"drift:{name}",
                "column_name": name,
                "severity": "warning",
                "success": not far,
                "observed_value": f"{value:.3f}",
                "unexpected_count": None,
                "detail": (
                    f"run.{name}: {value:.3f} against a median of {median:.3f} "
                    f"over the last {len(past)} runs" + (" (drift)" if far else "")
                ),
            }
        )
    return rows


def record_run(
    con: duckdb.DuckDBPyConnection,
    load_id: str,
    metrics: Mapping[str, object],
    *,
    critical_failures: int,
    warnings: int,
    seconds: float,
    docs_path: str | None,
) -> None:
    """Write (or rewrite) the ``dq_runs`` row of a load."""
    status = "failed" if critical_failures else "warnings" if warnings else "passed"
    row = {
        **{name: metrics.get(name) for name in DQ_RUNS.column_names},
        "load_id": load_id,
        "validated_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "status": status,
        "critical_failures": critical_failures,
        "warnings": warnings,
        "seconds": round(seconds, 3),
        "docs_path": docs_path,
    }
    con.register("run_row", DQ_RUNS.frame([row]))
    try:
        con.execute("DELETE FROM main.dq_runs WHERE load_id = ?", [load_id])
        con.execute(
            f"INSERT INTO main.dq_runs SELECT {', '.join(DQ_RUNS.column_names)} FROM run_row"
        )
    finally:
        con.unregister("run_row")
