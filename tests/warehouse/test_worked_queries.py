"""docs/queries.sql: every worked question still gets the answer recorded under it."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from warehouse.worked_queries import WorkedQuery, answer, open_warehouse, parse, render_answer
from wirehouse.settings import Settings

QUERIES = ROOT / "docs" / "queries.sql"
_, WORKED = parse(QUERIES.read_text(encoding="utf-8"))


def test_there_are_a_dozen_questions_with_answers() -> None:
    assert len(WORKED) >= 12
    for query in WORKED:
        assert query.sql.endswith(";") and query.answer, query.title


@pytest.mark.parametrize("query", WORKED, ids=[q.title[:40] for q in WORKED])
def test_recorded_answer_matches_the_sample(query: WorkedQuery, sample_warehouse: Settings) -> None:
    with open_warehouse(sample_warehouse.db) as con:
        assert answer(con, query) == query.answer, f"{query.title}: run `make docs`"


def test_answers_are_aligned_and_cut() -> None:
    lines = render_answer(["who", "n"], [("A" * 80, 1), (None, 22)])
    assert lines[0] == "-- who" + " " * 57 + " | n"
    assert lines[1].endswith("… | 1") and "NULL" in lines[2]
