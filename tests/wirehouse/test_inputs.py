"""Reading inputs: files, folders, gzip, JSONL lines, sources config, local mirrors."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from tests.conftest import ROOT, page
from transforms.records import Reject, SourceDocument
from wirehouse.config import load_sources
from wirehouse.errors import ConfigError, UsageError
from wirehouse.inputs import documents_from_paths, local_copy, read_page

MAX = 1_000_000


def test_folder_is_read_recursively_and_page_urls_come_from_canonical(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.html").write_text(page(url="https://x.example/one"), encoding="utf-8")
    (tmp_path / "two.html.gz").write_bytes(gzip.compress(page(url=None).encode()))
    (tmp_path / "notes.txt").write_text("ignored")
    docs = list(documents_from_paths([tmp_path], source="cli", max_bytes=MAX))
    urls = sorted(d.url for d in docs if isinstance(d, SourceDocument))
    assert urls == [(tmp_path / "two.html.gz").as_uri(), "https://x.example/one"]


def test_bad_paths_are_usage_errors_before_reading(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(UsageError, match="not an input file"):
        documents_from_paths([tmp_path / "notes.txt"], source="cli", max_bytes=MAX)
    with pytest.raises(UsageError, match="no such file"):
        documents_from_paths([tmp_path / "missing"], source="cli", max_bytes=MAX)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary_content"),
        (b"x" * 2000, "too_large"),
    ],
)
def test_unusable_pages_become_rejects(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "p.html"
    path.write_bytes(content)
    result = read_page(path, source="cli", max_bytes=1000)
    assert isinstance(result, Reject) and result.reason == reason
    assert result.detail.startswith(str(path))


def test_corrupt_gzip_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "p.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    result = read_page(path, source="cli", max_bytes=MAX)
    assert isinstance(result, Reject) and result.reason == "unreadable"


def test_local_copy_never_leaves_the_mirror(tmp_path: Path) -> None:
    mirror = tmp_path / "site"
    assert local_copy("https://a.example/x/y.html", tmp_path, mirror) == (
        mirror / "a.example" / "x" / "y.html"
    )
    assert local_copy("https://a.example/../../etc/passwd", tmp_path, mirror) is None
    assert local_copy("https://a.example/x.html", tmp_path, None) is None
    assert local_copy("ftp://a.example/x.html", tmp_path, mirror) is None
    assert local_copy("pages/x.html", tmp_path, None) == tmp_path / "pages" / "x.html"


def test_the_shipped_sources_file_is_valid() -> None:
    sources = load_sources(ROOT / "sources.toml")
    assert len(sources) >= 5
    assert all(s.location.is_file() for s in sources)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not toml [", "not valid TOML"),
        ("", "no \\[\\[source\\]\\] entries"),
        ('[[source]]\nname = "a"\nkind = "ftp"\nlocation = "x"', "unknown kind 'ftp'"),
        ('[[source]]\nname = "a"\nkind = "feed"', "missing location"),
        ('[[source]]\nname="a"\nkind="feed"\nlocation="x"\nspeed=1', "unknown keys"),
        (
            '[[source]]\nname="a"\nkind="feed"\nlocation="x"\n'
            '[[source]]\nname="a"\nkind="feed"\nlocation="y"',
            "repeated",
        ),
    ],
)
def test_bad_sources_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_sources(path)


def test_url_list_and_gzipped_jsonl_sources(tmp_path: Path) -> None:
    from transforms.batch import DateWindow
    from wirehouse.config import SourceConfig
    from wirehouse.inputs import SourceReader

    site = tmp_path / "site" / "x.example" / "a"
    site.mkdir(parents=True)
    (site / "one.html").write_text(page(url="https://x.example/a/one.html"), encoding="utf-8")
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "# today's links\nhttps://x.example/a/one.html\nhttps://x.example/a/gone.html\n"
    )
    config = SourceConfig("list", "urls", listing, mirror=tmp_path / "site")
    found = list(SourceReader(config, MAX).documents())
    assert [type(d).__name__ for d in found] == ["SourceDocument", "Reject"]
    assert isinstance(found[1], Reject) and found[1].reason == "not_local"

    records = tmp_path / "wire.jsonl.gz"
    lines = [
        '{"url": "https://w.example/1", "text": "Body one.", "published": "2024-01-02"}',
        '{"url": "https://w.example/2", "text": "Body two.", "published": "2024-03-04"}',
    ]
    records.write_bytes(gzip.compress("\n".join(lines).encode()))
    files = SourceConfig("wire", "files", records)
    window = DateWindow(dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    docs = [d for d in SourceReader(files, MAX, window=window).documents()]
    # A files source has no dates before reading; the window is applied after extraction.
    assert [d.url for d in docs if isinstance(d, SourceDocument)] == [
        "https://w.example/1",
        "https://w.example/2",
    ]


@pytest.mark.parametrize(
    "line",
    [
        # orjson refuses these; the standard library reads them, and so must the reader.
        b'{"url": "https://w.example/1", "text": "lone \\ud800 surrogate"}',
        b'{"url": "https://w.example/1", "text": "a NaN beside", "score": NaN}',
        b'\xef\xbb\xbf{"url": "https://w.example/1", "text": "after a byte-order mark"}',
        # Both read these; orjson's answer must be the standard library's.
        b'{"url": "https://w.example/1", "text": "first", "text": "last key wins"}',
        '{"url": "https://w.example/1", "text": "caf\\u00e9 \\ud83d\\ude00 \u00e9"}'.encode(),
    ],
)
def test_a_jsonl_line_reads_as_the_standard_library_reads_it(tmp_path: Path, line: bytes) -> None:
    import json

    records = tmp_path / "lines.jsonl"
    records.write_bytes(line + b"\n")
    [doc] = documents_from_paths([records], source="cli", max_bytes=MAX)
    assert isinstance(doc, SourceDocument)
    assert doc.text == json.loads(line)["text"]


def test_a_line_neither_parser_reads_is_a_reject_naming_file_and_line(tmp_path: Path) -> None:
    records = tmp_path / "lines.jsonl"
    records.write_bytes(b'{"url": "https://w.example/1", "text": "fine"}\n{"url": \n')
    docs = list(documents_from_paths([records], source="cli", max_bytes=MAX))
    assert isinstance(docs[1], Reject) and docs[1].reason == "malformed_jsonl"
    assert docs[1].locator == f"{records.resolve()}:2"
    assert "not valid JSON: Expecting value: line 2 column 1" in docs[1].detail
