"""The real `wirehouse` command in a subprocess, against real DuckDB files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, write_pages

WIREHOUSE = Path(sys.executable).parent / "wirehouse"


def wirehouse(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
    return subprocess.run(
        [str(WIREHOUSE), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    return write_pages(tmp_path / "pages", 3)


def test_ingest_json_summary_and_sql(tmp_path: Path, pages: Path) -> None:
    db = tmp_path / "w.duckdb"
    done = wirehouse("ingest", pages, "--db", db, "--inline", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["status"] == "complete" and summary["loaded"]["articles"] == 3
    out = wirehouse("sql", "SELECT count(*) AS n FROM articles", "--db", db, "--format", "csv")
    assert out.returncode == 0 and out.stdout.splitlines() == ["n", "3"]


def test_ingest_runs_as_a_real_prefect_flow(tmp_path: Path, pages: Path) -> None:
    db = tmp_path / "w.duckdb"
    done = wirehouse("ingest", pages, "--db", db)
    assert done.returncode == 0, done.stderr
    assert "complete" in done.stdout and "articles loaded" in done.stdout
    again = wirehouse("ingest", pages, "--db", db, "--inline", "--json")
    assert json.loads(again.stdout)["unchanged"] == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ingest", "missing.html"), "missing.html: no such file or folder"),
        (("backfill", "--start", "2024-05-01", "--end", "2024-04-01"), "is after --end"),
        (("backfill", "--start", "May 1", "--end", "2024-04-01"), "must be YYYY-MM-DD"),
        (("eval", "nonsense"), "unknown suite"),
    ],
)
def test_bad_usage_exits_2_with_one_line(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    done = (
        wirehouse(*args, "--db", tmp_path / "w.duckdb") if args[0] != "eval" else wirehouse(*args)
    )
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_bad_query_and_missing_warehouse(tmp_path: Path) -> None:
    missing = wirehouse("sql", "SELECT 1", "--db", tmp_path / "none.duckdb")
    assert missing.returncode == 1 and "no warehouse here yet" in missing.stderr
    db = tmp_path / "w.duckdb"
    assert wirehouse("ingest", ROOT / "tests" / "fixtures", "--db", db, "--inline").returncode == 0
    bad = wirehouse("sql", "SELECT nonsense FROM articles", "--db", db)
    assert bad.returncode == 2 and "query failed" in bad.stderr


def test_a_file_that_is_not_a_warehouse_fails_the_run(tmp_path: Path, pages: Path) -> None:
    db = tmp_path / "w.duckdb"
    db.write_bytes(b"this is not a database" * 100)
    done = wirehouse("ingest", pages, "--db", db, "--inline")
    assert done.returncode == 1
    assert str(db) in done.stderr and "Traceback" not in done.stderr


def _sources(tmp_path: Path, pages: Path) -> Path:
    items = "".join(
        f"<item><title>Story {i}</title><link>https://news.example/world/story-{i}.html</link>"
        f"<pubDate>{day} May 2024 09:00:00 +0000</pubDate></item>"
        for i, day in enumerate(("Mon, 06", "Tue, 07", "Wed, 08"))
    )
    site = tmp_path / "site" / "news.example" / "world"
    site.mkdir(parents=True)
    for file in pages.iterdir():
        (site / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_text(f"<rss version='2.0'><channel><title>N</title>{items}</channel></rss>")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[source]]\nname = "news"\nkind = "feed"\nlocation = "feed.xml"\nmirror = "site"\n'
    )
    return sources


def test_nightly_run_reads_only_what_is_new_and_backfill_keeps_the_cursor(
    tmp_path: Path, pages: Path
) -> None:
    sources, db = _sources(tmp_path, pages), tmp_path / "w.duckdb"
    backfill = wirehouse(
        "backfill",
        "--start",
        "2024-05-07",
        "--end",
        "2024-05-07",
        "--sources",
        sources,
        "--db",
        db,
        "--inline",
        "--json",
    )
    assert backfill.returncode == 0, backfill.stderr
    assert json.loads(backfill.stdout)["loaded"]["articles"] == 1
    cursor = wirehouse("sql", "SELECT count(*) FROM source_cursors", "--db", db, "--format", "csv")
    assert cursor.stdout.splitlines()[1] == "0"  # a backfill never moves the nightly cursor
    first = wirehouse("run", "--sources", sources, "--db", db, "--inline", "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["loaded"]["articles"] == 2  # the third was backfilled
    second = json.loads(
        wirehouse("run", "--sources", sources, "--db", db, "--inline", "--json").stdout
    )
    assert second["documents_read"] == 1  # only the newest day is looked at again
    assert second["unchanged"] == 1 and second["loaded"]["articles"] == 0
    published = wirehouse(
        "sql",
        "SELECT min(published_at)::DATE, max(published_at)::DATE FROM articles",
        "--db",
        db,
        "--format",
        "csv",
    )
    assert published.stdout.splitlines()[1] == "2024-05-06,2024-05-08"  # feed dates win


def test_the_duckdb_shell_opens_the_warehouse_read_only(tmp_path: Path, pages: Path) -> None:
    from wirehouse import api
    from wirehouse.settings import Settings

    db = tmp_path / "w.duckdb"
    assert wirehouse("ingest", pages, "--db", db, "--inline").returncode == 0
    command = api.duckdb_shell_command(Settings(db=db))
    assert "-readonly" in command
    shell = subprocess.run(
        [*command, "-csv", "-c", "SELECT count(*) AS n FROM articles"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout.split() == ["n", "3"]
    write = subprocess.run([*command, "-c", "DELETE FROM articles"], capture_output=True, text=True)
    assert write.returncode != 0  # read-only: the shell cannot change the warehouse
