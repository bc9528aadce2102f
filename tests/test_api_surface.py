"""The public API is explicit: a change to it is a deliberate change to this list."""

from __future__ import annotations

from wirehouse import api


def test_public_api() -> None:
    assert sorted(api.__all__) == [
        "backfill",
        "build_search_index",
        "duckdb_shell_command",
        "ingest",
        "query",
        "report",
        "reprocess",
        "run",
        "search",
        "serve",
        "show",
        "validate",
    ]
    for name in api.__all__:
        assert callable(getattr(api, name))
