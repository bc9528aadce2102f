"""Create or upgrade the warehouse schema: layers, tables, models and their comments.

Layers, dbt-style:

* ``raw.documents``: every distinct input document as loaded (compressed, content-addressed),
  so derived tables can be rebuilt without the network.
* ``staging.*``: the rows of a load that failed, kept for inspection. A running load stages
  Parquet files beside the file instead (:mod:`warehouse.staged_files`), so that its writes
  neither touch nor checkpoint the warehouse while it runs.
* ``main.*`` (the marts, queried by bare name): ``articles``, ``quotes``, ``events``,
  ``rejects``, views from ``warehouse/models/*.sql``, and the ledger tables.
"""

from __future__ import annotations

from importlib.resources import files

import duckdb

from transforms.schemas import (
    ARTICLES,
    DOCUMENTS,
    EVENTS,
    HTTP_CACHE,
    PARTICIPANTS,
    QUARANTINE,
    QUOTES,
    REJECTS,
    SPEAKERS,
    Table,
)
from warehouse.connection import rollback
from warehouse.ledger_tables import DQ_RESULTS, DQ_RUNS, LOADS, SOURCE_CURSORS
from warehouse.schema_upgrade import upgrade_statements
from warehouse.sql_text import sql_literal

SCHEMA_VERSION = "1"
#: Tables a load stages before promotion, and their marts.
STAGED = (ARTICLES, QUOTES, SPEAKERS, EVENTS, PARTICIPANTS, QUARANTINE, REJECTS, HTTP_CACHE)
MART_TABLES = (
    ARTICLES,
    QUOTES,
    SPEAKERS,
    EVENTS,
    PARTICIPANTS,
    QUARANTINE,
    REJECTS,
    HTTP_CACHE,
    LOADS,
    SOURCE_CURSORS,
    DQ_RESULTS,
    DQ_RUNS,
)


def create_table_sql(table: Table, qualified: str, *, constrained: bool = True) -> list[str]:
    """``CREATE TABLE IF NOT EXISTS`` plus one ``COMMENT ON`` per table and column.

    Staging tables are created unconstrained: a load whose checks failed (a null key, say)
    is kept there, so that its rows can be inspected where they stopped.
    """
    cols = ",\n  ".join(
        f"{c.name} {c.sql}{'' if c.nullable or not constrained else ' NOT NULL'}"
        for c in table.columns
    )
    statements = [f"CREATE TABLE IF NOT EXISTS {qualified} (\n  {cols}\n)"]
    statements.append(f"COMMENT ON TABLE {qualified} IS {sql_literal(table.grain)}")
    statements += [
        f"COMMENT ON COLUMN {qualified}.{c.name} IS {sql_literal(c.comment)}" for c in table.columns
    ]
    return statements


#: The SQL models in ``warehouse/models``, each after the models it reads.
MODELS = (
    "speaker_directory",
    "events_default",
    "event_cluster_members",
    "event_clusters",
    "quote_search",
    "speaker_stats",
    "event_timeline",
    "event_dyads",
    "source_health",
)


#: Views that pass a table's rows through (a filter): their columns mean what the table's do.
MIRRORS = {"events_default": "events"}


def _inherit_comments(con: duckdb.DuckDBPyConnection, view: str, table: str) -> None:
    rows = con.execute(
        "SELECT column_name, comment FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND table_name = ? AND comment IS NOT NULL",
        [table],
    ).fetchall()
    for column, comment in rows:
        con.execute(f"COMMENT ON COLUMN main.{view}.{column} IS {sql_literal(comment)}")


def model_sql() -> dict[str, str]:
    """The SQL models (one ``CREATE OR REPLACE VIEW`` file each), by name, in build order."""
    folder = files("warehouse") / "models"
    return {name: (folder / f"{name}.sql").read_text(encoding="utf-8") for name in MODELS}


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every schema, table and view that is missing, and add the columns an older
    version's tables lack (:mod:`warehouse.schema_upgrade`); safe to run on every open.

    Raises
    ------
    WarehouseError
        The file was written by an older version in a way that cannot be upgraded in place.
    """
    tables = [("raw", DOCUMENTS)]
    tables += [("staging", table) for table in STAGED]
    tables += [("main", table) for table in MART_TABLES]
    statements = ["CREATE SCHEMA IF NOT EXISTS raw", "CREATE SCHEMA IF NOT EXISTS staging"]
    statements += upgrade_statements(con, tables, MODELS)
    for schema, table in tables:
        statements += create_table_sql(
            table, f"{schema}.{table.name}", constrained=schema != "staging"
        )
    statements.append(
        "CREATE TABLE IF NOT EXISTS main.wirehouse_meta (key VARCHAR PRIMARY KEY, value VARCHAR)"
    )
    statements += [
        "COMMENT ON TABLE main.wirehouse_meta IS 'Facts about this warehouse file itself.'",
        "COMMENT ON COLUMN main.wirehouse_meta.key IS 'Name of the fact (`schema_version`).'",
        "COMMENT ON COLUMN main.wirehouse_meta.value IS 'Its value.'",
    ]
    con.execute("BEGIN")
    try:
        for statement in statements:
            con.execute(statement)
        for sql in model_sql().values():
            con.execute(sql)
        for view, mirrored in MIRRORS.items():
            _inherit_comments(con, view, mirrored)
        con.execute(
            "INSERT OR REPLACE INTO main.wirehouse_meta VALUES ('schema_version', ?)",
            [SCHEMA_VERSION],
        )
        con.execute("COMMIT")
    except BaseException:
        rollback(con)  # a failed COMMIT (disk full) must be the error reported
        raise
