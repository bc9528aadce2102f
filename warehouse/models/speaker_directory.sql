-- Grain: one row per canonical speaker name across all articles.
CREATE OR REPLACE VIEW main.speaker_directory AS
SELECT
    s.speaker,
    mode(s.speaker_kind) AS speaker_kind,
    mode(s.speaker_role) AS speaker_role,
    sum(s.quotes)::BIGINT AS quotes,
    count(DISTINCT s.article_id) AS articles,
    count(DISTINCT a.outlet) AS outlets,
    min(a.published_at) AS first_seen,
    max(a.published_at) AS last_seen
FROM main.speakers AS s
JOIN main.articles AS a USING (article_id)
GROUP BY s.speaker;

COMMENT ON VIEW main.speaker_directory IS 'One row per canonical speaker name across articles.';
COMMENT ON COLUMN main.speaker_directory.speaker IS 'Canonical speaker name.';
COMMENT ON COLUMN main.speaker_directory.speaker_kind IS 'Most frequent kind for the name.';
COMMENT ON COLUMN main.speaker_directory.speaker_role IS 'Most frequent role for the name.';
COMMENT ON COLUMN main.speaker_directory.quotes IS 'Quotes attributed to the name.';
COMMENT ON COLUMN main.speaker_directory.articles IS 'Articles quoting the name.';
COMMENT ON COLUMN main.speaker_directory.outlets IS 'Distinct outlets quoting the name.';
COMMENT ON COLUMN main.speaker_directory.first_seen IS 'Earliest publication quoting the name.';
COMMENT ON COLUMN main.speaker_directory.last_seen IS 'Latest publication quoting the name.';
