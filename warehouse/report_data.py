"""What the run report shows, read from the warehouse: one query per section, no rendering.

Figures about the run itself (its ledger row, its checks, its rejects) are for the chosen
load; tables, speakers, events and sources describe the warehouse as it is when the report
is built, which for the report written at the end of a run is the state that run left.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import duckdb

from wirehouse.errors import UsageError

Rows = list[dict[str, Any]]

#: The marts counted in the report's first table, in reading order.
COUNTED = ("articles", "quotes", "events", "event_participants", "rejects", "quarantine")


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything one report page needs, as plain rows."""

    load: dict[str, Any]
    stage_seconds: dict[str, float]
    table_counts: dict[str, int]
    sources: Rows
    run_sources: dict[str, int]
    dq_run: dict[str, Any] | None
    dq_summary: Rows
    dq_failures: Rows
    rejects: Rows
    top_speakers: Rows
    events_by_month: Rows
    countries: Rows


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: Any = None) -> Rows:
    relation = con.execute(sql, params or [])
    names = [d[0] for d in relation.description or []]
    return [dict(zip(names, row, strict=True)) for row in relation.fetchall()]


def latest_load_id(con: duckdb.DuckDBPyConnection) -> str:
    """The newest run recorded in ``loads``."""
    row = con.execute("SELECT max(load_id) FROM main.loads").fetchall()
    if not row or row[0][0] is None:
        raise UsageError("report: this warehouse has no runs yet; run `wirehouse run` first")
    return str(row[0][0])


def read_report_data(con: duckdb.DuckDBPyConnection, load_id: str) -> ReportData:
    """Read every section of the report of ``load_id``.

    Raises
    ------
    UsageError
        No run with that id.
    """
    loads = _rows(con, "SELECT * FROM main.loads WHERE load_id = ?", [load_id])
    if not loads:
        raise UsageError(f"report: no run {load_id!r} in loads (see `SELECT load_id FROM loads`)")
    load = loads[0]
    seconds = json.loads(load["stage_seconds"]) if load["stage_seconds"] else {}
    counts = {t: int(_rows(con, f"SELECT count(*) AS n FROM main.{t}")[0]["n"]) for t in COUNTED}
    dq_runs = _rows(con, "SELECT * FROM main.dq_runs WHERE load_id = ?", [load_id])
    return ReportData(
        load=load,
        stage_seconds={str(k): float(v) for k, v in seconds.items()},
        table_counts=counts,
        sources=_rows(con, "SELECT * FROM main.source_health ORDER BY articles DESC, source"),
        run_sources={
            r["source"]: int(r["n"])
            for r in _rows(
                con,
                "SELECT source, count(*) AS n FROM main.articles WHERE load_id = ? GROUP BY 1",
                [load_id],
            )
        },
        dq_run=dq_runs[0] if dq_runs else None,
        dq_summary=_rows(
            con,
            "SELECT table_name, count(*) AS checks, count(*) FILTER (WHERE success) AS passed, "
            "count(*) FILTER (WHERE NOT success AND severity = 'critical') AS critical, "
            "count(*) FILTER (WHERE NOT success AND severity <> 'critical') AS warnings "
            "FROM main.dq_results WHERE load_id = ? GROUP BY 1 ORDER BY 1",
            [load_id],
        ),
        dq_failures=_rows(
            con,
            "SELECT table_name, expectation, column_name, severity, detail FROM main.dq_results "
            "WHERE load_id = ? AND NOT success ORDER BY severity, table_name, expectation",
            [load_id],
        ),
        rejects=_rows(
            con,
            "SELECT reason, stage, count(*) AS n, any_value(locator) AS example "
            "FROM main.rejects WHERE load_id = ? GROUP BY reason, stage ORDER BY n DESC, reason",
            [load_id],
        ),
        top_speakers=_rows(
            con,
            "SELECT speaker, speaker_kind, speaker_role, quotes, articles, outlets, last_seen "
            "FROM main.speaker_stats WHERE speaker_kind <> 'unnamed' "
            "ORDER BY quotes DESC, articles DESC, speaker LIMIT 10",
        ),
        events_by_month=_rows(
            con,
            "SELECT date_trunc('month', date_start)::DATE AS month, event_type, count(*) AS n "
            "FROM main.events_default WHERE date_start IS NOT NULL "
            "AND date_granularity IN ('day', 'week', 'month') GROUP BY ALL ORDER BY ALL",
        ),
        countries=_rows(
            con,
            "SELECT country, count(DISTINCT event_id) AS events, "
            "count(DISTINCT event_id) FILTER (WHERE role = 'actor') AS as_actor "
            "FROM main.event_participants JOIN main.events_default USING (event_id) "
            "WHERE country IS NOT NULL GROUP BY country ORDER BY events DESC, country LIMIT 15",
        ),
    )
