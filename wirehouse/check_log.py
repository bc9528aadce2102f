"""Check results of a run, merged across its batches."""

from __future__ import annotations

from dataclasses import replace

from expectations.results import CheckResult, ValidationReport


class CheckLog:
    """Check results of all batches, merged per expectation: a run passes a check only if
    every batch did. Failing rows' counts add up; the last failure's detail is kept."""

    def __init__(self) -> None:
        self.merged: dict[tuple[str, str, str | None], CheckResult] = {}
        self.seconds = 0.0

    def add(self, report: ValidationReport) -> None:
        self.seconds += report.seconds
        for result in report.results:
            key = (result.table, result.expectation, result.column)
            seen = self.merged.get(key)
            if seen is None:
                self.merged[key] = result
                continue
            failing = result if not result.success else seen
            self.merged[key] = replace(
                failing,
                success=seen.success and result.success,
                unexpected_count=(seen.unexpected_count or 0) + (result.unexpected_count or 0),
            )

    def failures(self, severity: str) -> list[str]:
        return [r.detail for r in self.merged.values() if not r.success and r.severity == severity]

    def as_rows(self) -> list[dict[str, object]]:
        return [
            {
                "table_name": r.table,
                "expectation": r.expectation,
                "column_name": r.column,
                "severity": r.severity,
                "success": r.success,
                "observed_value": r.observed_value,
                "unexpected_count": r.unexpected_count,
                "detail": r.detail,
                "seconds": round(self.seconds, 3),
            }
            for r in self.merged.values()
        ]
