"""Data Docs of a run's worst batches, rendered by GX into a folder and nowhere else.

Named test_data_docs.py, not test_docs.py: tests/ has no __init__.py files, so two test
modules called test_docs (tests/test_docs.py exists) cannot be collected in one session.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import polars as pl
import pytest

from expectations.docs import RunValidations, build_data_docs
from expectations.runner import validate_frames, warm_up
from tests.expectations.test_runner import NOW, event, quote
from transforms.schemas import EVENTS, QUOTES


@pytest.fixture(scope="module")
def collected() -> RunValidations:
    """Three batches: quotes always pass; events fail in the second batch only."""
    warm_up()
    collector = RunValidations()
    batches: list[dict[str, pl.DataFrame]] = [
        {"quotes": QUOTES.frame([quote(1)]), "events": EVENTS.frame([event(1)])},
        {
            "quotes": QUOTES.frame([quote(2)]),
            "events": EVENTS.frame([event(2), event(3, event_type="INVADE")]),
        },
        {"quotes": QUOTES.frame([quote(3)]), "events": EVENTS.frame([event(4)])},
    ]
    for frames in batches:
        report = validate_frames(frames, now=NOW, collector=collector)
        assert report.results  # the collector does not change what validate_frames returns
    return collector


def test_collector_keeps_the_worst_batch_per_table(collected: RunValidations) -> None:
    assert collected.tables == ["events", "quotes"]
    assert collected.batches("events") == 3
    events, batch = collected.worst("events")
    assert batch == 2 and not events.success
    quotes, batch = collected.worst("quotes")
    assert batch == 1 and quotes.success  # all passed: the first batch stays


def test_build_writes_only_into_the_folder(
    collected: RunValidations, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Anything written relative to the cwd, into HOME or into the temp dir would show here.
    for name in ("cwd", "home", "tmp"):
        (tmp_path / name).mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    folder = tmp_path / "docs" / "site"

    started = time.perf_counter()
    index = build_data_docs(collected, folder, "nightly 2026-06-01")
    seconds = time.perf_counter() - started

    assert index == folder.resolve() / "index.html" and index.is_file()
    html = index.read_text(encoding="utf-8")
    assert "events" in html and "quotes" in html
    pages = [p.relative_to(folder).as_posix() for p in folder.rglob("*.html")]
    assert any(p.startswith("validations/events/nightly_2026-06-01/") for p in pages), pages
    assert "expectations/events.html" in pages
    for name in ("cwd", "home", "tmp"):
        assert not any((tmp_path / name).iterdir()), name
    assert {p.name for p in tmp_path.iterdir()} == {"cwd", "home", "tmp", "docs"}
    assert not Path(os.getcwd(), "gx").exists()
    assert seconds < 3, seconds  # ~0.4 s here, once GX is imported


def test_the_worst_batch_is_the_one_rendered(collected: RunValidations, tmp_path: Path) -> None:
    index = build_data_docs(collected, tmp_path, "r1")
    assert index is not None
    pages = {p.parent.parent.parent.name: p.name for p in tmp_path.glob("validations/*/*/*/*.html")}
    assert pages == {"events": "batch-2-of-3.html", "quotes": "batch-1-of-3.html"}
    failed = (tmp_path / "validations/events").rglob("*.html")
    assert "INVADE" in next(failed).read_text(encoding="utf-8")


def test_a_run_name_cannot_leave_the_folder(collected: RunValidations, tmp_path: Path) -> None:
    build_data_docs(collected, tmp_path / "site", "../../escape")
    assert {p.name for p in tmp_path.iterdir()} == {"site"}


def test_nothing_collected_builds_nothing(tmp_path: Path) -> None:
    assert build_data_docs(RunValidations(), tmp_path / "site", "empty") is None
    assert not (tmp_path / "site").exists()
