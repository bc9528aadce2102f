"""Full-text search: BM25 indexes over article text and quote content, offline.

DuckDB's ``fts`` extension is not built in, and ``INSTALL fts`` would download it; the
``duckdb-extension-fts`` package ships the file for our DuckDB version, so it is loaded by
path. Its indexes are snapshots (DuckDB does not update them as rows change), so they are
rebuilt after every load that changed articles, and the time of the build is recorded in
``wirehouse_meta``: a search on an index older than the last such load says so.
Where the extension cannot load, search falls back to an unranked substring match, and says so.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Literal

import duckdb

Kind = Literal["articles", "quotes"]
KINDS: tuple[Kind, ...] = ("articles", "quotes")

#: Table indexed, its key, and the text columns, per search kind.
INDEXED: dict[Kind, tuple[str, str, tuple[str, ...]]] = {
    "articles": ("articles", "article_id", ("title", "text")),
    "quotes": ("quotes", "quote_id", ("content",)),
}

#: What the extension's own tables hold, for ``COMMENT ON`` (every table in the file has one).
_INDEX_TABLES = {
    "dict": ("one row per distinct term", {"termid": "Term key.", "term": "The stemmed term.",
                                           "df": "Documents containing the term."}),
    "docs": ("one row per indexed row", {"docid": "Document key inside the index.",
                                         "name": "Key of the indexed row.",
                                         "len": "Terms in the document."}),
    "fields": ("one row per indexed column", {"fieldid": "Column key.",
                                              "field": "Indexed column name."}),
    "stats": ("the index's corpus statistics", {"num_docs": "Documents indexed.",
                                                "avgdl": "Mean document length in terms."}),
    "stopwords": ("the stopwords left out", {"sw": "A stopword."}),
    "terms": ("one row per term occurrence", {"docid": "Document key.", "fieldid": "Column key.",
                                              "termid": "Term key."}),
}  # fmt: skip

_BUILT_AT = "fts_built_at"


class FtsUnavailable(RuntimeError):
    """The fts extension could not be loaded (missing package or another DuckDB version)."""


def extension_path() -> Path:
    """The packaged ``fts.duckdb_extension`` for the DuckDB version in use.

    Raises
    ------
    FtsUnavailable
        The ``duckdb-extension-fts`` package is absent or has no build for this version.
    """
    if find_spec("duckdb_extension_fts") is None:
        raise FtsUnavailable("the duckdb-extension-fts package is not installed")
    version = f"v{duckdb.__version__}"
    path = Path(
        str(files("duckdb_extension_fts") / "extensions" / version / "fts.duckdb_extension")
    )
    if not path.is_file():
        raise FtsUnavailable(f"duckdb-extension-fts has no build for DuckDB {version}")
    return path


def load_extension(con: duckdb.DuckDBPyConnection) -> None:
    """Load fts into ``con`` from the packaged file, never from the network."""
    path = extension_path()
    try:
        con.execute(f"LOAD '{path}'")
    except duckdb.Error as exc:
        raise FtsUnavailable(f"cannot load {path}: {exc}") from exc


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def build_indexes(con: duckdb.DuckDBPyConnection) -> float:
    """(Re)build both BM25 indexes and record when; returns the seconds it took.

    Raises
    ------
    FtsUnavailable
        The extension could not be loaded; nothing was changed.
    """
    load_extension(con)
    began = time.perf_counter()
    con.execute("BEGIN")
    try:
        for table, key, columns in INDEXED.values():
            fields = ", ".join(_literal(c) for c in columns)
            con.execute(
                f"PRAGMA create_fts_index('main.{table}', {_literal(key)}, {fields}, overwrite=1)"
            )
            _comment_index(con, table)
        con.execute(
            "INSERT OR REPLACE INTO main.wirehouse_meta VALUES (?, ?)",
            [_BUILT_AT, _now().isoformat()],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return time.perf_counter() - began


def _comment_index(con: duckdb.DuckDBPyConnection, table: str) -> None:
    schema = f"fts_main_{table}"
    for name, (grain, columns) in _INDEX_TABLES.items():
        con.execute(
            f"COMMENT ON TABLE {schema}.{name} IS "
            f"{_literal(f'Full-text index of `{table}` (fts extension): {grain}.')}"
        )
        for column, comment in columns.items():
            con.execute(f"COMMENT ON COLUMN {schema}.{name}.{column} IS {_literal(comment)}")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class IndexState:
    """When the indexes were built, and the newest load that changed articles since, if any."""

    built_at: dt.datetime | None
    changed_since: str | None

    @property
    def fresh(self) -> bool:
        return self.built_at is not None and self.changed_since is None


def index_state(con: duckdb.DuckDBPyConnection) -> IndexState:
    """Whether the indexes exist and cover every complete load that changed articles."""
    row = con.execute("SELECT value FROM main.wirehouse_meta WHERE key = ?", [_BUILT_AT]).fetchall()
    schemas = {r[0] for r in con.execute("SELECT schema_name FROM duckdb_schemas()").fetchall()}
    if not row or not all(f"fts_main_{t}" in schemas for t, _, _ in INDEXED.values()):
        return IndexState(None, None)
    built_at = dt.datetime.fromisoformat(row[0][0])
    later = con.execute(
        "SELECT max(load_id) FROM main.loads WHERE status = 'complete' AND articles > 0 "
        "AND finished_at > ?",
        [built_at],
    ).fetchall()
    return IndexState(built_at, later[0][0] if later else None)


@dataclass(slots=True)
class SearchResult:
    """Ranked hits (best first), and a note when the search was not a fresh BM25 search."""

    columns: list[str]
    rows: list[tuple[Any, ...]]
    ranked: bool
    notes: list[str] = field(default_factory=list)


_SELECT: dict[Kind, str] = {
    "articles": (
        "SELECT {score} AS score, a.title, a.outlet, a.published_at::DATE AS published, "
        "a.url, a.article_id FROM main.articles AS a"
    ),
    "quotes": (
        "SELECT {score} AS score, q.speaker, q.quote, q.outlet, q.published_at::DATE AS published, "
        "q.url, q.quote_id FROM main.quote_search AS q"
    ),
}
_KEY: dict[Kind, str] = {"articles": "a.article_id", "quotes": "q.quote_id"}
_TEXT: dict[Kind, str] = {
    "articles": "coalesce(a.title, '') || ' ' || a.text",
    "quotes": "q.quote",
}


def search(
    con: duckdb.DuckDBPyConnection, text: str, *, kind: Kind = "articles", limit: int = 10
) -> SearchResult:
    """Rank articles (title + text) or quotes by BM25 against ``text``.

    Falls back to an unranked match of every word (``ILIKE``) when the extension cannot
    load or no index was built, and notes why in ``notes``.
    """
    if kind not in INDEXED:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    notes: list[str] = []
    state = index_state(con)
    try:
        if state.built_at is None:
            raise FtsUnavailable(
                "no search index has been built yet (`wirehouse search --reindex`)"
            )
        load_extension(con)
    except FtsUnavailable as exc:
        notes.append(f"full-text search unavailable ({exc}); showing unranked substring matches")
        return _substring_search(con, text, kind, limit, notes)
    if state.changed_since:
        notes.append(
            f"the search index was built at {state.built_at:%Y-%m-%d %H:%M} UTC, before load "
            f"{state.changed_since} changed articles: rerun with --reindex to include them"
        )
    table, _, _ = INDEXED[kind]
    score = f"fts_main_{table}.match_bm25({_KEY[kind]}, $query)"
    sql = (
        _SELECT[kind].format(score=score)
        + " WHERE score IS NOT NULL ORDER BY score DESC, published DESC LIMIT $limit"
    )
    relation = con.execute(sql, {"query": text, "limit": limit})
    columns = [d[0] for d in relation.description or []]
    rows = [(round(r[0], 3), *r[1:]) for r in relation.fetchall()]
    return SearchResult(columns, rows, ranked=True, notes=notes)


def _substring_search(
    con: duckdb.DuckDBPyConnection, text: str, kind: Kind, limit: int, notes: list[str]
) -> SearchResult:
    words = text.split() or [text]
    where = " AND ".join(f"{_TEXT[kind]} ILIKE $w{i}" for i in range(len(words)))
    params: dict[str, object] = {f"w{i}": f"%{w}%" for i, w in enumerate(words)}
    params["limit"] = limit
    sql = (
        _SELECT[kind].format(score="NULL::DOUBLE")
        + f" WHERE {where} ORDER BY published DESC NULLS LAST LIMIT $limit"
    )
    relation = con.execute(sql, params)
    columns = [d[0] for d in relation.description or []]
    return SearchResult(columns, relation.fetchall(), ranked=False, notes=notes)
