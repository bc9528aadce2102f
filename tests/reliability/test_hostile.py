"""Hostile and broken input in one real run: each input ends as a `rejects` row with its
reason, or as an article (a partial result is fine, a wrong one is not); the run goes on and
exits 0, since it did its job."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from tests.reliability import harness, hostile

BIG_MB, SENTENCES = (50, 10_000) if harness.FULL else (25, 1_000)


def _outcome(con: Any, case: hostile.Hostile) -> tuple[str, str]:
    """("reject" or "article" or "lost", a one-line description)."""
    reasons = [
        r[0]
        for r in con.execute(
            "SELECT reason FROM rejects WHERE locator = ? ORDER BY reason", [case.locator]
        ).fetchall()
    ]
    if reasons:
        return "reject", "rejected: " + ", ".join(reasons)
    url = case.url or (case.path.resolve().as_uri() if case.line is None else None)
    if url is None:
        return "lost", "no reject and no article"
    row = con.execute(
        "SELECT a.article_id, a.word_count, a.published_at, a.published_source, "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = a.article_id), "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.article_id) "
        "FROM articles a WHERE a.url = ?",
        [url],
    ).fetchone()
    if row is None:
        return "lost", "no reject and no article"
    _, words, published, source, quotes, events = row
    day = published.date().isoformat() if published else "undated"
    return "article", f"article: {words} words, {quotes} quotes, {events} events, {day} ({source})"


def _check_article(con: Any, case: hostile.Hostile) -> None:
    """What a partial result must still get right, whatever the input."""
    url = case.url or case.path.resolve().as_uri()
    text, published, source = con.execute(
        "SELECT text, published_at, published_source FROM articles WHERE url = ?", [url]
    ).fetchone()
    for content, start, end in con.execute(
        "SELECT q.content, q.content_start, q.content_end FROM quotes q "
        "JOIN articles a USING (article_id) WHERE a.url = ?",
        [url],
    ).fetchall():
        assert 0 <= start <= end <= len(text), (case.name, start, end)
        assert text[start:end] == content, (case.name, content)
    if published is not None:
        tomorrow = dt.datetime.now() + dt.timedelta(days=1)
        assert dt.datetime(1900, 1, 1) <= published <= tomorrow, (case.name, published)
    if case.name == "jsonl-contradictory-dates":  # the source's date wins over the page's
        assert published.date() == dt.date(2024, 5, 6) and source == "source"
    if case.name == "no-dates-at-all":  # a missing date stays missing
        assert published is None and source == "none"


def test_every_hostile_input_ends_in_a_reject_or_a_correct_article(tmp_path: Path) -> None:
    cases = hostile.build(tmp_path / "hostile", big_mb=BIG_MB, sentences=SENTENCES)
    db = tmp_path / "w.duckdb"
    done = harness.wirehouse("ingest", tmp_path / "hostile", "--db", db, "--inline", "--json")
    assert done.returncode == 0, done.stderr  # bad input is not a failed run
    summary = json.loads(done.stdout)
    assert summary["status"] == "complete"
    table: list[dict[str, str]] = []
    with harness.open_read_only(db) as con:
        for case in cases:
            kind, described = _outcome(con, case)
            table.append({"input": case.name, "ended": described})
            assert kind != "lost", f"{case.name}: {described}"
            if case.expect != "either":
                assert kind == case.expect, f"{case.name}: {described}"
            if kind == "reject" and case.reasons:
                got = described.removeprefix("rejected: ").split(", ")
                assert set(got) <= set(case.reasons), f"{case.name}: {described}"
            if kind == "article":
                _check_article(con, case)
        detail_lines = con.execute("SELECT detail FROM rejects").fetchall()
    for (detail,) in detail_lines:  # one line each, naming the input
        assert "\n" not in detail and str(tmp_path) in detail, detail
    assert harness.duplicate_keys(db) == 0 and harness.orphan_rows(db) == 0
    harness.record(
        "hostile",
        {"inputs": table, "exit_code": done.returncode, "seconds": summary["seconds"]},
    )
