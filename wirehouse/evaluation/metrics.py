"""The figure every evaluation reports, and precision/recall arithmetic shared by them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Metric:
    """One measured figure: ``suite`` (extraction, dates, quotes, events), ``dataset``
    (e.g. ``polnear/dev``), ``metric`` (e.g. ``quoted_f1``), its value and the number of
    items it was measured on."""

    suite: str
    dataset: str
    metric: str
    value: float
    n: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 from true-positive, false-positive and false-negative counts."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def metrics(self, suite: str, dataset: str, prefix: str) -> list[Metric]:
        """The three figures as :class:`Metric` rows named ``{prefix}_precision`` etc."""
        n = self.tp + self.fn
        return [
            Metric(suite, dataset, f"{prefix}_precision", self.precision, self.tp + self.fp),
            Metric(suite, dataset, f"{prefix}_recall", self.recall, n),
            Metric(suite, dataset, f"{prefix}_f1", self.f1, n),
        ]


def format_table(metrics: list[Metric]) -> str:
    """Render metrics as an aligned plain-text table for the terminal and closing notes."""
    header = ("suite", "dataset", "metric", "value", "n", "note")
    rows = [header] + [
        (m.suite, m.dataset, m.metric, f"{m.value:.3f}", str(m.n), m.note) for m in metrics
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    )
