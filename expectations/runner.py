"""Data-quality checks of a batch's frames with Great Expectations (GX Core 1.x).

One suite per table lives in ``expectations/suites/<table>.json`` as plain JSON: each
expectation carries ``meta.severity`` (``critical`` or ``warning``; critical when absent)
and ``meta.why``. :func:`validate_frames` runs the suites over the polars frames of a batch
and returns a :class:`ValidationReport` of one :class:`CheckResult` per expectation.

Why it is built this way (see ``/work/shared/docs/field-notes.md``):

- ``import great_expectations`` costs 2.5-9 s, so it happens inside :func:`_build_engine`,
  once per process, on the first batch that has rows to check; importing this module is cheap.
- GX has no polars support, so frames go through ``DataFrame.to_pandas()`` (pyarrow).
- GX's SQL datasource over DuckDB is broken, so the frames are validated before the load,
  not the tables after it.
- The context, the datasource and the suites are built once and cached: the pipeline calls
  :func:`validate_frames` once per batch of ~200 articles, many times per run.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from copy import deepcopy
from dataclasses import dataclass
from functools import cache
from time import perf_counter
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:  # GX types, imported from the modules that define them (mypy strict)
    import polars as pl
    from great_expectations.core.batch_definition import BatchDefinition
    from great_expectations.core.expectation_suite import ExpectationSuite
    from great_expectations.core.expectation_validation_result import (
        ExpectationValidationResult,
    )
    from great_expectations.data_context.data_context.abstract_data_context import (
        AbstractDataContext,
    )

    from expectations.docs import RunValidations

from expectations.results import SAMPLE, CheckResult, ValidationReport, check_result
from expectations.suites import (
    SEVERITIES,
    expectation_parameters,
    load_suite_spec,
    suite_columns,
    suite_names,
)

#: SUMMARY, not BASIC: its samples come from value counts over the whole column (most
#: frequent first), where BASIC's are just the first rows that failed.
_RESULT_FORMAT: Final[dict[str, Any]] = {
    "result_format": "SUMMARY",
    "partial_unexpected_count": SAMPLE,
}

#: Every failing row, by its position in the frame: what quarantine needs to drop them.
#: The SQL-like query GX would also build for them is not wanted.
_ROWS_FORMAT: Final[dict[str, Any]] = {
    "result_format": "COMPLETE",
    "return_unexpected_index_query": False,
}

__all__ = [
    "CheckResult",
    "ValidationReport",
    "failing_rows",
    "suite_names",
    "validate_frames",
    "warm_up",
]


@dataclass(frozen=True)
class _Engine:
    context: AbstractDataContext  # kept: the datasource and assets belong to it
    batch_definitions: dict[str, BatchDefinition[Any]]
    suites: dict[str, ExpectationSuite]
    columns: dict[str, list[str]]


# GX does not document its context as thread-safe and Prefect's thread-pool runner may call
# validate_frames from several threads: one lock guards both the build and every validation.
# GX's time is pure-Python graph building that holds the GIL anyway, so the lock costs little.
_lock = threading.RLock()


@cache
def _build_engine() -> _Engine:
    """Import GX, create an ephemeral context, one pandas asset per suite, and the suites."""
    import logging

    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    # This module sets its own logger to INFO at import and announces every ephemeral
    # context ("Created temporary directory ..."): noise in a nightly job's output.
    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)
    context = gx.get_context(mode="ephemeral")
    # Otherwise every validation draws a tqdm bar per suite on stderr, in the middle of logs.
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas(name="wirehouse_frames")
    batch_definitions: dict[str, BatchDefinition[Any]] = {}
    suites: dict[str, ExpectationSuite] = {}
    columns: dict[str, list[str]] = {}
    for name in suite_names():
        spec = load_suite_spec(name)
        asset = source.add_dataframe_asset(name=name)
        batch_definitions[name] = asset.add_batch_definition_whole_dataframe(name="whole_frame")
        suites[name] = gx.ExpectationSuite(**spec)
        columns[name] = suite_columns(spec)
    return _Engine(context, batch_definitions, suites, columns)


def warm_up() -> None:
    """Import GX and build the suites now rather than on the first batch (optional)."""
    with _lock:
        _build_engine()


def validate_frames(
    frames: Mapping[str, pl.DataFrame],
    *,
    now: dt.datetime | None = None,
    collector: RunValidations | None = None,
) -> ValidationReport:
    """Run each table's suite over its frame.

    Parameters
    ----------
    frames : Mapping[str, polars.DataFrame]
        Frames keyed by table name. Tables without a suite (``documents``) are ignored;
        empty frames are skipped (no rows, nothing to check), so they yield no results.
    now : datetime, optional
        The validation time that bounds ``published_at``; defaults to the current time.
        A naive value is taken as UTC.
    collector : RunValidations, optional
        Receives each table's raw GX result (for Data Docs; see ``expectations/docs.py``).

    Returns
    -------
    ValidationReport
        One result per expectation of every validated table: per table, failures first
        (critical before warning), then the rest in suite order. ``seconds`` of the first
        call in a process includes importing GX and building the suites (4-10 s) unless
        :func:`warm_up` ran before.
    """
    started = perf_counter()
    names = set(suite_names())
    todo = [(t, f) for t, f in frames.items() if t in names and f.height > 0]
    if not todo:  # nothing to check: do not pay for the GX import
        return ValidationReport([], perf_counter() - started)
    parameters = expectation_parameters(now or dt.datetime.now(dt.UTC))
    results: list[CheckResult] = []
    with _lock:
        engine = _build_engine()
        for table, frame in todo:
            # Convert only the columns the suite reads (not descriptions, titles, load_id).
            # A column the suite names but the frame lacks stays absent: GX then reports the
            # expectation as failed with "column ... does not exist", a critical failure.
            wanted = [c for c in engine.columns[table] if c in frame.columns]
            batch = engine.batch_definitions[table].get_batch(
                batch_parameters={"dataframe": frame.select(wanted).to_pandas()}
            )
            outcome = batch.validate(
                engine.suites[table],
                result_format=_RESULT_FORMAT,
                expectation_parameters=parameters,
            )
            if collector is not None:
                collector.add(table, outcome)
            checks = [check_result(table, r) for r in outcome.results]
            # GX lists expectations that raised first; put failures first, worst first.
            checks.sort(key=lambda c: (c.success, SEVERITIES.index(c.severity)))
            results.extend(checks)
    return ValidationReport(results, perf_counter() - started)


def failing_rows(
    table: str,
    frame: pl.DataFrame,
    expectations: list[dict[str, Any]],
    *,
    now: dt.datetime | None = None,
) -> list[ExpectationValidationResult]:
    """Re-run some of a table's expectations and report every failing row.

    Parameters
    ----------
    table : str
        A table with a suite; its datasource asset is reused.
    frame : polars.DataFrame
        The frame validated before.
    expectations : list of dict
        Expectations as in the suite JSON (usually the failed ones of a :class:`ValidationReport`).
    now : datetime, optional
        As for :func:`validate_frames` (bounds that depend on the time of the check).

    Returns
    -------
    list of ExpectationValidationResult
        One per expectation, in GX's order. ``result["unexpected_index_list"]`` lists the
        positions (0-based) in ``frame`` of the rows that broke it: GX's own row-level
        verdict, so nothing is re-implemented outside GX.
    """
    if frame.height == 0 or not expectations:
        return []
    import great_expectations as gx

    parameters = expectation_parameters(now or dt.datetime.now(dt.UTC))
    wanted = [c for c in suite_columns({"expectations": expectations}) if c in frame.columns]
    with _lock:
        engine = _build_engine()
        # to_pandas() gives a RangeIndex, so GX's row indexes are positions in the frame.
        batch = engine.batch_definitions[table].get_batch(
            batch_parameters={"dataframe": frame.select(wanted).to_pandas()}
        )
        # GX builds its expectations from these dicts: give it copies, not the caller's.
        suite = gx.ExpectationSuite(name=f"{table}_rows", expectations=deepcopy(expectations))
        outcome = batch.validate(
            suite, result_format=_ROWS_FORMAT, expectation_parameters=parameters
        )
    return list(outcome.results)
