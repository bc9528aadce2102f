-- severity: critical
-- Every quote points to an article that exists.
SELECT q.quote_id AS row_key, 'quotes' AS table_name, q.article_id AS detail
FROM audited_quotes AS q
ANTI JOIN main.articles AS a USING (article_id)
