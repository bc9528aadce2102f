"""Batches of documents out to workers, their frames back, a bounded number in flight.

The CPU-bound part of a run (:func:`transforms.batch.transform_batch`: extraction, quotes,
events) runs on workers: processes on this machine, threads, or a Dask cluster. The frames
come back (Arrow-backed polars frames, pickled) to the one process that writes DuckDB, which
checks them with Great Expectations a staging write at a time (:mod:`wirehouse.stages`):
GX's cost is nearly all per call (graph building), so one call over ~2,000 articles costs
about what one over 200 did, and workers need not import GX at all.
Batches go out in pieces (:meth:`TransformPool.map`). At most ``window`` pieces are submitted
and not yet consumed, so memory holds a few hundred pages whatever the size of the run
(backpressure), and results are handed back in submission order, so a run stages the same
rows in the same order whatever the runner.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import select
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import ExitStack
from itertools import chain
from typing import Literal, Protocol, TypeVar

from expectations.runner import warm_up
from transforms.batch import BatchFrames, DateWindow, transform_batch
from wirehouse.errors import RunFailed
from wirehouse.inputs import Item

TaskRunner = Literal["serial", "process", "thread", "dask"]

Job = TypeVar("Job")
Result = TypeVar("Result")
Result_co = TypeVar("Result_co", covariant=True)


class Pending(Protocol[Result_co]):
    """Anything with a blocking ``result()``: concurrent, Dask and Prefect futures alike."""

    def result(self) -> Result_co: ...


def bounded_map(
    submit: Callable[[Job], Pending[Result]], jobs: Iterable[Job], window: int
) -> Iterator[Result]:
    """Submit ``jobs`` keeping at most ``window`` in flight; yield results in submission order.

    ``jobs`` is consumed lazily: the next job is only read when a slot frees, so a reader
    behind it never runs ahead of the workers by more than ``window`` batches.

    Examples
    --------
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as pool:
    ...     list(bounded_map(lambda n: pool.submit(pow, n, 2), range(5), window=2))
    [0, 1, 4, 9, 16]
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    in_flight: deque[Pending[Result]] = deque()
    for job in jobs:
        in_flight.append(submit(job))
        if len(in_flight) >= window:
            yield in_flight.popleft().result()
    while in_flight:
        yield in_flight.popleft().result()


def default_workers() -> int:
    """Worker processes by default: the CPUs this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


_Job = tuple[list[Item], int, DateWindow | None]


def transform_on_worker(docs: list[Item], min_chars: int, window: DateWindow | None) -> BatchFrames:
    """Transform a batch (what a worker does with one batch).

    Raises
    ------
    RunFailed
        The transform broke on a document: the message names it (its file and line or URL).
    """
    try:
        return transform_batch(docs, min_chars=min_chars, window=window)
    except Exception as exc:
        raise _culprit(docs, min_chars, window) or _failed("a batch", exc) from exc


def _failed(what: str, exc: BaseException) -> RunFailed:
    return RunFailed(f"{what}: transform failed: {type(exc).__name__}: {exc}")


def _culprit(docs: list[Item], min_chars: int, window: DateWindow | None) -> RunFailed | None:
    """The error naming the first document that breaks the transform on its own."""
    for doc in docs:
        try:
            transform_batch([doc], min_chars=min_chars, window=window)
        except Exception as exc:  # noqa: BLE001 - the failure is what is being looked for
            return _failed(doc.locator, exc)
    return None


def _transform(job: _Job) -> BatchFrames:
    return transform_on_worker(*job)


def _exit_with_writer(writer: int) -> None:
    """Make this worker exit when the writer does (a worker's ``initializer``).

    A worker waits for its next piece on a pipe it holds both ends of, so it never sees the
    writer die: a writer killed on its own (``kill``, the OOM killer, a service manager that
    signals only the main process) left its two workers and the forkserver, 390 MB, waiting
    forever. A daemon thread waits on the writer's process (a pidfd; polling where there is
    none) and ends this process with it.
    """

    def watch() -> None:
        try:
            handle = os.pidfd_open(writer)
        except (AttributeError, OSError):
            while _alive(writer):
                time.sleep(1.0)
        else:
            select.select([handle], [], [])  # readable once the writer has exited
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-writer", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, under another user
    return True


def _forkserver() -> multiprocessing.context.ForkServerContext:
    """The start method of the workers. forkserver: they never inherit the writer's DuckDB or
    polars threads, and what the forkserver preloads (the transforms, a warm date parser) they
    all inherit."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["wirehouse.worker_preload"])
    return context


class TransformPool:
    """Workers that run :func:`transform_batch` on batches.

    Parameters
    ----------
    runner
        ``serial`` (in this process), ``process`` (a local process pool), ``thread`` (a thread
        pool: for I/O-bound work only, the GIL serialises extraction) or ``dask``.
    workers
        Processes or threads (``serial``: ignored; ``dask``: workers of the local cluster).
    dask_address
        A running Dask scheduler (``tcp://host:8786``); None starts a local cluster.
    piece
        Documents per task on a worker at most (a batch is cut into pieces of this size).
    """

    def __init__(
        self,
        runner: TaskRunner,
        workers: int | None = None,
        dask_address: str | None = None,
        piece: int = 50,
    ) -> None:
        self.runner = runner
        self.workers = max(1, workers or default_workers())
        self.dask_address = dask_address
        self.piece = max(1, piece)

    @property
    def window(self) -> int:
        """Pieces in flight at most: three per worker (one running, two waiting) keep each
        worker busy through the writer's longest pause, a staging write (about 2 s; a piece
        of real pages takes about as long)."""
        return 1 if self.runner == "serial" else 3 * self.workers

    def map(
        self, batches: Iterable[list[Item]], min_chars: int, window: DateWindow | None
    ) -> Iterator[BatchFrames]:
        """The batches transformed, in the order of ``batches`` and of their documents.

        Workers get pieces of at most ``piece`` documents, one frame set back for each: the
        writer holds the pages it has handed out until their frames are back, and with
        pieces of 50 rather than batches of 200 that is a few hundred pages, not a thousand
        (the pages of real outlets, ~100 kB each, held 240 MB for four batches). The rows
        are those of whole batches, in the same order: a batch's rows are its documents'.
        Workers start only once a second batch exists: a run of one batch (a test, the
        sample, a quiet night) gains nothing from them and would pay their start.
        They stop when the iterator is exhausted or closed.
        """
        jobs = ((docs, min_chars, window) for docs in batches)
        first = next(jobs, None)
        if first is None:
            return
        second = next(jobs, None)
        if second is None or self.runner == "serial":
            yield _transform(first)
            if second is not None:
                yield from map(_transform, chain([second], jobs))
            return
        # The writer checks the frames with GX: import it now, while the workers start,
        # rather than when the first staging write is due.
        threading.Thread(target=warm_up, name="gx-warm-up", daemon=True).start()
        pieces = (
            (docs[start : start + self.piece], min_chars, window)
            for docs, _, _ in chain([first, second], jobs)
            for start in range(0, max(len(docs), 1), self.piece)
        )
        with ExitStack() as stack:
            submit = self._start(stack)
            yield from bounded_map(submit, pieces, self.window)

    def prestart(self) -> None:
        """Start the process that forks the workers now, for a run that will need them.

        Its preload (the transforms, a warm date parser: ~4 s of CPU) then runs while this
        process opens the warehouse and reads the first batches, rather than after; the
        workers themselves still start with :meth:`map`. Other runners have nothing to start.
        """
        if self.runner == "process":
            _forkserver()
            multiprocessing.forkserver.ensure_running()

    def _start(self, stack: ExitStack) -> Callable[[_Job], Pending[BatchFrames]]:
        if self.runner == "dask":
            return self._start_dask(stack)
        executor: Executor
        if self.runner == "process":
            executor = ProcessPoolExecutor(
                self.workers,
                mp_context=_forkserver(),
                initializer=_exit_with_writer,
                initargs=(os.getpid(),),
            )
        else:
            executor = ThreadPoolExecutor(self.workers, thread_name_prefix="transform")
        pool = stack.enter_context(executor)
        return lambda job: pool.submit(_transform, job)

    def _start_dask(self, stack: ExitStack) -> Callable[[_Job], Pending[BatchFrames]]:
        from distributed import Client, LocalCluster

        if self.dask_address:
            client = stack.enter_context(Client(self.dask_address))  # type: ignore[no-untyped-call]
        else:
            cluster = stack.enter_context(
                LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
            )
            client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
        return lambda job: client.submit(_transform, job, pure=False)
