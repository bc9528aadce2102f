"""Quarantine: drop the rows that broke a quarantinable expectation, keep the rest of a batch.

An expectation whose suite entry says ``"meta": {"on_fail": "quarantine"}`` does not stop
a batch: :func:`isolate` removes the rows that broke it, records them (with the whole row
as JSON) in a quarantine frame, and turns the failed check into a passed warning that says
how many rows went. Only row-level checks of child tables are marked that way (see the
suites): one bad event must not cost the 2,000 good ones of its batch, whereas a bad key or
a bad article still stops it.

Why it is built this way:

- The failing rows come from GX itself: the failed expectations are re-run with
  ``result_format`` COMPLETE, whose ``unexpected_index_list`` gives every failing row's
  position. Re-implementing each check in polars would drift from the suites.
- Only the failed quarantinable expectations are re-run, and only on tables that have one,
  so a clean batch costs nothing here.
- Dropping a row can orphan others, which the warehouse audits then flag as critical:
  participants of a quarantined event, and a speaker whose every quote in the batch was
  quarantined. Those rows go too, with the check ``parent_quarantined``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final

import polars as pl

if TYPE_CHECKING:
    from great_expectations.core.expectation_validation_result import (
        ExpectationValidationResult,
    )

from expectations.results import CheckResult, ValidationReport, exception_message, row_detail
from expectations.suites import column_label, quarantine_rules, suite_names
from transforms.schemas import ARTICLES, EVENTS, PARTICIPANTS, QUOTES, REJECTS, SPEAKERS

#: Columns of :attr:`Isolation.quarantined` (all VARCHAR in the warehouse).
QUARANTINE_SCHEMA: Final = pl.Schema(
    {
        "table_name": pl.String(),
        "row_key": pl.String(),
        "check": pl.String(),
        "detail": pl.String(),
        "row_json": pl.String(),
    }
)
PARENT_QUARANTINED: Final = "parent_quarantined"
_KEYS: Final = {t.name: t.key for t in (ARTICLES, QUOTES, SPEAKERS, EVENTS, PARTICIPANTS, REJECTS)}
_ROW: Final = "__wirehouse_row"  # a row-position column, dropped before anything is returned

__all__ = ["PARENT_QUARANTINED", "QUARANTINE_SCHEMA", "Isolation", "isolate"]


@dataclass(frozen=True)
class Isolation:
    """A batch's frames without their quarantined rows, the rows, and the adjusted checks.

    Attributes
    ----------
    frames : dict[str, polars.DataFrame]
        Every input frame, minus its quarantined rows (frames without any are the input's).
    quarantined : polars.DataFrame
        One row per dropped row and reason (:data:`QUARANTINE_SCHEMA`): ``row_key`` is the
        row's key value, ``check`` ``"<expectation>:<column>"`` or ``parent_quarantined``,
        ``row_json`` the whole row as JSON. A row that broke two checks appears twice.
    checks : list[CheckResult]
        The report's results in order; each failure that was isolated is now a success of
        severity ``warning`` whose detail ends with how many rows were quarantined.
    """

    frames: dict[str, pl.DataFrame]
    quarantined: pl.DataFrame
    checks: list[CheckResult]

    @property
    def report(self) -> ValidationReport:
        """The checks as a report (``ok`` when no critical failure is left)."""
        return ValidationReport(self.checks, 0.0)


def isolate(
    frames: Mapping[str, pl.DataFrame],
    report: ValidationReport,
    *,
    now: dt.datetime | None = None,
) -> Isolation:
    """Quarantine the rows behind the report's failed quarantinable checks.

    Parameters
    ----------
    frames : Mapping[str, polars.DataFrame]
        The frames that ``validate_frames`` checked, keyed by table name.
    report : ValidationReport
        Its report for those frames.
    now : datetime, optional
        The ``now`` given to ``validate_frames`` (only matters for time-bound checks).

    Returns
    -------
    Isolation
        A failed check stays failed when GX cannot name its rows (it could not run, e.g.
        a missing column) or when it is not quarantinable (keys, articles, rejects).
    """
    out = dict(frames)
    checks = list(report.results)
    pieces: list[pl.DataFrame] = []
    dropped: dict[str, pl.DataFrame] = {}  # table -> its quarantined rows (whole rows)
    for table in sorted(set(suite_names()) & set(frames)):
        frame = frames[table]
        rules = quarantine_rules(table)
        failed = {
            i: rules[(c.expectation, c.column)]
            for i, c in enumerate(checks)
            if c.table == table and not c.success and (c.expectation, c.column) in rules
        }
        if not failed or frame.height == 0:
            continue
        from expectations.runner import failing_rows  # imports GX lazily, on first need

        results = failing_rows(table, frame, list(failed.values()), now=now)
        by_label = {_label(r): r for r in results}
        bad: set[int] = set()
        for i, expectation in failed.items():
            rows = _positions(by_label.get((expectation["type"], checks[i].column)))
            if not rows:  # GX could not say which rows: the failure stands
                continue
            bad.update(rows)
            pieces.append(_records(table, frame, rows, expectation))
            n = len(rows)
            checks[i] = replace(
                checks[i],
                success=True,
                severity="warning",
                detail=f"{checks[i].detail}; {n} {'row' if n == 1 else 'rows'} quarantined",
            )
        if bad:
            dropped[table] = _take(frame, bad)
            out[table] = _drop(frame, bad)
    pieces += _cascade(out, dropped)
    quarantined = pl.concat(pieces) if pieces else pl.DataFrame(schema=QUARANTINE_SCHEMA)
    return Isolation(out, quarantined, checks)


def _label(result: ExpectationValidationResult) -> tuple[str, str | None]:
    config = result.expectation_config
    if config is None:
        return ("", None)
    return (str(config.type), column_label(dict(config.kwargs)))


def _positions(result: ExpectationValidationResult | None) -> list[int]:
    """Positions of the rows GX found breaking the expectation; empty if it could not run."""
    if result is None or exception_message(result.exception_info) is not None:
        return []
    found = (result.result or {}).get("unexpected_index_list") or []
    return sorted({int(i) for i in found})


def _take(frame: pl.DataFrame, rows: set[int] | list[int]) -> pl.DataFrame:
    return frame.with_row_index(_ROW).filter(pl.col(_ROW).is_in(sorted(rows))).drop(_ROW)


def _drop(frame: pl.DataFrame, rows: set[int]) -> pl.DataFrame:
    return frame.with_row_index(_ROW).filter(~pl.col(_ROW).is_in(sorted(rows))).drop(_ROW)


def _records(
    table: str, frame: pl.DataFrame, rows: list[int], expectation: Mapping[str, Any]
) -> pl.DataFrame:
    """Quarantine rows for the frame's ``rows`` that broke ``expectation``."""
    kwargs: dict[str, Any] = dict(expectation.get("kwargs", {}))
    kind = str(expectation["type"])
    taken = _take(frame, rows)
    details = [row_detail(table, kind, kwargs, values) for values in taken.iter_rows(named=True)]
    return _quarantine_frame(table, taken, f"{kind}:{column_label(kwargs)}", details)


def _quarantine_frame(
    table: str, rows: pl.DataFrame, check: str, details: list[str]
) -> pl.DataFrame:
    key = _KEYS.get(table, ())
    if key and all(k in rows.columns for k in key):
        # A composite key would be joined with "|"; every batch table has a single one.
        row_key = pl.concat_str([pl.col(k).cast(pl.String) for k in key], separator="|")
    else:
        row_key = pl.lit(None, dtype=pl.String())
    return rows.select(
        pl.lit(table, dtype=pl.String()).alias("table_name"),
        row_key.alias("row_key"),
        pl.lit(check, dtype=pl.String()).alias("check"),
        pl.Series("detail", details, dtype=pl.String()),
        # polars writes dates and timestamps as ISO text and NaN as null: plain JSON.
        pl.struct(pl.all()).struct.json_encode().alias("row_json"),
    )


def _cascade(
    out: dict[str, pl.DataFrame], dropped: Mapping[str, pl.DataFrame]
) -> list[pl.DataFrame]:
    """Drop (from ``out``) the rows that quarantine orphaned; return their quarantine rows."""
    pieces: list[pl.DataFrame] = []
    events = dropped.get("events")
    participants = out.get("event_participants")
    if events is not None and participants is not None and participants.height:
        # participants_have_events: a participant needs its event in the warehouse.
        gone = events.get_column("event_id").drop_nulls().unique()
        orphans = participants.get_column("event_id").is_in(gone.implode())
        if orphans.any():
            rows = participants.filter(orphans)
            details = [
                f"event_participants: its event {r['event_id']!r} was quarantined"
                for r in rows.iter_rows(named=True)
            ]
            pieces.append(
                _quarantine_frame("event_participants", rows, PARENT_QUARANTINED, details)
            )
            out["event_participants"] = participants.filter(~orphans)
    quotes, speakers = dropped.get("quotes"), out.get("speakers")
    if quotes is not None and speakers is not None and speakers.height:
        # speakers_have_quotes: a speaker row needs a quote of that speaker in that article.
        pair = ["article_id", "speaker"]
        lost = quotes.select(pair).unique()
        kept = out["quotes"].select(pair).unique() if "quotes" in out else lost.clear()
        orphaned = lost.join(kept, on=pair, how="anti", nulls_equal=False)
        rows = speakers.join(orphaned, on=pair, how="semi")
        if rows.height:
            details = [
                f"speakers: every quote of {r['speaker']!r} in {r['article_id']!r} was quarantined"
                for r in rows.iter_rows(named=True)
            ]
            pieces.append(_quarantine_frame("speakers", rows, PARENT_QUARANTINED, details))
            out["speakers"] = speakers.join(orphaned, on=pair, how="anti")
    return pieces
