"""SQL models over the marts: speakers, default events and event clusters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from transforms.schemas import ARTICLES, EVENTS, Table
from warehouse.ddl import ensure_schema


def _insert(con: duckdb.DuckDBPyConnection, table: Table, rows: list[dict[str, object]]) -> None:
    full = [{c: row.get(c) for c in table.column_names} for row in rows]
    con.register("rows_in", table.frame(full))
    con.execute(f"INSERT INTO main.{table.name} SELECT * FROM rows_in")
    con.unregister("rows_in")


def _event(event_id: str, article: str, day: str, **extra: object) -> dict[str, object]:
    start = dt.date.fromisoformat(day)
    return {
        "event_id": event_id,
        "article_id": article,
        "event_type": "PROTEST",
        "actor_country": "NER",
        "recipient_country": "USA",
        "date_start": start,
        "date_end": start,
        "date_granularity": "day",
        "modality": "asserted",
        "evidence": f"evidence {event_id}",
        **extra,
    }


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(connection)
    _insert(
        connection,
        ARTICLES,
        [
            {
                "article_id": a,
                "url": f"https://n.example/{a}",
                "outlet": o,
                "published_at": dt.datetime(2024, 4, d),
            }
            for a, o, d in (("a1", "Courier", 14), ("a2", "Dispatch", 15), ("a3", "Courier", 20))
        ],
    )
    return connection


def clusters(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(
        "SELECT mentions, articles, outlets, date_start::VARCHAR FROM event_clusters "
        "ORDER BY date_start, mentions DESC"
    ).fetchall()


def test_mentions_of_one_event_across_outlets_are_one_cluster(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _insert(
        con,
        EVENTS,
        [
            _event("e1", "a1", "2024-04-13"),
            _event("e2", "a2", "2024-04-13"),
            _event("e3", "a3", "2024-04-13"),
            _event("e4", "a3", "2024-04-19"),  # a later protest: another event
        ],
    )
    assert clusters(con) == [(3, 3, 2, "2024-04-13"), (1, 1, 1, "2024-04-19")]


def test_negated_and_hypothetical_mentions_are_not_counted(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _insert(
        con,
        EVENTS,
        [
            _event("e1", "a1", "2024-04-13"),
            _event("e2", "a2", "2024-04-13", modality="negated"),
            _event("e3", "a2", "2024-04-13", modality="hypothetical"),
        ],
    )
    assert con.execute("SELECT count(*) FROM events_default").fetchall() == [(1,)]
    assert clusters(con) == [(1, 1, 1, "2024-04-13")]


def test_coarse_or_missing_dates_are_not_merged_across_articles(
    con: duckdb.DuckDBPyConnection,
) -> None:
    month = {
        "date_start": dt.date(2024, 4, 1),
        "date_end": dt.date(2024, 4, 30),
        "date_granularity": "month",
    }
    undated = {"date_start": None, "date_end": None, "date_granularity": "unknown"}
    _insert(
        con,
        EVENTS,
        [
            _event("e1", "a1", "2024-04-13"),
            _event("e2", "a2", "2024-04-13", **month),
            _event("e3", "a2", "2024-04-13", **undated),
            _event("e4", "a3", "2024-04-13", **undated),
        ],
    )
    rows = con.execute("SELECT count(*), count(DISTINCT cluster_id) FROM event_cluster_members")
    # e1 alone; e2 and e3 (one article, no day) together; e4 (another article) alone.
    assert rows.fetchall() == [(4, 3)]
