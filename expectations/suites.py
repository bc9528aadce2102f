"""The suites: one JSON file per table in ``expectations/suites/``, read without GX.

Each expectation carries ``meta.severity`` (``critical`` or ``warning``; critical when
absent), ``meta.why`` and optionally ``meta.on_fail``: what the pipeline does when it fails,
``stop`` (the default for critical), ``warn`` (the default for warning) or ``quarantine``
(drop the failing rows into the quarantine table and go on; see ``quarantine.py``).
Reading them needs no Great Expectations import, so listing the suites and the tests of
their contents stay fast.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

SUITES_DIR: Final = Path(__file__).resolve().parent / "suites"
SEVERITIES: Final = ("critical", "warning")
DEFAULT_SEVERITY: Final = "critical"
#: kwargs naming the columns an expectation reads.
COLUMN_KWARGS: Final = ("column", "column_A", "column_B", "column_list")
ON_FAIL: Final = ("stop", "warn", "quarantine")
#: Expectations judged row by row, where dropping the failing rows removes the failure.
#: Uniqueness is left out on purpose: both rows of a duplicate fail, and the fix is upstream.
ROW_LEVEL: Final = frozenset(
    {
        "expect_column_values_to_not_be_null",
        "expect_column_values_to_be_in_set",
        "expect_column_values_to_match_regex",
        "expect_column_values_to_be_between",
        "expect_column_value_lengths_to_be_between",
        "expect_column_pair_values_a_to_be_greater_than_b",
    }
)


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
        When the suite's name differs from its file name, an expectation has a severity
        other than ``critical`` or ``warning`` or an unknown ``on_fail``, or ``quarantine``
        is set on an expectation that is not row-level or not told apart from its siblings
        by type and columns (a failed check is traced back to its expectation that way).
    """
    path = SUITES_DIR / f"{name}.json"
    with path.open(encoding="utf-8") as f:
        spec: dict[str, Any] = json.load(f)
    if spec.get("name") != name:
        raise ValueError(f"{path}: suite name {spec.get('name')!r} should be {name!r}")
    labels: list[tuple[str, str | None]] = []
    for i, expectation in enumerate(spec.get("expectations", [])):
        kind = expectation.get("type")
        severity = expectation.get("meta", {}).get("severity", DEFAULT_SEVERITY)
        if severity not in SEVERITIES:
            raise ValueError(
                f"{path}: expectation {i} ({kind}) has severity "
                f"{severity!r}; use one of {', '.join(SEVERITIES)}"
            )
        action = on_fail(expectation)
        if action not in ON_FAIL:
            raise ValueError(
                f"{path}: expectation {i} ({kind}) has on_fail {action!r}; "
                f"use one of {', '.join(ON_FAIL)}"
            )
        if action == "quarantine" and kind not in ROW_LEVEL:
            raise ValueError(f"{path}: expectation {i} ({kind}) is not row-level: no quarantine")
        labels.append((str(kind), column_label(expectation.get("kwargs", {}))))
    for i, expectation in enumerate(spec.get("expectations", [])):
        if on_fail(expectation) == "quarantine" and labels.count(labels[i]) > 1:
            raise ValueError(f"{path}: expectation {i} {labels[i]} is ambiguous: no quarantine")
    return spec


def on_fail(expectation: Mapping[str, Any]) -> str:
    """What a failure of this expectation (a suite JSON entry) does: stop, warn or quarantine."""
    meta = expectation.get("meta") or {}
    default = "warn" if meta.get("severity", DEFAULT_SEVERITY) == "warning" else "stop"
    return str(meta.get("on_fail", default))


def quarantine_rules(name: str) -> dict[tuple[str, str | None], dict[str, Any]]:
    """The suite's quarantinable expectations, keyed by (type, column label).

    The key is what a :class:`~expectations.results.CheckResult` carries (``expectation``,
    ``column``), so a failed check leads back to the expectation to re-run.
    """
    return {
        (str(e["type"]), column_label(e.get("kwargs", {}))): e
        for e in load_suite_spec(name).get("expectations", [])
        if on_fail(e) == "quarantine"
    }


def column_label(kwargs: Mapping[str, Any]) -> str | None:
    """The column(s) an expectation checks, as :class:`CheckResult` names them.

    A pair check states A >= B; it is named as the invariant reads, ``B,A`` (B <= A).
    """
    if "column" in kwargs:
        return str(kwargs["column"])
    if "column_A" in kwargs and "column_B" in kwargs:
        return f"{kwargs['column_B']},{kwargs['column_A']}"
    if "column_list" in kwargs:
        return ",".join(str(c) for c in kwargs["column_list"])
    return None


def suite_columns(spec: Mapping[str, Any]) -> list[str]:
    """The columns a suite reads, in first-use order."""
    columns: dict[str, None] = {}
    for expectation in spec.get("expectations", []):
        kwargs = expectation.get("kwargs", {})
        for key in COLUMN_KWARGS:
            value = kwargs.get(key)
            names = value if isinstance(value, list) else [value] if value else []
            columns.update(dict.fromkeys(str(n) for n in names))
    return list(columns)


def expectation_parameters(now: dt.datetime) -> dict[str, Any]:
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
