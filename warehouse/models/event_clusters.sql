-- Grain: one row per real-world event (a cluster of mentions across articles).
CREATE OR REPLACE VIEW main.event_clusters AS
SELECT
    m.cluster_id,
    any_value(e.event_type) AS event_type,
    any_value(e.actor_country) AS actor_country,
    any_value(e.recipient_country) AS recipient_country,
    min(e.date_start) AS date_start,
    max(e.date_end) AS date_end,
    count(*) AS mentions,
    count(DISTINCT e.article_id) AS articles,
    count(DISTINCT a.outlet) AS outlets,
    min(a.published_at) AS first_reported,
    max(a.published_at) AS last_reported,
    arg_min(e.evidence, a.published_at) AS first_evidence
FROM main.event_cluster_members AS m
JOIN main.events AS e USING (event_id)
JOIN main.articles AS a USING (article_id)
GROUP BY m.cluster_id;

COMMENT ON VIEW main.event_clusters IS 'One row per real-world event: its mentions grouped across articles, so events and reports can both be counted.';
COMMENT ON COLUMN main.event_clusters.cluster_id IS 'Key of the real-world event.';
COMMENT ON COLUMN main.event_clusters.event_type IS 'PLOVER type.';
COMMENT ON COLUMN main.event_clusters.actor_country IS 'ISO alpha-3 country of the actor.';
COMMENT ON COLUMN main.event_clusters.recipient_country IS 'ISO alpha-3 country of the recipient.';
COMMENT ON COLUMN main.event_clusters.date_start IS 'Earliest day any mention allows.';
COMMENT ON COLUMN main.event_clusters.date_end IS 'Latest day any mention allows.';
COMMENT ON COLUMN main.event_clusters.mentions IS 'Mentions of the event (reports, counted per sentence).';
COMMENT ON COLUMN main.event_clusters.articles IS 'Articles mentioning it.';
COMMENT ON COLUMN main.event_clusters.outlets IS 'Outlets mentioning it.';
COMMENT ON COLUMN main.event_clusters.first_reported IS 'Publication time of the first article mentioning it.';
COMMENT ON COLUMN main.event_clusters.last_reported IS 'Publication time of the last article mentioning it.';
COMMENT ON COLUMN main.event_clusters.first_evidence IS 'The evidence of its first report.';
