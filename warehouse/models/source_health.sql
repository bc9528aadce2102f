-- Grain: one row per source (configured, or seen in articles or rejects): what it delivered,
-- what it failed to, and when it last loaded.
CREATE OR REPLACE VIEW main.source_health AS
WITH known AS (
    SELECT source FROM main.articles
    UNION
    SELECT source FROM main.rejects WHERE source IS NOT NULL
    UNION
    SELECT source FROM main.source_cursors
),
delivered AS (
    SELECT
        a.source,
        count(*) AS articles,
        count(*) FILTER (WHERE a.published_at IS NULL) AS undated,
        max(a.published_at) AS last_published,
        max(l.finished_at) AS last_success
    FROM main.articles AS a
    LEFT JOIN main.loads AS l ON l.load_id = a.load_id AND l.status = 'complete'
    GROUP BY a.source
),
refused AS (
    SELECT source, count(*) AS rejects FROM main.rejects GROUP BY source
)
SELECT
    k.source,
    coalesce(d.articles, 0) AS articles,
    coalesce(r.rejects, 0) AS rejects,
    coalesce(d.undated, 0) AS undated,
    round(coalesce(d.undated, 0) / greatest(coalesce(d.articles, 0), 1), 3) AS undated_share,
    d.last_published,
    c.last_published AS cursor,
    greatest(d.last_success, c.updated_at) AS last_success
FROM known AS k
LEFT JOIN delivered AS d USING (source)
LEFT JOIN refused AS r USING (source)
LEFT JOIN main.source_cursors AS c USING (source);

COMMENT ON VIEW main.source_health IS 'One row per source: articles, rejects, undated articles and when it last loaded.';
COMMENT ON COLUMN main.source_health.source IS 'Source name (sources.toml; `cli` for `wirehouse ingest`).';
COMMENT ON COLUMN main.source_health.articles IS 'Articles in the marts from this source.';
COMMENT ON COLUMN main.source_health.rejects IS 'Rejected inputs from this source (see `rejects`).';
COMMENT ON COLUMN main.source_health.undated IS 'Articles with no publication date.';
COMMENT ON COLUMN main.source_health.undated_share IS 'Undated articles as a share of its articles (0 when none).';
COMMENT ON COLUMN main.source_health.last_published IS 'Newest publication time among its articles.';
COMMENT ON COLUMN main.source_health.cursor IS 'Where the nightly run will resume reading it (see `source_cursors`).';
COMMENT ON COLUMN main.source_health.last_success IS 'When a complete run last loaded an article from it or moved its cursor (UTC).';
