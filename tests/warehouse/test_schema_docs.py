"""The schema reference is generated from the warehouse's comments and kept up to date."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.conftest import ROOT
from warehouse.schema_docs import generate, main
from wirehouse.settings import Settings


def test_docs_schema_md_is_what_the_generator_writes() -> None:
    current = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert current == generate(), "docs/schema.md is out of date: run `make docs`"


def test_check_mode_fails_on_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "schema.md"
    stale.write_text("# old\n", encoding="utf-8")
    assert main(["--check", str(stale)]) == 1
    assert main([str(stale)]) == 0 and main(["--check", str(stale)]) == 0


def test_reference_names_every_view_and_column() -> None:
    text = generate()
    for view in ("quote_search", "speaker_stats", "event_timeline", "event_dyads", "source_health"):
        assert f"## {view}" in text
    assert "| `countries` | VARCHAR[] |" in text


def test_every_table_view_and_column_of_a_loaded_warehouse_has_a_comment(
    sample_warehouse: Settings,
) -> None:
    """Including the search index the run built and the views over it."""
    with duckdb.connect(str(sample_warehouse.db), read_only=True) as con:
        schemas = {r[0] for r in con.execute("SELECT schema_name FROM duckdb_schemas()").fetchall()}
        assert {"fts_main_articles", "fts_main_quotes"} <= schemas
        missing = con.execute(
            "SELECT schema_name || '.' || table_name FROM duckdb_tables() "
            "WHERE coalesce(comment, '') = '' UNION ALL "
            "SELECT schema_name || '.' || view_name FROM duckdb_views() "
            "WHERE NOT internal AND coalesce(comment, '') = '' UNION ALL "
            "SELECT schema_name || '.' || table_name || '.' || column_name FROM duckdb_columns() "
            "WHERE NOT internal AND coalesce(comment, '') = ''"
        ).fetchall()
    assert missing == []
