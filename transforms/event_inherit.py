"""Dates inherited from an earlier sentence about the same occasion (annotation guide: "A date
may come from an adjacent sentence about the same occasion").

A sentence without a date of its own takes one when it refers back to an occasion already
dated: the previous sentence of the same paragraph names a single day, or the sentence points at
it ("At the same briefing", "The measures also hit", "The march was organised", "In the
statement", "simultaneously"), in which case the nearest earlier sentence naming that occasion
with a day or a weekend supplies it, across paragraphs. A quotation opening a paragraph goes on
from the sentence before it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from transforms.text import Span
from transforms.timex import Timex

__all__ = ["Occasions"]

# The noun that points back, and what the antecedent sentence may say instead.
_ANTECEDENT = {
    "briefing": r"briefing|told reporters|news conference|press conference",
    "statement": r"statement|said|announced",
    "meeting": r"meeting|met\b|talks",
    "summit": r"summit",
    "talks": r"talks|negotiat",
    "march": r"march|demonstrat|protest|rall",
    "marchers": r"march|demonstrat|protest",
    "protesters": r"protest|demonstrat|march|rall",
    "measures": r"sanction|measures|penalt",
    "package": r"package|sanction|aid",
    "strikes": r"strike|attack",
    "visit": r"visit",
    "invitation": r"invit",
    "conference": r"conference",
    "session": r"session|summit|forum|opening",
    "rally": r"rall|march|protest",
    "announcement": r"announc|said",
    "marcha": r"march|manifest|protest",
    "captura": r"captur|detuv|arrest",
    "reunión": r"reuni",
    "cumbre": r"cumbre",
    "réunion": r"réunion",
    "sommet": r"sommet",
    "manifestation": r"manifest|march",
}
_NOUNS = "|".join(sorted(_ANTECEDENT, key=len, reverse=True))
_OCCASION = re.compile(
    rf"(?:\b(?P<after>after|following)\s+the\s+|\b(?:at|in|during|from)\s+the\s+(?:same\s+)?|\bthe\s+(?:same\s+|new\s+)?|"
    rf"\b(?:durante|lors\s+de|pendant|(?P<after2>tras|après))\s+(?:la|el|le|l['’])\s*)(?P<noun>{_NOUNS})\b|"
    r"^\W*(?P<bare>Marchers|Protesters)\b|\b(?P<same>simultaneously|at the same time)\b",
    re.I,
)
_OPENS_QUOTE = re.compile(r"^\s*[“\"«]")
_LOOKBACK = 10


@dataclass
class _Seen:
    span: Span
    dates: list[Timex]
    event_dates: list[Timex] = field(default_factory=list)

    def date(self, grans: tuple[str, ...]) -> Timex | None:
        """The one date this sentence gives its occasion: its events' common date, else its
        single resolved expression of an allowed granularity."""
        ev = {(t.date_start, t.date_end) for t in self.event_dates}
        if len(ev) == 1 and self.event_dates[0].granularity in grans:
            return self.event_dates[0]
        cands = [
            t
            for t in self.dates
            if t.resolved
            and t.kind in ("date", "time")
            and t.granularity in grans
            and not t.text.lower().endswith("after")
        ]
        return cands[0] if len({(t.date_start, t.date_end) for t in cands}) == 1 else None


class Occasions:
    """The sentences read so far, for dates that later sentences inherit."""

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.published = published
        self.seen: list[_Seen] = []

    def add(self, sent: Span, s_tx: list[Timex]) -> None:
        self.seen.append(_Seen(sent, s_tx))

    def note(self, date: Timex | None) -> None:
        """Record the date given to an event of the latest sentence."""
        if date is not None and self.seen:
            self.seen[-1].event_dates.append(date)

    def cue(self, sent: str) -> re.Match[str] | None:
        return _OCCASION.search(sent)

    def inherit(self, sent: Span, cue: re.Match[str] | None, plain: bool) -> Timex | None:
        """The inherited date of an event in ``sent`` (already added); ``plain`` allows the
        previous-sentence rule (no date expression at all, no perfect tense)."""
        earlier = self.seen[-_LOOKBACK - 1 : -1][::-1]
        if not earlier:
            return None
        prev = earlier[0]
        if cue is not None:
            noun = (cue.group("noun") or cue.group("bare") or "").lower()
            if noun:
                pattern = re.compile(rf"\b(?:{_ANTECEDENT[noun]})", re.I)
                matched, fallback = -1, None
                for i, seen in enumerate(earlier):
                    body = self.text[seen.span.start : seen.span.end]
                    hit = bool(pattern.search(body))
                    matched = i if matched < 0 and hit else matched
                    found = seen.date(("day", "week"))
                    if found is None:
                        continue
                    if not hit:
                        # the sentence that dated the antecedent just before it
                        if fallback is None and matched >= 0 and i - matched <= 2:
                            fallback = found
                        continue
                    if cue.group("after") or cue.group("after2"):
                        # "After the arrest, troops were deployed": from then on.
                        end = self.published or found.date_end
                        return dataclasses.replace(found, date_end=end, granularity="unknown")
                    return found
                if fallback is not None:
                    return fallback
            return prev.date(("day",))
        if not plain:
            return None
        gap = self.text[prev.span.end : sent.start]
        if "\n" not in gap or _OPENS_QUOTE.match(self.text[sent.start : sent.end]):
            return prev.date(("day",))
        return None
