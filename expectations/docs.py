"""Great Expectations Data Docs for a run: each table's worst batch, rendered by GX itself.

A run validates many batches; a site with one page per batch would bury the one that
matters. :class:`RunValidations` keeps, per table, the raw GX result of the worst batch
(see :meth:`RunValidations.add`), and :func:`build_data_docs` renders those with GX's own
site builder into a folder of the caller's choosing.

Why it is built this way:

- The docs get their own ephemeral context with in-memory stores, not the runner's cached
  context (whose store would accumulate every batch of the process) and not a file context
  (which writes ``gx/`` into the working directory). The only files written are the site's,
  under the folder given.
- The ephemeral default adds a docs site in a temporary directory (and creates and removes
  that directory on the way); the context here is configured without it.
- Offline, the pages render without Bootstrap and Font Awesome, which GX links from CDNs and
  does not ship. GX's own stylesheet is inlined into every page and its fonts and images are
  copied into ``static/``, so the pages stay readable.
- Importing this module does not import GX; :func:`build_data_docs` only runs after
  validations did, when GX is already loaded.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import Any, Final

from expectations.results import exception_message
from expectations.suites import load_suite_spec, suite_names

_SITE: Final = "wirehouse"

__all__ = ["RunValidations", "build_data_docs"]


@dataclass(frozen=True)
class _Kept:
    result: Any  # ExpectationSuiteValidationResult: kept whole for GX's renderer
    batch: int  # 1-based number of the table's batch in the run
    badness: tuple[int, int]


class RunValidations:
    """Per table, the raw GX validation result of the worst batch of a run.

    Worst means most failed expectations, then most unexpected rows; on a tie (including
    "all passed") the earlier batch stays. Failed expectations come first because one that
    could not run at all (a missing column) counts no unexpected rows yet is the worse news.
    Thread-safe: batches may be validated from several threads.
    """

    def __init__(self) -> None:
        self._kept: dict[str, _Kept] = {}
        self._batches: Counter[str] = Counter()
        self._lock = threading.Lock()

    def add(self, table: str, gx_result: Any) -> None:
        """Count one batch of ``table`` and keep its result if it is the worst so far.

        Parameters
        ----------
        table : str
            Table name (the suite's name).
        gx_result : ExpectationSuiteValidationResult
            What ``batch.validate(suite)`` returned.
        """
        score = _badness(gx_result)
        with self._lock:
            self._batches[table] += 1
            kept = self._kept.get(table)
            if kept is None or score > kept.badness:
                self._kept[table] = _Kept(gx_result, self._batches[table], score)

    @property
    def tables(self) -> list[str]:
        """Tables with a kept result, sorted."""
        return sorted(self._kept)

    def batches(self, table: str) -> int:
        """How many batches of ``table`` were added."""
        return self._batches[table]

    def worst(self, table: str) -> tuple[Any, int]:
        """The kept GX result of ``table`` and the number of its batch (1-based)."""
        kept = self._kept[table]
        return kept.result, kept.batch

    def __len__(self) -> int:
        return len(self._kept)


def _badness(gx_result: Any) -> tuple[int, int]:
    failed = rows = 0
    for r in gx_result.results:
        if r.success and exception_message(r.exception_info) is None:
            continue
        failed += 1
        rows += int((r.result or {}).get("unexpected_count") or 0)
    return failed, rows


def build_data_docs(collector: RunValidations, folder: Path, run_name: str) -> Path | None:
    """Render the collected results as a GX Data Docs site.

    Parameters
    ----------
    collector : RunValidations
        The run's results (fed by ``validate_frames(..., collector=...)``).
    folder : Path
        Where the site goes; created if missing. Nothing is written elsewhere.
    run_name : str
        Shown in the site and used as a folder name (characters other than letters, digits,
        ``.``, ``_`` and ``-`` become ``_`` so that it cannot leave ``folder``).

    Returns
    -------
    Path or None
        The site's ``index.html``; None when nothing was collected (no site is written).
    """
    if not len(collector):
        return None
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    started = perf_counter()
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        analytics_enabled=False,  # offline: no usage events to send
        progress_bars=ProgressBarsConfig(globally=False),
    )
    context = gx.get_context(project_config=config, mode="ephemeral")
    context.add_data_docs_site(
        _SITE,
        {
            # GX 1.x documents base_directory as the only setting of a local site.
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(folder),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    run_id = RunIdentifier(run_name=_safe(run_name), run_time=dt.datetime.now(dt.UTC))
    known = set(suite_names())
    for table in collector.tables:
        result, batch = collector.worst(table)
        suite = str(result.suite_name or table)
        if suite in known:
            # The suite's own page (every expectation with its meta) sits beside the results.
            context.suites.add(gx.ExpectationSuite(**load_suite_spec(suite)))
        key = ValidationResultIdentifier(
            expectation_suite_identifier=ExpectationSuiteIdentifier(name=suite),
            run_id=run_id,
            # Names the batch in the site: "worst of N" tells a reader what they look at.
            batch_identifier=f"batch-{batch}-of-{collector.batches(table)}",
        )
        context.validation_results_store.store_validation_results(result, key)
    context.build_data_docs(site_names=[_SITE])
    index = folder / "index.html"
    _log_seconds(perf_counter() - started)
    return index if index.is_file() else None


def _safe(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", name).lstrip(".")
    return cleaned or "run"


def _log_seconds(seconds: float) -> None:
    import logging

    logging.getLogger(__name__).debug("data docs built in %.2f s", seconds)
