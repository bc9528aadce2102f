"""What a run is asked to do and what it reports: plain values, so a Prefect flow can take and
return them."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from transforms.batch import DateWindow


@dataclass(frozen=True, slots=True)
class RunRequest:
    """What to load: plain values only, so a Prefect flow can take it as a parameter."""

    command: str  # ingest | run | backfill | reprocess
    paths: tuple[str, ...] = ()
    start: str | None = None  # backfill window, YYYY-MM-DD, inclusive
    end: str | None = None

    @property
    def window(self) -> DateWindow | None:
        if self.start is None or self.end is None:
            return None
        return DateWindow(dt.date.fromisoformat(self.start), dt.date.fromisoformat(self.end))

    def describe(self) -> str:
        args = list(self.paths)
        if self.start:
            args += [f"--start {self.start}", f"--end {self.end}"]
        return " ".join([self.command, *args])


@dataclass
class RunSummary:
    """What a run did, for the one-screen summary, ``--json`` and the tests."""

    load_id: str
    command: str
    db: str
    status: str = "running"
    documents_read: int = 0
    unchanged: int = 0
    duplicates_in_run: int = 0
    outside_window: int = 0
    loaded: dict[str, int] = field(default_factory=dict)
    rejects_by_reason: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    failure: str | None = None
    check_failures: list[str] = field(default_factory=list)
    check_warnings: list[str] = field(default_factory=list)
    docs_path: str | None = None
    report_path: str | None = None
    quarantined: dict[str, int] = field(default_factory=dict)
    abandoned: list[str] = field(default_factory=list)  # dead runs' loads this run swept up
    web: dict[str, int] = field(default_factory=dict)  # requests, fetched, 304s: web sources
    # Rows loaded since the search index was last built, when its rebuild was put off.
    not_indexed: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
