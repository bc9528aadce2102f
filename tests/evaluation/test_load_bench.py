"""The loader benchmark loads real rows, repeated under distinct keys, and all of them."""

from __future__ import annotations

from pathlib import Path

import duckdb

from transforms.schemas import DOCUMENTS
from warehouse.ddl import STAGED
from wirehouse import api
from wirehouse.evaluation.load_bench import load_round, read_frames, repeated
from wirehouse.evaluation.synthetic import generate_pages, write_jsonl
from wirehouse.settings import Settings


def test_repeated_rows_load_in_full_with_distinct_keys(tmp_path: Path) -> None:
    write_jsonl(generate_pages(4), tmp_path / "in")
    source = tmp_path / "source.duckdb"
    settings = Settings(db=source, orchestrator="inline", task_runner="serial")
    api.ingest([tmp_path / "in" / "pages.jsonl"], settings=settings)
    frames = read_frames(source)
    assert frames["quotes"].height > 0 and frames["events"].height > 0

    loaded = load_round(repeated(frames, 3), tmp_path / "load")

    for table in STAGED:
        assert loaded.rows[table.name] == 3 * frames[table.name].height, table.name
    assert loaded.rows[DOCUMENTS.name] == 3 * frames[DOCUMENTS.name].height
    assert loaded.quote_rows_per_second > 0
    with duckdb.connect(str(tmp_path / "load" / "load.duckdb"), read_only=True) as con:
        for table in STAGED:
            key = ", ".join(table.key)
            total, distinct = con.execute(
                f"SELECT count(*), count(DISTINCT ({key})) FROM main.{table.name}"
            ).fetchone() or (0, 0)
            assert total == distinct == loaded.rows[table.name], table.name
        statuses = con.execute("SELECT status FROM main.loads").fetchall()
        assert statuses == [("complete",)]
