"""Property-based tests over the transforms: arbitrary text, HTML, bytes and URLs never raise,
and what comes out keeps its invariants (offsets inside the text, quote text a substring,
dates well-formed, ids deterministic).

The text strategy mixes random Unicode with the pieces news prose is made of (quotation
marks, cue verbs, names, dates, countries), so the examples reach the extractors' rules
instead of stopping at "no quotation mark here".
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.reliability import harness
from transforms.article import extract_article, find_canonical_url, page_published_date
from transforms.decoding import decode_html
from transforms.events import extract_events
from transforms.feeds import FeedError, parse_feed, parse_when
from transforms.identity import article_id, content_hash
from transforms.quotes import extract_quotes
from transforms.records import (
    DATE_SOURCES,
    GRANULARITIES,
    MODALITIES,
    PLOVER_TYPES,
    QUOTE_KINDS,
    SPEAKER_KINDS,
    Reject,
    SourceDocument,
)
from transforms.timex import find_timexes
from transforms.urls import article_url, normalize_url

EXAMPLES = harness.env_int("RELIABILITY_EXAMPLES", 300 if harness.FULL else 60)
PROFILE = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a loaded 2-core machine: speed is the fuzzer's and benchmarks' business
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("RELIABILITY_RANDOM") != "1",
)

PIECES = (
    "“", "”", '"', "«", "»", "„", "'", "''", " said ", " says ", " told reporters ", ": ",
    " according to ", " added that ", "Amina Diallo", "Mr. Herrera", "the ministry", "Police",
    " the army of Mali ", " attacked ", " protested ", " expelled ", " agreed to ", " France ",
    " on Monday", " last week", " next month", " 12 March 2024", " 2023", " in May ", " yesterday",
    ", ", ". ", "\n", " ", "?", "!", "(", ")", "—", "le 3 mai", " a déclaré ", " dijo ", " no ",
    " will ", " might ", " did not ", "0", "31/02/2024", "3000", "1900", "Feb 30",
)  # fmt: skip
newsy = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=60).map("".join)
texts = st.one_of(st.text(max_size=400), newsy)
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)) | st.none()
ISO3 = re.compile(r"^[A-Z]{3}$")


@PROFILE
@given(texts)
def test_quotes_are_substrings_at_their_offsets(text: str) -> None:
    for q in extract_quotes(text):
        assert 0 <= q.content_start <= q.content_end <= len(text)
        assert text[q.content_start : q.content_end] == q.content
        assert q.kind in QUOTE_KINDS and q.speaker_kind in SPEAKER_KINDS
        assert 0 <= q.sentence_start <= len(text)
        assert 0.0 <= q.confidence <= 1.0


@PROFILE
@given(texts, days)
def test_events_point_into_the_text_with_well_formed_dates(
    text: str, published: dt.date | None
) -> None:
    events = extract_events(text, published)
    for e in events:
        assert e.event_type in PLOVER_TYPES and e.modality in MODALITIES
        assert e.date_granularity in GRANULARITIES and e.date_source in DATE_SOURCES
        assert 0 <= e.evidence_start <= e.evidence_end <= len(text)
        assert text[e.evidence_start : e.evidence_end] == e.evidence
        assert text[e.trigger_start : e.trigger_start + len(e.trigger)] == e.trigger
        if e.date_start and e.date_end:
            assert e.date_start <= e.date_end
        for code in (e.actor_country, e.recipient_country, e.location_country):
            assert code is None or ISO3.match(code), code
    assert extract_events(text, published) == events  # deterministic


@PROFILE
@given(texts, days)
def test_time_expressions_are_spans_with_ordered_dates(
    text: str, published: dt.date | None
) -> None:
    for t in find_timexes(text, published):
        assert 0 <= t.start <= t.end <= len(text)
        assert text[t.start : t.end] == t.text
        if t.date_start and t.date_end:
            assert t.date_start <= t.date_end


@PROFILE
@given(st.binary(max_size=2000) | texts.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_any_bytes_decode_to_text_that_can_be_stored(data: bytes) -> None:
    text = decode_html(data)
    text.encode("utf-8")  # no lone surrogates: DuckDB and polars take it


@PROFILE
@given(st.text(max_size=120) | st.builds(lambda s: "https://news.example/" + s, st.text()))
def test_urls_normalise_idempotently_and_ids_are_deterministic(url: str) -> None:
    normal = normalize_url(url)
    if normal is not None:
        assert normal.startswith(("http://", "https://"))
        assert normalize_url(normal) == normal
    assert article_id(url) == article_id(url) and re.fullmatch(r"[0-9a-f]{16}", article_id(url))
    if normal is not None:
        article_url(normal, None)


XMLISH = (
    "<rss version='2.0'>", "<channel>", "</channel>", "</rss>", "<item>", "</item>", "<link>",
    "</link>", "<pubDate>", "</pubDate>", "<title>", "</title>", "https://a.example/x",
    "Mon, 06 May 2024 09:00:00 +0000", "<feed xmlns='http://www.w3.org/2005/Atom'>", "</feed>",
    "<entry>", "</entry>", "<link href='https://b.example/y'/>", "<updated>2024-05-06T09:00:00Z",
    "</updated>", "<!DOCTYPE x [<!ENTITY e 'boom'>]>", "&e;", "<![CDATA[", "]]>", "&amp;",
)  # fmt: skip
feeds = st.lists(st.sampled_from(XMLISH) | st.text(max_size=8), max_size=40).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
)


@PROFILE
@given(feeds | st.binary(max_size=500))
def test_feeds_parse_or_raise_feed_error_only(data: bytes) -> None:
    try:
        items = parse_feed(data)
    except FeedError:
        return
    for item in items:
        assert isinstance(item.url, str)
        assert item.published is None or item.published.tzinfo is None


@PROFILE
@given(st.text(max_size=60))
def test_dates_parse_to_naive_datetimes_or_none(value: str) -> None:
    when = parse_when(value)
    assert when is None or (isinstance(when, dt.datetime) and when.tzinfo is None)


HTMLISH = (
    "<html>", "</html>", "<body>", "</body>", "<article>", "</article>", "<p>", "</p>", "<div>",
    "</div>", "<h1>", "</h1>", "<script>", "</script>", "<!--", "-->", "<meta charset='x'>",
    "<link rel='canonical' href='https://c.example/a'>", "<time datetime='2024-05-06'>",
    "<meta property='article:published_time' content='3000-01-01'>", "<figure><figcaption>",
    "</figcaption></figure>", "&nbsp;", "&#0;", "<br>", "<table><tr><td>",
)  # fmt: skip
pages = st.lists(st.sampled_from(HTMLISH) | newsy, max_size=40).map("".join)


hrefs = st.lists(
    st.sampled_from(("http://", "https://", "[", "]", ":", "99999", "a.example", "/", " ", "%"))
    | st.text(max_size=6),
    max_size=12,
).map("".join)


@PROFILE
@given(hrefs)
@example("http://[x/a")
@example("https://a.example/a b.html")
def test_a_canonical_link_is_a_usable_url_or_none(href: str) -> None:
    """Regression: ``http://[x`` raised ValueError (and stopped the run reading the page);
    a URL with a space failed the critical `articles.url` check for the whole run."""
    for tag in (
        f'<link rel="canonical" href="{href}">',
        f"<meta property='og:url' content='{href}'>",
    ):
        url = find_canonical_url(tag)
        assert url is None or re.fullmatch(r"https?://\S+", url), url


@settings(PROFILE, max_examples=max(EXAMPLES // 4, 10))
@given(pages)
def test_any_html_becomes_an_article_or_a_reject(html: str) -> None:
    doc = SourceDocument(
        url="https://c.example/a", source="t", locator="t", content_hash=content_hash(html),
        html=html,
    )  # fmt: skip
    result: Any = extract_article(doc, min_chars=20)
    if isinstance(result, Reject):
        assert result.reason and "\n" not in result.detail
        return
    assert isinstance(result.text, str)
    find_canonical_url(html)
    page_published_date(html, "https://c.example/a")
