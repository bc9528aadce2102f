"""A warehouse that cannot be written (an immutable file, a read-only file system) and a disk
that fills up mid-run: one clear line, exit 1, the marts as they were; once space is back,
a rerun loads everything.

Root ignores file permissions, so the tests use what stops root too: `chattr +i`, a tmpfs
mounted read-only, a tmpfs of a few megabytes. Each skips, saying why, where it cannot.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import page, write_pages
from tests.reliability import corpus, harness

OUTCOMES: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def _record_outcomes() -> Any:
    yield
    harness.record("disk", OUTCOMES)


def _mount(folder: Path, options: str) -> None:
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}): needs root")


@contextmanager
def tmpfs(folder: Path, size_mb: float) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    _mount(folder, f"size={int(size_mb * 1024)}k")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _remount(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True)


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    return write_pages(tmp_path / "pages", 4, titled=True)


def _one_line_failure(done: subprocess.CompletedProcess[str], db: Path) -> str:
    """The run's one error line (other lines may be warnings from after-run steps)."""
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert done.returncode == 1, done.stderr
    assert len(errors) == 1 and "Traceback" not in done.stderr, done.stderr
    assert str(db) in errors[0], errors[0]
    return errors[0]


def test_an_immutable_warehouse_file_fails_clearly(tmp_path: Path, pages: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert harness.wirehouse("ingest", pages, "--db", db, "--inline").returncode == 0
    before = harness.snapshot(db)
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i is not supported on this file system")
        undo = ["chattr", "-i", str(db)]
    else:
        db.chmod(0o444)
        undo = ["chmod", "644", str(db)]
    try:
        more = tmp_path / "more"
        more.mkdir()
        (more / "x.html").write_text(page(url="https://news.example/x.html"), "utf-8")
        done = harness.wirehouse("ingest", more, "--db", db, "--inline")
    finally:
        subprocess.run(undo, check=True)
    line = _one_line_failure(done, db)
    assert harness.compare(before, harness.snapshot(db)).identical
    OUTCOMES["immutable warehouse file (chattr +i)"] = f"exit 1: {line[:160]}"


def test_a_read_only_file_system_fails_clearly(tmp_path: Path, pages: Path) -> None:
    with tmpfs(tmp_path / "ro", 64) as folder:
        db = folder / "w.duckdb"
        assert harness.wirehouse("ingest", pages, "--db", db, "--inline").returncode == 0
        before = harness.snapshot(db)
        _remount(folder, "ro")
        more = tmp_path / "more"
        more.mkdir()
        (more / "x.html").write_text(page(url="https://news.example/x.html"), "utf-8")
        done = harness.wirehouse("ingest", more, "--db", db, "--inline")
        line = _one_line_failure(done, db)
        assert harness.compare(before, harness.snapshot(db)).identical
        reader = harness.wirehouse("sql", "SELECT count(*) FROM articles", "--db", db)
        assert reader.returncode == 0, reader.stderr  # analysts can still read it
    OUTCOMES["read-only file system"] = f"exit 1: {line[:160]}"


@harness.full_only
def test_a_disk_full_mid_run_leaves_the_marts_as_they_were(tmp_path: Path) -> None:
    built = corpus.build(tmp_path / "corpus", records=120)
    # Only the load writes beside the warehouse: the search index waits, docs and reports
    # go elsewhere, so what the v2 run adds to the file is what its load needs.
    env = harness.clean_env(
        WIREHOUSE_BATCH_SIZE="20",
        WIREHOUSE_DOCS_DIR=str(tmp_path),
        WIREHOUSE_REPORTS_DIR=str(tmp_path),
        WIREHOUSE_SEARCH_INDEX="manual",
    )
    expected_db = tmp_path / "expected.duckdb"
    v1_db = tmp_path / "v1.duckdb"
    for db in (v1_db, expected_db):
        done = harness.wirehouse("ingest", built.v1, "--db", db, "--inline", env=env)
        assert done.returncode == 0, done.stderr
    done = harness.wirehouse("ingest", built.v2, "--db", expected_db, "--inline", env=env)
    assert done.returncode == 0, done.stderr
    expected = harness.snapshot(expected_db)
    size_mb = v1_db.stat().st_size / 2**20
    # Room for the file and half of what the load adds to it: its staged parts and its
    # promotion cannot all fit, so it runs out of space before its commit.
    grown_mb = (expected_db.stat().st_size - v1_db.stat().st_size) / 2**20
    room = size_mb + grown_mb / 2
    with tmpfs(tmp_path / "small", room) as folder:
        db = folder / "w.duckdb"
        shutil.copyfile(v1_db, db)
        before = harness.snapshot(db)
        done = harness.wirehouse("ingest", built.v2, "--db", db, "--inline", env=env)
        line = _one_line_failure(done, db)
        assert "No space left on device" in line
        _remount(folder, "size=512m")
        after = harness.snapshot(db)
        assert harness.compare(harness.marts(before), harness.marts(after)).identical
        assert not before["raw.documents"] - after["raw.documents"]  # raw only ever grows
        rerun = harness.wirehouse("ingest", built.v2, "--db", db, "--inline", env=env)
        assert rerun.returncode == 0, rerun.stderr
        difference = harness.compare(expected, harness.snapshot(db))
        assert difference.identical, difference
        assert harness.duplicate_keys(db) == 0 and harness.orphan_rows(db) == 0
    OUTCOMES[f"disk full mid-run (tmpfs of {room:.1f} MB)"] = (
        f"exit 1: {line[:160]}; marts unchanged; rerun with space identical"
    )


def test_a_commit_that_fails_reports_its_own_error_not_the_rollbacks(tmp_path: Path) -> None:
    """Regression: when COMMIT failed (disk full), the ROLLBACK after it raised "cannot
    rollback - no transaction is active", and that hid the real error from the user."""
    import duckdb

    from transforms.schemas import DOCUMENTS
    from warehouse import loading
    from warehouse.ddl import ensure_schema
    from warehouse.staged_files import StagedFiles

    with tmpfs(tmp_path / "tiny", 3) as folder:
        db = folder / "w.duckdb"
        with duckdb.connect(str(db)) as con:
            ensure_schema(con)
            noise = [random.Random(n).randbytes(400_000) for n in range(12)]
            rows: list[dict[str, object]] = [
                {"article_id": f"a{n}", "content_hash": f"h{n}", "url": f"https://x/{n}",
                 "source": "t", "locator": "t", "content_kind": "html", "content": blob}
                for n, blob in enumerate(noise)
            ]  # fmt: skip
            loading.begin_load(con, "L1", "test")
            staged = StagedFiles(tmp_path / "staged")  # the parts fit; the warehouse will not
            staged.write("L1", {DOCUMENTS.name: DOCUMENTS.frame(rows)})
            with pytest.raises(duckdb.Error) as failed:
                loading.promote(con, "L1", staged, counts={}, stage_seconds={})
    message = str(failed.value)
    assert "No space left on device" in message, message
    assert "cannot rollback" not in message
