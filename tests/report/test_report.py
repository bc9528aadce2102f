"""The run report: written after every run, rebuildable for any run, never failing a load."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tests.conftest import page
from transforms.batch import BatchFrames, DateWindow
from wirehouse import api, runner
from wirehouse.errors import ChecksFailed
from wirehouse.inputs import Item
from wirehouse.runner import InlineStages
from wirehouse.settings import Settings


def newest_load(settings: Settings) -> str:
    return str(api.query("SELECT max(load_id) FROM loads", settings=settings)[1][0][0])


def test_a_run_writes_its_report_beside_the_warehouse(sample_warehouse: Settings) -> None:
    load_id = newest_load(sample_warehouse)
    folder = sample_warehouse.db.parent / "reports"
    html = (folder / f"{load_id}.html").read_text(encoding="utf-8")
    assert (folder / "latest.html").read_text(encoding="utf-8") == html
    assert html.count("<svg") == 3 and "<script" not in html
    assert not re.search(r"(src|href)=\"https?://", html), "the page must need no network"
    for heading in ("Events over time", "Countries in the news", "Who was quoted most",
                    "Sources", "Rejects by reason", "Data quality", "Time per stage"):  # fmt: skip
        assert heading in html
    assert "Pentagon" in html and "no_article_text" in html and "sahel-courier" in html


def test_report_rebuilds_a_past_run(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(page(), encoding="utf-8")
    first = api.ingest([folder], settings=settings)
    (folder / "b.html").write_text(page(url="https://news.example/b.html"), encoding="utf-8")
    second = api.ingest([folder], settings=settings)
    assert first.report_path and second.report_path
    Path(first.report_path).unlink()
    rebuilt = api.report(first.load_id, settings=settings)
    assert rebuilt == Path(first.report_path) and first.load_id in rebuilt.read_text("utf-8")
    latest = (rebuilt.parent / "latest.html").read_text(encoding="utf-8")
    assert second.load_id in latest and first.load_id not in latest.split("<footer>")[0]


def test_a_failing_report_only_warns(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wirehouse.report

    def broken(*args: object, **kwargs: object) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(wirehouse.report, "publish_report", broken)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(page(), encoding="utf-8")
    summary = api.ingest([folder], settings=settings)
    assert summary.status == "complete" and summary.report_path is None
    assert any("run report not written: disk full" in w for w in summary.check_warnings)
    with duckdb.connect(str(settings.db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]


def test_reports_can_be_switched_off(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(page(), encoding="utf-8")
    quiet = settings.model_copy(update={"report": False})
    assert api.ingest([folder], settings=quiet).report_path is None
    assert not (settings.db.parent / "reports").exists()


class FailingChecks(InlineStages):
    """The real stages, with a null article key slipped in so a critical check fails."""

    def transform(self, docs: list[Item], min_chars: int, window: DateWindow | None) -> BatchFrames:
        frames = super().transform(docs, min_chars, window)
        articles = frames.frames["articles"]
        frames.frames["articles"] = articles.with_columns(
            pl.lit(None, pl.String).alias("article_id")
        )
        return frames


def test_a_failed_run_still_gets_its_report(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        api, "execute", lambda request, s: runner.execute(request, s, FailingChecks())
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(page(), encoding="utf-8")
    with pytest.raises(ChecksFailed):
        api.ingest([folder], settings=settings)
    failed = newest_load(settings)
    html = (settings.db.parent / "reports" / f"{failed}.html").read_text(encoding="utf-8")
    assert '<span class="badge bad">failed</span>' in html
    assert "critical" in html and "article_id" in html.split("What did not pass")[1]
