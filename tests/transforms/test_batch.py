"""A batch of documents → the frames of every table, with declared schemas."""

from __future__ import annotations

import datetime as dt

import pytest

import transforms.batch as batch_module
from transforms.batch import DateWindow, transform_batch
from transforms.records import Reject, SourceDocument
from transforms.schemas import ARTICLES, EVENTS, QUOTES, REJECTS

TEXT = (
    "The interior minister, Halima Sow, said on Tuesday that police had arrested two "
    "organisers of the march in the capital. Opposition leaders condemned the arrests and "
    "called for their release. The march had drawn several thousand people, according to "
    "local reporters who counted the crowd from the bridge near the central market."
)


def doc(url: str, *, published: dt.datetime | None = dt.datetime(2024, 5, 9)) -> SourceDocument:
    return SourceDocument(
        url=url, source="test", locator=url, content_hash=url, text=TEXT, published=published
    )


def test_frames_have_the_declared_schemas_and_events_link_to_their_quote() -> None:
    frames = transform_batch([doc("https://t.example/1")])
    assert frames["articles"].schema == ARTICLES.schema
    assert frames["quotes"].schema == QUOTES.schema
    assert frames["events"].schema == EVENTS.schema
    arrests = frames["events"].filter(frames["events"]["trigger"] == "arrested")
    assert arrests.height == 1
    quote_ids = set(frames["quotes"]["quote_id"])
    # The arrest is stated by the minister, inside her reported speech: a claim, linked.
    assert arrests["quote_id"][0] in quote_ids


def test_reader_rejects_pass_through_and_window_leaves_out_without_rejecting() -> None:
    bad = Reject(
        source="t",
        locator="f.jsonl:3",
        url=None,
        stage="read",
        reason="malformed_jsonl",
        detail="f.jsonl:3: not JSON",
        content_hash=None,
    )
    window = DateWindow(dt.date(2024, 5, 1), dt.date(2024, 5, 31))
    frames = transform_batch(
        [
            bad,
            doc("https://t.example/in"),
            doc("https://t.example/out", published=dt.datetime(2024, 6, 2)),
        ],
        window=window,
    )
    assert frames["rejects"].schema == REJECTS.schema
    assert frames["rejects"]["reason"].to_list() == ["malformed_jsonl"]
    assert frames["articles"]["url"].to_list() == ["https://t.example/in"]
    assert frames.outside_window == 1


def test_an_extractor_bug_rejects_that_stage_and_keeps_the_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(batch_module, "extract_events", broken)
    frames = transform_batch([doc("https://t.example/1")])
    assert frames.count("articles") == 1 and frames.count("quotes") >= 1
    (reject,) = frames["rejects"].to_dicts()
    assert (reject["stage"], reject["reason"]) == ("events", "extractor_error")
    assert "RuntimeError: boom" in reject["detail"]


def test_compound_actors_become_one_participant_each() -> None:
    text = (
        "France and Germany expelled two Russian diplomats on Monday, the two governments "
        "said in a joint statement, after a spying case that has strained relations for "
        "months. Moscow called the decision hostile and promised a response in kind."
    ) * 2
    document = SourceDocument(
        url="https://t.example/p",
        source="t",
        locator="p",
        content_hash="p",
        text=text,
        published=dt.datetime(2024, 5, 9),
    )
    frames = transform_batch([document])
    actors = frames["event_participants"].filter(frames["event_participants"]["role"] == "actor")
    first = actors.filter(actors["event_id"] == actors["event_id"][0])
    assert first.sort("position")[["participant", "country"]].rows() == [
        ("France", "FRA"),
        ("Germany", "DEU"),
    ]
