-- Grain: one row per canonical speaker per article.
CREATE OR REPLACE VIEW main.speakers AS
SELECT
    article_id,
    speaker,
    speaker_kind,
    mode(speaker_role) AS speaker_role,
    count(*) AS quotes,
    min(content_start) AS first_offset
FROM main.quotes
WHERE speaker IS NOT NULL
GROUP BY article_id, speaker, speaker_kind;

COMMENT ON VIEW main.speakers IS 'One row per canonical speaker per article.';
COMMENT ON COLUMN main.speakers.article_id IS 'The article (see `articles`).';
COMMENT ON COLUMN main.speakers.speaker IS 'Canonical speaker name.';
COMMENT ON COLUMN main.speakers.speaker_kind IS '`person`, `organization` or `unnamed`.';
COMMENT ON COLUMN main.speakers.speaker_role IS 'The role most often given with the name.';
COMMENT ON COLUMN main.speakers.quotes IS 'Quotes attributed to the speaker in the article.';
COMMENT ON COLUMN main.speakers.first_offset IS 'Offset of the speaker''s first quote.';
