"""`wirehouse eval` / `make eval`: which corpora, which suites, in which order."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from wirehouse.errors import UsageError
from wirehouse.evaluation.metrics import Metric

SUITES = ("extraction", "dates", "quotes", "events")
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SAMPLE = PROJECT_ROOT / "sample"


def corpora_dir(given: Path | None = None) -> Path | None:
    """The shared corpora: the option, else ``WIREHOUSE_CORPORA``, else ``../shared/corpora``
    beside the project; None when none of them exists."""
    for candidate in (
        given,
        os.environ.get("WIREHOUSE_CORPORA"),
        PROJECT_ROOT.parent / "shared" / "corpora",
    ):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def run_evaluation(
    suites: Sequence[str], *, corpora: Path | None = None, split: str = "dev"
) -> list[Metric]:
    """Run the named suites (all when empty) and return every figure they measured."""
    unknown = sorted(set(suites) - set(SUITES))
    if unknown:
        raise UsageError(f"eval: unknown suite(s) {unknown}; choose from {list(SUITES)}")
    if split not in ("dev", "test"):
        raise UsageError(f"eval: --split must be dev or test, got {split!r}")
    root = corpora_dir(corpora)
    if root is None:
        raise UsageError(
            "eval: the shared corpora were not found; pass --corpora or set WIREHOUSE_CORPORA"
        )
    sample = SAMPLE if SAMPLE.is_dir() else None

    def quotes() -> list[Metric]:
        from wirehouse.evaluation.quotes import evaluate

        return evaluate(root, sample, split=split)

    def events() -> list[Metric]:
        from wirehouse.evaluation.events import evaluate

        return evaluate(root, sample)

    def extraction() -> list[Metric]:
        from wirehouse.evaluation.extraction import evaluate_text

        return evaluate_text(root)

    def dates() -> list[Metric]:
        from wirehouse.evaluation.extraction import evaluate_dates

        return evaluate_dates(root)

    runners: dict[str, Callable[[], list[Metric]]] = {
        "extraction": extraction,
        "dates": dates,
        "quotes": quotes,
        "events": events,
    }
    metrics: list[Metric] = []
    for name in suites or SUITES:
        metrics += runners[name]()
    return metrics
