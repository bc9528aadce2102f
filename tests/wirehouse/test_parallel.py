"""Batches on workers: bounded in flight, in order, and the same warehouse whatever the runner."""

from __future__ import annotations

import shutil
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SAMPLE
from wirehouse import api
from wirehouse.parallel import TransformPool, bounded_map
from wirehouse.settings import Settings

# Every derived table, by key, with the columns a runner could get wrong (not load ids).
_SNAPSHOT = {
    "articles": "SELECT article_id, content_hash, title, published_at, word_count, text",
    "quotes": "SELECT quote_id, article_id, speaker, kind, content",
    "speakers": "SELECT speaker_id, speaker, quotes",
    "events": "SELECT event_id, event_type, actor_country, recipient_country, date_start, quote_id",
    "event_participants": "SELECT participant_id, event_id, role, country",
    "rejects": "SELECT reject_id, reason, detail",
}


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            table: sorted(con.execute(f"{select} FROM main.{table}").fetchall(), key=str)
            for table, select in _SNAPSHOT.items()
        }


def test_bounded_map_keeps_order_and_never_exceeds_its_window() -> None:
    in_flight = peak = 0
    lock = threading.Lock()
    release = threading.Event()

    def work(n: int) -> int:
        nonlocal in_flight
        release.wait(0.01 * (5 - n % 5))  # later jobs finish first: order must still hold
        with lock:
            in_flight -= 1
        return n * n

    with ThreadPoolExecutor(4) as pool:

        def submit(n: int) -> Future[int]:
            nonlocal in_flight, peak
            with lock:
                in_flight += 1
                peak = max(peak, in_flight)
            return pool.submit(work, n)

        results = list(bounded_map(submit, range(20), window=3))
    assert results == [n * n for n in range(20)]
    assert peak <= 3


def test_bounded_map_reads_jobs_lazily() -> None:
    pulled: list[int] = []

    def jobs() -> object:
        for n in range(10):
            pulled.append(n)
            yield n

    with ThreadPoolExecutor(2) as pool:
        results = bounded_map(lambda n: pool.submit(abs, n), jobs(), window=2)  # type: ignore[arg-type]
        assert next(results) == 0
        assert len(pulled) == 2  # one batch handed back, one in flight: no read-ahead beyond


def test_a_single_batch_needs_no_workers() -> None:
    pool = TransformPool("process", workers=2)
    batches = pool.map([[]], min_chars=300, window=None)
    (only,) = list(batches)
    assert only.frames["articles"].is_empty()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fifteen sample pages (their URLs are in the pages): three batches of five."""
    folder = tmp_path_factory.mktemp("pages")
    for index, page in enumerate(sorted((SAMPLE / "site").rglob("*.html"))[:15]):
        shutil.copy(page, folder / f"{index}.html")
    return folder


@pytest.fixture(scope="module")
def serial_snapshot(
    pages: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[tuple[object, ...]]]:
    folder = tmp_path_factory.mktemp("serial")
    settings = Settings(
        db=folder / "w.duckdb", orchestrator="inline", task_runner="serial", batch_size=5
    )
    summary = api.ingest([pages], settings=settings)
    assert summary.status == "complete" and summary.loaded["articles"] >= 12
    assert summary.loaded["quotes"] and summary.loaded["events"]
    return _snapshot(settings.db)


@pytest.mark.parametrize("runner", ["process", "thread", "dask"])
def test_every_runner_loads_the_same_rows(
    runner: str,
    pages: Path,
    serial_snapshot: dict[str, list[tuple[object, ...]]],
    tmp_path: Path,
) -> None:
    settings = Settings(
        db=tmp_path / "w.duckdb",
        orchestrator="inline",
        task_runner=runner,  # type: ignore[arg-type]
        workers=2,
        batch_size=5,  # three batches: several in flight at once
    )
    api.ingest([pages], settings=settings)
    assert _snapshot(settings.db) == serial_snapshot


@pytest.mark.parametrize("runner", ["process", "thread"])
def test_batches_cut_into_pieces_give_the_rows_of_whole_batches_in_order(
    runner: str, pages: Path
) -> None:
    import polars as pl

    from transforms.batch import transform_batch
    from wirehouse.inputs import documents_from_paths

    docs = list(documents_from_paths([pages], source="cli", max_bytes=10**7))
    batches = [docs[start : start + 5] for start in range(0, len(docs), 5)]
    whole = [transform_batch(batch, min_chars=300) for batch in batches]
    pool = TransformPool(runner, workers=2, piece=2)  # type: ignore[arg-type]
    pieces = list(pool.map(batches, min_chars=300, window=None))
    assert len(pieces) == 3 * 3  # each batch of 5 in pieces of 2, 2 and 1
    for table in whole[0].frames:
        expected = pl.concat([frames[table] for frames in whole])
        got = pl.concat([frames[table] for frames in pieces])
        assert got.equals(expected), table


def test_a_batch_that_breaks_names_the_document_at_fault() -> None:
    import datetime as dt

    from transforms.batch import DateWindow
    from transforms.records import SourceDocument
    from wirehouse.errors import RunFailed
    from wirehouse.parallel import transform_on_worker

    good = SourceDocument("https://a.example/1", "t", "in.jsonl:1", "h1", text="word " * 100)
    broken = SourceDocument(
        "https://a.example/2",
        "t",
        "in.jsonl:2",
        "h2",
        text="word " * 100,
        published="2024-13-45",  # type: ignore[arg-type]  # not a datetime: the transform breaks
    )
    window = DateWindow(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    with pytest.raises(RunFailed, match=r"^in\.jsonl:2: transform failed: AttributeError"):
        transform_on_worker([good, broken], 300, window)


# Run in a fresh interpreter: the forkserver is one per process, and this test's process may
# have started it already. Prints, for each run, whether a forkserver was running when the
# run first asked for its workers, and whether one is running after it.
_WHEN_WORKERS_START = """
import json, sys
from pathlib import Path

import psutil

from wirehouse import api, parallel
from wirehouse.settings import Settings


def forkservers():
    return sum("forkserver" in " ".join(c.cmdline()) for c in psutil.Process().children())


asked = []
original = parallel.TransformPool.map
def recording_map(self, *args, **kwargs):
    asked.append(forkservers())
    return original(self, *args, **kwargs)
parallel.TransformPool.map = recording_map

folder, pages = Path(sys.argv[1]), Path(sys.argv[2])
report = []
for batch_size in (50, 5):  # one batch of 15 pages, then three
    settings = Settings(
        db=folder / f"{batch_size}.duckdb",
        orchestrator="inline",
        task_runner="process",
        workers=2,
        batch_size=batch_size,
    )
    api.ingest([pages], settings=settings)
    report.append({"when_asked": asked.pop(), "after": forkservers()})
print(json.dumps(report))
"""


def test_workers_start_early_for_a_run_of_several_batches_and_never_for_one(
    pages: Path, tmp_path: Path
) -> None:
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _WHEN_WORKERS_START, str(tmp_path), str(pages)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    one_batch, three_batches = json.loads(done.stdout.strip().splitlines()[-1])
    # One batch is transformed in the writer: no process pool is ever started for it.
    assert one_batch == {"when_asked": 0, "after": 0}
    # Three: the forkserver was started with the run, before its first batch was read.
    assert three_batches == {"when_asked": 1, "after": 1}
