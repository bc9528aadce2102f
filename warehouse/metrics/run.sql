-- Grain: one row per load: the distributions a run is judged by, from its staged rows
-- (the `staged` views of the load's Parquet parts, see warehouse/staged_files.py).
-- Shares are null below 20 articles, where one odd page moves them a lot.
WITH a AS (
    SELECT count(*) AS n, count(*) FILTER (WHERE published_at IS NULL) AS undated
    FROM staged.articles
),
q AS (
    SELECT count(*) AS n, count(*) FILTER (WHERE speaker IS NULL) AS unresolved
    FROM staged.quotes
),
e AS (
    SELECT count(*) AS n, count(*) FILTER (WHERE date_start IS NULL) AS undated
    FROM staged.events
)
SELECT
    a.n AS articles,
    q.n AS quotes,
    e.n AS events,
    CASE WHEN a.n >= 20 THEN a.undated / a.n END AS undated_article_share,
    CASE WHEN a.n >= 20 AND q.n > 0 THEN q.unresolved / q.n END AS unresolved_speaker_share,
    CASE WHEN a.n >= 20 AND e.n > 0 THEN e.undated / e.n END AS undated_event_share,
    CASE WHEN a.n >= 20 THEN q.n / a.n END AS quotes_per_article,
    CASE WHEN a.n >= 20 THEN e.n / a.n END AS events_per_article
FROM a, q, e
