-- severity: critical
-- Every speaker row is backed by quotes of that speaker in that article.
SELECT s.speaker_id AS row_key, 'speakers' AS table_name, s.speaker AS detail
FROM audited_speakers AS s
ANTI JOIN main.quotes AS q ON q.article_id = s.article_id AND q.speaker = s.speaker
