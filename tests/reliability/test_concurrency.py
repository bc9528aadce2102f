"""Concurrent use: a run against an analyst holding the warehouse read-only (a real second
process, and the real `duckdb` shell), `wirehouse sql` against a writer, two runs at once.

DuckDB lets one process write or several read. Whoever finds the file busy must retry with
backoff for a bounded time, then exit 1 naming the holder; nothing may be corrupted.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.conftest import ROOT, page, write_pages
from tests.reliability import harness
from warehouse.connection import connect
from wirehouse.errors import WarehouseBusy

OUTCOMES: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def _record_outcomes() -> Any:
    yield
    harness.record("concurrency", OUTCOMES)


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    return write_pages(tmp_path / "pages", 6, titled=True)


@pytest.fixture
def loaded(tmp_path: Path, pages: Path) -> Path:
    db = tmp_path / "w.duckdb"
    done = harness.wirehouse("ingest", pages, "--db", db, "--inline")
    assert done.returncode == 0, done.stderr
    return db


def _articles(db: Path) -> int:
    with harness.open_read_only(db) as con:
        row = con.execute("SELECT count(*) FROM articles").fetchone()
    return int(row[0]) if row else -1


def _more_pages(tmp_path: Path) -> Path:
    folder = tmp_path / "more"
    folder.mkdir(exist_ok=True)
    for i in range(3):
        url = f"https://news.example/world/more-{i}.html"
        (folder / f"more-{i}.html").write_text(page(url=url, title=f"More {i}"), "utf-8")
    return folder


@harness.full_only
def test_a_run_waits_for_an_analyst_reading_then_loads(tmp_path: Path, loaded: Path) -> None:
    analyst = harness.Holder(loaded, "read")
    env = harness.clean_env(WIREHOUSE_LOCK_WAIT_SECONDS="60")
    run = harness.start("ingest", _more_pages(tmp_path), "--db", loaded, "--inline", env=env)
    time.sleep(3)
    assert run.poll() is None, "the run went on while the analyst held the file"
    analyst.release()
    assert run.wait(timeout=300) == 0
    assert _articles(loaded) == 9 and harness.duplicate_keys(loaded) == 0
    OUTCOMES["run while an analyst reads (released after 3 s)"] = "waited, then loaded (exit 0)"


def test_a_run_gives_up_on_an_analyst_who_stays_naming_them(tmp_path: Path, loaded: Path) -> None:
    before = harness.snapshot(loaded)
    analyst = harness.Holder(loaded, "read")
    try:
        env = harness.clean_env(WIREHOUSE_LOCK_WAIT_SECONDS="2")
        done = harness.wirehouse("ingest", _more_pages(tmp_path), "--db", loaded, "--inline",
                                 env=env)  # fmt: skip
    finally:
        analyst.release()
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "in use by another process" in lines[0], done.stderr
    assert f"PID {analyst.pid}" in lines[0]  # names the holder
    assert harness.compare(before, harness.snapshot(loaded)).identical
    OUTCOMES["run while an analyst reads (never released)"] = f"exit 1: {lines[0][:140]}"


def test_a_runs_batches_share_the_file_with_an_analyst_reading(
    tmp_path: Path, loaded: Path
) -> None:
    """Between its first steps and its promotion a run only reads the marts (what is
    unchanged): an analyst's read-only session opened meanwhile holds up no batch."""
    from wirehouse.inputs import documents_from_paths
    from wirehouse.progress import Tally
    from wirehouse.run_models import RunSummary
    from wirehouse.runner import _fresh_batches
    from wirehouse.settings import Settings

    analyst = harness.Holder(loaded, "read")
    try:
        settings = Settings(db=loaded, lock_wait_seconds=1, batch_size=2)
        items = documents_from_paths([_more_pages(tmp_path)], source="cli", max_bytes=10**6)
        summary = RunSummary(load_id="reading", command="ingest", db=str(loaded))
        batches = list(_fresh_batches(items, settings, summary, Tally()))
    finally:
        analyst.release()
    assert [len(batch) for batch in batches] == [2, 1]
    OUTCOMES["a run's batches while an analyst reads"] = "went on; only the promotion waits"


@harness.full_only
def test_a_run_against_the_real_duckdb_shell_held_open(tmp_path: Path, loaded: Path) -> None:
    shell = subprocess.Popen(
        [str(Path(sys.executable).parent / "duckdb"), "-readonly", str(loaded)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not harness.holds_file(shell.pid, loaded):
            assert time.monotonic() < deadline, "the shell never opened the warehouse"
            time.sleep(0.05)
        env = harness.clean_env(WIREHOUSE_LOCK_WAIT_SECONDS="2")
        done = harness.wirehouse("ingest", _more_pages(tmp_path), "--db", loaded, "--inline",
                                 env=env)  # fmt: skip
    finally:
        shell.communicate(b".quit\n", timeout=30)
    assert done.returncode == 1 and "in use by another process" in done.stderr
    assert "Traceback" not in done.stderr
    again = harness.wirehouse("ingest", _more_pages(tmp_path), "--db", loaded, "--inline")
    assert again.returncode == 0, again.stderr
    assert _articles(loaded) == 9
    OUTCOMES["run while the duckdb shell is open"] = "exit 1 naming the shell; rerun loads"


@harness.full_only
def test_wirehouse_sql_waits_for_a_writer_then_answers(loaded: Path) -> None:
    writer = harness.Holder(loaded, "write")
    timer = threading.Timer(2.0, writer.release)
    timer.start()
    try:
        env = harness.clean_env(WIREHOUSE_LOCK_WAIT_SECONDS="30")
        done = harness.wirehouse(
            "sql", "SELECT count(*) AS n FROM articles", "--db", loaded, "--format", "csv", env=env
        )
    finally:
        timer.join()
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["n", "6"]
    OUTCOMES["`wirehouse sql` while a run writes (2 s)"] = "waited, then answered (exit 0)"


@harness.full_only
def test_wirehouse_sql_gives_up_on_a_writer_naming_it(loaded: Path) -> None:
    writer = harness.Holder(loaded, "write")
    try:
        env = harness.clean_env(WIREHOUSE_LOCK_WAIT_SECONDS="1")
        done = harness.wirehouse("sql", "SELECT 1", "--db", loaded, env=env)
    finally:
        writer.release()
    assert done.returncode == 1
    assert re.search(rf"in use by another process \(.*PID {writer.pid}\)", done.stderr)
    assert len(done.stderr.strip().splitlines()) == 1
    OUTCOMES["`wirehouse sql` while a writer stays"] = "exit 1 naming the writer's PID"


def test_connect_backs_off_between_bounded_retries(loaded: Path) -> None:
    """The retry loop really waits longer and longer, and stops at its bound."""
    attempts: list[float] = []
    real_connect = duckdb.connect

    def counting(*args: Any, **kwargs: Any) -> duckdb.DuckDBPyConnection:
        attempts.append(time.monotonic())
        return real_connect(*args, **kwargs)

    writer = harness.Holder(loaded, "write")
    try:
        duckdb.connect = counting  # a spy: the real connect still runs every time
        began = time.monotonic()
        with (
            pytest.raises(WarehouseBusy, match=f"PID {writer.pid}"),
            connect(loaded, read_only=True, wait_seconds=4),
        ):
            pass
        spent = time.monotonic() - began
    finally:
        duckdb.connect = real_connect
        writer.release()
    gaps = [b - a for a, b in pairwise(attempts)]
    assert 4 <= spent < 5.5  # the bound holds: no last sleep far past it
    assert 4 <= len(attempts) <= 20  # not a busy loop
    assert max(gaps[-2:]) > 4 * min(gaps[:2])  # later waits are longer than early ones
    OUTCOMES["retry loop (4 s bound)"] = (
        f"{len(attempts)} attempts in {spent:.1f} s, gaps {gaps[0]:.2f} s → {gaps[-1]:.2f} s"
    )


@harness.full_only
def test_two_runs_at_once_one_waits_for_the_other(tmp_path: Path, pages: Path) -> None:
    db = tmp_path / "two.duckdb"
    env = harness.clean_env(WIREHOUSE_LOCK_WAIT_SECONDS="120")
    more = _more_pages(tmp_path)
    runs = [
        subprocess.Popen(
            [str(harness.WIREHOUSE), "ingest", str(folder), "--db", str(db), "--inline", "--json"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (pages, more)
    ]
    results = [r.communicate(timeout=300) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], [e for _, e in results]
    assert _articles(db) == 9 and harness.duplicate_keys(db) == 0
    loads = [json.loads(out)["loaded"]["articles"] for out, _ in results]
    assert sorted(loads) == [3, 6]
    OUTCOMES["two runs at once (lock wait 120 s)"] = "one waited for the other; both exit 0"


def test_two_runs_at_once_with_no_patience_one_exits_1(tmp_path: Path, pages: Path) -> None:
    db = tmp_path / "two.duckdb"
    env = harness.clean_env(WIREHOUSE_LOCK_WAIT_SECONDS="0.5")
    more = _more_pages(tmp_path)
    runs = [
        subprocess.Popen(
            [str(harness.WIREHOUSE), "ingest", str(folder), "--db", str(db), "--inline"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (pages, more)
    ]
    errors = [r.communicate(timeout=300)[1] for r in runs]
    codes = sorted(r.returncode for r in runs)
    assert codes == [0, 1], errors
    loser = next(e for r, e in zip(runs, errors, strict=True) if r.returncode == 1)
    assert "another run is writing to this warehouse (pid " in loser
    assert len(loser.strip().splitlines()) == 1
    assert harness.duplicate_keys(db) == 0 and _articles(db) in (3, 6)
    OUTCOMES["two runs at once (lock wait 0.5 s)"] = f"one exit 0, one exit 1: {loser.strip()}"
