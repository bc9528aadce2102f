"""A small web of made-up hosts for the discovery and nightly tests: files written under a
folder, served by a real :class:`SiteServer` on 127.0.0.1, and settings that pin the hosts
to it (and allow loopback, which the fetcher refuses by default)."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pytest

from wirehouse.evaluation.site_server import SiteServer
from wirehouse.settings import Settings

HOSTS = ("alpha.example", "beta.example", "gamma.example")


@dataclass
class Web:
    root: Path
    server: SiteServer
    work: Path

    def url(self, host: str, path: str = "") -> str:
        return self.server.url(host, path)

    def put(self, host: str, path: str, content: str | bytes, *, gzipped: bool = False) -> str:
        """Write a file the server will serve; returns its URL."""
        target = self.root / host / path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        target.write_bytes(gzip.compress(data) if gzipped else data)
        return self.url(host, path)

    def settings(self, sources: str, **overrides: object) -> Settings:
        """Settings over a sources file with the given ``[[source]]`` entries."""
        path = self.work / "sources.toml"
        path.write_text(sources, encoding="utf-8")
        values: dict[str, object] = {
            "db": self.work / "warehouse.duckdb",
            "sources": path,
            "orchestrator": "inline",
            "lock_wait_seconds": 10,
            "fetch_delay_seconds": 0,
            "fetch_retries": 0,
            "fetch_timeout_seconds": 5,
            "fetch_allow_networks": ["127.0.0.0/8"],
            "fetch_resolve": dict.fromkeys(HOSTS, "127.0.0.1"),
            "report": False,
            **overrides,
        }
        return Settings(**values)  # type: ignore[arg-type]


def source(name: str, kind: str, location: str, **extra: object) -> str:
    lines = [f'name = "{name}"', f'kind = "{kind}"', f'location = "{location}"']
    lines += [
        f"{k} = {v!r}" if not isinstance(v, str) else f'{k} = "{v}"' for k, v in extra.items()
    ]
    return "[[source]]\n" + "\n".join(lines) + "\n\n"


def rss(*items: tuple[str, str | None, str | None]) -> str:
    """An RSS feed of ``(link, title, pubDate)`` items."""
    body = "".join(
        "<item>"
        + f"<link>{escape(link)}</link>"
        + (f"<title>{title}</title>" if title else "")
        + (f"<pubDate>{when}</pubDate>" if when else "")
        + "</item>"
        for link, title, when in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'
    )


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Web]:
    root = tmp_path / "site"
    root.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    with SiteServer(root) as server:
        yield Web(root, server, work)
