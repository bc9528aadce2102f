-- severity: critical
-- No orphan participants: every participant belongs to an event that exists.
SELECT p.participant_id AS row_key, 'event_participants' AS table_name, p.event_id AS detail
FROM audited_event_participants AS p
ANTI JOIN main.events AS e USING (event_id)
