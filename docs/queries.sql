-- Worked questions on the Wirehouse warehouse, with their answers on the sample corpus.
--
-- Run them in the DuckDB shell (`wirehouse sql`, which loads full-text search), one at a time
-- or all with `.read docs/queries.sql`. The answers under each query are what `make run` on
-- the sample gives; a test reruns every query and fails when an answer no longer matches
-- (`make docs` records the new answers). The sample's news runs from March to September
-- 2024, so "last month" means the month before the newest article's, not the calendar's.

-- Q1. Who was quoted most about Niger last month?
--     "About Niger": the article's events involve Niger (`countries` in quote_search).
WITH latest AS (SELECT date_trunc('month', max(published_at)) AS this_month FROM articles)
SELECT speaker, count(*) AS quotes, count(DISTINCT article_id) AS articles,
       count(DISTINCT outlet) AS outlets
FROM quote_search, latest
WHERE list_contains(countries, 'NER') AND speaker_kind <> 'unnamed'
  AND published_at >= this_month - INTERVAL 1 MONTH AND published_at < this_month
GROUP BY speaker
ORDER BY quotes DESC, speaker
LIMIT 5;
-- Answer:
-- speaker              | quotes | articles | outlets
-- Pentagon             | 3      | 1        | 1
-- Mahamadou Issaka     | 2      | 1        | 1
-- Ahmed Ghoumour       | 1      | 1        | 1
-- Amadou Bello Hassane | 1      | 1        | 1
-- Ibrahim Bako Moussa  | 1      | 1        | 1

-- Q2. ... and what did they say?
WITH latest AS (SELECT date_trunc('month', max(published_at)) AS this_month FROM articles),
top AS (
    SELECT speaker FROM quote_search, latest
    WHERE list_contains(countries, 'NER') AND speaker_kind <> 'unnamed'
      AND published_at >= this_month - INTERVAL 1 MONTH AND published_at < this_month
    GROUP BY speaker ORDER BY count(*) DESC, speaker LIMIT 1
)
SELECT q.published_at::DATE AS day, q.speaker, q.kind, q.quote
FROM quote_search AS q JOIN top USING (speaker), latest
WHERE list_contains(q.countries, 'NER')
  AND q.published_at >= this_month - INTERVAL 1 MONTH AND q.published_at < this_month
ORDER BY day, q.quote;
-- Answer:
-- day        | speaker  | kind     | quote
-- 2024-08-06 | Pentagon | indirect | Those remaining will leave by Sept. 15, under the timetable…
-- 2024-08-06 | Pentagon | mixed    | its “over-the-horizon”
-- 2024-08-06 | Pentagon | indirect | where the drones that flew from Agadez will be based

-- Q3. Who are the most quoted people and organisations, and how widely?
SELECT speaker, speaker_kind, quotes, direct_quotes, articles, outlets,
       first_seen::DATE AS first_seen, last_seen::DATE AS last_seen
FROM speaker_stats
WHERE speaker_kind <> 'unnamed'
ORDER BY quotes DESC, speaker
LIMIT 8;
-- Answer:
-- speaker             | speaker_kind | quotes | direct_quotes | articles | outlets | first_seen | last_seen
-- Pentagon            | organization | 9      | 1             | 5        | 3       | 2024-03-17 | 2024-09-17
-- Daniel Whitcombe    | person       | 8      | 5             | 2        | 2       | 2024-03-19 | 2024-09-17
-- Treasury Department | organization | 6      | 1             | 2        | 2       | 2024-06-13 | 2024-07-18
-- Rachel Dunmore      | person       | 5      | 1             | 1        | 1       | 2024-04-09 | 2024-04-09
-- foreign ministry    | organization | 5      | 0             | 3        | 1       | 2024-06-25 | 2024-09-10
-- Celia Marchetti     | person       | 4      | 3             | 1        | 1       | 2024-06-12 | 2024-06-12
-- Grace Wanjala       | person       | 4      | 0             | 1        | 1       | 2024-06-26 | 2024-06-26
-- Harold J. Voss      | person       | 4      | 0             | 1        | 1       | 2024-06-12 | 2024-06-12

-- Q4. Who is the most quoted named speaker in each source?
SELECT source, speaker, quotes
FROM (
    SELECT source, speaker, count(*) AS quotes FROM quote_search
    WHERE speaker_kind <> 'unnamed' GROUP BY source, speaker
)
QUALIFY row_number() OVER (PARTITION BY source ORDER BY quotes DESC, speaker) = 1  -- ties: by name
ORDER BY source;
-- Answer:
-- source                 | speaker          | quotes
-- capital-ledger         | Daniel Whitcombe | 5
-- eastern-bulletin       | foreign ministry | 5
-- globe-dispatch         | Grace Wanjala    | 4
-- lemonde-afrique-fictif | Awa Ndiaye       | 2
-- sahel-courier          | Pentagon         | 7
-- tribuna-del-sur        | Mariela Ocampo   | 2

-- Q5. Which countries saw which kinds of events (counted mentions dated to the day)?
SELECT country,
       sum(events) AS events,
       sum(events) FILTER (WHERE quad_class = 'material_conflict') AS material_conflict,
       sum(events) FILTER (WHERE quad_class = 'verbal_conflict') AS verbal_conflict,
       sum(events) FILTER (WHERE quad_class = 'verbal_cooperation') AS verbal_cooperation,
       sum(events) FILTER (WHERE quad_class = 'material_cooperation') AS material_cooperation
FROM event_timeline
GROUP BY country
ORDER BY events DESC, country
LIMIT 8;
-- Answer:
-- country | events | material_conflict | verbal_conflict | verbal_cooperation | material_cooperation
-- USA     | 32     | 9                 | 7               | 6                  | 10
-- NER     | 26     | 11                | 3               | 5                  | 7
-- RUS     | 22     | 9                 | 5               | 3                  | 5
-- UKR     | 13     | 8                 | 3               | NULL               | 2
-- CHN     | 9      | 3                 | 1               | 4                  | 1
-- KEN     | 9      | 6                 | 1               | 2                  | NULL
-- SDN     | 9      | 1                 | 2               | 5                  | 1
-- YEM     | 6      | 5                 | NULL            | 1                  | NULL

-- Q6. What happened in Niger, day by day, in the newest month with Niger events?
SELECT day, event_type, events, actors, evidence
FROM event_timeline
WHERE country = 'NER'
  AND date_trunc('month', day) = (SELECT max(date_trunc('month', day)) FROM event_timeline
                                  WHERE country = 'NER')
ORDER BY day, event_type;
-- Answer:
-- day        | event_type | events | actors                            | evidence
-- 2024-09-15 | RETREAT    | 1      | [The last U.S. personnel]         | The last U.S. personnel left the country on Sunday, meeting…
-- 2024-09-16 | RETREAT    | 1      | [The U.S. military has completed] | WASHINGTON (Globe Dispatch) - The U.S. military has complet…

-- Q7. Who does what to whom most often (country dyads, all months)?
SELECT actor_country, recipient_country, event_type,
       sum(events) AS mentions, sum(distinct_events) AS distinct_events
FROM event_dyads
WHERE actor_country <> recipient_country
GROUP BY ALL
ORDER BY mentions DESC, actor_country, recipient_country, event_type
LIMIT 8;
-- Answer:
-- actor_country | recipient_country | event_type | mentions | distinct_events
-- NER           | USA               | SANCTION   | 4        | 4
-- RUS           | NER               | AID        | 4        | 4
-- USA           | NER               | RETREAT    | 4        | 4
-- AUT           | RUS               | SANCTION   | 2        | 2
-- NER           | USA               | ACCUSE     | 2        | 2
-- RUS           | UKR               | ASSAULT    | 2        | 2
-- USA           | YEM               | ASSAULT    | 2        | 2
-- ARE           | IRN               | COOPERATE  | 1        | 1

-- Q8. What did the United States do to Niger, month by month?
SELECT month, event_type, events, articles
FROM event_dyads
WHERE actor_country = 'USA' AND recipient_country = 'NER'
ORDER BY month, event_type;
-- Answer:
-- month      | event_type | events | articles
-- 2024-04-01 | CONSULT    | 1      | 1
-- 2024-05-01 | SUPPORT    | 1      | 1
-- 2024-07-01 | RETREAT    | 1      | 1
-- 2024-08-01 | RETREAT    | 1      | 1
-- 2024-09-01 | RETREAT    | 2      | 1

-- Q9. Which articles are most about U.S. troops withdrawing (full-text search, BM25)?
SELECT round(fts_main_articles.match_bm25(article_id, 'troops withdrawal'), 3) AS score,
       title, published_at::DATE AS published
FROM articles
WHERE score IS NOT NULL
ORDER BY score DESC, title
LIMIT 5;
-- Answer:
-- score | title                                                        | published
-- 2.102 | U.S. and Niger agree to complete troop withdrawal by Sept. … | 2024-05-20
-- 1.955 | U.S. forces hand over Niamey air base as withdrawal from Ni… | 2024-07-08
-- 1.772 | Pentagon says U.S. withdrawal from Niger is complete         | 2024-09-17
-- 1.601 | Thousands march in Niamey to demand departure of U.S. troops | 2024-04-14
-- 0.839 | U.S. troops to leave Niger by mid-September under deal with… | 2024-05-20

-- Q10. Who spoke of sovereignty, and what exactly did they say (full-text search of quotes)?
SELECT round(fts_main_quotes.match_bm25(quote_id, 'sovereignty'), 3) AS score,
       s.speaker, s.quote
FROM quotes AS q JOIN quote_search AS s USING (quote_id)
WHERE score IS NOT NULL
ORDER BY score DESC, s.quote
LIMIT 5;
-- Answer:
-- score | speaker    | quote
-- 2.977 | Télé Sahel | the departure as "a victory for our sovereignty."

-- Q11. How healthy is each source: articles, rejects, and the share left undated?
SELECT source, articles, rejects, undated, undated_share, last_published
FROM source_health
ORDER BY source;
-- Answer:
-- source                 | articles | rejects | undated | undated_share | last_published
-- capital-ledger         | 6        | 0       | 0       | 0.000         | 2024-08-22 17:05
-- eastern-bulletin       | 5        | 0       | 0       | 0.000         | 2024-09-10 15:45
-- globe-dispatch         | 6        | 0       | 0       | 0.000         | 2024-09-17 14:22
-- lemonde-afrique-fictif | 3        | 0       | 0       | 0.000         | 2024-08-06 10:30
-- metro-wire             | 1        | 2       | 0       | 0.000         | 2024-08-15 10:30
-- sahel-courier          | 7        | 0       | 0       | 0.000         | 2024-08-06 07:05
-- tribuna-del-sur        | 3        | 0       | 0       | 0.000         | 2024-09-12 16:20

-- Q12. Which real-world events were reported by the most outlets?
SELECT event_type, actor_country, recipient_country, date_start, mentions, articles, outlets
FROM event_clusters
ORDER BY outlets DESC, mentions DESC, date_start, event_type
LIMIT 6;
-- Answer:
-- event_type | actor_country | recipient_country | date_start | mentions | articles | outlets
-- SUPPORT    | USA           | NULL              | 2024-05-13 | 2        | 2        | 2
-- CONCEDE    | USA           | NULL              | 2024-05-19 | 2        | 2        | 2
-- PROTEST    | NER           | NULL              | 2024-04-13 | 4        | 2        | 1
-- COERCE     | COL           | NULL              | 2019-01-01 | 3        | 1        | 1
-- ASSAULT    | KEN           | NULL              | 2024-06-25 | 3        | 1        | 1
-- AGREE      | MLI           | NULL              | 1991-01-01 | 2        | 1        | 1

-- Q13. Which events were claimed by someone quoted, rather than reported by the outlet?
SELECT e.event_type, q.speaker, e.actor_country, e.recipient_country, e.evidence
FROM events_default AS e JOIN quotes AS q USING (quote_id)
WHERE q.speaker_kind <> 'unnamed'
ORDER BY q.speaker, e.event_type, e.evidence
LIMIT 8;
-- Answer:
-- event_type | speaker                       | actor_country | recipient_country | evidence
-- ASSAULT    | Amadou Bello Hassane          | USA           | NULL              | « Les Américains partent, mais les attaques jihadistes, ell…
-- COERCE     | Amnesty International         | MLI           | NULL              | Plusieurs responsables politiques ont été arrêtés ces derni…
-- AGREE      | Austrian foreign ministry     | AUT           | NULL              | The Austrian foreign ministry condemned the weekend strikes…
-- ASSAULT    | Britain’s Ministry of Defence | YEM           | NULL              | Britain’s Ministry of Defence said four Royal Air Force Typ…
-- SUPPORT    | Britain’s Ministry of Defence | YEM           | NULL              | Britain’s Ministry of Defence said four Royal Air Force Typ…
-- ASSAULT    | Calder Maritime Risk          | YEM           | NULL              | A maritime security firm, Calder Maritime Risk, reported th…
-- ACCUSE     | Carlos Arturo Benavides       | USA           | NULL              | Según Benavides, Palacios tenía una orden de captura con fi…
-- COERCE     | Carlos Arturo Benavides       | COL           | NULL              | Según Benavides, Palacios tenía una orden de captura con fi…
