"""Logging and Prefect environment defaults for command-line use.

The libraries underneath are chatty at INFO (Prefect per task, Great Expectations per
context, trafilatura per discarded block); a nightly job's output should be the summary and
the problems. Each default yields to a value the user already set.
"""

from __future__ import annotations

import logging
import os

_PREFECT_DEFAULTS = {
    # Prefect reads these at import: quiet per-task INFO lines, give the temporary API server
    # time to start on a loaded 2-core machine, and make no telemetry calls from a batch job.
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # A failed run is reported once, as one line naming the cause; Prefect's engine would
    # also log the traceback of every exception a flow or task raises.
    "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "CRITICAL",
}
_QUIET = {
    "trafilatura": logging.ERROR,
    "htmldate": logging.ERROR,
    "great_expectations": logging.WARNING,
}


def configure_logging() -> None:
    """Apply the defaults above; call before Prefect is imported."""
    for name, value in _PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
    for name, level in _QUIET.items():
        logging.getLogger(name).setLevel(level)
