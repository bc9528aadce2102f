"""SIGKILL a real `wirehouse run` while it fetches the sample sites over HTTP, then rerun it:
the warehouse must end identical to an uninterrupted run.

The seven sample outlets are served by a real HTTP server on 127.0.0.1 (each host pinned to
it), their feeds pointing at it; the test process counts the pages the server has answered
and strikes after a random number of them, so every kill lands mid-fetch.
``RELIABILITY_FETCH_KILLS`` sets how many (`make reliability`: 10).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tests.reliability import harness
from wirehouse.evaluation.site_server import SiteServer

KILLS = harness.env_int("RELIABILITY_FETCH_KILLS", 10)


@dataclass(frozen=True)
class Sites:
    server: SiteServer
    sources: Path
    env: dict[str, str]


@dataclass
class FetchKill:
    pages_answered: int
    pages_in_all: int
    marts: str


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    folder = tmp_path_factory.mktemp("sites")
    root = folder / "root"
    shutil.copytree(SAMPLE / "site", root)
    hosts = sorted(p.name for p in root.iterdir())
    with SiteServer(root) as server:
        entries = []
        for feed in sorted((SAMPLE / "feeds").glob("*.xml")):
            host = next(h for h in hosts if feed.stem.endswith(h) or h.endswith(feed.stem))
            text = re.sub(
                r"https?://([a-z0-9.-]+\.example)/",
                lambda m: server.url(m.group(1), ""),
                feed.read_text(encoding="utf-8"),
            )
            (root / host / "feed.xml").write_text(text, encoding="utf-8")
            entries.append(
                f'[[source]]\nname = "{host}"\nkind = "feed"\n'
                f'location = "{server.url(host, "feed.xml")}"\n'
            )
        sources = folder / "sources.toml"
        sources.write_text("\n".join(entries), encoding="utf-8")
        env = harness.clean_env(
            WIREHOUSE_FETCH_ALLOW_NETWORKS='["127.0.0.0/8"]',
            WIREHOUSE_FETCH_RESOLVE=json.dumps(dict.fromkeys(hosts, "127.0.0.1")),
            # A polite delay per host stretches the fetch over seconds, as on the web.
            WIREHOUSE_FETCH_DELAY_SECONDS="0.2",
            WIREHOUSE_FETCH_RETRIES="0",
            WIREHOUSE_REPORT="false",
            WIREHOUSE_BATCH_SIZE="10",
            WIREHOUSE_LOCK_WAIT_SECONDS="0",
        )
        yield Sites(server, sources, env)


def _pages(server: SiteServer) -> int:
    return sum(1 for hit in list(server.hits) if hit.path.endswith(".html"))


def _run(sites: Sites, db: Path) -> None:
    done = harness.wirehouse(
        "run", "--sources", sites.sources, "--db", db, "--inline", env=sites.env
    )
    assert done.returncode == 0, done.stderr


@harness.full_only
def test_sigkill_during_fetch_then_rerun_is_identical(sites: Sites, tmp_path: Path) -> None:
    full = tmp_path / "full.duckdb"
    before = _pages(sites.server)
    _run(sites, full)
    in_all = _pages(sites.server) - before
    assert in_all > 10, "the uninterrupted run fetched (almost) nothing"
    expected = harness.snapshot(full)
    rng = random.Random(8)
    db = tmp_path / "w.duckdb"
    kills: list[FetchKill] = []
    while len(kills) < KILLS:
        start = _pages(sites.server)
        target = rng.randint(1, in_all - 1)
        process = harness.start(
            "run", "--sources", sites.sources, "--db", db, "--inline", env=sites.env
        )
        while process.poll() is None and _pages(sites.server) - start < target:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.1))
        answered = _pages(sites.server) - start
        if not harness.kill_group(process):
            continue  # it finished first (everything was already loaded): try again
        marts = harness.marts(harness.snapshot(db)) if db.exists() else {}
        if harness.compare(harness.marts(expected), marts).identical:
            state = "as after a complete run"
            db.unlink()  # start over, so the next kill hits a run with work to do
        else:
            assert harness.mart_rows(marts) == 0, "half-written after a kill during fetch"
            state = "as before the run"
        kills.append(FetchKill(answered, in_all, state))
    _run(sites, db)
    difference = harness.compare(expected, harness.snapshot(db))
    figures = {
        "kills": [asdict(k) for k in kills],
        "rows_lost": difference.lost,
        "rows_extra": difference.extra,
        "duplicate_keys": harness.duplicate_keys(db),
        "orphan_rows": harness.orphan_rows(db),
    }
    harness.record("kills_fetch", figures)
    assert difference.identical, difference
    assert figures["duplicate_keys"] == 0 and figures["orphan_rows"] == 0
