-- Grain: one row per quote, with who said it and where it was published, ready to filter.
-- `countries` lists the ISO codes the quote's article is about (its event participants and
-- locations), so "quotes about Niger" is `list_contains(countries, 'NER')`.
CREATE OR REPLACE VIEW main.quote_search AS
WITH article_countries AS (
    SELECT article_id, list_sort(list_distinct(list(country))) AS countries
    FROM (
        SELECT article_id, country FROM main.event_participants WHERE country IS NOT NULL
        UNION ALL
        SELECT article_id, location_country FROM main.events WHERE location_country IS NOT NULL
    )
    GROUP BY article_id
)
SELECT
    q.quote_id,
    q.content AS quote,
    q.speaker,
    q.speaker_role,
    q.speaker_kind,
    q.kind,
    q.cue_lemma AS cue,
    a.title,
    a.outlet,
    a.source,
    a.url,
    a.published_at,
    coalesce(c.countries, []::VARCHAR[]) AS countries,
    q.article_id
FROM main.quotes AS q
JOIN main.articles AS a USING (article_id)
LEFT JOIN article_countries AS c USING (article_id);

COMMENT ON VIEW main.quote_search IS 'One row per quote with its speaker, article title, outlet, URL, publication time and the countries its article is about.';
COMMENT ON COLUMN main.quote_search.quote_id IS 'Key of the quote (see `quotes`).';
COMMENT ON COLUMN main.quote_search.quote IS 'What was said (the quoted or reported content).';
COMMENT ON COLUMN main.quote_search.speaker IS 'Canonical speaker name; NULL when unresolved.';
COMMENT ON COLUMN main.quote_search.speaker_role IS 'The speaker''s role as the article gives it (spokeswoman, minister, ...).';
COMMENT ON COLUMN main.quote_search.speaker_kind IS '`person`, `organization` or `unnamed`.';
COMMENT ON COLUMN main.quote_search.kind IS '`direct`, `mixed` or `indirect`.';
COMMENT ON COLUMN main.quote_search.cue IS 'Lemma of the speech verb (say, tell, warn, ...).';
COMMENT ON COLUMN main.quote_search.title IS 'Title of the article.';
COMMENT ON COLUMN main.quote_search.outlet IS 'Outlet that published the article.';
COMMENT ON COLUMN main.quote_search.source IS 'Configured source the article came from.';
COMMENT ON COLUMN main.quote_search.url IS 'URL of the article.';
COMMENT ON COLUMN main.quote_search.published_at IS 'Publication time of the article (NULL when undated).';
COMMENT ON COLUMN main.quote_search.countries IS 'ISO alpha-3 countries the article''s events involve or take place in, sorted.';
COMMENT ON COLUMN main.quote_search.article_id IS 'Key of the article (see `articles`).';
