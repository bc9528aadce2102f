"""The atheris fuzz target: bytes → page → article → quotes and events, and bytes → feed.

Run by :mod:`tests.reliability.test_fuzz` in a process of its own (libFuzzer owns it):

    python tests/reliability/fuzz_target.py -max_total_time=60 -timeout=30 CORPUS_DIR

Any exception is a crash: the extractors are pure functions and must turn every input into a
result or a reject (a batch also catches them, but as a safety net, not as the design). The
only exception allowed is :class:`FeedError`, which is how a bad feed is reported.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable


def make_target() -> Callable[[bytes], None]:
    """The function libFuzzer calls, with the transforms imported under instrumentation
    (inside a function, so that pytest's doctest collection can import this module cheaply)."""
    import atheris

    with atheris.instrument_imports(include=["transforms"]):
        from transforms.article import extract_article, find_canonical_url
        from transforms.decoding import decode_html
        from transforms.events import extract_events
        from transforms.feeds import FeedError, parse_feed
        from transforms.identity import content_hash
        from transforms.quotes import extract_quotes
        from transforms.records import Article, SourceDocument

    def one_input(data: bytes) -> None:
        if data[:1] == b"F":  # one input in a few is read as a feed: both parsers get fuzzed
            with contextlib.suppress(FeedError):
                parse_feed(data[1:])
            return
        html = decode_html(data)
        find_canonical_url(html)  # what reading a page file does first
        doc = SourceDocument(
            url="https://fuzz.example/page.html",
            source="fuzz",
            locator="fuzz",
            content_hash=content_hash(data),
            html=html,
        )
        result = extract_article(doc, min_chars=50)
        if not isinstance(result, Article):
            return
        published = result.published_at.date() if result.published_at else None
        text = result.text
        for q in extract_quotes(text, caption_spans=result.caption_spans):
            if text[q.content_start : q.content_end] != q.content:
                raise AssertionError(f"quote offsets do not match its text: {q!r}")
        extract_events(text, published, caption_spans=result.caption_spans)

    return one_input


def main() -> None:
    import atheris

    atheris.Setup(sys.argv, make_target())
    atheris.Fuzz()


if __name__ == "__main__":
    main()
