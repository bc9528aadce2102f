"""The README stays true: settings documented, commands shown, queries runnable."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from wirehouse.settings import Settings

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_with_its_variable_and_default() -> None:
    for name, field in Settings.model_fields.items():
        variable = f"WIREHOUSE_{name.upper()}"
        rows = (line for line in README.splitlines() if line.startswith(f"| `{variable}`"))
        row = next(rows, None)
        assert row is not None, f"{variable} is missing from the README's settings table"
        assert str(field.default) in row, f"{variable}: README does not show its default"


def test_readme_shows_the_two_setup_commands_and_every_make_target() -> None:
    assert "make run" in README and "make test" in README
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"^([a-z-]+):.*## ", makefile, flags=re.M):
        assert f"make {target}" in README, f"make {target} is not in the README"


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def readme_queries() -> list[str]:
    """The SQL of every `wirehouse sql "…"` example in the README."""
    return [
        " ".join(q.split())
        for q in re.findall(r'^\$ \.venv/bin/wirehouse sql "(.*?)"$', README, flags=re.M | re.S)
    ]


def test_readme_queries_run_on_the_sample_warehouse(settings: Settings) -> None:
    from wirehouse import api

    queries = readme_queries()
    assert len(queries) >= 3
    api.run(settings=settings)
    for sql in queries:
        columns, rows = api.query(sql, settings=settings)
        assert columns and rows, f"README query returned nothing: {sql}"
