-- Grain: one row per country, day and PLOVER type: the counted event mentions dated to that
-- day that involve the country (as a party or as the place). Mentions dated less precisely
-- than a day are left out: they cannot be put on a daily timeline.
CREATE OR REPLACE VIEW main.event_timeline AS
WITH involved AS (
    SELECT event_id, country FROM main.event_participants WHERE country IS NOT NULL
    UNION
    SELECT event_id, location_country FROM main.events WHERE location_country IS NOT NULL
)
SELECT
    i.country,
    e.date_start AS day,
    e.event_type,
    any_value(e.quad_class) AS quad_class,
    count(*) AS events,
    count(DISTINCT e.article_id) AS articles,
    list_sort(list_distinct(list(e.actor))) AS actors,
    list_sort(list_distinct(list(e.recipient))) AS recipients,
    arg_max(e.evidence, e.confidence) AS evidence
FROM main.events_default AS e
JOIN involved AS i USING (event_id)
WHERE e.date_granularity = 'day' AND e.date_start IS NOT NULL
GROUP BY i.country, e.date_start, e.event_type;

COMMENT ON VIEW main.event_timeline IS 'One row per country, day and event type: counted mentions dated to that day involving the country.';
COMMENT ON COLUMN main.event_timeline.country IS 'ISO alpha-3 country taking part (actor or recipient) or where it happened.';
COMMENT ON COLUMN main.event_timeline.day IS 'The day the events happened (resolved from the text, not the publication day).';
COMMENT ON COLUMN main.event_timeline.event_type IS 'PLOVER type.';
COMMENT ON COLUMN main.event_timeline.quad_class IS 'PLOVER quad class of the type (verbal/material cooperation/conflict).';
COMMENT ON COLUMN main.event_timeline.events IS 'Event mentions (one per sentence and type) on that day.';
COMMENT ON COLUMN main.event_timeline.articles IS 'Articles reporting them.';
COMMENT ON COLUMN main.event_timeline.actors IS 'Distinct actors as written in the text, sorted.';
COMMENT ON COLUMN main.event_timeline.recipients IS 'Distinct recipients as written in the text, sorted.';
COMMENT ON COLUMN main.event_timeline.evidence IS 'The sentence of the most confident mention.';
