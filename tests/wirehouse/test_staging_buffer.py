"""The writer's staging buffer: batches are checked and staged together, a write at a time."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from expectations.docs import RunValidations
from expectations.quarantine import QUARANTINE_SCHEMA, Isolation
from expectations.results import CheckResult
from transforms.schemas import QUARANTINE
from wirehouse.stages import InlineStages, StagingBuffer


class _Recording(InlineStages):
    """Stages that record what they were asked to check and stage; one row always fails."""

    def __init__(self) -> None:
        super().__init__()
        self.validated: list[int] = []
        self.staged: list[dict[str, int]] = []

    def validate(
        self, frames: dict[str, pl.DataFrame], collector: RunValidations | None
    ) -> Isolation:
        self.validated.append(frames["quotes"].height)
        bad = pl.DataFrame(
            {
                "table_name": ["quotes"],
                "row_key": ["q0"],
                "check": ["expect_column_values_to_be_in_set:kind"],
                "detail": ["kind 'x' not in the set"],
                "row_json": ['{"quote_id": "q0", "article_id": "a0"}'],
            },
            schema=QUARANTINE_SCHEMA,
        )
        check = CheckResult(
            "quotes", "expect_column_values_to_be_in_set", "kind", "warning", True, None, 1, "q0"
        )
        return Isolation({"quotes": frames["quotes"].slice(1)}, bad, [check])

    def stage(self, db: Path, load_id: str, frames: dict[str, pl.DataFrame]) -> None:
        self.staged.append({name: frame.height for name, frame in frames.items()})


def _batch(first: int, rows: int) -> dict[str, pl.DataFrame]:
    return {"quotes": pl.DataFrame({"quote_id": [f"q{n}" for n in range(first, first + rows)]})}


def test_batches_are_held_then_checked_and_staged_as_one_write(tmp_path: Path) -> None:
    stages = _Recording()
    buffer = StagingBuffer(stages, tmp_path / "w.duckdb", "load", rows=10)
    assert buffer.add(_batch(0, 4)) is None
    assert buffer.add(_batch(4, 4)) is None
    assert stages.validated == [] and stages.staged == []  # nothing checked while held

    written = buffer.add(_batch(8, 4))  # 12 rows held: over the bound, so one write
    assert written is not None
    assert stages.validated == [12]
    assert stages.staged == [{"quotes": 11, QUARANTINE.name: 1}]
    assert written.outcome.quarantined["row_key"].to_list() == ["q0"]
    assert written.check_seconds >= 0 and written.load_seconds >= 0

    assert buffer.flush() is None  # nothing left
    buffer.add(_batch(12, 3))
    last = buffer.flush()
    assert last is not None and stages.validated == [12, 3]


def test_a_write_is_also_bounded_by_bytes_held(tmp_path: Path) -> None:
    """Long texts fill memory long before a write's rows do: bytes bound it too."""
    stages = _Recording()
    buffer = StagingBuffer(stages, tmp_path / "w.duckdb", "load", rows=1_000, max_bytes=2**20)
    text = "x" * 300_000

    def batch(first: int) -> dict[str, pl.DataFrame]:
        return {**_batch(first, 2), "articles": pl.DataFrame({"text": [text, text]})}

    assert buffer.add(batch(0)) is None  # 4 rows, 0.6 MB
    written = buffer.add(batch(2))  # 8 rows, 1.2 MB: over the bytes, far under the rows
    assert written is not None and stages.validated == [4]
    assert buffer.add(batch(4)) is None  # the count of bytes starts again after a write


def test_raw_pages_are_staged_on_their_own_unchecked(tmp_path: Path) -> None:
    """The tables without a suite are not held until the checked rows are due: they are
    written when their own bytes are, and never go through the checks."""
    stages = _Recording()
    buffer = StagingBuffer(stages, tmp_path / "w.duckdb", "load", rows=1_000, raw_bytes=2**20)
    page = "x" * 300_000

    def batch(first: int) -> dict[str, pl.DataFrame]:
        return {**_batch(first, 2), "documents": pl.DataFrame({"content": [page, page]})}

    assert buffer.add(batch(0)) is None  # 0.6 MB of pages held
    written = buffer.add(batch(2))  # 1.2 MB: the pages go, the quotes stay
    assert written is not None and written.outcome is None and written.check_seconds == 0
    assert stages.staged == [{"documents": 4}] and stages.validated == []

    last = buffer.flush()  # everything left: the 4 quotes checked, no page held
    assert last is not None and last.outcome is not None
    assert stages.validated == [4]
    assert stages.staged[1:] == [{"quotes": 3, QUARANTINE.name: 1}]
    assert buffer.flush() is None


def test_raw_pages_go_with_each_checked_write(tmp_path: Path) -> None:
    """Small pages never wait for their own bound through many checked writes."""
    stages = _Recording()
    buffer = StagingBuffer(stages, tmp_path / "w.duckdb", "load", rows=4, raw_bytes=2**20)

    def batch(first: int) -> dict[str, pl.DataFrame]:
        return {**_batch(first, 2), "documents": pl.DataFrame({"content": ["<p>", "<p>"]})}

    assert buffer.add(batch(0)) is None
    written = buffer.add(batch(2))  # 4 quotes: a checked write, the 4 pages with it
    assert written is not None and written.outcome is not None
    assert stages.staged == [{"documents": 4}, {"quotes": 3, QUARANTINE.name: 1}]
