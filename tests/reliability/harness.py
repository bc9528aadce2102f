"""What every reliability test shares: the real `wirehouse` command, warehouse snapshots that
compare full contents, and the JSON results that `make reliability` prints.

A snapshot is a multiset of every mart row (all columns but ``load_id``, which names the run
that wrote the row and so differs between two runs that load the same data): comparing two
snapshots finds rows lost, rows added and rows doubled, not just different counts.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import psutil
import pytest

from tests.conftest import ROOT
from warehouse.ddl import STAGED
from warehouse.staged_files import StagedFiles

WIREHOUSE = Path(sys.executable).parent / "wirehouse"
#: Where `make reliability` collects the figures (RELIABILITY_RESULTS); unset, as under
#: `make test`, nothing is written, so a short run never overwrites a full one's figures.
RESULTS = Path(os.environ["RELIABILITY_RESULTS"]) if os.environ.get("RELIABILITY_RESULTS") else None

#: Columns that name the run or the moment that wrote a row, so differ between equal loads.
VOLATILE = ("load_id", "fetched_at")

Row = tuple[Any, ...]
Snapshot = dict[str, Counter[Row]]


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without the caller's WIREHOUSE_* settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
    return {**env, **extra}


def wirehouse(
    *args: str | Path, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run the real command to its end."""
    return subprocess.run(
        [str(WIREHOUSE), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env or clean_env(),
        timeout=timeout,
    )


def start(
    *args: str | Path, env: dict[str, str] | None = None, log: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start the real command in its own process group (so a kill takes its children too),
    its error output going to ``log``."""
    with open(log or os.devnull, "ab") as errors:
        return subprocess.Popen(
            [str(WIREHOUSE), *map(str, args)],
            cwd=ROOT,
            env=env or clean_env(),
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )


def kill_group(process: subprocess.Popen[bytes]) -> bool:
    """SIGKILL the process and its group; True if it was still running when killed."""
    alive = process.poll() is None
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    return alive


def holds_file(pid: int, path: Path) -> bool:
    """Whether process ``pid`` or one of its children has ``path`` open (read from /proc)."""
    target = str(path.resolve())
    try:
        pids = [pid, *(c.pid for c in psutil.Process(pid).children(recursive=True))]
    except psutil.Error:
        return False
    for one in pids:
        try:
            fds = os.listdir(f"/proc/{one}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{one}/fd/{fd}") == target:
                    return True
            except OSError:
                continue
    return False


def descendants(pid: int) -> list[int]:
    try:
        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return []


def still_alive(pids: list[int], grace: float = 15.0) -> list[str]:
    """Of ``pids``, those still running after ``grace`` seconds (zombies count as gone), with
    their command lines. A SIGKILLed process in the middle of disk I/O dies a moment later."""
    deadline = time.monotonic() + grace
    while True:
        alive = []
        for pid in pids:
            try:
                process = psutil.Process(pid)
                if process.status() != psutil.STATUS_ZOMBIE:
                    alive.append(f"{pid}: {' '.join(process.cmdline())[:120]}")
            except psutil.Error:
                continue
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def restore(copy: Path, db: Path) -> None:
    """Put a saved warehouse file back in place of ``db``, with no write-ahead log beside it.

    A killed run can leave ``db.wal`` behind, holding changes made after the file's last
    checkpoint; replayed over another file (the saved copy), its row ids point at rows that
    do not exist and DuckDB refuses to open it ("Could not find node in column segment tree").
    The copy and the log must always travel together.
    """
    db.with_name(db.name + ".wal").unlink(missing_ok=True)
    shutil.copyfile(copy, db)


def open_read_only(db: Path, wait: float = 60) -> duckdb.DuckDBPyConnection:
    """A read-only connection, retrying while a run holds the file (runs hold it briefly)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(db), read_only=True)
        except duckdb.IOException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def snapshot(db: Path) -> Snapshot:
    """Every mart table's rows (without :data:`VOLATILE` columns) as a multiset, plus raw
    documents."""
    with open_read_only(db) as con:
        tables: Snapshot = {}
        for table in STAGED:
            columns = ", ".join(c for c in table.column_names if c not in VOLATILE)
            rows = con.execute(f"SELECT {columns} FROM main.{table.name}").fetchall()
            tables[table.name] = Counter(rows)
        documents = con.execute("SELECT article_id, content_hash, content FROM raw.documents")
        tables["raw.documents"] = Counter(documents.fetchall())
    return tables


@dataclass(frozen=True)
class Difference:
    """How far one snapshot is from another: rows missing and rows too many."""

    lost: int
    extra: int
    tables: tuple[str, ...]

    @property
    def identical(self) -> bool:
        return self.lost == 0 and self.extra == 0


def compare(expected: Snapshot, actual: Snapshot) -> Difference:
    lost = extra = 0
    differing: list[str] = []
    for name in expected.keys() | actual.keys():
        want, got = expected.get(name, Counter()), actual.get(name, Counter())
        missing, surplus = sum((want - got).values()), sum((got - want).values())
        lost, extra = lost + missing, extra + surplus
        if missing or surplus:
            differing.append(name)
    return Difference(lost, extra, tuple(sorted(differing)))


def duplicate_keys(db: Path) -> int:
    """Rows beyond the first per key, over every mart table."""
    with open_read_only(db) as con:
        total = 0
        for table in STAGED:
            key = ", ".join(table.key)
            row = con.execute(
                f"SELECT count(*) - count(DISTINCT ({key})) FROM main.{table.name}"
            ).fetchone()
            total += int(row[0]) if row else 0
    return total


_ORPHANS = (
    "SELECT count(*) FROM main.{child} AS c WHERE NOT EXISTS "
    "(SELECT 1 FROM main.{parent} AS p WHERE p.{key} = c.{key})"
)
_LINKS = (
    ("quotes", "articles", "article_id"),
    ("speakers", "articles", "article_id"),
    ("events", "articles", "article_id"),
    ("event_participants", "events", "event_id"),
)


def orphan_rows(db: Path) -> int:
    """Child rows whose parent (article or event) is not in the marts."""
    with open_read_only(db) as con:
        total = 0
        for child, parent, key in _LINKS:
            row = con.execute(_ORPHANS.format(child=child, parent=parent, key=key)).fetchone()
            total += int(row[0]) if row else 0
    return total


def load_statuses(db: Path) -> dict[str, str]:
    """Every run in the ledger and its status."""
    with open_read_only(db) as con:
        return dict(con.execute("SELECT load_id, status FROM main.loads").fetchall())


def staged_rows(db: Path, load_id: str) -> int:
    """Rows the load has staged: in its Parquet parts while it runs, in the ``staging``
    tables once it failed."""
    staged = StagedFiles.of_load(db, load_id)
    total = sum(
        pl.scan_parquet(part).select(pl.len()).collect().item()
        for table in STAGED
        for part in staged.parts(table.name)
    )
    with open_read_only(db) as con:
        for table in STAGED:
            row = con.execute(
                f"SELECT count(*) FROM staging.{table.name} WHERE load_id = ?", [load_id]
            ).fetchone()
            total += int(row[0]) if row else 0
    return total


def marts(snap: Snapshot) -> Snapshot:
    """The snapshot without ``raw.documents`` (which a failed load adds to, by design)."""
    return {name: rows for name, rows in snap.items() if name != "raw.documents"}


def mart_rows(snap: Snapshot) -> int:
    return sum(sum(c.values()) for c in marts(snap).values())


def record(name: str, data: dict[str, Any]) -> None:
    """Write one concern's figures for the `make reliability` report."""
    if RESULTS is None:
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    tmp.replace(path)


#: Set by `make reliability`: the slow tests (minutes) run only then, not in `make test`.
FULL = os.environ.get("RELIABILITY_FULL") == "1"
full_only = pytest.mark.skipif(
    not FULL, reason="slow: runs under `make reliability` (RELIABILITY_FULL=1)"
)

HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read")
print("ready", flush=True)
sys.stdin.read()
"""


class Holder:
    """Another process holding the warehouse open (an analyst's notebook, a writer), until
    :meth:`release`."""

    def __init__(self, db: Path, mode: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db), mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line.strip() == "ready", f"the holder could not open {db}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def release(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=30)


def env_int(name: str, default: int) -> int:
    """A test-size knob from the environment (`make reliability` turns them up)."""
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default
