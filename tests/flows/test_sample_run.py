"""The embedded sample corpus through the nightly job (`make run`), as a user gets it."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from tests.conftest import SAMPLE
from wirehouse import api
from wirehouse.settings import Settings


def gold_docs() -> set[str]:
    docs: set[str] = set()
    for path in (SAMPLE / "gold").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                docs.add(json.loads(line)["doc"])
    return docs


def test_nightly_run_on_the_sample_loads_every_gold_article(settings: Settings) -> None:
    summary = api.run(settings=settings)
    assert summary.status == "complete"
    with duckdb.connect(str(settings.db), read_only=True) as con:
        urls = {u for (u,) in con.execute("SELECT url FROM articles").fetchall()}
        rejected = dict(con.execute("SELECT url, reason FROM rejects").fetchall())
        counts = con.execute(
            "SELECT (SELECT count(*) FROM quotes), (SELECT count(*) FROM events), "
            "(SELECT count(DISTINCT source) FROM articles), "
            "(SELECT count(*) FROM articles WHERE language = 'fr'), "
            "(SELECT count(*) FROM source_cursors)"
        ).fetchall()[0]
    assert gold_docs() <= urls
    assert len(urls) >= 30
    assert sorted(rejected.values()) == ["no_article_text", "not_an_article"]
    quotes, events, sources, french, cursors = counts
    assert quotes > 100 and events > 100 and sources == 7 and french >= 2 and cursors == 7
    again = api.run(settings=settings)
    assert again.loaded["articles"] == 0  # nothing new since the last complete run


def test_sample_pages_are_the_projects_own(tmp_path: Path) -> None:
    # Every sample page lives on a reserved .example host: none is a copy of a real site.
    hosts = {p.name for p in (SAMPLE / "site").iterdir()}
    assert hosts and all(h.endswith(".example") for h in hosts)
