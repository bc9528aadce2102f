"""WARC archives, written here with warcio the way CC-NEWS ships them: HTML responses become
documents, everything else is skipped and counted, and a broken record is a reject naming
the file and offset."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import page
from transforms.records import Reject, SourceDocument
from wirehouse import api
from wirehouse.fetch.warc import WarcStats, read_warc
from wirehouse.settings import Settings


def _response(
    writer: WARCWriter, url: str, body: bytes, *, status: str = "200 OK", ctype: str
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": "2024-05-07T03:00:00Z"},
    )
    writer.write_record(record)


def write_archive(path: Path, *, gzip: bool) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        first = page(url="https://news.example/2024/05/06/talks.html").encode("utf-8")
        _response(
            writer,
            "https://news.example/2024/05/06/talks.html?utm_source=x",
            first,
            ctype="text/html; charset=utf-8",
        )
        second = page(url=None, title="Zoë speaks", published="2023-01-02").encode("cp1252")
        _response(writer, "https://news.example/zoe", second, ctype="text/html; charset=cp1252")
        _response(writer, "https://news.example/logo.png", b"\x89PNG\r\n", ctype="image/png")
        _response(
            writer, "https://news.example/gone", b"gone", status="404 Not Found", ctype="text/html"
        )
        asked = StatusAndHeaders(
            "GET /zoe HTTP/1.1", [("Host", "news.example")], is_http_request=True
        )
        request = writer.create_warc_record(
            "https://news.example/zoe", "request", payload=BytesIO(b""), http_headers=asked
        )
        writer.write_record(request)
    return path


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_become_documents(tmp_path: Path, gzip: bool) -> None:
    archive = write_archive(tmp_path / ("a.warc.gz" if gzip else "a.warc"), gzip=gzip)
    stats = WarcStats()
    items = list(read_warc(archive, source="cc", max_bytes=1_000_000, stats=stats))
    assert all(isinstance(i, SourceDocument) for i in items)
    first, second = items
    assert isinstance(first, SourceDocument) and isinstance(second, SourceDocument)
    # The page's canonical link (same site) is its identity; the tracking parameter is gone.
    assert first.url == "https://news.example/2024/05/06/talks.html"
    assert first.published is None  # WARC-Date is when it was crawled, not published
    assert first.locator.startswith(f"{archive.resolve()}@")
    assert second.url == "https://news.example/zoe"
    assert second.html is not None and "Zoë speaks" in second.html  # the header's charset
    assert stats.records == 6 and stats.documents == 2
    assert stats.skipped == {
        "warcinfo record": 1,
        "not HTML": 1,
        "HTTP 404": 1,
        "request record": 1,
    }
    assert (
        stats.newest_crawl is not None and stats.newest_crawl.isoformat() == "2024-05-07T03:00:00"
    )


def test_a_broken_record_is_a_reject_naming_file_and_offset(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "a.warc", gzip=False)
    data = archive.read_bytes()
    cut = data.index(b"WARC/1.0", data.index(b"https://news.example/zoe"))  # the 3rd record
    broken = tmp_path / "broken.warc"
    broken.write_bytes(data[:cut] + b"NOT A WARC RECORD\r\n\r\n" + data[cut + 8 :])
    items = list(read_warc(broken, source="cc", max_bytes=1_000_000))
    documents = [i for i in items if isinstance(i, SourceDocument)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert len(documents) == 2  # the records before the damage are kept
    (reject,) = rejects
    assert reject.reason == "broken_warc_record" and reject.stage == "read"
    assert reject.locator == f"{broken.resolve()}@{cut}"
    assert reject.detail.startswith(f"{broken.resolve()}@{cut}: ")


def test_a_page_over_the_limit_is_rejected(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "a.warc.gz", gzip=True)
    items = list(read_warc(archive, source="cc", max_bytes=500))
    assert {i.reason for i in items if isinstance(i, Reject)} == {"too_large"}


def test_backfill_over_a_warc_source(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    write_archive(tmp_path / "archive" / "a.warc.gz", gzip=True)
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[source]]\nname = "cc-news"\nkind = "warc"\nlocation = "archive"\n', encoding="utf-8"
    )
    settings = Settings(
        db=tmp_path / "w.duckdb", sources=sources, orchestrator="inline", report=False
    )
    summary = api.backfill("2024-05-01", "2024-05-31", settings=settings)
    assert summary.status == "complete"
    assert summary.loaded["articles"] == 1  # the page with a date in May 2024
    assert summary.outside_window == 1  # the page of January 2023
    _, cursors = api.query("SELECT count(*) FROM source_cursors", settings=settings)
    assert cursors == [(0,)]  # a backfill never moves the nightly cursor
