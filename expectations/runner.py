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
import json
import math
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
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

SUITES_DIR: Final = Path(__file__).resolve().parent / "suites"
SEVERITIES: Final = ("critical", "warning")
DEFAULT_SEVERITY: Final = "critical"

#: How many distinct offending values GX samples per failed expectation (and we print).
_SAMPLE: Final = 5
#: SUMMARY, not BASIC: its samples come from value counts over the whole column (most
#: frequent first), where BASIC's are just the first rows that failed.
_RESULT_FORMAT: Final[dict[str, Any]] = {
    "result_format": "SUMMARY",
    "partial_unexpected_count": _SAMPLE,
}
#: Values are cut to this many characters in details and observed values: an article text
#: that fails a length check would otherwise put megabytes into a one-line message.
_MAX_SHOWN: Final = 60
#: kwargs naming the columns an expectation reads.
_COLUMN_KWARGS: Final = ("column", "column_A", "column_B", "column_list")


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one expectation on one table's frame.

    Attributes
    ----------
    table : str
        Table name (``articles``, ``quotes``, ``events``, ``rejects``).
    expectation : str
        GX expectation type, e.g. ``expect_column_values_to_be_in_set``.
    column : str or None
        The column checked; for a column-pair check both, comma-separated, in the order
        the invariant reads (``date_start,date_end`` for ``date_start <= date_end``).
    severity : str
        ``critical`` or ``warning``, from the suite's ``meta.severity``.
    success : bool
        True when the expectation held.
    observed_value : str or None
        JSON text: GX's ``observed_value`` when the expectation reports one; for per-row
        expectations, which report none, a sample of the offending values with their counts
        (``[{"value": ..., "count": ...}]``) when it failed; None otherwise.
    unexpected_count : int or None
        Rows that broke a per-row expectation; None for expectations that are not per row.
    detail : str
        One line for a person: table, column, what was expected and what was found.
    """

    table: str
    expectation: str
    column: str | None
    severity: str
    success: bool
    observed_value: str | None
    unexpected_count: int | None
    detail: str


@dataclass
class ValidationReport:
    """Every expectation's result for one batch, and the time the validation took."""

    results: list[CheckResult]
    seconds: float

    @property
    def ok(self) -> bool:
        """True when no critical expectation failed (warnings do not count)."""
        return not self.critical_failures

    @property
    def critical_failures(self) -> list[CheckResult]:
        return [r for r in self.results if not r.success and r.severity == "critical"]

    @property
    def warnings(self) -> list[CheckResult]:
        """Failed expectations of severity ``warning``."""
        return [r for r in self.results if not r.success and r.severity == "warning"]


# --------------------------------------------------------------------------------------------
# Suites as plain JSON (no GX needed: the tests and suite_names() stay fast)


def suite_names() -> list[str]:
    """Names of the tables that have a suite, sorted."""
    return sorted(path.stem for path in SUITES_DIR.glob("*.json"))


def load_suite_spec(name: str) -> dict[str, Any]:
    """Read a suite's JSON and check the parts GX does not know about (``meta.severity``).

    Parameters
    ----------
    name : str
        Table name; the file is ``expectations/suites/<name>.json``.

    Returns
    -------
    dict
        The suite as written, ready for ``gx.ExpectationSuite(**spec)``.

    Raises
    ------
    ValueError
        When the suite's name differs from its file name, or an expectation has a
        severity other than ``critical`` or ``warning``.
    """
    path = SUITES_DIR / f"{name}.json"
    with path.open(encoding="utf-8") as f:
        spec: dict[str, Any] = json.load(f)
    if spec.get("name") != name:
        raise ValueError(f"{path}: suite name {spec.get('name')!r} should be {name!r}")
    for i, expectation in enumerate(spec.get("expectations", [])):
        severity = expectation.get("meta", {}).get("severity", DEFAULT_SEVERITY)
        if severity not in SEVERITIES:
            raise ValueError(
                f"{path}: expectation {i} ({expectation.get('type')}) has severity "
                f"{severity!r}; use one of {', '.join(SEVERITIES)}"
            )
    return spec


def suite_columns(spec: Mapping[str, Any]) -> list[str]:
    """The columns a suite reads, in first-use order."""
    columns: dict[str, None] = {}
    for expectation in spec.get("expectations", []):
        kwargs = expectation.get("kwargs", {})
        for key in _COLUMN_KWARGS:
            value = kwargs.get(key)
            names = value if isinstance(value, list) else [value] if value else []
            columns.update(dict.fromkeys(str(n) for n in names))
    return list(columns)


def _expectation_parameters(now: dt.datetime) -> dict[str, Any]:
    """Values for the ``{"$PARAMETER": name}`` placeholders in the suites.

    The upper bound of ``published_at`` depends on when the check runs, which a JSON file
    cannot say. GX substitutes these values at ``batch.validate()`` time, so the bound is
    recomputed for every batch: a long run never compares against a stale "now". The day of
    slack absorbs sources that state a local time as UTC. ``published_at`` is a naive UTC
    timestamp (see transforms/schemas.py), so the bound is naive UTC too: pandas refuses to
    compare naive and aware values.
    """
    now_utc = now.astimezone(dt.UTC).replace(tzinfo=None) if now.tzinfo else now
    return {"now_utc_plus_1_day": now_utc + dt.timedelta(days=1)}


# --------------------------------------------------------------------------------------------
# The GX engine: built once per process


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
    frames: Mapping[str, pl.DataFrame], *, now: dt.datetime | None = None
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
    parameters = _expectation_parameters(now or dt.datetime.now(dt.UTC))
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
            checks = [_check_result(table, r) for r in outcome.results]
            # GX lists expectations that raised first; put failures first, worst first.
            checks.sort(key=lambda c: (c.success, SEVERITIES.index(c.severity)))
            results.extend(checks)
    return ValidationReport(results, perf_counter() - started)


# --------------------------------------------------------------------------------------------
# Results -> CheckResult, with a detail line a person can act on


def _check_result(table: str, result: ExpectationValidationResult) -> CheckResult:
    config = result.expectation_config
    if config is None:  # GX types it Optional; a suite validation always sets it
        raise ValueError(f"{table}: GX returned a result without its expectation")
    kind = str(config.type)
    kwargs: dict[str, Any] = dict(config.kwargs)
    severity = str((config.meta or {}).get("severity", DEFAULT_SEVERITY))
    summary: dict[str, Any] = dict(result.result or {})
    error = _exception_message(result.exception_info)
    unexpected = summary.get("unexpected_count")
    success = bool(result.success) and error is None
    observed: str | None = None
    if "observed_value" in summary:
        observed = json.dumps(_jsonable(summary["observed_value"]))
    elif not success and summary.get("partial_unexpected_counts"):
        observed = json.dumps(_jsonable(summary["partial_unexpected_counts"]))
    column = _column_label(kwargs)
    return CheckResult(
        table=table,
        expectation=kind,
        column=column,
        severity=severity,
        success=success,
        observed_value=observed,
        unexpected_count=int(unexpected) if unexpected is not None else None,
        detail=_detail(table, column, kind, kwargs, summary, success, error),
    )


def _exception_message(info: Any) -> str | None:
    """The message of an exception GX caught while computing the expectation, if any.

    GX reports this in two shapes: ``{"raised_exception": bool, "exception_message": ...}``
    when the expectation itself ran, and ``{"<metric id>": {that dict}, ...}`` when one of
    its metrics failed (a missing column, a type that cannot be compared).
    """
    if not isinstance(info, Mapping):
        return None
    if "raised_exception" in info:
        return str(info.get("exception_message")) if info.get("raised_exception") else None
    for value in info.values():
        message = _exception_message(value)
        if message is not None:
            return message
    return None


def _column_label(kwargs: Mapping[str, Any]) -> str | None:
    if "column" in kwargs:
        return str(kwargs["column"])
    if "column_A" in kwargs and "column_B" in kwargs:
        # Pair checks state A >= B; name the pair as the invariant reads: B <= A.
        return f"{kwargs['column_B']},{kwargs['column_A']}"
    if "column_list" in kwargs:
        return ",".join(str(c) for c in kwargs["column_list"])
    return None


def _detail(
    table: str,
    column: str | None,
    kind: str,
    kwargs: Mapping[str, Any],
    summary: Mapping[str, Any],
    success: bool,
    error: str | None,
) -> str:
    where = f"{table}.{column}" if column else table
    if error is not None:
        return f"{where}: {kind} could not run: {_one_line(error)}"
    n = int(summary.get("unexpected_count") or 0)
    if success:
        return f"{where}: {kind} passed"
    samples = _samples(summary)
    found = f": {samples}" if samples else ""
    if kind == "expect_column_values_to_not_be_null":
        rows = _count(int(summary.get("element_count") or 0), "row")
        return f"{where}: {_count(n, 'null value')} in {rows}"
    if kind == "expect_column_values_to_be_unique":
        return f"{where}: {_count(n, 'row')} share a value with another row{found}"
    if kind == "expect_column_values_to_be_in_set":
        allowed = ", ".join(str(v) for v in kwargs.get("value_set", []))
        return f"{where}: {_count(n, 'value')} outside {{{allowed}}}{found}"
    if kind == "expect_column_values_to_match_regex":
        return f"{where}: {_count(n, 'value')} not matching {kwargs.get('regex')}{found}"
    if kind == "expect_column_values_to_be_between":
        bounds = _bounds(kwargs.get("min_value"), kwargs.get("max_value"))
        return f"{where}: {_count(n, 'value')} {bounds}{found}"
    if kind == "expect_column_value_lengths_to_be_between":
        bounds = _bounds(kwargs.get("min_value"), kwargs.get("max_value"))
        lengths = _sample_lengths(summary)
        return f"{where}: {_count(n, 'value')} with length {bounds}{found}{lengths}"
    if kind == "expect_column_pair_values_a_to_be_greater_than_b":
        a, b = kwargs.get("column_A"), kwargs.get("column_B")
        relation = "<=" if kwargs.get("or_equal") else "<"
        pairs = "; ".join(
            f"{b}={_show(pair[1])}, {a}={_show(pair[0])}"
            for pair in _distinct(summary)
            if isinstance(pair, Sequence) and len(pair) == 2
        )
        broken = f"{_count(n, 'row')} {'breaks' if n == 1 else 'break'} {b} {relation} {a}"
        return f"{where}: {broken}: {pairs}" if pairs else f"{where}: {broken}"
    if "observed_value" in summary:
        return f"{where}: {kind} failed, observed {_show(summary['observed_value'])}"
    return f"{where}: {kind} failed for {_count(n, 'value')}{found}"


def _distinct(summary: Mapping[str, Any]) -> list[Any]:
    """The distinct offending values GX sampled, most frequent first."""
    counts = summary.get("partial_unexpected_counts")
    if counts:
        return [c.get("value") for c in counts if isinstance(c, Mapping)]
    return list(dict.fromkeys(map(_hashable, summary.get("partial_unexpected_list") or [])))


def _hashable(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def _samples(summary: Mapping[str, Any]) -> str:
    values = _distinct(summary)
    shown = ", ".join(_show(v) for v in values[:_SAMPLE])
    return shown + (", ..." if len(values) > _SAMPLE else "")


def _sample_lengths(summary: Mapping[str, Any]) -> str:
    lengths = [len(v) for v in _distinct(summary) if isinstance(v, str)]
    return f" (lengths {', '.join(map(str, lengths[:_SAMPLE]))})" if lengths else ""


def _bounds(low: Any, high: Any) -> str:
    if low is not None and high is not None:
        return f"outside [{_show(low)}, {_show(high)}]"
    if low is not None:
        return f"below {_show(low)}"
    return f"above {_show(high)}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _show(value: Any) -> str:
    """A short, one-line rendering of a value: strings quoted and cut, dates in ISO form."""
    value = _plain(value)
    if isinstance(value, str):
        return repr(_cut(value))
    if isinstance(value, list):
        return "(" + ", ".join(_show(v) for v in value) + ")"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # GX turns the suite's bounds into floats: show 1, not 1.0
    if isinstance(value, _Instant):
        return value.text
    return "null" if value is None else str(value)


def _cut(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


@dataclass(frozen=True)
class _Instant:
    """A date or timestamp in ISO 8601, kept apart from strings so that it is not quoted."""

    text: str


_MIDNIGHT = re.compile(r"T00:00:00(\.0+)?$")


def _plain(value: Any) -> Any:
    """Turn what GX returns (numpy scalars, Timestamps, NaN, tuples) into plain values.

    Dates and timestamps become :class:`_Instant`; a midnight timestamp shows as its date,
    because DATE columns reach pandas as midnight timestamps.
    """
    if value is None or isinstance(value, bool | int | str | _Instant):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    text = str(value)
    if text in {"NaT", "nan", "<NA>"}:  # pandas/numpy missing values
        return None
    if isinstance(value, dt.datetime | dt.date):  # a pandas Timestamp is a datetime
        return _Instant(_MIDNIGHT.sub("", value.isoformat()))
    if type(value).__name__ == "datetime64":
        # numpy's .item() turns a nanosecond datetime64 into an int; its str() is ISO 8601.
        return _Instant(_MIDNIGHT.sub("", text))
    item = getattr(value, "item", None)  # other numpy scalars: int64, float64, bool_
    if callable(item):
        unwrapped = item()
        if isinstance(unwrapped, bool | int | float | str):
            return _plain(unwrapped)
    return text


def _jsonable(value: Any) -> Any:
    """:func:`_plain`, with dates as ISO strings and long strings cut, for ``json.dumps``.

    Strings are cut to a few dozen characters: a sample can be a whole article body.
    ``json.dumps`` would write NaN as the non-JSON token ``NaN``; it is null here.
    """
    value = _plain(value)
    if isinstance(value, str):
        return _cut(value)
    if isinstance(value, _Instant):
        return value.text
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value
