"""The one-screen summary a run ends with, and its ``--json`` twin."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from wirehouse.runner import RunSummary


def summary_json(summary: RunSummary) -> str:
    return json.dumps(summary.as_dict(), indent=2, default=str)


def render_summary(summary: RunSummary, console: Console) -> None:
    """Counts per table, rejects by reason, checks and time per stage, on one screen."""
    ok = summary.status == "complete"
    colour = "green" if ok else "red"
    console.print(
        f"[bold {colour}]{summary.status}[/]  {summary.command}  load {summary.load_id}  "
        f"in {summary.seconds:.1f} s  → {summary.db}"
    )
    counts = Table(title="documents", show_header=False, box=None, pad_edge=False)
    counts.add_column(justify="left")
    counts.add_column(justify="right")
    counts.add_row("read", str(summary.documents_read))
    counts.add_row("unchanged (skipped)", str(summary.unchanged))
    if summary.duplicates_in_run:
        counts.add_row("listed twice (skipped)", str(summary.duplicates_in_run))
    if summary.outside_window:
        counts.add_row("outside the date range", str(summary.outside_window))
    for table in ("articles", "quotes", "events", "rejects"):
        if table in summary.loaded:
            counts.add_row(f"{table} loaded", str(summary.loaded[table]))
    console.print(counts)
    if summary.rejects_by_reason:
        rejects = Table(title="rejects by reason", show_header=False, box=None)
        for reason, n in summary.rejects_by_reason.items():
            rejects.add_row(reason, str(n))
        console.print(rejects)
    if summary.stage_seconds:
        stages = "  ".join(f"{k} {v:.2f}s" for k, v in summary.stage_seconds.items())
        console.print(f"time per stage: {stages}")
    if summary.quarantined:
        held = ", ".join(f"{n} by {check}" for check, n in summary.quarantined.items())
        console.print(f"[yellow]quarantined[/] {sum(summary.quarantined.values())} rows: {held}")
    if summary.web:
        web = summary.web
        console.print(
            f"web: {web.get('requests', 0)} requests ({web.get('listings', 0)} feeds or sitemaps), "
            f"{web.get('fetched', 0)} fetched, "
            f"{web.get('not_modified', 0)} not modified (304), {web.get('failed', 0)} failed, "
            f"{web.get('skipped_by_cursor', 0)} older than the cursor (not asked)"
        )
    if summary.not_indexed:
        console.print(
            f"search index: rebuild deferred; {summary.not_indexed} not indexed yet "
            "(search matches them by substring)"
        )
    if summary.abandoned:
        console.print(
            f"[yellow]swept[/] {len(summary.abandoned)} load(s) of runs that died: "
            + ", ".join(summary.abandoned[:3])
        )
    if summary.docs_path:
        console.print(f"data docs: {summary.docs_path}")
    if summary.report_path:
        console.print(f"report: {summary.report_path}")
    for line in summary.check_warnings[:5]:
        console.print(f"[yellow]warning[/] {line}")
    for line in summary.check_failures[:5]:
        console.print(f"[red]critical[/] {line}")
    if summary.failure:
        console.print(f"[red]{summary.failure}[/]")
