"""Cross-table audits: a critical one rolls the promotion back, a warning is recorded."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import warehouse.audits as audits_module
from tests.conftest import write_pages
from warehouse.audits import Audit
from wirehouse import api
from wirehouse.errors import AuditFailed
from wirehouse.settings import Settings

ORPHAN = Audit(
    "every_article_is_orphaned",
    "critical",
    "An injected rule that every article breaks",
    "SELECT article_id AS row_key, 'articles' AS table_name, url AS detail FROM main.articles",
)


def test_a_failing_critical_audit_rolls_the_promotion_back(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pages(tmp_path / "in", 2)
    shipped = audits_module.load_audits()
    monkeypatch.setattr(audits_module, "load_audits", lambda: [*shipped, ORPHAN])
    with pytest.raises(AuditFailed, match="every_article_is_orphaned: 2 rows break it"):
        api.ingest([tmp_path / "in"], settings=settings)
    with duckdb.connect(str(settings.db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(0,)]
        assert con.execute("SELECT count(*) FROM staging.articles").fetchall() == [(2,)]
        assert con.execute("SELECT status FROM loads").fetchall() == [("failed",)]
        recorded = con.execute(
            "SELECT success FROM dq_results WHERE expectation = 'audit:every_article_is_orphaned'"
        ).fetchall()
    assert recorded == [(False,)]


def test_audits_pass_on_a_clean_load_and_are_recorded(tmp_path: Path, settings: Settings) -> None:
    write_pages(tmp_path / "in", 2)
    api.ingest([tmp_path / "in"], settings=settings)
    with duckdb.connect(str(settings.db), read_only=True) as con:
        rows = con.execute(
            "SELECT expectation, success FROM dq_results WHERE expectation LIKE 'audit:%' "
            "ORDER BY expectation"
        ).fetchall()
    assert ("audit:quotes_have_articles", True) in rows
    assert ("audit:participants_have_events", True) in rows
    critical = {name for name in rows_of(settings.db, "critical")}
    assert all(success for name, success in rows if name in critical)


def rows_of(db: Path, severity: str) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        found = con.execute(
            "SELECT expectation FROM dq_results WHERE expectation LIKE 'audit:%' AND severity = ?",
            [severity],
        ).fetchall()
    return [name for (name,) in found]


def test_the_demonym_trap_is_flagged(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    from warehouse.ddl import ensure_schema

    ensure_schema(con)
    con.execute(
        "INSERT INTO articles (article_id, url, text) VALUES "
        "('a1', 'https://n.example/1', 'Troops left Niamey as Niger''s junta watched.')"
    )
    con.execute(
        "INSERT INTO events (event_id, article_id, event_type, actor_country) VALUES "
        "('e1', 'a1', 'RETREAT', 'NGA'), ('e2', 'a1', 'RETREAT', 'NER')"
    )
    results = {r.audit.name: r for r in audits_module.run_audits(con)}
    trap = results["demonym_trap"]
    assert trap.audit.severity == "warning" and trap.failing == 1
    assert "events.e1" in trap.detail


def test_a_promotion_audits_its_own_rows_and_validate_audits_every_row(tmp_path: Path) -> None:
    """A nightly load's audits cost what it added: rows of older loads are not re-read (they
    cannot be broken by it, as it replaces whole articles), while `validate` reads them all."""
    from warehouse.ddl import ensure_schema

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(con)
    con.execute(
        "INSERT INTO quotes (quote_id, article_id, load_id) VALUES "
        "('q-old', 'gone', 'old'), ('q-new', 'missing', 'new')"
    )

    def orphans(load_id: str | None) -> int:
        results = {r.audit.name: r for r in audits_module.run_audits(con, load_id)}
        return results["quotes_have_articles"].failing

    assert orphans("new") == 1
    assert orphans("old") == 1
    assert orphans(None) == 2
    assert orphans("neither") == 0
    # The scoping views do not outlive the audit run.
    assert con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'audited_%'"
    ).fetchall() == [(0,)]
