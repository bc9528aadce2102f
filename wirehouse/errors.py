"""The errors Wirehouse raises, as a tree a caller can catch at the level it cares about.

    WirehouseError
    ├── UsageError             bad arguments or configuration (exit code 2)
    │   └── ConfigError        sources.toml cannot be read or is invalid
    ├── WarehouseError         the DuckDB file cannot be used
    │   └── WarehouseBusy      another process holds the file or the run lock
    └── RunFailed              a run started but could not finish (exit code 1)
        └── ChecksFailed       a critical data-quality check stopped promotion
            └── AuditFailed    a cross-table audit rolled the promotion back

Every message names what is at fault (the file, URL, record, check) in one line; the CLI
prints it in red and exits with :attr:`WirehouseError.exit_code`.
"""

from __future__ import annotations

from typing import Any


class WirehouseError(Exception):
    """Base of every error Wirehouse raises on purpose."""

    exit_code = 1


class UsageError(WirehouseError):
    """The command was called wrongly: a missing path, a bad date, a bad option."""

    exit_code = 2


class ConfigError(UsageError):
    """The sources file is missing, malformed, or names an unknown kind of source."""


class WarehouseError(WirehouseError):
    """The warehouse file cannot be opened, written or read."""


class WarehouseBusy(WarehouseError):
    """Another process holds the warehouse (a writer, or readers while we want to write)."""


class RunFailed(WirehouseError):
    """A run started but did not complete; the warehouse marts are unchanged."""


class ChecksFailed(RunFailed):
    """A critical data-quality check failed, so the load was not promoted to the marts."""


class AuditFailed(ChecksFailed):
    """A critical cross-table audit failed inside the promotion, which was rolled back.

    ``results`` holds every audit's outcome, to be recorded after the rollback.
    """

    def __init__(self, message: str, results: list[Any]) -> None:
        super().__init__(message)
        self.results = results
