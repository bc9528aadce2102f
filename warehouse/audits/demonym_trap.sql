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
SELECT e.event_id AS row_key, 'events' AS table_name,
       p.coded || ' in an article that names only its look-alike' AS detail
FROM main.events AS e
JOIN main.articles AS a USING (article_id)
JOIN pairs AS p ON p.coded IN (e.actor_country, e.recipient_country, e.location_country)
WHERE NOT regexp_matches(a.text, p.name_pattern)
  AND regexp_matches(a.text, p.other_pattern)
