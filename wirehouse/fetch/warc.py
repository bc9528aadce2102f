"""WARC archives (``.warc``, ``.warc.gz``, the way CC-NEWS ships) → source documents.

Streamed record by record with warcio: an archive is never held in memory, and a page
body is read only up to the size limit. Response records carrying HTML become documents
(URL from ``WARC-Target-URI``); every other record is skipped and counted. ``WARC-Date``
is when the page was crawled, not when it was published, so it is kept as a hint only
(:attr:`WarcStats.newest_crawl`) and never given as ``published``. A broken record
becomes a reject naming the file and the record's offset; the rest of that file cannot
be found reliably after it, so reading moves on to the next file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from transforms.feeds import parse_when
from transforms.records import Reject, SourceDocument
from wirehouse.fetch.pages import body_document, is_html

WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass
class WarcStats:
    """What reading archives found besides documents."""

    records: int = 0
    documents: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # why → how many records
    newest_crawl: dt.datetime | None = None

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1


def warc_files(location: Path) -> list[Path]:
    """The archives at ``location``: the file itself, or every archive under a folder."""
    if location.is_dir():
        return sorted(
            p for p in location.rglob("*") if p.is_file() and p.name.lower().endswith(WARC_SUFFIXES)
        )
    return [location]


def _charset(content_type: str | None) -> str | None:
    for parameter in (content_type or "").split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def read_warc(
    path: Path, *, source: str, max_bytes: int, stats: WarcStats | None = None
) -> Iterator[SourceDocument | Reject]:
    """Every HTML response in one archive as a document; a broken record as a reject."""
    stats = stats if stats is not None else WarcStats()
    where = str(path.resolve())
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Reject(
            source, where, None, "read", "unreadable", f"{where}: cannot read: {exc}", None
        )
        return
    with handle:
        records = ArchiveIterator(handle)
        offset = 0
        try:
            for record in records:
                stats.records += 1
                offset = records.offset
                item = _record_item(record, where, offset, source, max_bytes, stats)
                if item is not None:
                    yield item
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            locator = f"{where}@{records.offset}"
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            yield Reject(
                source, locator, None, "read", "broken_warc_record", f"{locator}: {detail}", None
            )


def _record_item(
    record: object, where: str, offset: int, source: str, max_bytes: int, stats: WarcStats
) -> SourceDocument | Reject | None:
    rec_type = getattr(record, "rec_type", None)
    if rec_type != "response":
        stats.skip(f"{rec_type or 'unknown'} record")
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI")
    crawled = parse_when(headers.get_header("WARC-Date"))
    if crawled is not None:
        stats.newest_crawl = max(stats.newest_crawl or crawled, crawled)
    http = record.http_headers  # type: ignore[attr-defined]
    if http is None or not url:
        stats.skip("response without HTTP headers or URL")
        return None
    status = http.get_statuscode()
    content_type = http.get_header("Content-Type")
    if not str(status).startswith("2"):
        stats.skip(f"HTTP {status}")
        return None
    if not is_html(content_type):
        stats.skip("not HTML")
        return None
    locator = f"{where}@{offset}"
    body = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > max_bytes:
        return Reject(
            source,
            locator,
            url,
            "read",
            "too_large",
            f"{locator}: {url} is larger than {max_bytes:,} bytes",
            None,
        )
    stats.documents += 1
    return body_document(
        body,
        url=url,
        source=source,
        locator=locator,
        stage="read",
        charset=_charset(content_type),
    )
