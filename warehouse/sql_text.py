"""Text spliced into SQL where DuckDB takes no parameter (DDL, PRAGMA, ATTACH, file lists)."""

from __future__ import annotations


def sql_literal(text: str) -> str:
    """``text`` as a single-quoted SQL string literal (quotes inside it doubled)."""
    return "'" + text.replace("'", "''") + "'"
