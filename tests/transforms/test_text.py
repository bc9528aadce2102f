"""Sentence and paragraph spans, computed once per article text and shared by the stages."""

from __future__ import annotations

from transforms.text import paragraphs, sentences

TEXT = "Maj. Gen. Pat Ryder spoke on Aug. 7. He left.\n\n  Second paragraph here.  "


def test_spans_index_the_text() -> None:
    for span in [*sentences(TEXT), *paragraphs(TEXT)]:
        assert TEXT[span.start : span.end] == span.text
    assert [s.text for s in sentences(TEXT)] == [
        "Maj. Gen. Pat Ryder spoke on Aug. 7.",
        "He left.",
        "Second paragraph here.",
    ]


def test_each_call_gets_its_own_list() -> None:
    # The split is cached per text: a caller that edits its list must not change the next one's.
    first = sentences(TEXT)
    first.clear()
    assert len(sentences(TEXT)) == 3
    paras = paragraphs(TEXT)
    paras.pop()
    assert len(paragraphs(TEXT)) == 2
