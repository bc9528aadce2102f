-- severity: warning
-- An event coded to one of two look-alike countries in a story that names only the other.
-- The demonym trap: Nigeria in a story about Niger, Austria/Australia, the two Congos,
-- Guinea and Guinea-Bissau, Sudan/South Sudan, Dominica/the Dominican Republic.
WITH pairs (coded, name_pattern, other_pattern) AS (
    VALUES
        ('NGA', '\bNigeria\b|\bAbuja\b|\bLagos\b', '\bNiger\b|\bNiamey\b|\bNigerien'),
        ('NER', '\bNiger\b|\bNiamey\b|\bNigerien', '\bNigeria\b|\bAbuja\b|\bLagos\b'),
        ('AUT', '\bAustria\b|\bVienna\b', '\bAustralia\b|\bCanberra\b|\bSydney\b'),
        ('AUS', '\bAustralia\b|\bCanberra\b|\bSydney\b', '\bAustria\b|\bVienna\b'),
        ('COD', '\bDemocratic Republic of (the )?Congo\b|\bKinshasa\b|\bDRC\b', '\bBrazzaville\b'),
        ('COG', '\bBrazzaville\b|\bRepublic of (the )?Congo\b', '\bKinshasa\b|\bDRC\b'),
        ('SSD', '\bSouth Sudan\b|\bJuba\b', '\bKhartoum\b|\bPort Sudan\b'),
        ('DOM', '\bDominican Republic\b|\bSanto Domingo\b', '\bDominica\b|\bRoseau\b'),
        ('GNB', '\bGuinea-Bissau\b|\bBissau\b', '\bConakry\b'),
        ('GIN', '\bConakry\b|\bGuinea\b', '\bGuinea-Bissau\b|\bEquatorial Guinea\b')
)
-- Each article's text is searched once per look-alike pair it has events coded to, not once
-- per event: the regexes are the cost of this audit.
, coded AS (
    SELECT DISTINCT e.article_id, p.coded, p.name_pattern, p.other_pattern
    FROM audited_events AS e
    JOIN pairs AS p ON p.coded IN (e.actor_country, e.recipient_country, e.location_country)
), trapped AS (
    SELECT c.article_id, c.coded
    FROM coded AS c
    JOIN main.articles AS a USING (article_id)
    WHERE NOT regexp_matches(a.text, c.name_pattern)
      AND regexp_matches(a.text, c.other_pattern)
)
SELECT e.event_id AS row_key, 'events' AS table_name,
       t.coded || ' in an article that names only its look-alike' AS detail
FROM audited_events AS e
JOIN trapped AS t
  ON t.article_id = e.article_id
 AND t.coded IN (e.actor_country, e.recipient_country, e.location_country)
