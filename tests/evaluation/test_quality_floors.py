"""Quality floors: a change that makes an extractor clearly worse fails here.

The floors sit below the figures measured when they were set (README, Quality); they guard
against regressions, not against missing the goals. Tests on ../shared skip where it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLE
from transforms.article import extract_article
from transforms.decoding import decode_html
from transforms.records import Article, SourceDocument
from wirehouse.evaluation.events import evaluate_sample, evaluate_seed
from wirehouse.evaluation.extraction import page_precision_recall
from wirehouse.evaluation.metrics import Metric
from wirehouse.evaluation.quotes import sample_docs, score_docs, seed_docs


def figures(metrics: list[Metric]) -> dict[str, float]:
    return {m.metric: m.value for m in metrics}


def test_seed_quotes(shared_corpora: Path) -> None:
    got = figures(score_docs("seed", seed_docs(shared_corpora / "seed")))
    assert got["speech_f1"] >= 0.9 and got["speech_speaker_accuracy"] >= 0.9


def test_seed_events(shared_corpora: Path) -> None:
    got = figures(evaluate_seed(shared_corpora / "seed"))
    assert got["typed_f1"] >= 0.7 and got["date_exact"] >= 0.9


def test_zyte_text_on_a_slice(shared_corpora: Path) -> None:
    import gzip

    root = shared_corpora / "zyte"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    scores = []
    for page_id in sorted(truth)[:40]:
        html = decode_html(gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()))
        doc = SourceDocument(
            url=truth[page_id]["url"], source="t", locator=page_id, content_hash="h", html=html
        )
        result = extract_article(doc)
        text = result.text if isinstance(result, Article) else ""
        scores.append(page_precision_recall(text, truth[page_id]["articleBody"]))
    precision = sum(p for p, _ in scores) / len(scores)
    recall = sum(r for _, r in scores) / len(scores)
    assert 2 * precision * recall / (precision + recall) >= 0.93


def test_sample_gold_quotes() -> None:
    got = figures(score_docs("sample", sample_docs(SAMPLE)))
    assert got["quoted_f1"] >= 0.65 and got["speaker_accuracy"] >= 0.85


def test_sample_gold_events() -> None:
    got = figures(evaluate_sample(SAMPLE))
    assert got["typed_f1"] >= 0.35 and got["date_exact"] >= 0.65
