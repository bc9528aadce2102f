-- Grain: one row per counted event mention, with the real-world event (cluster) it belongs to.
-- Mentions of one type between the same actor and recipient countries whose day- or
-- week-precise dates overlap (chained) are one event, across articles and outlets. A mention
-- dated only to a month or year, or not at all, cannot be placed that precisely: it stays an
-- event of its own, with its same-article twins of the same type and countries.
CREATE OR REPLACE VIEW main.event_cluster_members AS
WITH keyed AS (
    SELECT
        e.event_id,
        e.article_id,
        e.event_type,
        coalesce(e.actor_country, '') AS actor_key,
        coalesce(e.recipient_country, '') AS recipient_key,
        e.date_start,
        e.date_end,
        e.date_granularity IN ('day', 'week') AND e.date_start IS NOT NULL AS placeable
    FROM main.events_default AS e
),
ordered AS (
    SELECT
        *,
        max(date_end) OVER (
            PARTITION BY event_type, actor_key, recipient_key
            ORDER BY date_start, date_end, event_id
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        ) AS reach
    FROM keyed
    WHERE placeable
),
islands AS (
    SELECT
        *,
        sum(CASE WHEN reach IS NULL OR date_start > reach THEN 1 ELSE 0 END) OVER (
            PARTITION BY event_type, actor_key, recipient_key
            ORDER BY date_start, date_end, event_id
        ) AS island
    FROM ordered
),
placed AS (
    SELECT
        event_id,
        md5(concat_ws('|', event_type, actor_key, recipient_key,
            min(date_start) OVER (PARTITION BY event_type, actor_key, recipient_key, island)
        ))[:16] AS cluster_id
    FROM islands
),
unplaced AS (
    SELECT
        event_id,
        md5(concat_ws('|', event_type, actor_key, recipient_key, article_id))[:16] AS cluster_id
    FROM keyed
    WHERE NOT placeable
)
SELECT * FROM placed
UNION ALL
SELECT * FROM unplaced;

COMMENT ON VIEW main.event_cluster_members IS 'One row per counted event mention: the real-world event (cluster) it reports.';
COMMENT ON COLUMN main.event_cluster_members.event_id IS 'The mention (see `events`).';
COMMENT ON COLUMN main.event_cluster_members.cluster_id IS 'The real-world event: same type and countries, overlapping day/week dates.';
