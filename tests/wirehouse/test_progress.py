"""Progress of a run: counts reported as batches go, a bar only on a terminal."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from tests.conftest import SAMPLE
from wirehouse import api
from wirehouse.cli import app
from wirehouse.progress import RunProgress, count_inputs, report, reporting
from wirehouse.progress_view import describe, progress_bar
from wirehouse.settings import Settings


def test_a_run_reports_its_counts_until_every_document_is_accounted_for(
    settings: Settings,
) -> None:
    seen: list[RunProgress] = []
    small = settings.model_copy(update={"batch_size": 10, "task_runner": "serial"})
    with reporting(seen.append):
        summary = api.ingest([SAMPLE / "site"], settings=small)
    assert len(seen) >= 4  # read and staged, batch by batch
    assert [p.read for p in seen] == sorted(p.read for p in seen)
    last = seen[-1]
    assert last.total == last.read == summary.documents_read
    assert last.done == last.total
    # The same input again: every article is skipped as unchanged (rejects are retried).
    again: list[RunProgress] = []
    with reporting(again.append):
        api.ingest([SAMPLE / "site"], settings=small)
    assert again[-1].unchanged >= summary.loaded["articles"]  # and any listed twice
    assert again[-1].processed == 0 and again[-1].done == again[-1].total


def test_count_inputs_counts_pages_and_jsonl_lines(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html></html>")
    (tmp_path / "b.jsonl").write_text('{"url": "u"}\n{"url": "v"}\n{"url": "w"}\n')
    assert count_inputs([tmp_path]) == 4


def test_the_bar_draws_on_a_terminal_only() -> None:
    terminal = Console(file=io.StringIO(), force_terminal=True, width=160)
    with progress_bar(terminal):
        report(RunProgress(read=10, processed=6, rejected=1, unchanged=1, total=10))
    drawn = terminal.file.getvalue()  # type: ignore[attr-defined]
    assert "8/10" in drawn and "rejected 1" in drawn
    piped = Console(file=io.StringIO(), force_terminal=False)
    with progress_bar(piped):
        report(RunProgress(read=10, total=10))
    assert piped.file.getvalue() == ""  # type: ignore[attr-defined]
    muted = Console(file=io.StringIO(), force_terminal=True)
    with progress_bar(muted, enabled=False):
        report(RunProgress(read=10, total=10))
    assert muted.file.getvalue() == ""  # type: ignore[attr-defined]


def test_describe_names_every_count() -> None:
    line = describe(RunProgress(read=4, processed=2, rejected=1, unchanged=1))
    assert line == "read 4 · loaded 2 · rejected 1 · unchanged 1"


def test_json_output_stays_clean(settings: Settings, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["ingest", str(SAMPLE / "site"), "--db", str(settings.db), "--inline", "--json"],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "complete"
