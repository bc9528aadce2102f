"""What the full-text index does not cover yet (its "tail"), and when it is worth rebuilding.

DuckDB's fts indexes are snapshots, and building one reads every article (about 2 s per
thousand). Rather than rebuild after every run, the rows of loads completed since the build
are the index's tail: search ranks the indexed rows with BM25, keeps tail rows out of that
ranking (the index may hold an older version of their text) and matches the tail by
substring instead. The tail is found through the small ``loads`` ledger and a filter on
``load_id``, so finding it never reads article text.

A rebuild is due once the tail exceeds a share ``s`` of the rows indexed. The index then grows
geometrically, so the rebuilds of a warehouse's whole life read at most ``(1 + s) / s`` times
its final row count: each run pays, amortised, for what it added, not for the warehouse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

#: ``wirehouse_meta`` key: when the indexes were last built (UTC).
BUILT_AT = "fts_built_at"

#: The indexed tables.
TABLES = ("articles", "quotes")

#: Loads whose rows the index does not hold: completed after it was built (``$built_at``).
#: Builds and loads both hold the run lock, so no load can complete during a build.
TAIL_LOADS = "SELECT load_id FROM main.loads WHERE status = 'complete' AND finished_at > $built_at"


#: Keys of each indexed table's tail rows, as subqueries taking ``$built_at``.
TAIL_KEYS: dict[str, str] = {
    "articles": "SELECT article_id FROM main.articles WHERE load_id IN (" + TAIL_LOADS + ")",
    "quotes": "SELECT quote_id FROM main.quotes WHERE load_id IN (" + TAIL_LOADS + ")",
}


@dataclass(frozen=True, slots=True)
class IndexState:
    """When the indexes were built, and, per indexed table, rows indexed and rows in the tail.

    ``indexed`` counts the documents in the index, old versions of replaced rows included;
    ``tail`` counts current rows loaded since the build (new or replaced).
    """

    built_at: dt.datetime | None
    indexed: dict[str, int]
    tail: dict[str, int]

    @property
    def fresh(self) -> bool:
        """Built, and nothing loaded since."""
        return self.built_at is not None and not any(self.tail.values())

    @property
    def tail_share(self) -> float:
        """The largest tail as a share of its table's indexed rows (infinite past an empty one)."""
        shares = [
            n / self.indexed[table] if self.indexed.get(table) else float("inf")
            for table, n in self.tail.items()
            if n
        ]
        return max(shares, default=0.0)

    def rebuild_due(self, share: float) -> bool:
        """Whether a rebuild is due: no index yet, or a tail larger than ``share`` of it."""
        return self.built_at is None or self.tail_share > share

    def describe(self) -> str:
        """One line: how many rows are not indexed yet, of how many."""
        parts = [
            f"{self.tail[t]:,} of {self.tail[t] + self.indexed.get(t, 0):,} {t}"
            for t in TABLES
            if self.tail.get(t)
        ]
        return " and ".join(parts) or "nothing"


def index_state(con: duckdb.DuckDBPyConnection) -> IndexState:
    """Whether the indexes exist, how many rows they hold, and how many were loaded since.

    Reads ``wirehouse_meta``, the index's one-row ``stats`` tables and the ``load_id`` column
    of the tail's loads: never the text, and without the fts extension.
    """
    row = con.execute("SELECT value FROM main.wirehouse_meta WHERE key = ?", [BUILT_AT]).fetchall()
    schemas = {r[0] for r in con.execute("SELECT schema_name FROM duckdb_schemas()").fetchall()}
    if not row or not all(f"fts_main_{table}" in schemas for table in TABLES):
        return IndexState(None, {}, {})
    built_at = dt.datetime.fromisoformat(row[0][0])
    indexed: dict[str, int] = {}
    tail: dict[str, int] = {}
    for table in TABLES:
        schema = f"fts_main_{table}"
        stats = con.execute(f"SELECT num_docs FROM {schema}.stats").fetchall()
        indexed[table] = int(stats[0][0]) if stats and stats[0][0] is not None else 0
        counted = con.execute(
            "SELECT count(*) FROM (" + TAIL_KEYS[table] + ")", {"built_at": built_at}
        ).fetchall()
        tail[table] = int(counted[0][0])
    return IndexState(built_at, indexed, tail)
