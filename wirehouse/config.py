"""The sources file (``sources.toml``): what the nightly job and backfills read.

    [[source]]
    name = "sahel-courier"           # unique; names the nightly cursor
    kind = "feed"                    # feed | sitemap | urls | files | warc
    location = "https://www.sahel-courier.example/rss.xml"  # a URL, or a path
    language = "en"                  # optional: given to every document of the source
    schedule = "0 2 * * *"           # optional: a cron hint for how often it changes
    delay_seconds = 2.0              # optional: politeness, seconds between requests per host
    concurrency = 1                  # optional: politeness, requests at once per host
    mirror = "sample/site"           # optional: local copies of http(s) pages, <host>/<path>

Kinds:

* ``feed``: an RSS 2.0 or Atom feed, a local file or an http(s) URL.
* ``sitemap``: a sitemap, sitemap index (children followed) or Google News sitemap,
  plain or gzipped, a local file or an http(s) URL.
* ``urls``: a list of page URLs, one a line (``#`` comments), a local file or a URL.
* ``files``: a local page or JSONL file, or a folder of them.
* ``warc``: a WARC file (``.warc`` or ``.warc.gz``) or a folder of them, for backfills.

Pages listed by a local feed, sitemap or list are read from ``mirror`` when one is given
(the embedded sample corpus works this way, offline); otherwise http(s) pages are fetched.
``schedule`` is a hint only: the nightly deployment (``wirehouse serve``) runs every source
on its own cron. Relative paths are resolved against the folder of the sources file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirehouse.errors import ConfigError

KINDS = ("feed", "sitemap", "urls", "files", "warc")
#: Kinds whose location may be an http(s) URL.
REMOTE_KINDS = ("feed", "sitemap", "urls")
_KEYS = {
    "name",
    "kind",
    "location",
    "mirror",
    "language",
    "schedule",
    "delay_seconds",
    "concurrency",
}


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """One ``[[source]]``.

    ``location`` is the local file or folder; for a source at an http(s) URL, ``url`` is
    set and ``location`` is the sources file's folder (where relative paths resolve).
    """

    name: str
    kind: str
    location: Path
    mirror: Path | None = None
    language: str | None = None
    url: str | None = None
    schedule: str | None = None
    delay_seconds: float | None = None
    concurrency: int | None = None

    @property
    def where(self) -> str:
        """The source's location as written in messages and reject locators."""
        return self.url or str(self.location)


def _is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def _politeness(entry: dict[str, Any], where: str) -> tuple[float | None, int | None]:
    delay, concurrency = entry.get("delay_seconds"), entry.get("concurrency")
    if delay is not None and (
        isinstance(delay, bool) or not isinstance(delay, int | float) or delay < 0
    ):
        raise ConfigError(f"{where}: delay_seconds must be a number >= 0, got {delay!r}")
    if concurrency is not None and (
        isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1
    ):
        raise ConfigError(f"{where}: concurrency must be an integer >= 1, got {concurrency!r}")
    return (float(delay) if delay is not None else None), concurrency


def _schedule(entry: dict[str, Any], where: str) -> str | None:
    schedule = entry.get("schedule")
    if schedule is None:
        return None
    if not isinstance(schedule, str) or len(schedule.split()) != 5:
        raise ConfigError(f"{where}: schedule must be a five-field cron string, got {schedule!r}")
    return schedule


def _source(entry: dict[str, Any], base: Path, where: str) -> SourceConfig:
    missing = [k for k in ("name", "kind", "location") if not entry.get(k)]
    if missing:
        raise ConfigError(f"{where}: missing {', '.join(missing)}")
    where = f"{where} ({entry['name']})"
    kind, location = entry["kind"], str(entry["location"])
    if kind not in KINDS:
        raise ConfigError(f"{where}: unknown kind {kind!r}; one of {KINDS}")
    unknown = set(entry) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    remote = _is_url(location)
    if remote and kind not in REMOTE_KINDS:
        raise ConfigError(f"{where}: a {kind} source must be a local path, not {location!r}")
    if "://" in location and not remote:
        raise ConfigError(f"{where}: only http(s) URLs or paths are allowed, not {location!r}")
    delay, concurrency = _politeness(entry, where)
    mirror = entry.get("mirror")
    return SourceConfig(
        name=str(entry["name"]),
        kind=str(kind),
        location=base.resolve() if remote else (base / location).resolve(),
        mirror=(base / str(mirror)).resolve() if mirror else None,
        language=entry.get("language"),
        url=location if remote else None,
        schedule=_schedule(entry, where),
        delay_seconds=delay,
        concurrency=concurrency,
    )


def load_sources(path: Path) -> list[SourceConfig]:
    """Read and check a sources file.

    Raises
    ------
    ConfigError
        The file is missing or not TOML, a source lacks ``name``/``kind``/``location``,
        a kind is unknown, a value is malformed, or two sources share a name; the message
        names the file and the source.
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
    sources = [
        _source(entry, path.parent, f"{path}: source #{number}")
        for number, entry in enumerate(entries, 1)
    ]
    names = [s.name for s in sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"{path}: source names must be unique; repeated: {duplicates}")
    return sources
