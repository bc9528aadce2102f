"""The nightly cursor and conditional requests: a second run fetches nothing unchanged, a run
that dies leaves nothing behind and its rerun loses and doubles nothing, a backfill leaves the
cursor alone, and ``reprocess`` rebuilds from stored pages with the network gone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import page
from tests.fetch.web_site import Web, rss, source, web
from warehouse.loading import Promotion
from wirehouse import api
from wirehouse.errors import RunFailed
from wirehouse.run_models import RunRequest, RunSummary
from wirehouse.runner import execute
from wirehouse.settings import Settings
from wirehouse.stages import InlineStages

__all__ = ["web"]  # the fixture, imported for pytest

DAYS = [dt.date(2024, 5, d) for d in range(1, 7)]


def _site(web: Web) -> Settings:
    """A dated feed on one host and an undated URL list on another: three pages each."""
    items = []
    for n, day in enumerate(DAYS[:3]):
        url = web.url("alpha.example", f"a/{n}.html")
        web.put("alpha.example", f"a/{n}.html", page(url=url, title=f"A{n}", published=str(day)))
        items.append((url, None, f"{day.isoformat()}T09:00:00Z"))
    web.put("alpha.example", "rss.xml", rss(*items))
    listed = []
    for n, day in enumerate(DAYS[3:]):
        url = web.url("beta.example", f"b/{n}.html")
        web.put("beta.example", f"b/{n}.html", page(url=url, title=f"B{n}", published=str(day)))
        listed.append(url)
    web.put("beta.example", "list.txt", "\n".join(listed) + "\n")
    return web.settings(
        source("alpha", "feed", web.url("alpha.example", "rss.xml"), delay_seconds=0.0)
        + source("beta", "urls", web.url("beta.example", "list.txt"), concurrency=2)
    )


def _page_hits(web: Web) -> dict[int, int]:
    counts: dict[int, int] = {}
    for hit in web.server.hits:
        if hit.path.endswith(".html"):
            counts[hit.status] = counts.get(hit.status, 0) + 1
    return counts


def _count(settings: Settings, sql: str) -> int:
    _, rows = api.query(sql, settings=settings)
    return int(rows[0][0])


def test_second_run_fetches_nothing_unchanged(web: Web) -> None:
    settings = _site(web)
    first = api.run(settings=settings)
    assert first.loaded["articles"] == 6
    assert _page_hits(web) == {200: 6}
    web.server.reset()
    second = api.run(settings=settings)
    assert second.status == "complete"
    assert second.loaded["articles"] == 0
    # The feed's older entries are behind the cursor (not even asked for); the newest one and
    # the undated list's pages are asked conditionally, and all come back 304.
    hits = [h for h in web.server.hits if h.path.endswith(".html")]
    assert {h.status for h in hits} == {304}
    assert all(h.conditional for h in hits)
    assert len(hits) == 1 + 3
    # The summary says so: only the listings came back in full.
    assert second.web["not_modified"] == 4 and second.web["fetched"] == second.web["listings"]
    assert _count(settings, "SELECT count(*) FROM articles") == 6


def test_a_new_page_is_the_only_one_fetched_in_full(web: Web) -> None:
    settings = _site(web)
    api.run(settings=settings)
    fresh = web.url("alpha.example", "a/new.html")
    web.put("alpha.example", "a/new.html", page(url=fresh, title="New", published="2024-05-20"))
    web.put(
        "alpha.example",
        "rss.xml",
        rss(
            (fresh, None, "2024-05-20T09:00:00Z"),
            *[
                (web.url("alpha.example", f"a/{n}.html"), None, f"{d}T09:00:00Z")
                for n, d in enumerate(DAYS[:3])
            ],
        ),
    )
    changed = web.url("beta.example", "b/0.html")
    web.put(
        "beta.example", "b/0.html", page(url=changed, title="B0 corrected", published=str(DAYS[3]))
    )
    web.server.reset()
    summary = api.run(settings=settings)
    assert summary.loaded["articles"] == 2
    full = sorted(h.path for h in web.server.hits if h.path.endswith(".html") and h.status == 200)
    assert full == ["/a/new.html", "/b/0.html"]
    _, titles = api.query(f"SELECT title FROM articles WHERE url = '{changed}'", settings=settings)
    assert titles == [("B0 corrected",)]
    _, cursor = api.query(
        "SELECT last_published FROM source_cursors WHERE source = 'alpha'", settings=settings
    )
    assert cursor == [(dt.datetime(2024, 5, 20, 9, 0),)]


def test_the_cursor_never_passes_a_page_that_failed_for_now(web: Web) -> None:
    ok = [web.url("alpha.example", f"{n}.html") for n in (1, 3)]
    for n, url in zip((1, 3), ok, strict=True):
        web.put("alpha.example", f"{n}.html", page(url=url, title=f"P{n}"))
    down = "http://alpha.example:1/2.html"  # nothing listens there: connection refused
    web.put(
        "alpha.example",
        "rss.xml",
        rss(
            (ok[0], None, "2024-05-01T00:00:00Z"),
            (down, None, "2024-05-02T00:00:00Z"),
            (ok[1], None, "2024-05-03T00:00:00Z"),
        ),
    )
    settings = web.settings(source("alpha", "feed", web.url("alpha.example", "rss.xml")))
    summary = api.run(settings=settings)
    assert summary.loaded["articles"] == 2
    assert summary.rejects_by_reason == {"connection_error": 1}
    _, cursor = api.query("SELECT last_published FROM source_cursors", settings=settings)
    assert cursor == [(dt.datetime(2024, 5, 1, 23, 59, 59, 999999),)]
    web.server.reset()
    api.run(settings=settings)  # asks for the page that failed again; the newer one is a 304
    assert [(h.path, h.status) for h in web.server.hits if h.path.endswith(".html")] == [
        ("/3.html", 304)
    ]


class _DiesBeforeCommit(InlineStages):
    def promote(
        self,
        db: Path,
        load_id: str,
        summary: RunSummary,
        cursors: dict[str, dt.datetime],
        checks: list[dict[str, object]],
        wait: float,
    ) -> Promotion:
        raise RuntimeError("killed before the commit")


def test_a_run_that_dies_leaves_no_trace_and_its_rerun_loads_everything_once(web: Web) -> None:
    settings = _site(web)
    with pytest.raises(RunFailed, match="killed before the commit"):
        execute(RunRequest("run"), settings, _DiesBeforeCommit())
    for table in ("articles", "http_cache", "source_cursors"):
        assert _count(settings, f"SELECT count(*) FROM {table}") == 0, table
    web.server.reset()
    summary = api.run(settings=settings)
    assert summary.loaded["articles"] == 6
    assert _page_hits(web) == {200: 6}  # no validators were kept: every page in full again
    assert _count(settings, "SELECT count(*) FROM articles") == 6
    assert _count(settings, "SELECT count(DISTINCT url) FROM http_cache") == 6
    assert _count(settings, "SELECT count(*) FROM http_cache") == 6


def test_backfill_leaves_the_cursor_alone(web: Web) -> None:
    settings = _site(web)
    summary = api.backfill("2024-05-01", "2024-05-02", settings=settings)
    assert summary.loaded["articles"] == 2
    assert _count(settings, "SELECT count(*) FROM source_cursors") == 0
    # What the backfill left outside its window is not cached, so the nightly run gets it.
    web.server.reset()
    nightly = api.run(settings=settings)
    assert nightly.loaded["articles"] == 4


def test_reprocess_rebuilds_from_stored_pages_without_the_network(web: Web) -> None:
    settings = _site(web)
    api.run(settings=settings)
    quotes = _count(settings, "SELECT count(*) FROM quotes")
    assert quotes > 0
    import duckdb

    with duckdb.connect(str(settings.db)) as con:  # an extractor's bad output, to be replaced
        con.execute("UPDATE main.articles SET text = 'stale', word_count = 1")
        con.execute("DELETE FROM main.quotes")
    web.server.__exit__(None, None, None)  # the network is gone
    summary = api.reprocess(settings=settings)
    assert summary.status == "complete"
    assert summary.documents_read == 6 and summary.loaded["articles"] == 6
    assert _count(settings, "SELECT count(*) FROM articles WHERE text = 'stale'") == 0
    assert _count(settings, "SELECT count(*) FROM quotes") == quotes
    assert _count(settings, "SELECT count(*) FROM articles") == 6
