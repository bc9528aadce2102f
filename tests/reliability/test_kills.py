"""SIGKILL a real `wirehouse ingest` at random moments, then rerun it: nothing lost, nothing
doubled, nothing half-written.

Each kill lands on a run of corpus v2 over a warehouse holding v1 (so the run adds, skips
and replaces articles). Half the kills come at a uniformly random time; the other half wait a
random time and then strike while the run has the warehouse file open (staging a batch,
recording the ledger, promoting), which random timing alone hits less often. After every
kill the marts must be exactly as before the run or exactly as after a complete one, and the
killed run must stand in `loads` as `running` (or `complete`, when the promotion had
committed). After the kills, one rerun must leave the warehouse identical to an
uninterrupted run. ``RELIABILITY_KILLS`` sets how many (`make reliability`: 50).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psutil
import pytest

from tests.conftest import write_pages
from tests.reliability import corpus, harness

INLINE_KILLS = harness.env_int("RELIABILITY_KILLS", 3)
PREFECT_KILLS = harness.env_int("RELIABILITY_PREFECT_KILLS", 0)
# Several batches, so a kill can land between two staged batches.
BATCH = "20"


@dataclass(frozen=True)
class Baseline:
    corpus: corpus.Corpus
    v1_db: Path
    v1: harness.Snapshot
    expected: harness.Snapshot
    seconds: float


@dataclass
class Kill:
    orchestrator: str
    timing: str
    after_seconds: float
    warehouse_open: bool
    phase: str
    marts: str
    stale_lock: bool  # the lock file still named the dead run (the next run went through)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    """Corpus v1 loaded, then v2 loaded uninterrupted: the state every trial must reach."""
    folder = tmp_path_factory.mktemp("kills")
    built = corpus.build(folder / "corpus")
    v1_db = folder / "v1.duckdb"
    env = harness.clean_env(WIREHOUSE_BATCH_SIZE=BATCH)
    done = harness.wirehouse("ingest", built.v1, "--db", v1_db, "--inline", env=env)
    assert done.returncode == 0, done.stderr
    full = folder / "full.duckdb"
    shutil.copyfile(v1_db, full)
    began = time.monotonic()
    done = harness.wirehouse("ingest", built.v2, "--db", full, "--inline", env=env)
    seconds = time.monotonic() - began
    assert done.returncode == 0, done.stderr
    return Baseline(built, v1_db, harness.snapshot(v1_db), harness.snapshot(full), seconds)


def _phase(db: Path, before: set[str]) -> tuple[str, str | None]:
    """Where the killed run was, read from what it left in the warehouse."""
    statuses = harness.load_statuses(db)
    new = [load for load in statuses if load not in before]
    if not new:
        return "starting (no ledger row yet)", None
    (load_id,) = new
    status = statuses[load_id]
    if status == "complete":
        return "after the promotion committed", status
    assert status == "running", f"killed run {load_id} is {status!r} in loads"
    if harness.staged_rows(db, load_id):
        return "staged, before the promotion committed", status
    return "reading, extracting or checking (nothing staged)", status


def _strike(process: Any, db: Path, rng: random.Random, horizon: float) -> tuple[str, float, bool]:
    """Wait for a random moment (or for the next write after one), then SIGKILL."""
    began = time.monotonic()
    timing = rng.choice(("random", "while writing"))
    deadline = began + rng.uniform(0.2, horizon)
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
    if timing == "while writing":
        give_up = time.monotonic() + horizon
        while process.poll() is None and time.monotonic() < give_up:
            if harness.holds_file(process.pid, db):
                time.sleep(rng.uniform(0, 0.03))
                break
            time.sleep(0.002)
    open_now = harness.holds_file(process.pid, db)
    children = harness.descendants(process.pid)
    killed = harness.kill_group(process)
    assert not harness.still_alive(children), "a killed run left processes behind"
    return (timing if killed else "finished first"), time.monotonic() - began, open_now


def _trial(
    base: Baseline, folder: Path, kills: int, seed: int, *, prefect: bool
) -> tuple[list[Kill], harness.Snapshot]:
    db = folder / "w.duckdb"
    harness.restore(base.v1_db, db)
    rng = random.Random(seed)
    # No waiting: a lock left by a killed run must not hold the next one up at all.
    env = harness.clean_env(WIREHOUSE_BATCH_SIZE=BATCH, WIREHOUSE_LOCK_WAIT_SECONDS="0")
    mode = () if prefect else ("--inline",)
    horizon = base.seconds * (2.5 if prefect else 1.05)
    done: list[Kill] = []
    while len(done) < kills:
        before = set(harness.load_statuses(db))
        process = harness.start(
            "ingest", base.corpus.v2, "--db", db, *mode, env=env, log=folder / "runs.log"
        )
        timing, after, open_now = _strike(process, db, rng, horizon)
        lock = db.with_name(db.name + ".lock")
        stale = lock.exists() and lock.read_text().strip() == f"pid {process.pid}"
        if timing == "finished first":
            harness.restore(base.v1_db, db)  # start over: the next kill must hit a run
            continue
        phase, _ = _phase(db, before)
        now = harness.snapshot(db)
        marts = harness.marts(now)
        if harness.compare(harness.marts(base.v1), marts).identical:
            state = "as before the run"
        else:
            difference = harness.compare(harness.marts(base.expected), marts)
            assert difference.identical, f"half-written after a kill ({phase}): {difference}"
            state = "as after a complete run"
        raw = now["raw.documents"]
        # Raw documents are content-addressed: a killed run may have added some, never others.
        assert not base.v1["raw.documents"] - raw and not raw - base.expected["raw.documents"]
        name = "prefect" if prefect else "inline"
        done.append(Kill(name, timing, round(after, 2), open_now, phase, state, stale))
        if state == "as after a complete run":
            harness.restore(base.v1_db, db)  # the run had finished its work: start over
    # With WIREHOUSE_LOCK_WAIT_SECONDS=0, a dead run's lock that still counted would fail this.
    rerun = harness.wirehouse("ingest", base.corpus.v2, "--db", db, "--inline", env=env)
    assert rerun.returncode == 0, rerun.stderr
    return done, harness.snapshot(db)


def _check_final(base: Baseline, db: Path, final: harness.Snapshot) -> dict[str, int]:
    difference = harness.compare(base.expected, final)
    figures = {
        "rows_lost": difference.lost,
        "rows_extra": difference.extra,
        "duplicate_keys": harness.duplicate_keys(db),
        "orphan_rows": harness.orphan_rows(db),
        "mart_rows": harness.mart_rows(final),
    }
    statuses = Counter(harness.load_statuses(db).values())
    assert difference.identical, (
        f"rerun after kills differs from an uninterrupted run: {difference}"
    )
    assert figures["duplicate_keys"] == 0 and figures["orphan_rows"] == 0, figures
    assert statuses["complete"] >= 2 and statuses["failed"] == 0, statuses
    return figures


def _run_trials(
    base: Baseline, folder: Path, kills: int, per_trial: int, prefect: bool, name: str
) -> dict[str, Any]:
    records: list[Kill] = []
    totals: Counter[str] = Counter()
    trial = 0
    figures: dict[str, Any] = {}
    while len(records) < kills:
        where = folder / f"trial-{trial}"
        where.mkdir()
        got, final = _trial(
            base, where, min(per_trial, kills - len(records)), trial, prefect=prefect
        )
        totals.update(_check_final(base, where / "w.duckdb", final))
        records += got
        trial += 1
        # Written after every trial, so a session stopped early still reports what it did.
        figures = {"kills": [asdict(k) for k in records], "trials": trial, **totals}
        harness.record(name, {"uninterrupted_seconds": base.seconds, **figures})
    return figures


def test_sigkill_at_random_moments_then_rerun_is_identical(
    baseline: Baseline, tmp_path: Path
) -> None:
    figures = _run_trials(baseline, tmp_path, INLINE_KILLS, 8, False, "kills_inline")
    assert len(figures["kills"]) == INLINE_KILLS


@pytest.mark.prefect
def test_sigkill_under_prefect_then_rerun_is_identical(baseline: Baseline, tmp_path: Path) -> None:
    if PREFECT_KILLS == 0:
        pytest.skip("each Prefect run starts a server (~15 s): `make reliability` kills 3")
    figures = _run_trials(baseline, tmp_path, PREFECT_KILLS, 3, True, "kills_prefect")
    assert len(figures["kills"]) == PREFECT_KILLS


def test_workers_go_when_the_writer_alone_is_killed(tmp_path: Path) -> None:
    """A writer killed on its own (``kill PID``, the OOM killer; not its process group) must
    not leave its workers and forkserver waiting for work that will never come."""
    pages = write_pages(tmp_path / "pages", 40, titled=True)
    env = harness.clean_env(WIREHOUSE_BATCH_SIZE="1", WIREHOUSE_WORKERS="2")
    run = harness.start("ingest", pages, "--db", tmp_path / "w.duckdb", "--inline", env=env)
    try:
        writer = psutil.Process(run.pid)
        deadline = time.monotonic() + 120
        workers: list[psutil.Process] = []
        while len(workers) < 3:  # the forkserver and its two workers
            assert run.poll() is None, "the run ended before its workers were seen"
            assert time.monotonic() < deadline, "the workers never started"
            workers = [p for p in writer.children(recursive=True) if _is_forkserver(p)]
            time.sleep(0.05)
        os.kill(run.pid, signal.SIGKILL)  # the writer alone
        run.wait(timeout=60)
        _, alive = psutil.wait_procs(workers, timeout=30)
        assert not alive, f"left running after the writer died: {[p.pid for p in alive]}"
    finally:
        harness.kill_group(run)


def _is_forkserver(process: psutil.Process) -> bool:
    """The forkserver, or a worker forked from it (they keep its command line)."""
    try:
        return "forkserver" in " ".join(process.cmdline())
    except psutil.Error:  # gone meanwhile
        return False
