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

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "fifty": 50,
    "hundred": 100,
    "a hundred": 100,
}
UNIT_CODE = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y", "century": "Y"}
SEASONS = {
    "spring": ("SP", 3),
    "summer": ("SU", 6),
    "autumn": ("FA", 9),
    "fall": ("FA", 9),
    "winter": ("WI", 12),
}
PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

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
        r"(?P<unit>week|month|year|quarter|decade|century)\b(?!\s+(?:and|or)\b)", re.I)),
    ("season", re.compile(
        rf"\b(?:(?P<rel>last|this|next|early|late|the)\s+)?(?P<season>spring|summer|autumn|"
        rf"winter)(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?\b", re.I)),
    ("quarter", re.compile(
        rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter"
        rf"(?:\s+of\s+(?P<year>{_YEAR}))?\b", re.I)),
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

# fmt: on
_UNIT_WORDS = ("second", "minute", "hour", "day", "week", "month", "year", "decade", "centur")
_NEEDS: dict[str, tuple[str, ...]] = {
    "weekend": ("weekend",),
    "within": ("this",),
    "ago": (" ago", " after"),
    "season": ("spring", "summer", "autumn", "winter"),
    "quarter": ("quarter",),
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


def _num(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return NUMBERS.get(w)


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _week(day: dt.date) -> tuple[dt.date, dt.date, str]:
    monday = day - dt.timedelta(days=day.weekday())
    iso = day.isocalendar()
    return monday, monday + dt.timedelta(days=6), f"{iso[0]}-W{iso[1]:02d}"


def _day(d: dt.date, part: str = "") -> tuple[dt.date, dt.date, str, str]:
    return d, d, "day", d.isoformat() + (f"T{PART_OF_DAY[part]}" if part else "")


def _month(y: int, m: int) -> tuple[dt.date, dt.date, str, str]:
    return dt.date(y, m, 1), _month_end(y, m), "month", f"{y}-{m:02d}"


def _year(y: int) -> tuple[dt.date, dt.date, str, str]:
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", str(y)


_Res = tuple[dt.date, dt.date, str, str]


def _resolve(
    kind: str, m: re.Match[str], pub: dt.date | None, future: bool
) -> tuple[str, _Res | None, str | None, str]:
    """Return (timex kind, (start, end, granularity, value) or None, bare value, source)."""
    g = m.groupdict()
    text = m.group(0).lower()
    if kind == "iso":
        try:
            d = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return "date", None, None, "none"
        return "date", _day(d), None, "explicit"
    if kind in ("mdy", "dmy"):
        mon = MONTHS[g["mon"].lower().rstrip(".")]
        day = int(re.sub(r"\D", "", g["day"]))
        if g.get("year"):
            year = int(g["year"])
        elif pub is None:
            return "date", None, None, "none"
        else:
            # A month-day without a year is this year's, unless that lies well after publication
            # (a past event told in April about "Aug. 7"); in a future context it is the next one.
            year = pub.year
            try:
                cand = dt.date(year, mon, day)
            except ValueError:
                return "date", None, None, "none"
            if future and cand < pub - dt.timedelta(days=14):
                year += 1
            elif not future and cand > pub + dt.timedelta(days=60):
                year -= 1
        try:
            return "date", _day(dt.date(year, mon, day)), None, "explicit"
        except ValueError:
            return "date", None, None, "none"
    if kind == "my":
        mon = MONTHS[g["mon"].lower().rstrip(".")]
        return "date", _month(int(g["year"]), mon), None, "explicit"
    if kind == "mon":
        mon = MONTHS[g["mon"].lower().rstrip(".")]
        if pub is None:
            return "date", None, None, "none"
        rel = (g.get("rel") or "").lower()
        if rel == "next" or (future and rel != "last" and mon > pub.month):
            year = pub.year if mon > pub.month else pub.year + 1
        elif rel in ("last", "past"):
            year = pub.year if mon < pub.month else pub.year - 1
        else:
            year = pub.year if mon <= pub.month else pub.year - 1
        return "date", _month(year, mon), None, "relative" if rel else "explicit"
    if kind == "wday":
        if pub is None:
            return "date", None, None, "none"
        wd = WEEKDAYS.index(g["wd"].lower())
        rel = (g.get("rel") or "").lower()
        back = (pub.weekday() - wd) % 7
        if rel in ("last", "past") and back == 0:
            back = 7
        d = pub - dt.timedelta(days=back)
        if rel in ("next", "coming") or (future and rel != "last" and back > 0):
            d = pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
        kind_out = "time" if g.get("part") else "date"
        return kind_out, _day(d, (g.get("part") or "").lower()), None, "relative"
    if kind == "day":
        if pub is None:
            return "date", None, None, "none"
        shift = {
            "yesterday": -1,
            "tomorrow": 1,
            "last night": -1,
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
        }.get(text, 0)
        part = {"tonight": "night", "last night": "night"}.get(text, text.split()[-1])
        part = part if part in PART_OF_DAY else ""
        return (
            ("time" if part else "date"),
            _day(pub + dt.timedelta(days=shift), part),
            None,
            "relative",
        )
    if kind == "weekend":
        if pub is None:
            return "date", None, None, "none"
        sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        if text.startswith("next"):
            sat += dt.timedelta(days=7)
        iso = sat.isocalendar()
        return (
            "date",
            (sat, sat + dt.timedelta(days=1), "week", f"{iso[0]}-W{iso[1]:02d}-WE"),
            None,
            "relative",
        )
    if kind == "within":
        if pub is None:
            return "date", None, None, "none"
        unit, earlier = g["unit"].lower(), g["which"].lower() == "earlier"
        if unit == "week":
            lo, hi, val = _week(pub)
        elif unit == "month":
            lo, hi, _, val = _month(pub.year, pub.month)
        else:
            lo, hi, _, val = _year(pub.year)
        span = (lo, pub) if earlier else (pub, hi)
        return "date", (span[0], span[1], unit, val), None, "relative"
    if kind == "ago":
        n = _num(g["n"])
        unit = g["unit"].lower()
        if pub is None or n is None:
            return "duration", None, None, "none"
        if unit == "decade":
            unit, n = "year", n * 10
        if unit == "day":
            res = _day(pub - dt.timedelta(days=n))
        elif unit == "week":
            lo, hi, val = _week(pub - dt.timedelta(weeks=n))
            res = (lo, hi, "week", val)
        elif unit == "month":
            res = _month(*_add_months(pub.year, pub.month, -n))
        else:
            res = _year(pub.year - n)
        if g.get("q") and g["q"].strip().lower() in ("more than", "over", "just over"):
            # "more than a month ago": on or before the day a month back, within that unit.
            y, mo = _add_months(pub.year, pub.month, -n) if unit == "month" else (pub.year, 0)
            end = {
                "day": pub - dt.timedelta(days=n),
                "week": pub - dt.timedelta(weeks=n),
                "month": dt.date(y, mo, min(pub.day, _month_end(y, mo).day)) if mo else pub,
                "year": dt.date(pub.year - n, pub.month, min(pub.day, 28)),
            }[unit]
            res = (res[0], end, res[2], res[3])
        return "date", res, None, "relative"
    if kind == "relunit":
        unit = g["unit"].lower()
        rel = g["rel"].lower().replace("the ", "")
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        if pub is None:
            return "date", None, None, "none"
        if unit == "week":
            lo, hi, val = _week(pub + dt.timedelta(weeks=step))
            return "date", (lo, hi, "week", val), None, "relative"
        if unit == "month":
            return "date", _month(*_add_months(pub.year, pub.month, step)), None, "relative"
        if unit == "year":
            return "date", _year(pub.year + step), None, "relative"
        if unit == "quarter":
            q = (pub.month - 1) // 3 + step
            y, q = pub.year + q // 4, q % 4
            lo = dt.date(y, q * 3 + 1, 1)
            return (
                "date",
                (lo, _month_end(y, q * 3 + 3), "unknown", f"{y}-Q{q + 1}"),
                None,
                "relative",
            )
        return "date", None, "PRESENT_REF" if step == 0 else None, "none"
    if kind == "season":
        code, first = SEASONS[g["season"].lower()]
        rel = (g.get("rel") or "").lower()
        if not (rel or g.get("year")):
            return "date", None, None, "none"
        if g.get("year"):
            year = int(g["year"])
        elif pub is None:
            return "date", None, None, "none"
        elif rel == "last":
            year = pub.year - 1 if first >= pub.month else pub.year
        elif rel == "next":
            year = pub.year + 1 if first <= pub.month else pub.year
        else:
            year = pub.year
        lo = dt.date(year, first, 1)
        hi = _month_end(*_add_months(year, first, 2))
        return (
            "date",
            (lo, hi, "unknown", f"{year}-{code}"),
            None,
            "explicit" if g.get("year") else "relative",
        )
    if kind == "quarter":
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(
            g["ord"].lower(), _num(g["ord"][0]) or 1
        )
        if g.get("year"):
            year = int(g["year"])
        elif pub is None:
            return "date", None, None, "none"
        else:
            year = pub.year if q <= (pub.month - 1) // 3 + 1 else pub.year - 1
        lo = dt.date(year, 3 * q - 2, 1)
        return (
            "date",
            (lo, _month_end(year, 3 * q), "unknown", f"{year}-Q{q}"),
            None,
            "explicit" if g.get("year") else "relative",
        )
    if kind == "decade":
        y = int(g["dec"])
        return (
            "date",
            (dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "unknown", str(y)[:3]),
            None,
            "explicit",
        )
    if kind == "year":
        return "date", _year(int(g["year"])), None, "explicit"
    if kind == "dur":
        n = _num(g["n"])
        unit = g["unit"].lower().rstrip("s").replace("ie", "y")
        count = "X" if n is None else str(n)
        if unit in ("hour", "minute", "second"):
            return "duration", None, f"PT{count}{unit[0].upper()}", "none"
        if unit in ("decade", "century") and n is not None:
            count = str(n * (10 if unit == "decade" else 100))
        return "duration", None, f"P{count}{UNIT_CODE[unit]}", "none"
    if kind == "durbare":
        return "duration", None, f"PX{UNIT_CODE[g['unit'].lower()]}", "none"
    # kind == "ref"
    val = (
        "PAST_REF"
        if text in ("recently", "in the past", "at the time")
        else "FUTURE_REF"
        if text == "in the future"
        else "PRESENT_REF"
    )
    return "ref", None, val, "none"


def find_timexes(text: str, published: dt.date | None) -> list[Timex]:
    """Find and resolve the temporal expressions in ``text``.

    Parameters
    ----------
    text
        Article text; offsets of the returned expressions index it exactly.
    published
        The publication date relative expressions are resolved against, or None (then only
        expressions that carry their own year are resolved).

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
    for rank, (kind, pattern) in enumerate(_PATTERNS):
        keys = _NEEDS.get(kind)
        if keys and not any(k in lower for k in keys):
            continue  # cheap skip: most patterns cannot match without one of their words
        for m in pattern.finditer(text):
            if kind == "mon" and not (m.group("rel") or m.group("mod")):
                word = m.group("mon")
                if word in ("May", "March") and not _MONTH_CUE.search(
                    text[max(0, m.start() - 12) : m.start()]
                ):
                    continue
            found.append((m.start(), m.end(), rank, kind, m))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    for start, end, _, kind, m in found:
        if all(end <= s or start >= e for s, e, _, _ in taken):
            taken.append((start, end, kind, m))
    out: list[Timex] = []
    for start, end, kind, m in sorted(taken, key=lambda t: t[0]):
        future = bool(_FUTURE_CUE.search(text[max(0, start - 60) : start]))
        tkind, res, bare, source = _resolve(kind, m, published, future)
        if res is None:
            out.append(Timex(m.group(0), start, end, tkind, bare, None, None, "unknown", "none"))
        else:
            lo, hi, gran, value = res
            out.append(Timex(m.group(0), start, end, tkind, value, lo, hi, gran, source))
    return out
