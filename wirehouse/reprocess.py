"""The pages the warehouse holds, read back as documents: ``wirehouse reprocess`` rebuilds
every derived table from them after an extractor improves, with no network and no input.

Each article's current version is read from ``raw.documents`` (compressed, keyed by article
and content hash) with what its source said about it (title, date, language), so the
reprocessed article is what a fresh load of the same input would give.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from transforms.records import SourceDocument
from warehouse.connection import connect
from wirehouse.settings import Settings

#: Pages read per query: the reader holds no connection open while the run writes.
CHUNK = 200

_CURRENT = (
    "SELECT d.article_id, d.content_hash FROM raw.documents AS d "
    "JOIN main.articles AS a ON a.article_id = d.article_id AND a.content_hash = d.content_hash "
    "ORDER BY d.article_id"
)


def stored_documents(settings: Settings) -> Iterator[SourceDocument]:
    """Every article's stored page, as the document it was loaded from."""
    wait = settings.lock_wait_seconds
    with connect(settings.db, wait_seconds=wait) as con:
        keys = con.execute(_CURRENT).fetchall()
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        with connect(settings.db, wait_seconds=wait) as con:
            rows = con.execute(
                "SELECT url, source, locator, content_hash, content_kind, content, title_given, "
                "published_given, language_given FROM raw.documents "
                "WHERE list_contains($keys, [article_id, content_hash])",
                {"keys": [list(k) for k in chunk]},
            ).fetchall()
        for url, source, locator, digest, kind, content, title, published, language in rows:
            text = zlib.decompress(content).decode("utf-8", "replace")
            yield SourceDocument(
                url=url,
                source=source,
                locator=locator,
                content_hash=digest,
                html=text if kind == "html" else None,
                text=text if kind == "text" else None,
                title=title,
                published=published,
                language=language,
            )
