"""How far a run has got, for whoever watches it (the CLI's progress bar, a notebook).

The runner reports counts as it goes to the callback installed with :func:`reporting`; with
none installed, reports cost nothing. A context variable rather than a parameter, because the
run may be a Prefect flow whose parameters must be plain JSON values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path

__all__ = ["ProgressCallback", "RunProgress", "count_inputs", "report", "reporting"]


@dataclass(frozen=True, slots=True)
class RunProgress:
    """Counts so far: documents read; loaded (or outside a backfill's range), rejected and
    skipped (unchanged, or listed twice in the run), once their batch is staged.

    ``total`` is the number of documents expected when it is known in advance (input files
    and JSONL lines), else None.
    """

    read: int = 0
    processed: int = 0
    rejected: int = 0
    unchanged: int = 0
    total: int | None = None

    @property
    def done(self) -> int:
        """Documents that need nothing more: processed, rejected or skipped as unchanged."""
        return self.processed + self.rejected + self.unchanged


ProgressCallback = Callable[[RunProgress], None]

_sink: ContextVar[ProgressCallback | None] = ContextVar("wirehouse_progress", default=None)


@contextmanager
def reporting(callback: ProgressCallback | None) -> Iterator[None]:
    """Send this context's run progress to ``callback`` (None: to nobody)."""
    token = _sink.set(callback)
    try:
        yield
    finally:
        _sink.reset(token)


def report(progress: RunProgress) -> None:
    """Hand the current counts to the installed callback, if any."""
    callback = _sink.get()
    if callback is not None:
        callback(progress)


class Tally:
    """The runner's running counts, reported on every change."""

    def __init__(self, total: int | None = None) -> None:
        self.state = RunProgress(total=total)

    def add(self, **counts: int) -> None:
        self.state = replace(
            self.state, **{k: getattr(self.state, k) + v for k, v in counts.items()}
        )
        report(self.state)


def count_inputs(paths: Sequence[Path]) -> int | None:
    """Documents in local inputs: one per page, one per JSONL line; None if unknowable cheaply.

    Compressed JSONL would need a full decompression to count, so it makes the total unknown;
    so does a file that cannot be read (reading it later makes it a reject, naming it).

    Raises
    ------
    UsageError
        A path does not exist or is not an input file.
    """
    from wirehouse.inputs import expand_paths

    total = 0
    for path in expand_paths(list(paths)):
        name = path.name.lower()
        if name.endswith(".jsonl"):
            try:
                with path.open("rb") as handle:
                    total += sum(
                        chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")
                    )
            except OSError:
                return None
        elif name.endswith((".jsonl.gz",)):
            return None
        else:
            total += 1
    return total
