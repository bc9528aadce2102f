"""Great Expectations results → :class:`CheckResult` rows with a line a person can act on."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:  # GX types, imported from the modules that define them (mypy strict)
    from great_expectations.core.expectation_validation_result import (
        ExpectationValidationResult,
    )

from expectations.suites import DEFAULT_SEVERITY, column_label

#: How many distinct offending values GX samples per failed expectation (and we print).
SAMPLE: Final = 5
#: Values are cut to this many characters in details and observed values: an article text
#: that fails a length check would otherwise put megabytes into a one-line message.
_MAX_SHOWN: Final = 60


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


def check_result(table: str, result: ExpectationValidationResult) -> CheckResult:
    config = result.expectation_config
    if config is None:  # GX types it Optional; a suite validation always sets it
        raise ValueError(f"{table}: GX returned a result without its expectation")
    kind = str(config.type)
    kwargs: dict[str, Any] = dict(config.kwargs)
    severity = str((config.meta or {}).get("severity", DEFAULT_SEVERITY))
    summary: dict[str, Any] = dict(result.result or {})
    error = exception_message(result.exception_info)
    unexpected = summary.get("unexpected_count")
    success = bool(result.success) and error is None
    observed: str | None = None
    if "observed_value" in summary:
        observed = json.dumps(_jsonable(summary["observed_value"]))
    elif not success and summary.get("partial_unexpected_counts"):
        observed = json.dumps(_jsonable(summary["partial_unexpected_counts"]))
    column = column_label(kwargs)
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


def exception_message(info: Any) -> str | None:
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
        message = exception_message(value)
        if message is not None:
            return message
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


def row_detail(table: str, kind: str, kwargs: Mapping[str, Any], values: Mapping[str, Any]) -> str:
    """One line on why one row broke a row-level expectation (for the quarantine table).

    Parameters
    ----------
    table : str
        Table name.
    kind : str
        GX expectation type.
    kwargs : Mapping
        The expectation's kwargs, as in the suite.
    values : Mapping
        The row's values by column name (at least the columns the expectation reads).
    """
    column = column_label(kwargs)
    where = f"{table}.{column}" if column else table
    shown = ", ".join(f"{c}={_show(values.get(c))}" for c in (column or "").split(",") if c)
    if kind == "expect_column_values_to_be_in_set":
        return f"{where}: {shown} is not in the allowed set"
    if kind == "expect_column_values_to_match_regex":
        return f"{where}: {shown} does not match {kwargs.get('regex')}"
    if kind == "expect_column_values_to_be_between":
        return f"{where}: {shown} {_bounds(kwargs.get('min_value'), kwargs.get('max_value'))}"
    if kind == "expect_column_value_lengths_to_be_between":
        value = values.get(str(column))
        length = len(value) if isinstance(value, str) else None
        bounds = _bounds(kwargs.get("min_value"), kwargs.get("max_value"))
        return f"{where}: length {length} {bounds}: {shown}"
    if kind == "expect_column_pair_values_a_to_be_greater_than_b":
        relation = "<=" if kwargs.get("or_equal") else "<"
        return (
            f"{where}: {shown} breaks {kwargs.get('column_B')} {relation} {kwargs.get('column_A')}"
        )
    return f"{where}: {shown} fails {kind}"


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
    shown = ", ".join(_show(v) for v in values[:SAMPLE])
    return shown + (", ..." if len(values) > SAMPLE else "")


def _sample_lengths(summary: Mapping[str, Any]) -> str:
    lengths = [len(v) for v in _distinct(summary) if isinstance(v, str)]
    return f" (lengths {', '.join(map(str, lengths[:SAMPLE]))})" if lengths else ""


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
