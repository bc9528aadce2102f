"""Fetching over HTTP: the client, its safety guard and robots rules, and discovery of
article URLs in feeds, sitemaps and WARC archives."""
