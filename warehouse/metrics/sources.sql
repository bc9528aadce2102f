-- Grain: one row per source in a load: how much of what it sent was rejected.
-- Reads the load's `staged` views (warehouse/staged_files.py).
-- The share is null below 10 documents from the source.
WITH loaded AS (
    SELECT source, count(*) AS articles FROM staged.articles
    GROUP BY source
),
rejected AS (
    SELECT source, count(*) AS rejects FROM staged.rejects
    GROUP BY source
)
SELECT
    source,
    coalesce(articles, 0) AS articles,
    coalesce(rejects, 0) AS rejects,
    CASE WHEN coalesce(articles, 0) + coalesce(rejects, 0) >= 10
         THEN coalesce(rejects, 0) / (coalesce(articles, 0) + coalesce(rejects, 0)) END
        AS reject_share
FROM loaded FULL OUTER JOIN rejected USING (source)
ORDER BY source
