"""Shared fixtures: a fresh warehouse per test, the sample corpus, and ../shared when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wirehouse.logs import configure_logging
from wirehouse.settings import Settings

# The command line's Prefect defaults, before any test module imports Prefect: above all the
# longer start-up bound of the temporary API server on a loaded 2-core machine.
configure_logging()

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample"
SHARED = Path(os.environ.get("WIREHOUSE_SHARED", ROOT.parent / "shared"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Inline orchestration into a warehouse file of this test's own."""
    return Settings(
        db=tmp_path / "warehouse.duckdb",
        sources=ROOT / "sources.toml",
        orchestrator="inline",
        lock_wait_seconds=5,
    )


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The sample corpus loaded once per session (with its search index and report): read it,
    never write to it."""
    from wirehouse import api

    folder = tmp_path_factory.mktemp("sample-warehouse")
    settings = Settings(
        db=folder / "warehouse.duckdb",
        sources=ROOT / "sources.toml",
        orchestrator="inline",
        lock_wait_seconds=30,
    )
    api.run(settings=settings)
    return settings


@pytest.fixture
def shared_corpora() -> Path:
    """../shared/corpora, or a skip saying why the test cannot run here."""
    corpora = SHARED / "corpora"
    if not corpora.is_dir():
        pytest.skip(f"{corpora} is absent: the shared corpora are only on the developers' machines")
    return corpora


ARTICLE_BODY = (
    "The defence ministry said on Monday that talks with the neighbouring government had "
    "resumed after a pause of several weeks. “We expect a written agreement before the end "
    "of the month,” said Amina Diallo, the ministry's spokeswoman, speaking to reporters in "
    "the capital. Diallo added that both delegations had agreed to meet again next week.\n"
    "Opposition lawmakers criticised the talks, arguing that parliament had not been "
    "consulted. Several hundred people protested outside the assembly on Saturday, "
    "according to local police, who said the demonstration ended peacefully."
)


def page(
    *,
    url: str | None = "https://news.example/2024/05/06/talks.html",
    title: str = "Talks resume",
    published: str | None = "2024-05-06",
    body: str = ARTICLE_BODY,
) -> str:
    """A small but realistic news page written for the tests."""
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    date_meta = (
        f'<meta property="article:published_time" content="{published}T08:00:00Z">'
        if published
        else ""
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"{canonical}{date_meta}</head><body><nav><a href='/'>Home</a> <a href='/world'>World"
        f"</a></nav><article><h1>{title}</h1><p class='byline'>By Staff Writer</p>{paragraphs}"
        f"</article><footer>© News Example</footer></body></html>"
    )


def write_pages(folder: Path, n: int, *, titled: bool = False, **kwargs: str) -> Path:
    """``n`` pages (``story-0.html``...) under ``folder``, each with its own URL (and, when
    ``titled``, its own title); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        url = f"https://news.example/world/story-{i}.html"
        title = {"title": f"Story {i}"} if titled else {}
        html = page(url=url, **{**kwargs, **title})
        (folder / f"story-{i}.html").write_text(html, encoding="utf-8")
    return folder
