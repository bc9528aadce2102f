"""Reading local input: pages, JSONL records, WARC archives, and the pages of feeds,
sitemaps and URL lists kept in a local mirror → source documents. Sources on the web are
read by :mod:`wirehouse.fetch.discovery`.

Everything here streams: documents are yielded one at a time and batched by the caller, so
a run's memory does not grow with the size of its input. What cannot be read becomes a
:class:`~transforms.records.Reject` naming the file and line, and reading goes on.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import orjson

from transforms.article import find_canonical_url
from transforms.batch import DateWindow
from transforms.decoding import decode_html, looks_binary
from transforms.feeds import parse_when
from transforms.identity import content_hash
from transforms.records import Reject, SourceDocument
from wirehouse.config import SourceConfig
from wirehouse.errors import UsageError
from wirehouse.fetch.listings import Entry, ListingError, parse_listing

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
_EARLIEST = dt.datetime(1900, 1, 1)
# What an article URL must look like: the warehouse's `articles` suite checks the same shape,
# and a bad one found there would stop the whole run instead of one record.
_URL = re.compile(r"^(?:https?|file)://\S+\Z")

Item = SourceDocument | Reject


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(PAGE_SUFFIXES):
        return "page"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return None


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """The input files named by ``paths``: files as given, folders searched recursively.

    Raises
    ------
    UsageError
        A path does not exist, or a file named directly is not a page or JSONL file.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and _kind(p))
        elif path.is_file():
            if _kind(path) is None:
                expected = ", ".join(PAGE_SUFFIXES + JSONL_SUFFIXES)
                raise UsageError(f"{path}: not an input file (expected {expected})")
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return files


def _reject(
    source: str,
    locator: str,
    reason: str,
    detail: str,
    *,
    url: str | None = None,
    digest: str | None = None,
) -> Reject:
    return Reject(
        source=source,
        locator=locator,
        url=url,
        stage="read",
        reason=reason,
        detail=f"{locator}: {detail}",
        content_hash=digest,
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's content, decompressed if gzipped, refusing more than ``max_bytes``."""
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    else:
        if path.stat().st_size > max_bytes:
            raise _TooLarge
        data = path.read_bytes()
    if len(data) > max_bytes:
        raise _TooLarge
    return data


class _TooLarge(Exception):
    pass


def bounded_read(path: Path, max_bytes: int) -> bytes:
    """A file's content (gunzipped if ``.gz``), refusing more than ``max_bytes``.

    Raises
    ------
    OSError
        The file cannot be read.
    ValueError
        It is larger than ``max_bytes`` once decompressed, or its gzip is broken.
    """
    try:
        return _read_bytes(path, max_bytes)
    except _TooLarge:
        raise ValueError(f"larger than {max_bytes:,} bytes") from None
    except (EOFError, zlib.error) as exc:
        raise ValueError(f"broken gzip: {exc}") from exc


def read_page(
    path: Path,
    *,
    source: str,
    max_bytes: int,
    url: str | None = None,
    published: dt.datetime | None = None,
    title: str | None = None,
    language: str | None = None,
) -> Item:
    """One HTML page file as a document; its URL from the page's canonical link if not given."""
    # Absolute, so the same file read from another folder or source is the same reject row.
    locator = str(path.resolve())
    try:
        data = _read_bytes(path, max_bytes)
    except _TooLarge:
        return _reject(source, locator, "too_large", f"larger than {max_bytes:,} bytes", url=url)
    except (OSError, EOFError, zlib.error) as exc:
        return _reject(source, locator, "unreadable", f"cannot read: {exc}", url=url)
    digest = content_hash(data)
    if not data.strip():
        return _reject(source, locator, "empty", "the file is empty", url=url, digest=digest)
    if looks_binary(data):
        return _reject(
            source, locator, "binary_content", "binary data, not a web page", url=url, digest=digest
        )
    html = decode_html(data)
    page_url = url or find_canonical_url(html) or path.resolve().as_uri()
    return SourceDocument(
        url=page_url,
        source=source,
        locator=locator,
        content_hash=digest,
        html=html,
        title=title,
        published=published,
        language=language,
    )


def _record_document(record: object, *, source: str, locator: str, raw: bytes) -> Item:
    if not isinstance(record, dict):
        return _reject(source, locator, "malformed_record", "a JSONL record must be an object")
    url = record.get("url")
    if not isinstance(url, str) or not url.strip():
        return _reject(source, locator, "missing_url", 'the record has no "url" string')
    url = url.strip()  # surrounding white space is never part of a URL
    if not _URL.match(url):
        return _reject(source, locator, "bad_url", f"not an http(s) or file URL: {url[:80]!r}")
    html, text = record.get("html"), record.get("text")
    if not isinstance(html, str) and not isinstance(text, str):
        return _reject(
            source,
            locator,
            "missing_content",
            'the record needs an "html" or a "text" string',
            url=url,
        )
    published_raw = record.get("published")
    published = parse_when(published_raw) if isinstance(published_raw, str) else None
    if published_raw is not None and published is None:
        return _reject(
            source,
            locator,
            "bad_published",
            f'"published" is not a date: {str(published_raw)[:40]!r}',
            url=url,
        )
    if published is not None and not _plausible(published):
        return _reject(
            source,
            locator,
            "implausible_published",
            f'"published" {published:%Y-%m-%d} is before 1900 or in the future',
            url=url,
        )
    optional = {k: record.get(k) for k in ("title", "source", "language")}
    return SourceDocument(
        url=url,
        source=optional["source"] if isinstance(optional["source"], str) else source,
        locator=locator,
        content_hash=content_hash(raw),
        html=html if isinstance(html, str) and not isinstance(text, str) else None,
        text=text if isinstance(text, str) else None,
        title=optional["title"] if isinstance(optional["title"], str) else None,
        published=published,
        language=optional["language"] if isinstance(optional["language"], str) else None,
    )


def _plausible(published: dt.datetime) -> bool:
    tomorrow = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=1)
    return _EARLIEST <= published <= tomorrow


def _json_record(line: bytes) -> object:
    """One JSONL line decoded as the standard library decodes it, in a third of the time.

    orjson took 1.2 s against 3.1 s for the 283 MB of ``make bench``'s pages, in the one
    process that reads for every worker. It refuses some lines the standard library accepts
    (lone surrogate escapes, NaN, a byte-order mark): those are decoded again by the
    standard library, which also words the error a bad line is reported with. The one other
    difference, an integer past 64 bits read as a float, touches no field a record is read
    for (they are strings) beyond the wording of a ``bad_published`` reject.
    """
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line)


def read_jsonl(path: Path, *, source: str, max_bytes: int) -> Iterator[Item]:
    """One document per JSONL line; a bad line becomes a reject naming ``file:line``."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    resolved = path.resolve()  # once: resolving walks the path, nine stat calls a line
    try:
        with opener(path, "rb") as handle:
            for number, line in enumerate(handle, 1):
                locator = f"{resolved}:{number}"
                if not line.strip():
                    continue
                if len(line) > max_bytes:
                    yield _reject(
                        source, locator, "too_large", f"record larger than {max_bytes:,} bytes"
                    )
                    continue
                try:
                    record = _json_record(line)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    yield _reject(source, locator, "malformed_jsonl", f"not valid JSON: {exc}")
                    continue
                yield _record_document(record, source=source, locator=locator, raw=line)
    except (OSError, EOFError, zlib.error) as exc:
        yield _reject(source, str(resolved), "unreadable", f"cannot read: {exc}")


def documents_from_paths(paths: Sequence[Path], *, source: str, max_bytes: int) -> Iterator[Item]:
    """Every document in the given files and folders (``wirehouse ingest``).

    The paths are checked at once (a :class:`UsageError` before anything is read); the files
    are then read lazily as the caller iterates.
    """
    files = expand_paths(paths)

    def read() -> Iterator[Item]:
        for path in files:
            if _kind(path) == "jsonl":
                yield from read_jsonl(path, source=source, max_bytes=max_bytes)
            else:
                yield read_page(path, source=source, max_bytes=max_bytes)

    return read()


def local_copy(url: str, base: Path, mirror: Path | None) -> Path | None:
    """Where the page of a feed or list entry is on disk, or None when it is not local.

    Relative links and ``file:`` URLs point at files; an http(s) URL is looked up in the
    ``mirror`` folder as ``<host>/<path>``, and never outside it.
    """
    parts = urlsplit(url)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    if parts.scheme in ("http", "https"):
        if mirror is None or not parts.hostname:
            return None
        candidate = (mirror / parts.hostname / unquote(parts.path).lstrip("/")).resolve()
        return candidate if candidate.is_relative_to(mirror.resolve()) else None
    if not parts.scheme:
        return (base / unquote(parts.path)).resolve()
    return None


@dataclass
class SourceReader:
    """Reads one configured source, remembering the newest publication time it listed."""

    config: SourceConfig
    max_bytes: int
    since: dt.datetime | None = None  # the nightly cursor: skip entries older than this
    window: DateWindow | None = None  # a backfill's range: skip dated entries outside it
    newest: dt.datetime | None = field(default=None, init=False)

    def documents(self) -> Iterator[Item]:
        """Every document of the source that the cursor or window lets through."""
        cfg = self.config
        if cfg.kind == "files":
            yield from documents_from_paths(
                [cfg.location], source=cfg.name, max_bytes=self.max_bytes
            )
            return
        if cfg.kind == "warc":
            yield from self._archives()
            return
        try:
            data = _read_bytes(cfg.location, self.max_bytes)
        except (OSError, EOFError, zlib.error, _TooLarge) as exc:
            yield _reject(cfg.name, str(cfg.location), "unreadable", f"cannot read: {exc!r}")
            return
        yield from self._listing(data, cfg.location, depth=0)

    def _listing(self, data: bytes, where: Path, depth: int) -> Iterator[Item]:
        """The pages a local listing names, read the way a fetched one is
        (:func:`~wirehouse.fetch.listings.parse_listing`); an index's child sitemaps (one
        level) are read from the mirror."""
        cfg = self.config
        try:
            base = where.resolve().as_uri()
            listing = parse_listing(cfg.kind, data, base=base, max_bytes=self.max_bytes)
        except ListingError as exc:
            yield _reject(cfg.name, str(where), exc.reason, str(exc))
            return
        for entry in listing.entries:
            yield from self._entry(entry)
        for child in listing.children if depth == 0 else ():
            path = local_copy(child, where.parent, cfg.mirror)
            if path is None or not path.is_file():
                continue  # an index entry with no local copy: its pages are not local either
            try:
                child_data = _read_bytes(path, self.max_bytes)
            except (OSError, EOFError, zlib.error, _TooLarge) as exc:
                yield _reject(cfg.name, str(path), "unreadable", f"cannot read: {exc!r}")
                continue
            yield from self._listing(child_data, path, depth + 1)

    def _archives(self) -> Iterator[Item]:
        from wirehouse.fetch.warc import read_warc, warc_files

        if not self.config.location.exists():
            where = str(self.config.location)
            yield _reject(self.config.name, where, "unreadable", "no such file or folder")
            return
        for path in warc_files(self.config.location):
            yield from read_warc(path, source=self.config.name, max_bytes=self.max_bytes)

    def _entry(self, entry: Entry) -> Iterator[Item]:
        cfg = self.config
        url, published = entry.url, entry.published
        locator = f"{cfg.location}: {url}"
        if not _URL.match(url):
            yield _reject(cfg.name, locator, "bad_url", f"not an http(s) or file URL: {url[:80]!r}")
            return
        if published is not None:
            self.newest = max(self.newest or published, published)
            if self.since is not None and published < self.since:
                return
            if self.window is not None and not self.window.contains(published):
                return
        path = local_copy(url, cfg.location.parent, cfg.mirror)
        if path is None or not path.is_file():
            where = f"no local copy at {path}" if path else "no local copy (no mirror configured)"
            yield _reject(cfg.name, locator, "not_local", where, url=url)
            return
        yield read_page(
            path,
            source=cfg.name,
            max_bytes=self.max_bytes,
            url=url,
            published=published,
            title=entry.title,
            language=entry.language or cfg.language,
        )
