-- Grain: one row per canonical (resolved) speaker name: how much, where and when quoted.
CREATE OR REPLACE VIEW main.speaker_stats AS
SELECT
    q.speaker,
    mode(q.speaker_kind) AS speaker_kind,
    mode(q.speaker_role) AS speaker_role,
    count(*) AS quotes,
    count(*) FILTER (WHERE q.kind = 'direct') AS direct_quotes,
    count(DISTINCT q.article_id) AS articles,
    count(DISTINCT a.outlet) AS outlets,
    min(a.published_at) AS first_seen,
    max(a.published_at) AS last_seen
FROM main.quotes AS q
JOIN main.articles AS a USING (article_id)
WHERE q.speaker IS NOT NULL
GROUP BY q.speaker;

COMMENT ON VIEW main.speaker_stats IS 'One row per canonical speaker: quotes, articles, outlets, first and last seen.';
COMMENT ON COLUMN main.speaker_stats.speaker IS 'Canonical speaker name.';
COMMENT ON COLUMN main.speaker_stats.speaker_kind IS 'Most frequent kind for the name (`person`, `organization`, `unnamed`).';
COMMENT ON COLUMN main.speaker_stats.speaker_role IS 'Most frequent role given for the name.';
COMMENT ON COLUMN main.speaker_stats.quotes IS 'Quotes attributed to the name.';
COMMENT ON COLUMN main.speaker_stats.direct_quotes IS 'Of those, quotes in quotation marks only (`direct`).';
COMMENT ON COLUMN main.speaker_stats.articles IS 'Articles quoting the name.';
COMMENT ON COLUMN main.speaker_stats.outlets IS 'Distinct outlets quoting the name.';
COMMENT ON COLUMN main.speaker_stats.first_seen IS 'Publication time of the first article quoting the name.';
COMMENT ON COLUMN main.speaker_stats.last_seen IS 'Publication time of the latest article quoting the name.';
