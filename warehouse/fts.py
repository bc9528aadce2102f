"""Full-text search: BM25 indexes over article text and quote content, offline.

DuckDB's ``fts`` extension is not built in, and ``INSTALL fts`` would download it; the
``duckdb-extension-fts`` package ships the file for our DuckDB version, so it is loaded by
path. Its indexes are snapshots (DuckDB does not update them as rows change), and a build
reads every row, so they are not rebuilt after every load: rows loaded since the build (the
"tail", :mod:`warehouse.fts_tail`) are left out of the BM25 ranking and matched by substring
instead, listed after the ranked hits without a score.
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

from warehouse.connection import rollback
from warehouse.fts_tail import BUILT_AT, TAIL_KEYS, TAIL_LOADS, IndexState, index_state
from warehouse.sql_text import sql_literal

__all__ = [
    "INDEXED",
    "KINDS",
    "FtsUnavailable",
    "IndexState",
    "SearchResult",
    "build_indexes",
    "extension_path",
    "index_state",
    "load_extension",
    "search",
]

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
            fields = ", ".join(sql_literal(c) for c in columns)
            key_column = sql_literal(key)
            con.execute(
                f"PRAGMA create_fts_index('main.{table}', {key_column}, {fields}, overwrite=1)"
            )
            _comment_index(con, table)
        con.execute(
            "INSERT OR REPLACE INTO main.wirehouse_meta VALUES (?, ?)",
            [BUILT_AT, _now().isoformat()],
        )
        con.execute("COMMIT")
    except BaseException:
        rollback(con)  # a failed COMMIT (disk full) must be the error reported
        raise
    return time.perf_counter() - began


def _comment_index(con: duckdb.DuckDBPyConnection, table: str) -> None:
    schema = f"fts_main_{table}"
    for name, (grain, columns) in _INDEX_TABLES.items():
        con.execute(
            f"COMMENT ON TABLE {schema}.{name} IS "
            f"{sql_literal(f'Full-text index of `{table}` (fts extension): {grain}.')}"
        )
        for column, comment in columns.items():
            con.execute(f"COMMENT ON COLUMN {schema}.{name}.{column} IS {sql_literal(comment)}")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(slots=True)
class SearchResult:
    """Hits, and notes when the search was not a plain BM25 search.

    When ``ranked``, rows with a score come first, best first; rows not indexed yet
    (``not_indexed`` of them in the searched table) follow with a ``None`` score.
    """

    columns: list[str]
    rows: list[tuple[Any, ...]]
    ranked: bool
    notes: list[str] = field(default_factory=list)
    not_indexed: int = 0


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
#: Rows loaded since the index was built, taking ``$built_at``: articles by their own
#: ``load_id`` (a filter the scan applies before reading text), quotes through their keys
#: (``quote_search`` does not carry ``load_id``).
_TAIL: dict[Kind, str] = {
    "articles": "a.load_id IN (" + TAIL_LOADS + ")",
    "quotes": "q.quote_id IN (" + TAIL_KEYS["quotes"] + ")",
}


def search(
    con: duckdb.DuckDBPyConnection, text: str, *, kind: Kind = "articles", limit: int = 10
) -> SearchResult:
    """Rank articles (title + text) or quotes by BM25 against ``text``.

    Up to ``limit`` ranked hits come from the index; rows loaded since it was built are left
    out of them (the index may hold an older version of their text) and matched by substring
    instead: up to ``limit`` more, unranked, after the ranked ones, with a note. Falls back
    to an unranked match of every word (``ILIKE``) when the extension cannot load or no
    index was built, and notes why in ``notes``.
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
        columns, rows, _ = _substring_search(con, text, kind, limit)
        return SearchResult(columns, rows, ranked=False, notes=notes)
    table, _, _ = INDEXED[kind]
    not_indexed = state.tail.get(table, 0)
    score = f"fts_main_{table}.match_bm25({_KEY[kind]}, $query)"
    where = " WHERE score IS NOT NULL"
    params: dict[str, object] = {"query": text, "limit": limit}
    if not_indexed:
        where += " AND NOT " + _TAIL[kind]
        params["built_at"] = state.built_at
    sql = _SELECT[kind].format(score=score) + where + " ORDER BY score DESC, published DESC"
    relation = con.execute(sql + " LIMIT $limit", params)
    columns = [d[0] for d in relation.description or []]
    rows = [(round(r[0], 3), *r[1:]) for r in relation.fetchall()]
    if not_indexed:
        _, tail_rows, matched = _substring_search(con, text, kind, limit, since=state.built_at)
        rows += tail_rows
        shown = "are" if len(tail_rows) == matched else f"the newest {len(tail_rows):,} are"
        notes.append(
            f"{not_indexed:,} {table} loaded since the search index was built "
            f"({state.built_at:%Y-%m-%d %H:%M} UTC) are not ranked yet: {matched:,} of them "
            f"match every word and {shown} listed last, without a score (the next rebuild "
            "ranks them; `wirehouse search --reindex` rebuilds now)"
        )
    return SearchResult(columns, rows, ranked=True, notes=notes, not_indexed=not_indexed)


def _substring_search(
    con: duckdb.DuckDBPyConnection,
    text: str,
    kind: Kind,
    limit: int,
    *,
    since: dt.datetime | None = None,
) -> tuple[list[str], list[tuple[Any, ...]], int]:
    """Rows holding every word of ``text`` (newest first, at most ``limit``), their columns,
    and how many rows match in all; only rows loaded after ``since`` when it is given."""
    words = text.split() or [text]
    where = " AND ".join(f"{_TEXT[kind]} ILIKE $w{i}" for i in range(len(words)))
    params: dict[str, object] = {f"w{i}": f"%{w}%" for i, w in enumerate(words)}
    params["limit"] = limit
    if since is not None:
        where = _TAIL[kind] + " AND " + where
        params["built_at"] = since
    matches = _SELECT[kind].format(score="NULL::DOUBLE") + f" WHERE {where}"
    sql = (
        "SELECT *, count(*) OVER () AS matched FROM (" + matches + ") "
        "ORDER BY published DESC NULLS LAST LIMIT $limit"
    )
    relation = con.execute(sql, params)
    columns = [d[0] for d in relation.description or []][:-1]
    fetched = relation.fetchall()
    matched = fetched[0][-1] if fetched else 0
    return columns, [r[:-1] for r in fetched], matched
