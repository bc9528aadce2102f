"""The search index's tail: rows loaded since the last build are found at once, by substring,
never with stale text, and a run rebuilds the index only once the tail passes its share.

Real runs into real DuckDB files, with the real fts extension (skipped where it cannot load).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ARTICLE_BODY, page
from warehouse import fts
from warehouse.connection import connect
from wirehouse import api
from wirehouse.settings import Settings

WIREHOUSE = Path(sys.prefix) / "bin" / "wirehouse"


@pytest.fixture(autouse=True)
def _needs_fts() -> None:
    try:
        fts.extension_path()
    except fts.FtsUnavailable as exc:
        pytest.skip(f"the fts extension is not available here: {exc}")


def story(slug: str, title: str, extra: str) -> str:
    """A page of its own URL, with the shared body and one sentence that only it holds."""
    body = f"{ARTICLE_BODY}\n{extra}"
    return page(url=f"https://news.example/2024/05/06/{slug}.html", title=title, body=body)


class Site:
    """A folder of pages that a test ingests again and again, as a nightly run would."""

    def __init__(self, folder: Path, settings: Settings) -> None:
        self.folder, self.settings = folder, settings
        self.not_indexed: str | None = None  # as the last run's summary says
        folder.mkdir()

    def add(self, slug: str, title: str, extra: str) -> None:
        (self.folder / f"{slug}.html").write_text(story(slug, title, extra), encoding="utf-8")

    def ingest(self) -> dict[str, float]:
        """Run, and return the seconds per stage; a deferred rebuild is no warning."""
        summary = api.ingest([self.folder], settings=self.settings)
        assert summary.status == "complete", summary.failure
        assert not [w for w in summary.check_warnings if "search index" in w]
        self.not_indexed = summary.not_indexed
        return summary.stage_seconds


def state(settings: Settings) -> fts.IndexState:
    with connect(settings.db, read_only=True, wait_seconds=5) as con:
        return fts.index_state(con)


@pytest.fixture
def site(tmp_path: Path, settings: Settings) -> Site:
    """One indexed article (the first run builds the index); later runs defer (share 10)."""
    lazy = settings.model_copy(update={"search_rebuild_share": 10.0})
    site = Site(tmp_path / "in", lazy)
    site.add("talks", "Talks resume", "Negotiators met in a hotel by the river.")
    assert "search index" in site.ingest()
    return site


def titles(result: fts.SearchResult) -> list[tuple[str, bool]]:
    """(title, ranked) per hit, in order."""
    return [(row[1], row[0] is not None) for row in result.rows]


def test_a_new_article_is_found_before_any_rebuild(site: Site) -> None:
    site.add("zeppelins", "Airships", "Zeppelins were seen over the capital on Sunday.")
    assert "search index" not in site.ingest()
    result = api.search("zeppelins", settings=site.settings)
    assert result.ranked and titles(result) == [("Airships", False)]
    assert result.not_indexed == 1
    assert "1 articles loaded since the search index was built" in result.notes[0]


def test_unindexed_hits_are_shown_even_when_ranked_hits_fill_the_limit(site: Site) -> None:
    site.add("zeppelins", "Airships", "Zeppelins were seen over the capital on Sunday.")
    site.ingest()
    result = api.search("ministry", limit=1, settings=site.settings)
    assert titles(result) == [("Talks resume", True), ("Airships", False)]


def test_quotes_of_new_articles_are_found_too(site: Site) -> None:
    said = "“The airships will leave at dawn,” said Amina Diallo on Sunday."
    site.add("zeppelins", "Airships", said)
    site.ingest()
    result = api.search("airships dawn", kind="quotes", settings=site.settings)
    assert result.rows and all(row[0] is None for row in result.rows)
    assert any("airships will leave" in row[2] for row in result.rows)
    assert "quotes loaded since" in result.notes[0]


def test_a_replaced_article_is_found_by_its_new_text_only(site: Site) -> None:
    site.add("talks", "Talks resume", "Dirigibles, not negotiators, met by the river.")
    site.ingest()
    # The index still holds the old version ("Negotiators met in a hotel"): it must not show.
    assert api.search("hotel", settings=site.settings).rows == []
    found = api.search("dirigibles", settings=site.settings)
    assert titles(found) == [("Talks resume", False)]
    # A word in both versions finds the article once, from the tail, not twice.
    assert titles(api.search("negotiators", settings=site.settings)) == [("Talks resume", False)]


def test_a_deleted_article_is_gone_whether_indexed_or_not(site: Site) -> None:
    site.add("zeppelins", "Airships", "Zeppelins were seen over the capital on Sunday.")
    site.ingest()
    with duckdb.connect(str(site.settings.db)) as con:
        # As a retention job might: every article and its quotes, indexed or not.
        con.execute("DELETE FROM main.quotes")
        con.execute("DELETE FROM main.articles")
    for words in ("negotiators", "zeppelins", "ministry"):
        assert api.search(words, settings=site.settings).rows == []
    assert api.search("Diallo", kind="quotes", settings=site.settings).rows == []


def test_a_run_rebuilds_once_the_tail_passes_its_share_and_not_before(
    tmp_path: Path, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    half = settings.model_copy(update={"search_rebuild_share": 0.5})
    site = Site(tmp_path / "in", half)
    site.add("a", "First", "Alpha.")
    site.add("b", "Second", "Bravo.")
    assert "search index" in site.ingest()  # no index yet: built (2 articles)
    site.add("c", "Third", "Charlie.")
    with caplog.at_level(logging.INFO, logger="wirehouse.after_run"):
        assert "search index" not in site.ingest()  # 1 of 2 = 0.5: not past the share
    assert "rebuild deferred: 1 of 3 articles" in caplog.text
    assert site.not_indexed == "1 of 3 articles and 5 of 15 quotes"  # as the summary says
    assert state(half).tail["articles"] == 1
    site.add("d", "Fourth", "Delta.")
    assert "search index" in site.ingest()  # 2 of 2 = 1.0: past it, rebuilt
    assert state(half).fresh and site.not_indexed is None
    result = api.search("charlie", settings=half)
    assert titles(result) == [("Third", True)] and result.notes == []


def test_manual_indexing_never_rebuilds_after_a_run(site: Site) -> None:
    manual = site.settings.model_copy(update={"search_index": "manual", "search_rebuild_share": 0})
    site.settings = manual
    for n in range(2):
        site.add(f"new-{n}", f"New {n}", "Zeppelins were seen over the capital.")
        assert "search index" not in site.ingest()
    assert state(manual).tail["articles"] == 2  # twice the indexed rows, still not rebuilt
    assert [ranked for _, ranked in titles(api.search("zeppelins", settings=manual))] == [
        False,
        False,
    ]


def test_reindex_from_the_command_line_clears_the_tail(site: Site) -> None:
    site.add("zeppelins", "Airships", "Zeppelins were seen over the capital on Sunday.")
    site.ingest()
    assert not state(site.settings).fresh
    done = subprocess.run(
        [str(WIREHOUSE), "search", "zeppelins", "--reindex", "--db", str(site.settings.db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "search index rebuilt" in done.stderr and "not ranked yet" not in done.stderr
    assert "Airships" in done.stdout
    assert state(site.settings).fresh
    result = api.search("zeppelins", settings=site.settings)
    assert titles(result) == [("Airships", True)] and result.notes == []
