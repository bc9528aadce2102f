-- Grain: one row per event mention that counts: negated and hypothetical mentions left out.
CREATE OR REPLACE VIEW main.events_default AS
SELECT *
FROM main.events
WHERE modality NOT IN ('negated', 'hypothetical');

COMMENT ON VIEW main.events_default IS 'Event mentions that count (the default for analysis): `events` without negated and hypothetical mentions.';
