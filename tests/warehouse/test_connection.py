"""Opening the warehouse file: the errors a user sees when it will not open."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse.connection import connect
from wirehouse.errors import WarehouseError

# A run that committed after a checkpoint and was then killed: its log holds an UPDATE of a
# row that exists only in the file as it was at that checkpoint.
_KILLED_AFTER_CHECKPOINT = """
import os, sys, duckdb
db = sys.argv[1]
con = duckdb.connect(db)
con.execute("INSERT INTO loads VALUES ('b', 'running')")
con.close()
con = duckdb.connect(db)
con.execute("UPDATE loads SET status = 'complete' WHERE load_id = 'b'")
os._exit(9)
"""


def test_a_copy_restored_over_a_foreign_log_fails_with_one_clear_line(tmp_path: Path) -> None:
    saved = tmp_path / "saved.duckdb"
    with duckdb.connect(str(saved)) as con:
        con.execute("CREATE TABLE loads (load_id VARCHAR, status VARCHAR)")
        con.execute("INSERT INTO loads VALUES ('a', 'complete')")
    db = tmp_path / "w.duckdb"
    shutil.copyfile(saved, db)
    subprocess.run([sys.executable, "-c", _KILLED_AFTER_CHECKPOINT, str(db)], check=False)
    wal = db.with_name(db.name + ".wal")
    assert wal.exists()
    shutil.copyfile(saved, db)  # the log of the killed run is still beside it

    with pytest.raises(WarehouseError) as caught, connect(db, read_only=True):
        pass
    message = str(caught.value)
    assert "\n" not in message
    assert str(wal) in message and "move the log aside" in message

    wal.unlink()  # what the message says to do
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM loads").fetchone() == (1,)


def _memory_limit(db: Path) -> str:
    with connect(db) as con:
        row = con.execute("SELECT current_setting('memory_limit')").fetchone()
    assert row is not None
    return str(row[0])


def test_a_run_caps_duckdb_memory_with_the_setting(tmp_path: Path) -> None:
    from pydantic import ValidationError

    from warehouse.connection import limit_memory
    from warehouse.ddl import ensure_schema
    from wirehouse import api
    from wirehouse.settings import Settings

    db = tmp_path / "w.duckdb"
    with pytest.raises(WarehouseError, match="no warehouse here yet"):
        api.build_search_index(settings=Settings(db=db))
    with connect(db) as con:
        ensure_schema(con)
    try:
        settings = Settings(db=db, orchestrator="inline", duckdb_memory_limit="300MB")
        api.build_search_index(settings=settings)
        assert _memory_limit(db) == "286.1 MiB"  # DuckDB shows 300 MB in MiB
        limit_memory("1GiB")
        assert _memory_limit(db) == "1.0 GiB"
    finally:
        limit_memory(None)
    with pytest.raises(ValidationError, match="duckdb_memory_limit"):
        Settings(db=db, duckdb_memory_limit="a lot")


def test_what_a_run_writes_is_stored_in_small_row_groups(tmp_path: Path) -> None:
    """A load's rows leave memory a row group at a time; with DuckDB's 122,880-row default a
    long backfill's article texts were held whole until its commit."""
    db = tmp_path / "w.duckdb"
    with connect(db) as con:
        con.execute("CREATE TABLE main.t AS SELECT range AS i FROM range(40000)")
        con.execute("CHECKPOINT")
        spill = con.execute("SELECT current_setting('temp_directory')").fetchone()
        sizes = con.execute(
            "SELECT max(count) FROM pragma_storage_info('main.t') GROUP BY row_group_id"
        ).fetchall()
    assert sizes and max(n for (n,) in sizes) == 16_384
    assert spill == (f"{db}.tmp",)  # spills beside the file, not in the working directory
    with duckdb.connect(str(db), read_only=True) as reader:  # any DuckDB reads it as usual
        assert reader.execute("SELECT count(*) FROM t").fetchone() == (40000,)
