"""Throughput benchmarks: the whole pipeline against bare trafilatura, and scale runs.

Benchmarks print figures; they assert nothing (speed is not a test). Both run in one process
tree: bare ``trafilatura.extract`` in a 2-process pool, then ``wirehouse ingest`` (through
:mod:`wirehouse.api`, ``orchestrator = inline``, ``task_runner = process``) over the same
pages, each round into a fresh warehouse and in a fresh process, as users' runs are: the
benchmark's own process holds every page for the bare extraction (917 MB before a round
began, counted in the writer's peak of 1.9 GB when the rounds ran in it), and a later round
would start with GX already imported.
The figures are medians over rounds.

``python -m wirehouse.evaluation.bench [--rounds 3] [--synthetic 2000] [--scale 10000,100000]``
(``make bench``, ``make scale``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

from transforms.schemas import DOCUMENTS
from wirehouse.evaluation import load_bench
from wirehouse.evaluation.synthetic import generate_pages, write_jsonl
from wirehouse.run_models import RunSummary
from wirehouse.settings import Settings

__all__ = [
    "BareRound",
    "PipelineRound",
    "bare_extraction_rate",
    "main",
    "peak_rss",
    "pipeline_round",
]

_STAGES = ("extract", "quotes", "events", "checks", "load")
_WRITER_STAGES = ("checks", "load")


class _PeakSampler:
    """The largest resident memory of this process and all its children, sampled; and of
    this process alone (the writer), to tell its growth from the workers'.

    The sampler shares the machine with what it measures. Listing the children walks every
    process on the machine (0.8 s of the writer's CPU in a ``make bench`` round, when done
    at every sample), so the list is refreshed every ``refresh`` samples; a run's workers
    live for the whole run. Their memory is still read at every sample.
    """

    def __init__(self, interval: float = 0.2, refresh: int = 10) -> None:
        self.peak = 0
        self.own_peak = 0
        self._cpu: dict[int, float] = {}  # each child's CPU seconds when last seen
        self._interval = interval
        self._refresh = refresh
        self._samples = 0
        self._me = psutil.Process()
        self._own_cpu_at_start = _cpu_seconds(self._me)
        self._children: list[psutil.Process] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        if self._samples % self._refresh == 0:
            self._children = self._me.children(recursive=True)
        self._samples += 1
        own = int(self._me.memory_info().rss)
        total = own
        for child in self._children:
            try:
                with child.oneshot():
                    total += int(child.memory_info().rss)
                    self._cpu[child.pid] = _cpu_seconds(child)
            except psutil.Error:  # a worker that just ended
                continue
        self.peak = max(self.peak, total)
        self.own_peak = max(self.own_peak, own)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self._interval)

    def start(self) -> None:
        self._sample()
        self._thread.start()

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak

    @property
    def cpu_seconds(self) -> float:
        """CPU time (user and system) of this process since the start and of every child
        seen, as last sampled: what the work cost on a shared machine, where wall time also
        measures the neighbours. A child's last ``interval`` before it ended is missed."""
        return _cpu_seconds(self._me) - self._own_cpu_at_start + sum(self._cpu.values())


def _cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


@contextmanager
def peak_rss() -> Iterator[_PeakSampler]:
    """Sample the process tree's resident memory while the block runs (``.peak``, bytes)."""
    sampler = _PeakSampler()
    sampler.start()
    try:
        yield sampler
    finally:
        sampler.stop()


def _extract_one(page: str) -> int:
    import trafilatura

    return len(trafilatura.extract(page) or "")


@dataclass(frozen=True, slots=True)
class BareRound:
    """Bare ``trafilatura.extract`` over the pages: its rate, and the CPU it took."""

    pages_per_second: float
    cpu_seconds: float


def bare_extraction_rate(pages: Sequence[str], workers: int = 2) -> BareRound:
    """Bare ``trafilatura.extract`` (defaults) in a process pool: pages per second, and the
    CPU seconds of this process and the pool's over the same span."""
    me = psutil.Process()
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_extract_one, pages[: workers * 2]))  # imports and start, not timed
        tree = [me, *me.children(recursive=True)]
        cpu = sum(map(_cpu_seconds, tree))
        started = time.perf_counter()
        list(pool.map(_extract_one, pages, chunksize=8))
        seconds = time.perf_counter() - started
        return BareRound(len(pages) / seconds, sum(map(_cpu_seconds, tree)) - cpu)


@dataclass(frozen=True, slots=True)
class PipelineRound:
    """One ``wirehouse ingest`` over the pages into a fresh warehouse."""

    pages: int
    seconds: float
    stage_seconds: dict[str, float]
    loaded: dict[str, int]
    peak_rss_mb: float
    writer_peak_rss_mb: float
    cpu_seconds: float
    load_rows_per_second: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


def pipeline_round(
    inputs: Sequence[Path], pages: int, workdir: Path, **settings: object
) -> PipelineRound:
    """Ingest ``inputs`` into a new warehouse under ``workdir`` and time it."""
    from wirehouse import api

    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    options = Settings(
        db=workdir / "bench.duckdb",
        orchestrator="inline",
        **{"task_runner": "process", **settings},  # type: ignore[arg-type]
    )
    with peak_rss() as memory:
        started = time.perf_counter()
        summary: RunSummary = api.ingest(list(inputs), settings=options)
        seconds = time.perf_counter() - started
    load = summary.stage_seconds.get("load") or float("nan")
    rows = sum(v for k, v in summary.loaded.items() if k != "rejects")
    return PipelineRound(
        pages=pages,
        seconds=seconds,
        stage_seconds=summary.stage_seconds,
        loaded=summary.loaded,
        peak_rss_mb=memory.peak / 2**20,
        writer_peak_rss_mb=memory.own_peak / 2**20,
        cpu_seconds=memory.cpu_seconds,
        load_rows_per_second=rows / load,
    )


def _round_in_fresh_process(inputs: Sequence[Path], pages: int, workdir: Path) -> PipelineRound:
    """:func:`pipeline_round` in a new Python process (timed there, after its imports)."""
    subprocess.run(
        [
            sys.executable,
            *("-m", "wirehouse.evaluation.bench", "--pipeline-round", str(workdir)),
            *("--pages", str(pages), "--inputs", *map(str, inputs)),
        ],
        check=True,
    )
    figures = json.loads((workdir / _ROUND_FIGURES).read_text(encoding="utf-8"))
    return PipelineRound(**figures)


def _run_one_round(inputs: Sequence[Path], pages: int, workdir: Path) -> None:
    """The child's side of :func:`_round_in_fresh_process`: the figures go to a file beside
    the warehouse, not to stdout, which the run's own messages may share."""
    figures = asdict(pipeline_round(inputs, pages, workdir))
    (workdir / _ROUND_FIGURES).write_text(json.dumps(figures), encoding="utf-8")


_ROUND_FIGURES = "round.json"


def _corpus_pages(corpora: Path) -> list[str]:
    """The HTML of the Zyte and trafilatura-news pages, when ``corpora`` has them."""
    pages = []
    for folder in (corpora / "zyte" / "html", corpora / "trafilatura-news" / "html"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*.html.gz")):
                pages.append(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
    return pages


def _write_corpus(
    pages: Sequence[str], synthetic: int, out: Path, *, chrome: bool = True
) -> list[str]:
    """One JSONL of the real pages (file URLs: their own canonical URLs may repeat) and the
    synthetic ones; returns every page's HTML, for the bare extraction."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as handle:
        for index, page in enumerate(pages):
            record = {"url": f"https://bench.example/corpus/{index}.html", "html": page}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    everything = list(pages)
    if synthetic:
        generated = list(generate_pages(synthetic, chrome=chrome))
        write_jsonl(iter(generated), out / "synthetic")
        everything += [p.html for p in generated]
    return everything


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def bench(
    rounds: int,
    synthetic: int,
    corpora: Path,
    workdir: Path,
    load_quotes: int = 200_000,
    *,
    chrome: bool = True,
) -> None:
    """Print bare trafilatura against the whole pipeline, medians over ``rounds``; then the
    loader alone on the last round's rows, repeated to about ``load_quotes`` quote rows."""
    real = _corpus_pages(corpora)
    everything = _write_corpus(real, synthetic, workdir / "input", chrome=chrome)
    inputs = [p for p in (workdir / "input").rglob("*.jsonl")]
    print(
        f"pages: {len(everything)} ({len(real)} from {corpora} zyte + trafilatura-news, "
        f"{synthetic} synthetic{'' if chrome else ', bare story pages'}); {rounds} round(s); "
        f"{psutil.cpu_count()} CPUs"
    )
    bare: list[BareRound] = []
    runs: list[PipelineRound] = []
    for number in range(1, rounds + 1):
        bare.append(bare_extraction_rate(everything))
        runs.append(_round_in_fresh_process(inputs, len(everything), workdir / "run"))
        last = runs[-1]
        print(
            f"round {number}: bare trafilatura {bare[-1].pages_per_second:.1f} pages/s "
            f"({bare[-1].cpu_seconds:.1f} CPU s), pipeline {last.pages_per_second:.1f} pages/s "
            f"({last.cpu_seconds:.1f} CPU s), peak {last.peak_rss_mb:.0f} MB, "
            f"ratio {last.pages_per_second / bare[-1].pages_per_second:.2f}"
        )
    pipeline = _median([r.pages_per_second for r in runs])
    bare_rate = _median([b.pages_per_second for b in bare])
    print(f"bare trafilatura.extract, 2 processes: {bare_rate:8.1f} pages/s (median)")
    print(f"wirehouse ingest, process runner:     {pipeline:8.1f} pages/s (median)")
    print(f"ratio pipeline / bare:                {pipeline / bare_rate:8.2f}  (goal >= 0.5)")
    # A round times the two back to back, so its own ratio cancels the drift of this shared
    # machine's speed from minute to minute, which the ratio of medians above does not.
    paired = _median(
        [r.pages_per_second / b.pages_per_second for r, b in zip(runs, bare, strict=True)]
    )
    print(f"  median of the rounds' own ratios:   {paired:8.2f}")
    # CPU time is less at the mercy of the machine's other tenants than wall time (not
    # immune: the same code took 80-97 CPU s a round here), and it counts the writer's and
    # the workers' work alike: the ratio in CPU says what the pipeline costs per page.
    bare_cpu = _median([b.cpu_seconds for b in bare]) / len(everything)
    pipeline_cpu = _median([r.cpu_seconds for r in runs]) / len(everything)
    print(
        f"CPU per page, all processes: bare {bare_cpu * 1000:.1f} ms, pipeline "
        f"{pipeline_cpu * 1000:.1f} ms; ratio bare / pipeline {bare_cpu / pipeline_cpu:.2f}"
    )
    for stage in _STAGES:
        spent = _median([r.stage_seconds.get(stage, 0.0) for r in runs])
        where = "the writer" if stage in _WRITER_STAGES else "summed over workers"
        print(f"  {stage:8s} {spent:7.2f} s ({where})")
    print(
        f"peak memory (process tree): {_median([r.peak_rss_mb for r in runs]):.0f} MB "
        f"(the writer alone: {_median([r.writer_peak_rss_mb for r in runs]):.0f} MB)"
    )
    quotes = _median([r.loaded.get("quotes", 0) / r.stage_seconds["load"] for r in runs])
    print(
        f"loaded into DuckDB: {_median([r.load_rows_per_second for r in runs]):,.0f} rows/s "
        f"(all tables; quotes alone {quotes:,.0f}/s), staging + promotion time"
    )
    _print_loader(workdir / "run" / "bench.duckdb", load_quotes, workdir / "load")


#: The table a quote row needs loaded with it (the audits check every quote has its article).
_QUOTE_TABLES = ("articles", "quotes")


def _print_loader(db: Path, quotes: int, workdir: Path) -> None:
    frames = load_bench.read_frames(db)
    copies = max(1, -(-quotes // max(frames["quotes"].height, 1)))
    many = load_bench.repeated(frames, copies)
    loaded = load_bench.load_round(many, workdir)
    print(
        f"loader alone, one batch of the rows above x{copies}: "
        f"{loaded.rows['quotes']:,} quotes, {loaded.table_rows:,} rows; "
        f"staged {loaded.stage_seconds:.2f} s, promoted {loaded.promote_seconds:.2f} s "
        f"(commits and checkpoints included): {loaded.quote_rows_per_second:,.0f} quote rows/s "
        f"(goal >= 100,000), {loaded.rows_per_second:,.0f} rows/s in all"
    )
    # The same quotes without the other tables: what loading quote rows costs when the
    # events, participants, speakers and the raw pages (most of the bytes) are not sharing
    # the time.
    alone = load_bench.load_round(
        {**{n: many[n] for n in _QUOTE_TABLES}, DOCUMENTS.name: many[DOCUMENTS.name].clear()},
        workdir,
    )
    print(
        f"loader alone, the same quotes with only their articles (no raw pages): "
        f"staged {alone.stage_seconds:.2f} s, promoted {alone.promote_seconds:.2f} s: "
        f"{alone.quote_rows_per_second:,.0f} quote rows/s"
    )


def scale(sizes: Sequence[int], workdir: Path, *, chrome: bool = True) -> None:
    """Synthetic JSONL runs of each size: time and peak memory, to show both are linear/flat.

    Pages are written once per size under ``workdir`` and reused by later calls; ``chrome``
    False writes the bare story pages (a separate folder). Each size runs in a fresh
    process, as users' runs do: a run in a process that ran another carries that one's heap
    (the writer started a 100,000-page run 50 MB higher after a 10,000-page one)."""
    for size in sizes:
        folder = workdir / f"pages-{size}{'' if chrome else '-no-chrome'}"
        if not (folder / "pages.jsonl").exists():
            write_jsonl(generate_pages(size, chrome=chrome), folder)
        run = _round_in_fresh_process([folder / "pages.jsonl"], size, workdir / f"run-{size}")
        print(
            f"{size:>8,} pages: {run.seconds:8.1f} s  {run.pages_per_second:6.1f} pages/s  "
            f"peak {run.peak_rss_mb:6.0f} MB (process tree; writer {run.writer_peak_rss_mb:.0f})  "
            f"CPU {run.cpu_seconds:.0f} s  stages {json.dumps(run.stage_seconds)}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Wirehouse throughput benchmarks.")
    parser.add_argument("--rounds", type=int, default=3, help="Rounds; medians are printed.")
    parser.add_argument("--synthetic", type=int, default=2000, help="Synthetic pages added.")
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    parser.add_argument(
        "--scale", default="", help="Comma-separated sizes for synthetic scale runs instead."
    )
    parser.add_argument(
        "--no-chrome", action="store_true", help="Bare ~4 kB story pages as synthetic pages."
    )
    parser.add_argument("--workdir", type=Path, default=None, help="Scratch folder (kept).")
    parser.add_argument(
        "--load-quotes", type=int, default=200_000, help="Quote rows for the loader benchmark."
    )
    # One pipeline round, run by the benchmark in a fresh process (not for direct use).
    parser.add_argument("--pipeline-round", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--pages", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--inputs", type=Path, nargs="*", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.pipeline_round is not None:
        _run_one_round(args.inputs, args.pages, args.pipeline_round)
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="wirehouse-bench-"))
    if args.scale:
        scale([int(s) for s in args.scale.split(",")], workdir, chrome=not args.no_chrome)
    else:
        bench(
            args.rounds,
            args.synthetic,
            args.corpora,
            workdir,
            args.load_quotes,
            chrome=not args.no_chrome,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
