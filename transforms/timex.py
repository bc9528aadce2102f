"""Temporal expressions: find them in article text and resolve them against the publication date.

Detection is a handful of regular expressions (dateparser's ``search_dates`` finds "We" and
"a nine-year" in free text, so spans are found here); resolution follows the annotation guide:
a weekday is the most recent such day on or before publication, "last week" the previous ISO
week, a bare month the whole month of the current year (or the previous year when the month has
not come yet), "over the weekend" the previous Saturday-Sunday, "earlier this month" the 1st to
publication. A relative expression is never resolved without a publication date.

Each :class:`Timex` also carries a TIMEX3 ``value`` ("2024-04-13", "2024-W15", "P3M",
"PRESENT_REF") so that the resolver can be scored on TempEval-3.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from transforms.regex_prefixes import PrefixScanner
from transforms.timex_resolve import MONTHS, WEEKDAYS, resolve

__all__ = ["MONTHS", "WEEKDAYS", "Timex", "find_timexes"]

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?=\s+\d))"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUM = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|fifty|a hundred|several|a few|few|many|some)"
)
_MOD = r"(?:early|mid-?|late|the end of|the beginning of|the start of|end of|the middle of)"
_UNITS = r"(?:second|minute|hour|day|week|month|year|decade|centur(?:y|ie))"

# Ordered from most to least specific; overlaps are settled by length, so order only breaks ties.
# fmt: off
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("mdy", re.compile(
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH})\s+(?P<day>{_DAY})\b"
        rf"(?:,?\s+(?P<year>{_YEAR})\b)?")),
    ("dmy", re.compile(
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})"
        rf"(?:,?\s+(?P<year>{_YEAR})\b)?")),
    ("my", re.compile(rf"\b(?:(?P<mod>{_MOD})\s*)?(?P<mon>{_MONTH}),?\s+(?:of\s+)?"
                      rf"(?P<year>{_YEAR})\b",
                      re.I)),
    ("mon", re.compile(
        rf"\b(?:(?P<rel>last|this|next|past|coming)\s+|(?P<mod>{_MOD})\s*)?"
        rf"(?P<mon>{_MONTH})(?!\w)")),
    ("wday", re.compile(
        rf"\b(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<wd>{_WEEKDAY})"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b")),
    ("day", re.compile(
        r"\b(?:the day (?:before yesterday|after tomorrow)|today|yesterday|tomorrow|tonight|"
        r"last night|this (?:morning|afternoon|evening))\b", re.I)),
    ("weekend", re.compile(r"\b(?:(?:over|during|on|at) the weekend|(?:last|this|next) weekend)\b",
                           re.I)),
    ("within", re.compile(r"\b(?P<which>earlier|later) this (?P<unit>week|month|year)\b", re.I)),
    ("ago", re.compile(
        rf"\b(?P<q>(?:more than|over|nearly|almost|about|some|less than|just over)\s+)?"
        rf"(?P<n>{_NUM})\s+(?P<unit>day|week|month|year|decade)s?\s+(?P<dir>ago|after)\b", re.I)),
    ("relunit", re.compile(
        r"\b(?P<rel>(?:the\s+)?(?:last|this|next|past|previous|coming|current))\s+"
        r"(?P<unit>week|month|year|quarter|decade|century)\b(?!\s+(?:and|or)\s+(?:a|an|one)\b)",
        re.I)),
    # "on the 5th": the preposition is checked behind "the" so that the pattern opens with a
    # literal, which the engine finds with a fast string search instead of trying every
    # position (same matches: the lookbehinds include "the").
    ("nth", re.compile(
        r"the(?:(?<=\bon\sthe)|(?<=\bby\sthe)|(?<=until\sthe)|(?<=since\sthe)|(?<=\bfrom\sthe))"
        r"\s+(?P<day>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b(?=\s*(?:[,.;:)]|$|and\b|or\b))")),
    ("season", re.compile(
        rf"\b(?:(?P<rel>last|this|next|early|late|the)\s+)?(?P<season>spring|summer|autumn|"
        rf"winter)(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?\b", re.I)),
    ("quarter", re.compile(
        rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter"
        rf"(?:\s+of\s+(?P<year>{_YEAR}))?\b", re.I)),
    ("year", re.compile(rf"\b(?:early|mid|late)-(?P<year>{_YEAR})\b", re.I)),
    ("decade", re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<dec>1[89]\d0|20\d0)s\b")),
    ("year", re.compile(
        rf"(?<![\d$€£.,/-])(?:(?:fiscal|FY)\s*)?(?P<year>{_YEAR})(?![\d%,.]\d|%|\s*percent|-\d)"
        r"(?!\s+(?:people|persons|troops|soldiers|police|officers|protesters|demonstrators|"
        r"residents|workers|students|children|members|civilians|families|homes|houses|votes|"
        r"km|kilometers|kilometres|miles|tons|tonnes|dollars|euros|cases|deaths|refugees|"
        r"migrants|feet|meters|metres)\b)")),
    ("dur", re.compile(
        rf"\b(?:(?:the\s+)?(?:past|last|next|previous|coming|first|following)\s+)?"
        rf"(?P<n>{_NUM})[\s-]+(?P<unit>{_UNITS})s?\b(?!\s+(?:ago|after|old)\b)", re.I)),
    ("durbare", re.compile(
        r"\b(?:(?:in\s+)?recent|for|several|(?:the\s+)?past\s+(?:few|several))\s+"
        r"(?P<unit>day|week|month|year|decade)s\b", re.I)),
    ("ref", re.compile(r"\b(?:now|currently|at present|nowadays|these days|right now|recently|"
                       r"in the past|in the future|at the time)\b", re.I)),
]

_MON_FR_ES = (
    r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    r"novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|"
    r"octubre|noviembre|diciembre)"
)
_WD_FR_ES = (
    r"(?i:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|"
    r"viernes|s[áa]bado|domingo)"
)
_UNIT_FR_ES = r"(?:semaine|mois|année|an|semana|mes|año)"
# French and Spanish: "le 13 avril", "el 9 de mayo", "en mayo de 2023", "à la mi-mars",
# "lundi soir", "el martes", "la semana pasada", "plus tôt ce mois-ci". Months are lower case in
# both languages, which keeps "Plaza de Mayo" out.
_PATTERNS_FR_ES: list[tuple[str, re.Pattern[str]]] = [
    ("dmy", re.compile(
        rf"\b(?:(?P<wd>{_WD_FR_ES})\s+)?(?P<day>1er|1º|3[01]|[12]\d|0?[1-9])\s+(?:de\s+)?"
        rf"(?P<mon>{_MON_FR_ES})(?:\s+(?:de\s+)?(?P<year>{_YEAR}))?\b")),
    ("my", re.compile(
        rf"(?:\b(?i:début|fin|a\s+mediados\s+de|a\s+finales\s+de|a\s+principios\s+de)\s+|"
        rf"\bmi-)?(?P<mon>{_MON_FR_ES})\s+(?:de\s+)?(?P<year>{_YEAR})\b")),
    ("mon", re.compile(
        rf"(?:\b(?P<rel>(?i:el\s+)?próximo(?:\s+mes\s+de)?)\s+|\b(?i:en|depuis|desde|hasta|"
        rf"de|fin|début|a\s+mediados\s+de|a\s+finales\s+de|a\s+principios\s+de)\s+|"
        rf"\b(?i:d['’])|\bmi-)(?P<mon>{_MON_FR_ES})(?![\w-])")),
    ("wday", re.compile(
        rf"\b(?P<wd>{_WD_FR_ES})(?:\s+(?P<part>soir|matin|après-midi|por\s+la\s+noche))?"
        r"(?:\s+(?P<rel>dernier|pasado))?\b")),
    ("day", re.compile(r"\b(?:hier|aujourd['’]hui|avant-hier|demain|ayer|hoy|anteayer)\b",
                       re.I)),
    ("relunit", re.compile(
        rf"\b(?:(?:la|le|el)\s+|l['’])(?P<unit>{_UNIT_FR_ES})\s+(?P<rel>dernière|dernier|"
        rf"passée|passé|pasada|pasado|prochaine|prochain|próxima|próximo)\b|"
        rf"\b(?P<rel2>ce|cette|este|esta)\s+(?P<unit2>{_UNIT_FR_ES})(?:-ci)?\b", re.I)),
    ("within", re.compile(
        rf"\b(?P<which>plus\s+tôt|más\s+temprano|plus\s+tard)\s+(?:ce|cette|este|esta)\s+"
        rf"(?P<unit>{_UNIT_FR_ES})(?:-ci)?\b", re.I)),
]

# fmt: on
_UNIT_WORDS = ("second", "minute", "hour", "day", "week", "month", "year", "decade", "centur")
_NEEDS: dict[str, tuple[str, ...]] = {
    "weekend": ("weekend",),
    "within": ("this",),
    "ago": (" ago", " after"),
    "season": ("spring", "summer", "autumn", "winter"),
    "quarter": ("quarter",),
    "nth": (" the ",),
    "decade": ("0s",),
    "dur": _UNIT_WORDS,
    "durbare": _UNIT_WORDS,
    "relunit": ("week", "month", "year", "quarter", "decade", "century"),
}

# "May" and "March" are also a name and a verb: take them as months only after a preposition
# or determiner, or with a day, year or modifier attached (handled by the other patterns).
_MONTH_CUE = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|during|from|through|before|after|early|late|mid|"
    r"last|this|next|each|every|the|a|between|and|or|around|throughout)\s+|mid-)$",
    re.I,
)
_FUTURE_CUE = re.compile(
    r"\b(?:will|would|shall|'ll|next|plans?|planned|scheduled|expected|due|set to|upcoming|"
    r"to be held|intends?|aims?|until|by)\b",
    re.I,
)

_REPORTED = re.compile(r"\b(?:said|told|announced|added|stated|confirmed|reported)\b", re.I)

# Patterns whose optional lead-ins make the engine try them at every word: scanned only in
# windows around the keyword every match contains (no match is longer than _LEAD characters).
_KEYWORD: dict[str, re.Pattern[str]] = {
    "dur": re.compile(rf"{_UNITS}s?\b", re.I),
    "ago": re.compile(r"\b(?:ago|after)\b", re.I),
    "my": re.compile(rf"\b{_YEAR}\b"),
}
_LEAD = 80


def _windowed(kind: str, rank: int) -> bool:
    return rank < len(_PATTERNS) and kind in _KEYWORD


def _key_number(rank: int) -> int:
    """The number of a windowed pattern's keyword in the prefix scanner."""
    return -1 - rank


# The other patterns whose matches start with known words ("last", "Jan", "the"), and the
# keywords of the windowed ones, are tried only where one of those words starts: one trie pass
# per text instead of ~20 full scans.
_SCANNERS = {
    english: PrefixScanner(
        {
            (_key_number(rank) if _windowed(kind, rank) else rank): (
                _KEYWORD[kind] if _windowed(kind, rank) else pattern
            )
            for rank, (kind, pattern) in enumerate(_PATTERNS + ([] if english else _PATTERNS_FR_ES))
        }
    )
    for english in (True, False)
}


def _scan(
    kind: str,
    pattern: re.Pattern[str],
    text: str,
    english: bool,
    keys: list[re.Match[str]] | None = None,
) -> list[re.Match[str]]:
    """``pattern``'s matches, in windows around its keyword for the windowed kinds;
    ``keys`` are the keyword's matches when already found."""
    key = _KEYWORD.get(kind) if english else None
    if key is None:
        return list(pattern.finditer(text))
    windows: list[list[int]] = []
    for k in key.finditer(text) if keys is None else keys:
        lo, hi = max(0, k.start() - _LEAD), min(len(text), k.end() + 20)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    return [m for lo, hi in windows for m in pattern.finditer(text, lo, hi)]


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression found in a text, with its resolution.

    ``kind`` is date, duration, time or ref (now, the past). ``value`` is the TIMEX3 value, or
    None when it cannot be resolved. ``source`` is explicit (a calendar date is written),
    relative (resolved against the publication date) or none.
    """

    text: str
    start: int
    end: int
    kind: str
    value: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    granularity: str
    source: str

    @property
    def resolved(self) -> bool:
        """Whether the expression names a stretch of calendar time."""
        return self.date_start is not None


def find_timexes(text: str, published: dt.date | None, *, lang: str = "en") -> list[Timex]:
    """Find and resolve the temporal expressions in ``text``.

    Parameters
    ----------
    text
        Article text; offsets of the returned expressions index it exactly.
    published
        The publication date relative expressions are resolved against, or None (then only
        expressions that carry their own year are resolved).
    lang
        The article's language: "fr" and "es" add French and Spanish expressions.

    Returns
    -------
    list[Timex]
        Non-overlapping expressions in text order (the longest wins an overlap).

    Examples
    --------
    >>> t = find_timexes("They met last week.", dt.date(2024, 4, 22))[0]
    >>> (t.date_start, t.date_end, t.granularity, t.value)
    (datetime.date(2024, 4, 15), datetime.date(2024, 4, 21), 'week', '2024-W16')
    """
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    lower = text.lower()
    english = lang not in ("fr", "es")
    patterns = _PATTERNS if english else _PATTERNS + _PATTERNS_FR_ES
    n_en = len(_PATTERNS)
    ranks = [
        rank
        for rank, (kind, _) in enumerate(patterns)
        # cheap skip: most patterns cannot match without one of their words
        if not (
            (keys := _NEEDS.get(kind) if rank < n_en else None)
            and not any(k in lower for k in keys)
        )
    ]
    scanner = _SCANNERS[english]
    prefixed = scanner.finditer_each(text, [*ranks, *map(_key_number, ranks)])
    for rank in ranks:
        kind, pattern = patterns[rank]
        keyword_hits = prefixed.get(_key_number(rank))
        hits = (
            prefixed[rank]
            if rank in prefixed
            else _scan(kind, pattern, text, rank < n_en, keyword_hits)
        )
        for m in hits:
            if kind == "mon" and rank < n_en and not (m.group("rel") or m.group("mod")):
                word = m.group("mon")
                if word in ("May", "March") and not _MONTH_CUE.search(
                    text[max(0, m.start() - 12) : m.start()]
                ):
                    continue
            found.append((m.start(), m.end(), rank, kind, m))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int, int, str, re.Match[str]]] = []
    for start, end, rank, kind, m in found:
        if all(end <= s or start >= e for s, e, _, _, _ in taken):
            taken.append((start, end, rank, kind, m))
    out: list[Timex] = []
    for start, end, rank, kind, m in sorted(taken, key=lambda t: t[0]):
        window = text[max(0, start - 60) : start]
        # A future cue of the previous sentence ("... would create jobs. On Wednesday, Xi ...")
        # does not carry over.
        window = re.split(r"[.!?][\"”’]?\s+|\n", window)[-1]
        cues = list(_FUTURE_CUE.finditer(window))
        # "will leave by Sept. 15, officials said on Sunday": the statement is past.
        future = bool(cues) and not _REPORTED.search(window, cues[-1].end())
        tkind, res, bare, source = resolve(kind, m, published, future, rank >= n_en)
        if res is None:
            out.append(Timex(m.group(0), start, end, tkind, bare, None, None, "unknown", "none"))
        else:
            lo, hi, gran, value = res
            out.append(Timex(m.group(0), start, end, tkind, value, lo, hi, gran, source))
    return out
