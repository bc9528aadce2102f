"""Cross-table audits (``warehouse/audits/*.sql``), run inside the promotion transaction.

Each file is one query returning the rows that break a rule (``row_key``, ``table_name``,
``detail``); its first line says ``-- severity: critical`` or ``-- severity: warning``, its
second what the rule is. A critical audit that finds rows rolls the promotion back, as a
blocking audit does in SQLMesh; a warning is recorded and the load goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

import duckdb

_EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class Audit:
    name: str
    severity: str
    rule: str
    sql: str


@dataclass(frozen=True, slots=True)
class AuditResult:
    audit: Audit
    failing: int
    examples: tuple[str, ...]

    @property
    def success(self) -> bool:
        return self.failing == 0

    @property
    def detail(self) -> str:
        if self.success:
            return f"audit {self.audit.name}: passed"
        shown = "; ".join(self.examples)
        return (
            f"audit {self.audit.name}: {self.failing} rows break it ({self.audit.rule}), "
            f"e.g. {shown}"
        )

    def as_row(self) -> dict[str, object]:
        """A ``dq_results`` row."""
        return {
            "table_name": "(warehouse)",
            "expectation": f"audit:{self.audit.name}",
            "column_name": None,
            "severity": self.audit.severity,
            "success": self.success,
            "observed_value": None,
            "unexpected_count": self.failing,
            "detail": self.detail,
        }


def load_audits() -> list[Audit]:
    """Every audit in ``warehouse/audits``, by name."""
    audits = []
    for entry in sorted(files("warehouse").joinpath("audits").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".sql"):
            continue
        sql = entry.read_text(encoding="utf-8")
        lines = sql.splitlines()
        severity = lines[0].removeprefix("-- severity:").strip()
        if severity not in ("critical", "warning"):
            raise ValueError(f"warehouse/audits/{entry.name}: first line must give the severity")
        rule = lines[1].removeprefix("--").strip().rstrip(".")
        audits.append(Audit(entry.name.removesuffix(".sql"), severity, rule, sql))
    return audits


def run_audits(con: duckdb.DuckDBPyConnection) -> list[AuditResult]:
    """Run every audit on the marts as this connection sees them (inside its transaction)."""
    results = []
    for audit in load_audits():
        rows = con.execute(
            f"SELECT count(*) OVER () AS n, row_key, table_name, detail FROM ({audit.sql}) "
            f"LIMIT {_EXAMPLES}"
        ).fetchall()
        failing = int(rows[0][0]) if rows else 0
        examples = tuple(f"{table}.{key}: {detail}" for _, key, table, detail in rows)
        results.append(AuditResult(audit, failing, examples))
    return results
