"""The synthetic corpus is deterministic and extractable; the benchmark runs (figures unchecked)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from transforms.batch import transform_batch
from wirehouse.evaluation import bench
from wirehouse.evaluation.synthetic import generate_pages, main, write_jsonl, write_site
from wirehouse.inputs import documents_from_paths


def test_pages_depend_only_on_seed_and_index() -> None:
    first = [p.html for p in generate_pages(5)]
    assert first == [p.html for p in generate_pages(5)]
    assert [p.html for p in generate_pages(2, start=3)] == first[3:]
    assert first != [p.html for p in generate_pages(5, seed=8)]
    assert len({p.url for p in generate_pages(50)}) == 50


def test_pages_yield_articles_quotes_and_events(tmp_path: Path) -> None:
    assert main(["--pages", "12", "--out", str(tmp_path), "--format", "jsonl"]) == 0
    docs = list(documents_from_paths([tmp_path / "pages.jsonl"], source="t", max_bytes=10**7))
    frames = transform_batch(docs)
    assert frames.count("articles") == 12
    assert frames.count("rejects") == 0
    assert frames.count("quotes") >= 12 and frames.count("events") >= 12
    speakers = set(frames["quotes"]["speaker"].drop_nulls().to_list())
    assert len(speakers) >= 6


def test_page_weight_surrounds_the_same_story(tmp_path: Path) -> None:
    heavy = list(generate_pages(8))
    light = list(generate_pages(8, chrome=False))
    # Real news pages weigh ~126 kB (median of the shared corpora); the bare story ~4 kB.
    assert min(len(p.html) for p in heavy) > 50_000 > max(len(p.html) for p in light)
    texts = []
    for pages in (heavy, light):
        write_jsonl(iter(pages), tmp_path / str(len(texts)))
        docs = documents_from_paths(
            [tmp_path / str(len(texts)) / "pages.jsonl"], source="t", max_bytes=10**7
        )
        texts.append(transform_batch(list(docs))["articles"]["text"].to_list())
    assert texts[0] == texts[1]


def test_site_has_pages_feeds_and_sitemaps(tmp_path: Path) -> None:
    pages = list(generate_pages(16))
    write_site(iter(pages), tmp_path)
    for page in pages:
        assert (tmp_path / page.host / page.path).read_text(encoding="utf-8") == page.html
    hosts = {p.host for p in pages}
    for host in hosts:
        feed = ET.parse(tmp_path / "feeds" / f"{host}.xml").getroot()
        links = {item.findtext("link") for item in feed.iter("item")}
        sitemap = ET.parse(tmp_path / host / "sitemap.xml").getroot()
        locs = {el.text for el in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
        assert links == locs == {p.url for p in pages if p.host == host}


@pytest.mark.timeout(600)
def test_the_benchmark_runs_on_a_handful_of_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench.bench(
        rounds=1, synthetic=6, corpora=tmp_path / "absent", workdir=tmp_path / "b", load_quotes=500
    )
    printed = capsys.readouterr().out
    assert "ratio pipeline / bare" in printed and "peak memory" in printed
    assert "rounds' own ratios" in printed
    assert "quote rows/s" in printed
    bench.scale([4], tmp_path / "s")
    assert "4 pages" in capsys.readouterr().out
    assert json.loads((tmp_path / "b" / "input" / "synthetic" / "pages.jsonl").open().readline())
