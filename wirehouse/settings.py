"""Every knob Wirehouse has: a name, a default, a help line and an environment variable.

``WIREHOUSE_<NAME>`` sets each one (``WIREHOUSE_DB=/data/news.duckdb``); CLI options override
the environment. The README's settings table is checked against this class by a test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic.networks import IPvAnyAddress, IPvAnyNetwork
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Wirehouse settings, read from ``WIREHOUSE_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="WIREHOUSE_", extra="forbid")

    db: Path = Field(Path("data/warehouse.duckdb"), description="The DuckDB warehouse file.")
    sources: Path = Field(
        Path("sources.toml"), description="Sources file read by `wirehouse run` and `backfill`."
    )
    batch_size: int = Field(
        200, ge=1, le=10_000, description="Documents per batch (one Prefect task each)."
    )
    min_article_chars: int = Field(
        300, ge=0, description="Article text shorter than this is rejected as `too_short`."
    )
    max_document_mb: float = Field(
        20.0, gt=0, description="Input documents larger than this are rejected as `too_large`."
    )
    orchestrator: Literal["prefect", "inline"] = Field(
        "prefect",
        description="`prefect` runs the stages as a Prefect flow; `inline` calls them directly.",
    )
    docs_dir: Path | None = Field(
        None, description="Where each run's Data Docs go; None: `data-docs/` beside the warehouse."
    )
    lock_wait_seconds: float = Field(
        60.0, ge=0, description="How long a run waits for the warehouse or another run."
    )
    duckdb_memory_limit: str = Field(
        "200MB",
        pattern=r"^[0-9]+(\.[0-9]+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$",
        description="DuckDB's memory cap in a run; past it, it spills to a `.tmp` folder.",
    )

    task_runner: Literal["serial", "process", "thread", "dask"] = Field(
        "process",
        description="Where batches are transformed: `serial` (this process), `process` "
        "(a local process pool), `thread`, or `dask` (a Dask cluster).",
    )
    workers: int | None = Field(
        None,
        ge=1,
        description="Worker processes (or threads, or local Dask workers); None: the CPUs.",
    )
    dask_address: str | None = Field(
        None,
        description="Dask scheduler for `task_runner = dask` (`tcp://host:8786`); "
        "None: a local cluster of `workers` processes.",
    )

    search_index: Literal["after_run", "manual"] = Field(
        "after_run",
        description="`after_run` rebuilds the full-text indexes after a run when the rows "
        "loaded since the last build pass `search_rebuild_share`; `manual` leaves them to "
        "`wirehouse search --reindex`. Search finds rows not indexed yet by substring.",
    )
    search_rebuild_share: float = Field(
        0.1,
        ge=0.0,
        description="With `search_index = after_run`, rebuild once the rows loaded since the "
        "last build exceed this share of the rows indexed (0: after every run that loaded any).",
    )
    report: bool = Field(True, description="Write the HTML run report after each run.")
    reports_dir: Path | None = Field(
        None, description="Where run reports go; None: `reports/` beside the warehouse."
    )

    # Fetching over HTTP (wirehouse.fetch.client); per-source overrides in sources.toml.
    fetch_workers: int = Field(8, ge=1, le=256, description="Threads fetching pages at once.")
    fetch_per_host: int = Field(
        2, ge=1, description="Requests in flight to one host at most (a source can lower it)."
    )
    fetch_delay_seconds: float = Field(
        1.0, ge=0, description="Least gap between two requests to one host (Crawl-delay may add)."
    )
    fetch_timeout_seconds: float = Field(
        10.0, gt=0, description="Connect and read timeout of each socket operation."
    )
    fetch_deadline_seconds: float = Field(
        60.0, gt=0, description="Longest one HTTP exchange may take, headers and body together."
    )
    fetch_retries: int = Field(
        3, ge=0, description="Retries after a connection error, truncated body, 429 or 5xx."
    )
    fetch_backoff_seconds: float = Field(
        1.0, ge=0, description="First retry wait, doubled each retry, with jitter."
    )
    fetch_max_wait_seconds: float = Field(
        120.0,
        ge=0,
        description="Longest wait a server may ask for: a longer Retry-After fails the URL, "
        "a longer Crawl-delay is cut to this.",
    )
    fetch_max_redirects: int = Field(5, ge=0, description="Redirects followed per URL.")
    fetch_allow_networks: list[IPvAnyNetwork] = Field(
        [], description='Private networks fetching may reach (CIDRs, JSON): `["10.0.0.0/8"]`.'
    )
    fetch_resolve: dict[str, IPvAnyAddress] = Field(
        {},
        description="Host name → address to connect to instead of DNS (JSON object), "
        "like curl's `--resolve`.",
    )
    user_agent_contact: str = Field(
        "", description="URL or e-mail where site owners can reach you, sent in the User-Agent."
    )

    schedule_cron: str = Field(
        "0 2 * * *", description="When `wirehouse serve` runs the nightly job (cron, five fields)."
    )
    schedule_timezone: str = Field(
        "UTC", description="Time zone of `schedule_cron` (IANA name, `Europe/Paris`)."
    )

    @property
    def max_document_bytes(self) -> int:
        return int(self.max_document_mb * 1024 * 1024)
