-- severity: warning
-- An event dated after its article was published, though it is not announced as future.
SELECT e.event_id AS row_key, 'events' AS table_name,
       e.date_start::VARCHAR || ' after publication on ' || a.published_at::DATE::VARCHAR AS detail
FROM audited_events AS e
JOIN main.articles AS a USING (article_id)
WHERE e.modality != 'future'
  AND e.date_start > a.published_at::DATE
