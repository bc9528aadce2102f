"""The sources file (``sources.toml``): what the nightly job and backfills read.

    [[source]]
    name = "sahel-courier"                                  # unique; names the cursor
    kind = "feed"                                           # feed | files | urls
    location = "sample/feeds/www.sahel-courier.example.xml" # relative to this file
    mirror = "sample/site"        # optional: local copies of http(s) pages, <host>/<path>
    language = "en"               # optional: given to every document of the source

Relative paths are resolved against the folder of the sources file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from wirehouse.errors import ConfigError

KINDS = ("feed", "files", "urls")


@dataclass(frozen=True, slots=True)
class SourceConfig:
    name: str
    kind: str
    location: Path
    mirror: Path | None = None
    language: str | None = None


def load_sources(path: Path) -> list[SourceConfig]:
    """Read and check a sources file.

    Raises
    ------
    ConfigError
        The file is missing or not TOML, a source lacks ``name``/``kind``/``location``,
        a kind is unknown, or two sources share a name; the message names the file and
        the source.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: sources file not found") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: no [[source]] entries")
    base = path.parent
    sources: list[SourceConfig] = []
    for number, entry in enumerate(entries, 1):
        where = f"{path}: source #{number}"
        missing = [k for k in ("name", "kind", "location") if not entry.get(k)]
        if missing:
            raise ConfigError(f"{where}: missing {', '.join(missing)}")
        if entry["kind"] not in KINDS:
            raise ConfigError(
                f"{where} ({entry['name']}): unknown kind {entry['kind']!r}; one of {KINDS}"
            )
        unknown = set(entry) - {"name", "kind", "location", "mirror", "language"}
        if unknown:
            raise ConfigError(f"{where} ({entry['name']}): unknown keys {sorted(unknown)}")
        mirror = entry.get("mirror")
        sources.append(
            SourceConfig(
                name=str(entry["name"]),
                kind=str(entry["kind"]),
                location=(base / str(entry["location"])).resolve(),
                mirror=(base / str(mirror)).resolve() if mirror else None,
                language=entry.get("language"),
            )
        )
    names = [s.name for s in sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"{path}: source names must be unique; repeated: {duplicates}")
    return sources
