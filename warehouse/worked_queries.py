"""``docs/queries.sql``: worked questions whose recorded answers are checked against the data.

The file is a sequence of blocks, each a question (``-- Q<n>. ...`` and more comment lines),
one SQL statement, and its answer on the sample corpus as comment lines after ``-- Answer``:

    -- Q1. Which outlets ...?
    SELECT ...;
    -- Answer:
    -- source        | articles
    -- sahel-courier | 7

    python -m warehouse.worked_queries docs/queries.sql --db W     # rewrite the answers
    python -m warehouse.worked_queries --check docs/queries.sql --db W
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from warehouse import fts

_QUESTION = re.compile(r"^-- Q\d+\.")
_ANSWER = "-- Answer:"
_WIDTH = 60  # longer values are cut: the answers are for reading, not for diffing prose


@dataclass(frozen=True, slots=True)
class WorkedQuery:
    """One question: its comment lines, its SQL, and the answer recorded in the file."""

    question: list[str]
    sql: str
    answer: list[str]

    @property
    def title(self) -> str:
        return self.question[0].removeprefix("-- ")


def parse(text: str) -> tuple[list[str], list[WorkedQuery]]:
    """The file's preamble lines and its worked queries, in order."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if _QUESTION.match(line)]
    preamble = lines[: starts[0]] if starts else lines
    queries = []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        block = lines[start:end]
        first_sql = next(i for i, line in enumerate(block) if not line.startswith("--"))
        marker = next((i for i, line in enumerate(block) if line == _ANSWER), len(block))
        answer = [line for line in block[marker + 1 :] if line.startswith("--")]
        queries.append(
            WorkedQuery(block[:first_sql], "\n".join(block[first_sql:marker]).strip(), answer)
        )
    return preamble, queries


def _cell(value: Any) -> str:
    if value is None:
        text = "NULL"
    elif isinstance(value, float):
        text = f"{value:.3f}"
    elif isinstance(value, dt.datetime):
        text = value.strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, list):
        text = "[" + ", ".join(_cell(v) for v in value) + "]"
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"


def render_answer(columns: list[str], rows: list[tuple[Any, ...]]) -> list[str]:
    """The result as aligned comment lines (no trailing spaces)."""
    table = [columns, *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(r[i]) for r in table) for i in range(len(columns))]
    lines = ["-- " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in table]
    if not rows:
        lines.append("-- (no rows)")
    return [line.rstrip() for line in lines]


def answer(con: duckdb.DuckDBPyConnection, query: WorkedQuery) -> list[str]:
    relation = con.execute(query.sql)
    columns = [d[0] for d in relation.description or []]
    return render_answer(columns, relation.fetchall())


def open_warehouse(db: Path) -> duckdb.DuckDBPyConnection:
    """The warehouse read-only, with fts loaded (some questions are full-text searches)."""
    con = duckdb.connect(str(db), read_only=True)
    fts.load_extension(con)
    return con


def rewrite(text: str, con: duckdb.DuckDBPyConnection) -> str:
    """The file with every answer replaced by the query's result on ``con``."""
    preamble, queries = parse(text)
    out = list(preamble)
    for query in queries:
        out += [*query.question, query.sql, _ANSWER, *answer(con, query), ""]
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Recompute or check docs/queries.sql answers.")
    parser.add_argument("target", type=Path)
    parser.add_argument("--db", type=Path, required=True, help="a warehouse of the sample")
    parser.add_argument("--check", action="store_true", help="exit 1 if an answer changed")
    args = parser.parse_args(argv)
    text = args.target.read_text(encoding="utf-8")
    with open_warehouse(args.db) as con:
        fresh = rewrite(text, con)
    if args.check:
        if fresh != text:
            print(f"{args.target}: answers are out of date: run `make docs`", file=sys.stderr)
            return 1
        return 0
    args.target.write_text(fresh, encoding="utf-8")
    print(f"wrote {args.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
