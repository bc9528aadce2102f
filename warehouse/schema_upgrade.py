"""Bring a warehouse file written by an older Wirehouse up to this version's tables, or say
exactly why it cannot be.

:func:`~warehouse.ddl.ensure_schema` creates the tables that are missing; a table that exists
is compared here, column by column, with its definition (:mod:`transforms.schemas`). A
nullable column the file lacks is added, as dlt evolves a destination: the rows already there
get NULL, which is what the older version extracted for it. Anything else cannot be changed in
place without inventing values: a key column (NOT NULL) missing, or a table under the name of
one of this version's views. The run then stops before it writes anything, with one message
naming the file and each table and column at fault, instead of DuckDB's binder error from
the first statement that meets the difference.

Columns the file has and this version does not know are left alone: every write names its
columns, so they only stay NULL.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import duckdb

from transforms.schemas import Table
from wirehouse.errors import WarehouseError

log = logging.getLogger(__name__)


def upgrade_statements(
    con: duckdb.DuckDBPyConnection, tables: Iterable[tuple[str, Table]], views: Iterable[str]
) -> list[str]:
    """The ``ALTER TABLE`` statements that add the columns the file's tables lack.

    ``tables`` are ``(schema, table)`` pairs; ``views`` the names of this version's views in
    ``main``.

    Raises
    ------
    WarehouseError
        A table lacks a key column, or a view's name is taken by a table; the message names
        the file and all of them.
    """
    found: dict[tuple[str, str], set[str]] = {}
    for schema, table, column in con.execute(
        "SELECT schema_name, table_name, column_name FROM duckdb_columns() "
        "WHERE database_name = current_database() AND NOT internal"
    ).fetchall():
        found.setdefault((schema, table), set()).add(column)
    base_tables = {
        name
        for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() "
            "WHERE database_name = current_database() AND schema_name = 'main'"
        ).fetchall()
    }
    statements: list[str] = []
    problems: list[str] = []
    for schema, table in tables:
        have = found.get((schema, table.name))
        if have is None:
            continue  # created afterwards, whole
        for column in table.columns:
            if column.name in have:
                continue
            if column.nullable:
                statements.append(
                    f"ALTER TABLE {schema}.{table.name} ADD COLUMN {column.name} {column.sql}"
                )
            else:
                problems.append(f"{schema}.{table.name} has no {column.name} (a key column)")
    problems += [
        f"main.{view} is a table, where this version has a view"
        for view in views
        if view in base_tables
    ]
    if problems:
        (path,) = con.execute(
            "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchone() or ("the warehouse",)
        raise WarehouseError(
            f"{path}: written by an older Wirehouse, and not upgradable in place: "
            + "; ".join(problems)
            + ". Move the file aside (or point WIREHOUSE_DB at a new one) and load again."
        )
    for statement in statements:
        log.info("upgrading the warehouse: %s", statement)
    return statements
