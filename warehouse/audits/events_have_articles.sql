-- severity: critical
-- Every event points to an article that exists.
SELECT e.event_id AS row_key, 'events' AS table_name, e.article_id AS detail
FROM audited_events AS e
ANTI JOIN main.articles AS a USING (article_id)
