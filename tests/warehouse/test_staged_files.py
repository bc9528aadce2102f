"""A load's staged Parquet parts: numbered in staging order, whole or absent, read as views."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from transforms.schemas import QUOTES, REJECTS
from warehouse.staged_files import StagedFiles, attach, clear_staging, staging_root


def _quotes(*ids: str) -> pl.DataFrame:
    return QUOTES.frame([{"quote_id": i, "article_id": "a", "content": f"said {i}"} for i in ids])


def test_parts_are_numbered_in_staging_order_and_read_back_in_it(tmp_path: Path) -> None:
    staged = StagedFiles.of_load(tmp_path / "w.duckdb", "L1")
    assert staged.folder == tmp_path / "w.duckdb.staging" / "L1"
    for n in range(11):  # past 9, where a name's digits would sort wrongly unpadded
        staged.write("L1", {QUOTES.name: _quotes(f"q{n}"), REJECTS.name: REJECTS.empty()})
    assert [p.name for p in staged.parts(QUOTES.name)][-2:] == [
        "part-00010.parquet",
        "part-00011.parquet",
    ]
    assert staged.parts(REJECTS.name) == []  # an empty frame writes no part
    with duckdb.connect() as con, attach(con, staged, (QUOTES, REJECTS)):
        ids = con.execute("SELECT quote_id, load_id FROM staged.quotes").fetchall()
        rejects = con.execute("SELECT count(*) FROM staged.rejects").fetchall()
        described = con.execute("SELECT column_name, column_type FROM (DESCRIBE staged.rejects)")
        types = dict(described.fetchall())
    assert ids == [(f"q{n}", "L1") for n in range(11)]
    # Nothing staged: an empty view with the table's own columns and types.
    assert rejects == [(0,)]
    assert list(types) == [*REJECTS.column_names, "filename", "file_row_number"]
    assert [types[c.name] for c in REJECTS.columns] == [c.sql for c in REJECTS.columns]


def test_a_part_cut_short_by_a_kill_is_not_read(tmp_path: Path) -> None:
    staged = StagedFiles.of_load(tmp_path / "w.duckdb", "L1")
    staged.write("L1", {QUOTES.name: _quotes("q1")})
    (staged.folder / QUOTES.name / "part-00002.partial").write_bytes(b"PAR1 half a file")
    with duckdb.connect() as con, attach(con, staged, (QUOTES,)):
        assert con.execute("SELECT quote_id FROM staged.quotes").fetchall() == [("q1",)]
    staged.write("L1", {QUOTES.name: _quotes("q2")})
    assert [p.name for p in staged.parts(QUOTES.name)] == [
        "part-00001.parquet",
        "part-00002.parquet",
    ]


def test_clearing_sweeps_every_load_and_detaching_leaves_no_trace(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    for load in ("L1", "L2"):
        StagedFiles.of_load(db, load).write(load, {QUOTES.name: _quotes("q")})
    with duckdb.connect(str(db)) as con:
        with attach(con, StagedFiles.of_load(db, "L1"), (QUOTES,)):
            pass
        catalogs = con.execute("SELECT database_name FROM duckdb_databases()").fetchall()
    assert ("staged",) not in catalogs
    assert clear_staging(db) == ["L1", "L2"]
    assert not staging_root(db).exists()
    assert clear_staging(db) == []
