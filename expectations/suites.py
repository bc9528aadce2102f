"""The suites: one JSON file per table in ``expectations/suites/``, read without GX.

Each expectation carries ``meta.severity`` (``critical`` or ``warning``; critical when
absent) and ``meta.why``. Reading them needs no Great Expectations import, so listing the
suites and the tests of their contents stay fast.
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
