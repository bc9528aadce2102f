"""Data-quality checks of the batch frames (Great Expectations suites in ``suites/``).

Importing this package does not import Great Expectations: that happens on the first
:func:`validate_frames` call that has rows to check.
"""

from __future__ import annotations

from expectations.runner import (
    CheckResult,
    ValidationReport,
    suite_names,
    validate_frames,
    warm_up,
)

__all__ = ["CheckResult", "ValidationReport", "suite_names", "validate_frames", "warm_up"]
