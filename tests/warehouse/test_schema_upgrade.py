"""A warehouse written by an older Wirehouse: upgraded in place where a column was only
added, refused with one clear message (and left untouched) where it cannot be."""

from __future__ import annotations

import re

import duckdb
import pytest

from tests.conftest import ROOT
from wirehouse import api
from wirehouse.errors import WarehouseError
from wirehouse.settings import Settings

PAGE = ROOT / "tests" / "fixtures" / "page.html"


def _columns(settings: Settings, schema: str, table: str) -> list[str]:
    with duckdb.connect(str(settings.db), read_only=True) as con:
        rows = con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?",
            [schema, table],
        ).fetchall()
    return [name for (name,) in rows]


def test_columns_added_since_are_added_to_an_older_file(settings: Settings) -> None:
    api.ingest([PAGE], settings=settings)
    events = _columns(settings, "main", "events")
    with duckdb.connect(str(settings.db)) as con:  # as the version before PLOVER quad classes
        for schema in ("main", "staging"):
            con.execute(f"ALTER TABLE {schema}.events DROP COLUMN quad_class")
            con.execute(f"ALTER TABLE {schema}.events DROP COLUMN plover_score")
        before = con.execute("SELECT count(*) FROM main.events").fetchall()
    summary = api.ingest([PAGE], settings=settings)
    assert summary.status == "complete", summary.failure
    assert sorted(_columns(settings, "main", "events")) == sorted(events)
    assert sorted(_columns(settings, "staging", "events")) == sorted(events)
    with duckdb.connect(str(settings.db), read_only=True) as con:
        # The rows the older version wrote are kept, without what it did not extract.
        rows = con.execute("SELECT count(*), count(quad_class) FROM main.events").fetchall()
        assert rows == [(before[0][0], 0)]
        # The views over the table are rebuilt and read the added columns.
        con.execute("SELECT quad_class FROM main.events_default").fetchall()


def test_a_file_that_cannot_be_upgraded_is_refused_untouched(settings: Settings) -> None:
    api.ingest([PAGE], settings=settings)
    with duckdb.connect(str(settings.db)) as con:
        con.execute("ALTER TABLE main.quotes DROP COLUMN quote_id")  # a key: no value to give
        con.execute("ALTER TABLE main.events DROP COLUMN quad_class")  # could be added
        con.execute("DROP VIEW main.speaker_stats")
        con.execute("CREATE TABLE main.speaker_stats (speaker VARCHAR)")
    message = (
        f"{settings.db}: written by an older Wirehouse, and not upgradable in place: "
        "main.quotes has no quote_id (a key column); main.speaker_stats is a table, where "
        "this version has a view."
    )
    with pytest.raises(WarehouseError, match="^" + re.escape(message)):
        api.ingest([PAGE], settings=settings)
    assert "quad_class" not in _columns(settings, "main", "events")  # nothing was changed
