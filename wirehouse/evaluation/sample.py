"""The sample corpus as the nightly job sees it, for scoring against its gold.

Pages are read through their outlets' feeds (so the feed's publication date wins, as it does
in a run, and relative dates in the gold resolve against it) and extracted by the pipeline's
own extractor: what is scored is what ``make run`` loads.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from transforms.article import extract_article
from transforms.records import Article, SourceDocument
from wirehouse.config import SourceConfig
from wirehouse.inputs import SourceReader


@cache
def sample_articles(sample: Path) -> dict[str, Article]:
    """Every article of the sample, by URL (the gold's ``doc``)."""
    articles: dict[str, Article] = {}
    for feed in sorted((sample / "feeds").glob("*.xml")):
        config = SourceConfig(name=feed.stem, kind="feed", location=feed, mirror=sample / "site")
        for doc in SourceReader(config, max_bytes=50_000_000).documents():
            if isinstance(doc, SourceDocument):
                result = extract_article(doc)
                if isinstance(result, Article):
                    articles[result.url] = result
    return articles


def gold_by_doc(sample: Path, kind: str) -> dict[str, list[dict[str, Any]]]:
    """The sample gold of one kind (``quotes`` or ``events``), grouped by article URL."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for path in sorted((sample / "gold").glob(f"*.{kind}.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                grouped.setdefault(record["doc"], []).append(record)
    return grouped
