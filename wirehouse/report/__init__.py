"""The run report: a single static HTML page per run, written beside the warehouse.

>>> from wirehouse.report import write_report
>>> write_report(Path("data/warehouse.duckdb"))          # doctest: +SKIP
PosixPath('data/reports/20261128T053000123456Z.html')
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from warehouse.connection import connect
from warehouse.report_data import ReportData, latest_load_id, read_report_data


def report_folder(db: Path, folder: Path | None = None) -> Path:
    """Where reports go: ``folder``, or ``reports/`` beside the warehouse."""
    return folder if folder is not None else db.parent / "reports"


@dataclass(frozen=True, slots=True)
class ReportRows:
    """A report's rows, read from the warehouse, and whether its run is the newest."""

    load_id: str
    data: ReportData
    newest: bool


def read_report(db: Path, load_id: str | None = None, *, wait_seconds: float = 30.0) -> ReportRows:
    """Read what the report of ``load_id`` (the newest run by default) shows.

    Raises
    ------
    UsageError
        No such run, or no runs at all.
    WarehouseError
        The warehouse cannot be opened.
    """
    with connect(db, read_only=True, wait_seconds=wait_seconds) as con:
        newest = latest_load_id(con)
        chosen = load_id or newest
        return ReportRows(chosen, read_report_data(con, chosen), chosen == newest)


def publish_report(rows: ReportRows, db: Path, *, folder: Path | None = None) -> Path:
    """Draw the report and write ``<folder>/<load_id>.html`` (and ``latest.html`` for the
    newest run); returns its path. Reads nothing from the warehouse."""
    from wirehouse.report.page import render  # matplotlib: imported only to draw

    html = render(rows.data)
    target = report_folder(db, folder)
    target.mkdir(parents=True, exist_ok=True)
    page = target / f"{rows.load_id}.html"
    _write_atomically(page, html)
    if rows.newest:
        _write_atomically(target / "latest.html", html)
    return page


def write_report(
    db: Path, load_id: str | None = None, *, folder: Path | None = None, wait_seconds: float = 30.0
) -> Path:
    """Write ``<folder>/<load_id>.html`` (the newest run by default) and return its path.

    The newest run's report is also copied to ``latest.html``. Raises what
    :func:`read_report` raises.
    """
    rows = read_report(db, load_id, wait_seconds=wait_seconds)
    return publish_report(rows, db, folder=folder)


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)  # a reader (a browser refreshing) never sees half a page
