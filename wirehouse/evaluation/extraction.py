"""Article text (Zyte benchmark metric) and publication dates (htmldate news200).

Both are measured end to end: the pages are written as JSONL (url, html), loaded with
``wirehouse ingest`` into a scratch warehouse, and scored from ``articles``, so what is
measured is what an analyst would query (a rejected page counts as no text and no date).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
import re
import tempfile
from collections import Counter
from pathlib import Path

from transforms.article import page_published_date
from transforms.decoding import decode_html
from wirehouse.evaluation.metrics import Metric

_TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """The benchmark's unit: a multiset of ``size``-token shingles of the ``\\w+`` tokens."""
    tokens = _TOKEN.findall(text)
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_precision_recall(predicted: str, expected: str) -> tuple[float, float]:
    """Per-page precision and recall over shingles, as the Zyte benchmark computes them.

    Examples
    --------
    >>> page_precision_recall("a b c d e", "a b c d e")
    (1.0, 1.0)
    >>> page_precision_recall("", "a b c d")
    (0.0, 0.0)
    """
    pred, gold = shingles(predicted), shingles(expected)
    tp = sum((pred & gold).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    if tp == 0:
        return 0.0, 0.0
    return tp / (tp + fp), tp / (tp + fn)


def _html(path: Path) -> str:
    if not path.exists() and path.with_name(path.name + ".gz").exists():
        path = path.with_name(path.name + ".gz")
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return decode_html(raw)


def ingest_pages(pages: dict[str, str]) -> dict[str, tuple[str, dt.date | None]]:
    """Load ``{url: html}`` through ``wirehouse ingest`` into a scratch warehouse.

    Returns ``{url: (text, published day)}`` for the pages that became articles.
    """
    from wirehouse import api
    from wirehouse.settings import Settings

    with tempfile.TemporaryDirectory(prefix="wirehouse-eval-") as scratch:
        folder = Path(scratch)
        corpus = folder / "pages.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for url, html in pages.items():
                handle.write(json.dumps({"url": url, "html": html}) + "\n")
        settings = Settings(db=folder / "eval.duckdb", orchestrator="inline")
        api.ingest([corpus], settings=settings)
        _, rows = api.query("SELECT url, text, published_at::DATE FROM articles", settings=settings)
    return {url: (text, published) for url, text, published in rows}


def evaluate_text(corpora: Path) -> list[Metric]:
    """Zyte article-extraction benchmark through ``ingest``: mean P, mean R, F1 of the means."""
    root = corpora / "zyte"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {item["url"]: _html(root / "html" / f"{pid}.html.gz") for pid, item in truth.items()}
    loaded = ingest_pages(pages)
    precisions, recalls = [], []
    for item in truth.values():
        predicted = loaded.get(item["url"], ("", None))[0]
        p, r = page_precision_recall(predicted, item["articleBody"])
        precisions.append(p)
        recalls.append(r)
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    n = len(precisions)
    return [
        Metric("extraction", "zyte", "text_precision", p, n),
        Metric("extraction", "zyte", "text_recall", r, n),
        Metric("extraction", "zyte", "text_f1", f1, n, "goal >= 0.958; anchors >= 0.970"),
        Metric("extraction", "zyte", "pages_loaded", len(loaded) / n, n),
    ]


def evaluate_dates(corpora: Path) -> list[Metric]:
    """htmldate news200: share of pages whose publication day is exactly right.

    Undated pages count as right only when no date is given. Reported twice: through
    ``ingest`` (a page rejected for its text has no date) and for the date finder alone.
    """
    root = corpora / "htmldate"
    truth = json.loads((root / "news200.json").read_text(encoding="utf-8"))
    pages = {url: _html(root / "news200" / item["file"]) for url, item in truth.items()}
    loaded = ingest_pages(pages)
    right_ingest = right_finder = 0
    for url, item in truth.items():
        expected = item["date"]
        want = None if isinstance(expected, float) and math.isnan(expected) else expected
        want_day = dt.date.fromisoformat(want) if want else None
        right_ingest += loaded.get(url, ("", None))[1] == want_day
        found = page_published_date(pages[url], url)
        right_finder += (found.date() if found else None) == want_day
    n = len(truth)
    return [
        Metric(
            "dates",
            "htmldate/news200",
            "date_accuracy",
            right_ingest / n,
            n,
            "through ingest; goal >= 0.88 (issue 2), >= 0.95 (anchors)",
        ),
        Metric(
            "dates",
            "htmldate/news200",
            "date_accuracy_finder",
            right_finder / n,
            n,
            "the date finder alone, rejected pages included",
        ),
    ]
