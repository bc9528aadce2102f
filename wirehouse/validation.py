"""``wirehouse validate``: the checks of a run, re-run on the warehouse as it is now.

Each mart table is read in slices (rows bucketed by a hash of the key, so a duplicated key
lands in one slice and is still caught), validated with the table's suite, and the
cross-table audits run on the whole; the results go to ``dq_results`` and ``dq_runs`` under
a ``validate-...`` id, like a run's.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from transforms.schemas import ARTICLES, EVENTS, PARTICIPANTS, QUOTES, REJECTS, SPEAKERS
from warehouse import loading, quality
from warehouse.audits import run_audits
from warehouse.connection import connect
from warehouse.ddl import ensure_schema
from wirehouse.settings import Settings

CHECKED = (ARTICLES, QUOTES, SPEAKERS, EVENTS, PARTICIPANTS, REJECTS)
#: Rows per slice: bounded memory whatever the warehouse's size.
SLICE_ROWS = 20_000


@dataclass
class ValidateSummary:
    """The outcome of ``wirehouse validate``."""

    validation_id: str
    rows: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def validate_warehouse(settings: Settings) -> ValidateSummary:
    """Re-run every table suite and audit on the warehouse; record and return the outcome."""
    from expectations.runner import validate_frames
    from wirehouse.check_log import CheckLog

    started = time.perf_counter()
    summary = ValidateSummary("validate-" + loading.new_load_id())
    checks = CheckLog()
    wait = settings.lock_wait_seconds
    with connect(settings.db, read_only=True, wait_seconds=wait) as con:
        for table in CHECKED:
            total = int(con.execute(f"SELECT count(*) FROM main.{table.name}").fetchall()[0][0])
            summary.rows[table.name] = total
            slices = max(1, -(-total // SLICE_ROWS))
            columns = ", ".join(table.column_names)
            for i in range(slices):
                frame = con.execute(
                    f"SELECT {columns} FROM main.{table.name} "
                    f"WHERE hash({table.key[0]}) % {slices} = {i}"
                ).pl()
                checks.add(validate_frames({table.name: frame}))
        audits = run_audits(con)
    rows = [*checks.as_rows(), *(a.as_row() for a in audits)]
    summary.failures = checks.failures("critical") + [
        a.detail for a in audits if not a.success and a.audit.severity == "critical"
    ]
    summary.warnings = checks.failures("warning") + [
        a.detail for a in audits if not a.success and a.audit.severity == "warning"
    ]
    summary.seconds = round(time.perf_counter() - started, 3)
    with connect(settings.db, wait_seconds=wait) as con:
        ensure_schema(con)
        loading.record_checks(con, summary.validation_id, rows)
        quality.record_run(
            con,
            summary.validation_id,
            {"articles": summary.rows.get("articles"), "quotes": summary.rows.get("quotes"),
             "events": summary.rows.get("events")},
            critical_failures=len(summary.failures),
            warnings=len(summary.warnings),
            seconds=summary.seconds,
            docs_path=None,
        )  # fmt: skip
    return summary
