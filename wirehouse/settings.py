"""Every knob Wirehouse has: a name, a default, a help line and an environment variable.

``WIREHOUSE_<NAME>`` sets each one (``WIREHOUSE_DB=/data/news.duckdb``); CLI options override
the environment. The README's settings table is checked against this class by a test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
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

    @property
    def max_document_bytes(self) -> int:
        return int(self.max_document_mb * 1024 * 1024)
