"""The terminal's view of a run's progress: a ``rich`` bar with rate and time left.

Shown on stderr only when it is a terminal, and never with ``--quiet`` or ``--json``: cron
mail and piped JSON stay clean. The bar goes when the run ends; the summary follows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Column
from rich.text import Text

from wirehouse.progress import RunProgress, reporting

__all__ = ["describe", "progress_bar"]


class _RateColumn(ProgressColumn):
    """Documents per second since the start: batches finish in bursts, so rich's windowed
    speed (and its byte-counting speed column) would jump about."""

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        if not elapsed or not task.completed:
            return Text("")
        return Text(f"{task.completed / elapsed:.1f} docs/s", style="progress.data.speed")


def describe(progress: RunProgress) -> str:
    """The counts beside the bar: ``read 400 · loaded 380 · rejected 12 · unchanged 8``."""
    return (
        f"read {progress.read} · loaded {progress.processed} · "
        f"rejected {progress.rejected} · unchanged {progress.unchanged}"
    )


@contextmanager
def progress_bar(console: Console, *, enabled: bool = True) -> Iterator[None]:
    """Show the progress of the run made inside the block, when ``enabled`` and on a TTY."""
    if not enabled or not console.is_terminal:
        yield
        return

    def fixed(width: int) -> Column:
        return Column(no_wrap=True, min_width=width)

    columns = (
        TextColumn("[bold]documents", table_column=fixed(9)),
        BarColumn(bar_width=12, table_column=fixed(12)),
        MofNCompleteColumn(table_column=fixed(11)),
        _RateColumn(table_column=fixed(12)),
        TimeRemainingColumn(elapsed_when_finished=True, table_column=fixed(7)),
        # The counts take what is left of the line, cut rather than wrapped.
        TextColumn(
            "{task.fields[counts]}",
            table_column=Column(ratio=1, no_wrap=True, overflow="ellipsis"),
        ),
    )
    with Progress(*columns, console=console, transient=True, expand=True) as bar:
        task = bar.add_task("documents", total=None, counts="starting")

        def update(progress: RunProgress) -> None:
            bar.update(
                task, completed=progress.done, total=progress.total, counts=describe(progress)
            )

        with reporting(update):
            yield
