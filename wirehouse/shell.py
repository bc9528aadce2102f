"""The DuckDB shell on the warehouse: read-only, with full-text search loaded.

The shell would try to download the fts extension the first time a query uses it, and fail
offline; LOADing the packaged file by path in an init file, a statement of its own before any
query, avoids that.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from warehouse.fts import FtsUnavailable, extension_path
from wirehouse.errors import WarehouseError

_BANNER = (
    "Wirehouse warehouse (read-only). Start with: SELECT * FROM quote_search LIMIT 5; "
    "views: quote_search, speaker_stats, event_timeline, event_dyads, source_health; "
    "docs/schema.md and docs/queries.sql"
)


def init_script(*, interactive: bool = True) -> str:
    """The shell's init file: load fts by path; for a person, a prompt and what is there."""
    lines = []
    try:
        lines.append(f"LOAD '{extension_path()}';")
    except FtsUnavailable as exc:
        lines.append(f".print 'full-text search unavailable: {exc}'")
    if interactive:
        lines += [".prompt 'wirehouse> '", f".print '{_BANNER}'"]
    return "\n".join(lines) + "\n"


def init_file(*, interactive: bool = True) -> Path:
    """Write the init file once per content (it names a path inside this venv) and return it."""
    script = init_script(interactive=interactive)
    digest = hashlib.sha256(script.encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"wirehouse-duckdbrc-{digest}.sql"
    if not path.exists() or path.read_text(encoding="utf-8") != script:
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(script, encoding="utf-8")
        partial.replace(path)  # atomic: two shells starting at once never read half a file
    return path


def shell_command(db: Path, *, interactive: bool | None = None) -> list[str]:
    """The command line of the DuckDB shell opening ``db`` read-only with the init file.

    ``interactive`` (default: whether stdin is a terminal) adds a prompt and a banner; piped
    input gets only the query results.
    """
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not db.exists():
        raise WarehouseError(f"{db}: no warehouse here yet; run `make run` first")
    binary = Path(sys.prefix) / "bin" / "duckdb"
    found = str(binary) if binary.exists() else shutil.which("duckdb")
    if not found:
        raise WarehouseError("the DuckDB shell is not installed (pip install duckdb-cli)")
    init = init_file(interactive=interactive)
    return [found, "-readonly", "-init", os.fspath(init), os.fspath(db)]
