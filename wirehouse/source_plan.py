"""Every configured source of a run → one stream of documents and rejects.

Local sources (files, WARC archives, feeds and sitemaps whose pages sit in a mirror) are
read one after another by :class:`~wirehouse.inputs.SourceReader`; sources on the web are
read together by :class:`~wirehouse.fetch.discovery.WebDiscovery`, after the validators of
the pages the warehouse already holds are read from ``http_cache``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from transforms.batch import DateWindow
from warehouse import loading
from warehouse.connection import connect
from wirehouse.config import SourceConfig, load_sources
from wirehouse.fetch.discovery import (
    Fetcher,
    FetcherFactory,
    WebDiscovery,
    WebSource,
    is_web_source,
)
from wirehouse.inputs import Item, SourceReader
from wirehouse.settings import Settings

if TYPE_CHECKING:
    from wirehouse.fetch.policy import HostPolicy


class CursorReader(Protocol):
    """What the runner reads back from a source after the run: its name and newest date."""

    @property
    def config(self) -> SourceConfig: ...

    @property
    def newest(self) -> dt.datetime | None: ...


def http_fetchers(settings: Settings) -> FetcherFactory:
    """The real HTTP client, configured from the settings plus per-host politeness."""

    def make(policies: Mapping[str, HostPolicy]) -> AbstractContextManager[Fetcher]:
        from wirehouse.fetch.client import HttpFetcher
        from wirehouse.fetch.policy import FetchConfig

        return HttpFetcher(FetchConfig.from_settings(settings, policies))

    return make


def _default_policy(settings: Settings) -> HostPolicy:
    from wirehouse.fetch.policy import FetchConfig

    return FetchConfig.from_settings(settings).default_policy


@dataclass
class SourcePlan:
    """The sources of one ``run`` or ``backfill``, ready to be read."""

    readers: list[SourceReader]
    web: WebDiscovery | None = None
    cursor_readers: list[CursorReader] = field(default_factory=list)

    def items(self) -> Iterator[Item]:
        for reader in self.readers:
            yield from reader.documents()
        if self.web is not None:
            yield from self.web.documents()


def plan_sources(
    command: str,
    settings: Settings,
    cursors: Mapping[str, dt.datetime],
    window: DateWindow | None,
    fetchers: FetcherFactory | None = None,
) -> SourcePlan:
    """Readers for every configured source; only ``run`` reads from the nightly cursor.

    The warehouse's schema must exist (the runner ensures it first): the validators of the
    pages it holds are read from ``http_cache``.

    Raises
    ------
    ConfigError
        The sources file is missing or invalid (before anything is read).
    """
    configs = load_sources(settings.sources)
    max_bytes = settings.max_document_bytes

    def since(config: SourceConfig) -> dt.datetime | None:
        return cursors.get(config.name) if command == "run" else None

    readers = [
        SourceReader(c, max_bytes, since=since(c), window=window)
        for c in configs
        if not is_web_source(c)
    ]
    web_sources = [WebSource(c, since=since(c), window=window) for c in configs if is_web_source(c)]
    plan = SourcePlan(readers, cursor_readers=[*readers, *web_sources])
    if web_sources:
        with connect(settings.db, wait_seconds=settings.lock_wait_seconds) as con:
            validators = loading.http_validators(con)
        plan.web = WebDiscovery(
            web_sources,
            fetchers=fetchers or http_fetchers(settings),
            validators=validators,
            max_bytes=max_bytes,
            default_policy=_default_policy(settings),
        )
    return plan
