"""The analyst views answer what their comments promise, on the sample and on small cases."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import page
from wirehouse import api
from wirehouse.settings import Settings


def rows(sql: str, settings: Settings) -> list[tuple[object, ...]]:
    return api.query(sql, settings=settings)[1]


def test_quote_search_has_every_quote_with_its_article(sample_warehouse: Settings) -> None:
    ((quotes, searchable, dated),) = rows(
        "SELECT (SELECT count(*) FROM quotes), count(*), count(published_at) FROM quote_search",
        sample_warehouse,
    )
    assert quotes == searchable > 0 and dated == searchable


def test_quote_search_countries_come_from_the_articles_events(sample_warehouse: Settings) -> None:
    mismatched = rows(
        "SELECT quote_id FROM quote_search AS q WHERE list_contains(countries, 'NER') "
        "AND NOT EXISTS (SELECT 1 FROM event_participants AS p "
        "WHERE p.article_id = q.article_id AND p.country = 'NER') "
        "AND NOT EXISTS (SELECT 1 FROM events AS e "
        "WHERE e.article_id = q.article_id AND e.location_country = 'NER')",
        sample_warehouse,
    )
    about_niger = rows(
        "SELECT count(*) FROM quote_search WHERE list_contains(countries, 'NER')", sample_warehouse
    )
    assert mismatched == [] and about_niger[0][0] > 0


def test_speaker_stats_counts_every_resolved_quote_once(sample_warehouse: Settings) -> None:
    ((stats, quotes),) = rows(
        "SELECT (SELECT sum(quotes) FROM speaker_stats), "
        "(SELECT count(*) FROM quotes WHERE speaker IS NOT NULL)",
        sample_warehouse,
    )
    assert stats == quotes > 0
    bad = rows(
        "SELECT speaker FROM speaker_stats WHERE direct_quotes > quotes OR articles > quotes "
        "OR outlets > articles OR first_seen > last_seen",
        sample_warehouse,
    )
    assert bad == []


def test_event_timeline_and_dyads_leave_out_negated_and_imprecise(
    sample_warehouse: Settings,
) -> None:
    timeline = rows(
        "SELECT sum(events) FROM event_timeline WHERE country = 'NER'", sample_warehouse
    )[0][0]
    expected = rows(
        "SELECT count(DISTINCT e.event_id) FROM events_default AS e "
        "LEFT JOIN event_participants AS p USING (event_id) "
        "WHERE e.date_granularity = 'day' AND (p.country = 'NER' OR e.location_country = 'NER')",
        sample_warehouse,
    )[0][0]
    assert timeline == expected > 0
    negated = rows(
        "SELECT count(*) FROM event_dyads AS d WHERE NOT EXISTS (SELECT 1 FROM events_default "
        "AS e WHERE e.event_type = d.event_type AND date_trunc('month', e.date_start) = d.month)",
        sample_warehouse,
    )
    assert negated == [(0,)]


def test_event_dyads_pair_every_actor_with_every_recipient(sample_warehouse: Settings) -> None:
    ((pairs, counted),) = rows(
        "SELECT (SELECT sum(events) FROM event_dyads), count(*) FROM ("
        " SELECT DISTINCT a.event_id, a.country, r.country FROM event_participants AS a"
        " JOIN event_participants AS r ON r.event_id = a.event_id AND r.role = 'recipient'"
        " JOIN events_default AS e ON e.event_id = a.event_id"
        " WHERE a.role = 'actor' AND a.country IS NOT NULL AND r.country IS NOT NULL"
        " AND e.date_start IS NOT NULL AND e.date_granularity IN ('day', 'week', 'month'))",
        sample_warehouse,
    )
    assert pairs == counted > 0


def test_source_health_counts_rejects_and_undated(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dated.html").write_text(page(), encoding="utf-8")
    (folder / "undated.html").write_text(
        page(url="https://news.example/undated.html", published=None), encoding="utf-8"
    )
    (folder / "empty.html").write_text("<html><body></body></html>", encoding="utf-8")
    api.ingest([folder], settings=settings)
    ((source, articles, rejects, undated, share, success),) = rows(
        "SELECT source, articles, rejects, undated, undated_share, last_success FROM source_health",
        settings,
    )
    assert (source, articles, rejects, undated, share) == ("cli", 2, 1, 1, 0.5)
    assert success is not None
