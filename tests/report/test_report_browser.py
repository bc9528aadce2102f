"""The run report in a real headless Chromium: loads offline, no console errors, charts drawn.

Uses the system Chromium (never a downloaded browser); skips, saying why, where it is absent.
The screenshot is kept as a test artefact in build/test-artifacts/report.png.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from wirehouse.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "build" / "test-artifacts"


@pytest.fixture(scope="module")
def chromium() -> Path:
    found = CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")
    if not found:
        pytest.skip("Chromium is not installed (apt-get install chromium): browser test skipped")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    return Path(found)


def test_report_renders_in_chromium_with_its_charts(
    chromium: Path, sample_warehouse: Settings
) -> None:
    from playwright.sync_api import sync_playwright

    report = sample_warehouse.db.parent / "reports" / "latest.html"
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=FLAGS)
        try:
            tab = browser.new_page(viewport={"width": 1100, "height": 900})
            tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda e: problems.append(str(e)))
            tab.on("request", lambda r: requests.append(r.url))
            tab.goto(report.as_uri(), wait_until="load")
            charts = tab.eval_on_selector_all(
                "div.chart",
                """nodes => nodes.map(n => {
                    const svg = n.querySelector('svg');
                    const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
                    return {id: n.id, paths: svg ? svg.querySelectorAll('path').length : 0,
                            width: box.width, height: box.height};
                })""",
            )
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        finally:
            browser.close()
    assert problems == []
    assert [r for r in requests if not r.startswith("file://")] == [], "the page needs no network"
    assert {c["id"] for c in charts} == {"chart-timeline", "chart-countries", "chart-stages"}
    for chart in charts:
        assert chart["paths"] > 3 and chart["width"] > 200 and chart["height"] > 50, chart
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000
