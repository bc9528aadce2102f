"""The one-screen summary a run ends with: what it says beyond the counts."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from wirehouse.run_models import RunSummary
from wirehouse.summary import render_summary


def _rendered(summary: RunSummary) -> str:
    out = StringIO()
    render_summary(summary, Console(file=out, width=200, color_system=None))
    return out.getvalue()


def test_a_deferred_search_index_rebuild_is_in_the_summary() -> None:
    summary = RunSummary("L1", "run", "w.duckdb", status="complete", not_indexed="1 of 3 articles")
    assert (
        "search index: rebuild deferred; 1 of 3 articles not indexed yet "
        "(search matches them by substring)"
    ) in _rendered(summary)
    summary.not_indexed = None
    assert "search index" not in _rendered(summary)
