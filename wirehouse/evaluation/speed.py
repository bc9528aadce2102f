"""Articles per second of one extraction stage alone, on the Zyte benchmark's article texts."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from wirehouse.evaluation.metrics import Metric


def stage_speed(suite: str, zyte: Path, stage: Callable[[str], object]) -> list[Metric]:
    """Time ``stage`` over the 181 ground-truth texts (real news, ~4,500 characters each).

    One process, one core; the first text is run once before timing so that lazily built
    tables are not counted.
    """
    truth = zyte / "ground-truth.json"
    if not truth.exists():
        return []
    texts = [v["articleBody"] for v in json.loads(truth.read_text(encoding="utf-8")).values()]
    stage(texts[0])
    started = time.perf_counter()
    for text in texts:
        stage(text)
    rate = len(texts) / (time.perf_counter() - started)
    return [Metric(suite, "zyte", "articles_per_second", rate, len(texts), "one core")]
