"""Benchmark: the search-index step after a nightly-style run, always rebuilt vs deferred.

A warehouse of ``--base`` synthetic pages (built once, with its index, and kept under
``--workdir``) receives ``--new`` more pages, twice, each time in a fresh copy: once with
``search_rebuild_share = 0`` (every run rebuilds: the old behaviour) and once with the default
share (the rebuild is deferred; search matches the new rows by substring). The run itself is
the same in both; what differs is the after-run index step, timed here on its own (the runs
load with ``search_index = manual``, then the step is called as a run calls it), and the
latency of a search that finds a new article. It prints figures and asserts nothing.

``python -m wirehouse.evaluation.search_index_bench --base 10000 --new 50 --workdir DIR``
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from warehouse.connection import connect
from wirehouse import api
from wirehouse.after_run import refresh_search_index_if_due
from wirehouse.evaluation.synthetic import generate_pages, write_jsonl
from wirehouse.settings import Settings

__all__ = ["main", "nightly"]

_DEFAULT_SHARE = float(Settings.model_fields["search_rebuild_share"].default)


def _settings(db: Path, **overrides: object) -> Settings:
    return Settings(
        db=db,
        orchestrator="inline",
        report=False,
        **{"task_runner": "process", **overrides},  # type: ignore[arg-type]
    )


def _pages(folder: Path, count: int, start: int) -> tuple[Path, str]:
    """The JSONL of pages ``start`` .. ``start + count - 1`` (written once) and the first title."""
    first = next(generate_pages(1, start=start, chrome=False)).title
    target = folder / "pages.jsonl"
    if not target.exists():
        write_jsonl(generate_pages(count, start=start, chrome=False), folder)
    return target, first


def _base(workdir: Path, base: int) -> Path:
    db = workdir / f"base-{base}.duckdb"
    if not db.exists():
        pages, _ = _pages(workdir / f"pages-{base}", base, 0)
        began = time.perf_counter()
        summary = api.ingest([pages], settings=_settings(db))
        print(
            f"base warehouse: {summary.loaded.get('articles', 0):,} articles in "
            f"{time.perf_counter() - began:.1f} s (index built in "
            f"{summary.stage_seconds.get('search index', float('nan')):.2f} s)",
            flush=True,
        )
    return db


def _median_search(settings: Settings, words: str, rounds: int = 5) -> tuple[float, int, int]:
    """Median seconds of a search, its hits, and the rows it says are not indexed."""
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        result = api.search(words, settings=settings)
        times.append(time.perf_counter() - began)
    return statistics.median(times), len(result.rows), result.not_indexed


def nightly(base: int, new: int, workdir: Path, share: float) -> None:
    """One nightly-style run into copies of the base warehouse, always rebuilt vs deferred."""
    base_db = _base(workdir, base)
    pages, title = _pages(workdir / f"pages-{base}+{new}", new, base)
    with connect(base_db, read_only=True, wait_seconds=5) as con:
        articles = con.execute("SELECT count(*) FROM main.articles").fetchall()[0][0]
    print(f"{articles:,} articles indexed; a run adds {new} pages; search for {title!r}")
    for label, rebuild_share in (("always rebuild (share 0)", 0.0), ("deferred", share)):
        db = workdir / f"nightly-{label.split()[0]}.duckdb"
        shutil.copy(base_db, db)
        run = _settings(db, search_index="manual")
        began = time.perf_counter()
        summary = api.ingest([pages], settings=run)
        run_seconds = time.perf_counter() - began
        began = time.perf_counter()
        refresh = refresh_search_index_if_due(
            run.model_copy(update={"search_rebuild_share": rebuild_share})
        )
        step = time.perf_counter() - began
        # The run added pages, so an index not rebuilt always has rows not yet indexed.
        done = "rebuilt" if refresh.seconds is not None else f"deferred: {refresh.not_indexed}"
        seconds, hits, not_indexed = _median_search(run, title)
        print(
            f"{label:<26} run {run_seconds:6.1f} s ({summary.loaded.get('articles', 0)} "
            f"articles)  after-run index step {step:7.3f} s ({done})  "
            f"search {seconds * 1000:6.1f} ms, {hits} hits, {not_indexed} not indexed",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--base", type=int, default=10_000, help="Pages already loaded.")
    parser.add_argument("--new", type=int, default=50, help="Pages the nightly run adds.")
    parser.add_argument(
        "--share", type=float, default=_DEFAULT_SHARE, help="The deferred run's share."
    )
    parser.add_argument("--workdir", type=Path, default=None, help="Scratch folder (kept).")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="wirehouse-search-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    nightly(args.base, args.new, workdir, args.share)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
