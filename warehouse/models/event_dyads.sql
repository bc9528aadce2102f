-- Grain: one row per actor country, recipient country, PLOVER type and month. Every actor
-- party is paired with every recipient party of a mention ("France and Germany expelled
-- Russian diplomats" is two dyads). Mentions with no date at least month-precise are left
-- out; so are parties without a country.
CREATE OR REPLACE VIEW main.event_dyads AS
WITH pairs AS (
    SELECT DISTINCT a.event_id, a.country AS actor_country, r.country AS recipient_country
    FROM main.event_participants AS a
    JOIN main.event_participants AS r
        ON r.event_id = a.event_id AND r.role = 'recipient' AND r.country IS NOT NULL
    WHERE a.role = 'actor' AND a.country IS NOT NULL
)
SELECT
    p.actor_country,
    p.recipient_country,
    e.event_type,
    date_trunc('month', e.date_start)::DATE AS month,
    count(*) AS events,
    count(DISTINCT c.cluster_id) AS distinct_events,
    count(DISTINCT e.article_id) AS articles,
    min(e.date_start) AS first_day,
    max(e.date_end) AS last_day
FROM pairs AS p
JOIN main.events_default AS e USING (event_id)
JOIN main.event_cluster_members AS c USING (event_id)
WHERE e.date_start IS NOT NULL AND e.date_granularity IN ('day', 'week', 'month')
GROUP BY p.actor_country, p.recipient_country, e.event_type, month;

COMMENT ON VIEW main.event_dyads IS 'One row per actor country → recipient country, event type and month: who did what to whom, how often.';
COMMENT ON COLUMN main.event_dyads.actor_country IS 'ISO alpha-3 country of the actor party.';
COMMENT ON COLUMN main.event_dyads.recipient_country IS 'ISO alpha-3 country of the recipient party.';
COMMENT ON COLUMN main.event_dyads.event_type IS 'PLOVER type.';
COMMENT ON COLUMN main.event_dyads.month IS 'First day of the month the events started in.';
COMMENT ON COLUMN main.event_dyads.events IS 'Counted event mentions (reports).';
COMMENT ON COLUMN main.event_dyads.distinct_events IS 'Real-world events (clusters of mentions, see `event_clusters`).';
COMMENT ON COLUMN main.event_dyads.articles IS 'Articles reporting them.';
COMMENT ON COLUMN main.event_dyads.first_day IS 'Earliest start day among the mentions.';
COMMENT ON COLUMN main.event_dyads.last_day IS 'Latest end day among the mentions.';
