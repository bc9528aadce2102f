"""The crawl benchmark (``make crawl-bench``): a nightly run over a local test site of many
hosts, a second run that must find nothing new, and a backfill over a WARC archive.

The site is built from the synthetic pages (:mod:`wirehouse.evaluation.synthetic`), spread
over ``hosts`` made-up hosts served by :class:`~wirehouse.evaluation.site_server.SiteServer`
on 127.0.0.1. Half the hosts publish an RSS feed; the other half a sitemap index with a
gzipped Google News sitemap and a plain one. Three nightly runs: the first loads everything;
the second must find nothing new (pages older than the cursor are not asked for, the rest
are asked conditionally and answered 304); the third drops the cursors first, so every
listed page is asked conditionally and every one must be a 304. Figures are printed, not
asserted: the machine it runs on decides them.

``python -m wirehouse.evaluation.crawl --pages 1000 --hosts 20 --out /tmp/crawl``
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from warehouse.connection import connect
from wirehouse.evaluation.site_server import SiteServer
from wirehouse.evaluation.synthetic import SyntheticPage, generate_pages
from wirehouse.settings import Settings

_NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
_SM = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True, slots=True)
class Listed:
    url: str
    title: str
    published: str  # ISO 8601, UTC


def host_name(number: int) -> str:
    return f"news-{number:02d}.example"


def _rss(host_url: str, entries: Sequence[Listed]) -> str:
    items = "".join(
        f"<item><title>{html.escape(e.title)}</title><link>{e.url}</link>"
        f"<pubDate>{e.published}</pubDate></item>\n"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{host_url}</title><link>{host_url}</link>\n{items}</channel></rss>\n"
    )


def _news_sitemap(entries: Sequence[Listed]) -> str:
    urls = "".join(
        f"<url><loc>{e.url}</loc><news:news><news:publication>"
        "<news:name>Synthetic</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{e.published}</news:publication_date>"
        f"<news:title>{html.escape(e.title)}</news:title></news:news></url>\n"
        for e in entries
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_SM}" xmlns:news="{_NEWS}">\n'
        f"{urls}</urlset>\n"
    )


def _index(children: Sequence[str]) -> str:
    items = "".join(f"<sitemap><loc>{c}</loc></sitemap>\n" for c in children)
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{_SM}">\n'
    return f"{head}{items}</sitemapindex>\n"


def build_site(root: Path, *, pages: int, hosts: int, port: int, seed: int = 11) -> Path:
    """Write ``pages`` pages over ``hosts`` hosts under ``root``, and a sources file.

    Returns the ``sources.toml`` that lists every host (feeds and sitemap indexes).
    """
    listed: dict[str, list[Listed]] = {}
    for index, synthetic in enumerate(generate_pages(pages, seed=seed)):
        host = host_name(index % hosts + 1)
        url = f"http://{host}:{port}/{synthetic.path}"
        page = synthetic.html.replace(synthetic.url, url)
        target = root / host / synthetic.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        when = synthetic.published.strftime("%Y-%m-%dT%H:%M:%SZ")
        listed.setdefault(host, []).append(Listed(url, synthetic.title, when))
    sources = ["# The crawl benchmark's sources: one per host, at 127.0.0.1 by pinning.\n"]
    for number, (host, entries) in enumerate(sorted(listed.items())):
        base = f"http://{host}:{port}/"
        folder = root / host
        if number % 2 == 0:
            (folder / "rss.xml").write_text(_rss(base, entries), encoding="utf-8")
            kind, location = "feed", f"{base}rss.xml"
        else:
            half = len(entries) // 2
            (folder / "news-1.xml.gz").write_bytes(
                gzip.compress(_news_sitemap(entries[:half]).encode("utf-8"))
            )
            (folder / "news-2.xml").write_text(_news_sitemap(entries[half:]), encoding="utf-8")
            children = [f"{base}news-1.xml.gz", f"{base}news-2.xml"]
            (folder / "sitemap-index.xml").write_text(_index(children), encoding="utf-8")
            kind, location = "sitemap", f"{base}sitemap-index.xml"
        sources.append(
            f'\n[[source]]\nname = "{host}"\nkind = "{kind}"\nlocation = "{location}"\n'
            'language = "en"\nschedule = "0 2 * * *"\n'
        )
    target = root / "sources.toml"
    target.write_text("".join(sources), encoding="utf-8")
    return target


def write_warc(root: Path, pages: Sequence[SyntheticPage], out: Path) -> Path:
    """A gzipped WARC of ``pages`` (response records) plus a request record per page."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    del root
    with out.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for page in pages:
            body = page.html.encode("utf-8")
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                page.url, "response", payload=BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
            asked = StatusAndHeaders(
                f"GET /{page.path} HTTP/1.1", [("Host", page.host)], is_http_request=True
            )
            request = writer.create_warc_record(
                page.url, "request", payload=BytesIO(b""), http_headers=asked
            )
            writer.write_record(request)
    return out


def bench(out: Path, *, pages: int, hosts: int, delay: float) -> dict[str, object]:
    """Two nightly runs over the site and a WARC backfill; returns the figures."""
    from wirehouse import api

    out.mkdir(parents=True, exist_ok=True)
    site = out / "site"
    with SiteServer(site) as server:
        sources = build_site(site, pages=pages, hosts=hosts, port=server.port)
        names = {host_name(n): "127.0.0.1" for n in range(1, hosts + 1)}
        settings = Settings(
            db=out / "crawl.duckdb",
            sources=sources,
            orchestrator="inline",
            fetch_delay_seconds=delay,
            fetch_allow_networks=["127.0.0.0/8"],
            fetch_resolve=names,
            report=False,
        )
        figures: dict[str, object] = {"pages": pages, "hosts": hosts, "delay_seconds": delay}
        # first: everything is new; second: nothing is (the cursor skips what is older than
        # the last run's newest entry, the rest is asked conditionally); without cursor: the
        # cursors are dropped, so every listed page is asked conditionally and must be a 304.
        for label in ("first", "second", "without_cursor"):
            if label == "without_cursor":
                with connect(settings.db) as con:
                    con.execute("DELETE FROM main.source_cursors")
            server.reset()
            began = time.perf_counter()
            summary = api.run(settings=settings)
            statuses = server.statuses()
            figures[label] = {
                "seconds": round(time.perf_counter() - began, 1),
                "status": summary.status,
                "requests": sum(statuses.values()),
                "robots_txt_requests": len(server.hits) - sum(statuses.values()),
                "http_200": statuses.get(200, 0),
                "http_304": statuses.get(304, 0),
                "conditional_requests": sum(1 for h in server.hits if h.conditional),
                "documents_read": summary.documents_read,
                "unchanged": summary.unchanged,
                "articles": summary.loaded.get("articles", 0),
                "rejects": summary.rejects_by_reason,
                "stage_seconds": summary.stage_seconds,
            }
    archive = write_warc(out, list(generate_pages(pages // 2, seed=99)), out / "backfill.warc.gz")
    warc_sources = out / "warc-sources.toml"
    warc_sources.write_text(
        f'[[source]]\nname = "archive"\nkind = "warc"\nlocation = "{archive}"\n', encoding="utf-8"
    )
    began = time.perf_counter()
    backfilled = api.backfill(
        "2024-01-01",
        "2024-12-31",
        settings=settings.model_copy(update={"sources": warc_sources}),
    )
    figures["warc_backfill"] = {
        "seconds": round(time.perf_counter() - began, 1),
        "archive_bytes": archive.stat().st_size,
        "documents_read": backfilled.documents_read,
        "articles": backfilled.loaded.get("articles", 0),
        "outside_window": backfilled.outside_window,
        "rejects": backfilled.rejects_by_reason,
    }
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Nightly crawl benchmark on a local test site.")
    parser.add_argument("--pages", type=int, default=1000, help="Pages on the site.")
    parser.add_argument("--hosts", type=int, default=20, help="Hosts they are spread over.")
    parser.add_argument(
        "--delay", type=float, default=0.05, help="Seconds between requests to a host."
    )
    parser.add_argument(
        "--out", type=Path, default=Path("/tmp/wirehouse-crawl"), help="Work folder."
    )
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty; give a new --out folder")
    figures = bench(args.out, pages=args.pages, hosts=args.hosts, delay=args.delay)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
