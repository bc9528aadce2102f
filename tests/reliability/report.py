"""Print the figures of the last reliability session (`make reliability` runs it after pytest):
kills survived, rows lost, duplicates, bad inputs and how each ended, fuzzing, concurrency.

Reads the JSON the tests wrote under ``build/reliability/``; a concern whose tests did not
run (or were skipped) says so instead of printing a figure it does not have.

    python -m tests.reliability.report
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parents[2] / "build" / "reliability"


def _load(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _kills(lines: list[str]) -> None:
    inline, prefect = _load("kills_inline"), _load("kills_prefect")
    runs = [r for r in (inline, prefect) if r]
    if not runs:
        lines.append("kills: not run")
        return
    kills = [k for r in runs for k in r["kills"]]
    lost = sum(r["rows_lost"] for r in runs)
    extra = sum(r["rows_extra"] for r in runs)
    dups = sum(r["duplicate_keys"] for r in runs)
    orphans = sum(r["orphan_rows"] for r in runs)
    by_orchestrator = Counter(k["orchestrator"] for k in kills)
    lines.append(
        f"kills survived: {len(kills)} SIGKILLs ("
        + ", ".join(f"{n} {o}" for o, n in sorted(by_orchestrator.items()))
        + f") in {sum(r['trials'] for r in runs)} trials, each rerun to completion"
    )
    lines.append(f"  rows lost: {lost}   rows extra: {extra}   duplicates: {dups}   "
                 f"orphans: {orphans}")  # fmt: skip
    if inline:
        lines.append(f"  an uninterrupted run took {inline['uninterrupted_seconds']:.1f} s")
    opened = sum(1 for k in kills if k["warehouse_open"])
    stale = sum(1 for k in kills if k.get("stale_lock"))
    lines.append(f"  killed with the warehouse file open: {opened}; stale lock files left "
                 f"naming the dead run: {stale}, none blocked the next run")  # fmt: skip
    timing = Counter(k["timing"] for k in kills)
    lines.append("  timing: " + ", ".join(f"{n} {t}" for t, n in timing.most_common()))
    for phase, n in Counter(k["phase"] for k in kills).most_common():
        held = sum(1 for k in kills if k["phase"] == phase and k["warehouse_open"])
        lines.append(f"  {n:4d}  {phase} ({held} with the file open)")
    for state, n in Counter(k["marts"] for k in kills).most_common():
        lines.append(f"  {n:4d}  marts right after the kill: {state}")


def _fetch_kills(lines: list[str]) -> None:
    fetch = _load("kills_fetch")
    if not fetch:
        lines.append("kills during fetch: not run")
        return
    kills = fetch["kills"]
    answered = sorted(k["pages_answered"] for k in kills)
    lines.append(
        f"kills during fetch (`wirehouse run` over HTTP on 127.0.0.1): {len(kills)}, after "
        f"{answered[0]}-{answered[-1]} of {kills[0]['pages_in_all']} pages answered; rows lost "
        f"{fetch['rows_lost']}, extra {fetch['rows_extra']}, duplicates "
        f"{fetch['duplicate_keys']}, orphans {fetch['orphan_rows']}"
    )


def _reruns(lines: list[str]) -> None:
    ingest, backfill = _load("rerun_ingest"), _load("rerun_backfill")
    if ingest:
        lines.append(
            f"same input twice: {ingest['mart_rows']} mart rows, second run "
            f"{ingest['second_run_unchanged']} unchanged, lost {ingest['rows_lost']}, "
            f"extra {ingest['rows_extra']}"
        )
    else:
        lines.append("same input twice: not run")
    if backfill:
        orders = ", ".join(
            f"{k}: lost {v['rows_lost']} extra {v['rows_extra']}"
            for k, v in backfill.items()
            if isinstance(v, dict)
        )
        lines.append(f"overlapping backfills vs one ({backfill['mart_rows']} rows): {orders}")
    else:
        lines.append("overlapping backfills: not run (make reliability runs them)")


def _table(lines: list[str], title: str, rows: dict[str, str] | None) -> None:
    if not rows:
        lines.append(f"{title}: not run")
        return
    lines.append(f"{title}:")
    width = max(len(k) for k in rows)
    lines += [f"  {k:<{width}}  {v}" for k, v in rows.items()]


def _hostile(lines: list[str]) -> None:
    hostile = _load("hostile")
    if not hostile:
        lines.append("bad inputs: not run")
        return
    inputs = hostile["inputs"]
    lines.append(f"bad inputs tried: {len(inputs)} in one run, which exited "
                 f"{hostile['exit_code']}")  # fmt: skip
    _table(lines, "  how each ended", {i["input"]: i["ended"] for i in inputs})


def _fuzz(lines: list[str]) -> None:
    fuzz = _load("fuzz")
    if not fuzz:
        lines.append("fuzzing: not run")
        return
    lines.append(
        f"fuzzing (atheris, HTML → article → quotes/events, feeds): {fuzz['seconds']} s, "
        f"{fuzz['executions']} inputs from {fuzz['seeds']} seeds, crashes: {fuzz['crashes']}"
    )


def _safety(lines: list[str]) -> None:
    sql, processes = _load("code_safety_sql"), _load("code_safety_processes")
    if sql:
        lines.append(
            f"SQL: {sql['formatted_sql_sites']} formatted values, all reviewed identifiers; "
            f"unreviewed: {len(sql['unreviewed'])}"
        )
    if processes:
        lines.append(
            f"processes: {len(processes['process_sites'])} call sites, argument lists only, "
            f"no shell; problems: {len(processes['problems'])}"
        )


def render() -> str:
    lines = ["Wirehouse reliability", "=" * 21]
    _kills(lines)
    _fetch_kills(lines)
    _reruns(lines)
    _table(lines, "disk and permissions", _load("disk"))
    _table(lines, "concurrency", _load("concurrency"))
    _hostile(lines)
    _fuzz(lines)
    _safety(lines)
    return "\n".join(lines)


def main() -> None:
    if not RESULTS.is_dir():
        sys.exit(f"no results in {RESULTS}: run `make reliability`")
    print(render())


if __name__ == "__main__":
    main()
