"""Resolution of temporal expressions against the publication date (annotation-guide rules).

Each matched expression becomes (start, end, granularity, TIMEX3 value); the detection side is
:mod:`transforms.timex`.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["MONTHS", "WEEKDAYS", "resolve"]

from transforms.timex_words import (
    FOREIGN,
    MONTHS,
    NUMBERS,
    PART_OF_DAY,
    SEASONS,
    UNIT_CODE,
    WEEKDAYS,
)


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


def resolve(
    kind: str, m: re.Match[str], pub: dt.date | None, future: bool, foreign: bool = False
) -> tuple[str, _Res | None, str | None, str]:
    """Return (timex kind, (start, end, granularity, value) or None, bare value, source)."""
    g = m.groupdict()
    text = m.group(0).lower()
    if foreign:
        g = {k: FOREIGN.get(" ".join(v.lower().split()), v) if v else v for k, v in g.items()}
        if g.get("unit2"):  # "ce mois-ci", "este año"
            g["unit"], g["rel"] = g["unit2"], g["rel2"]
        if g.get("rel") and g["rel"] not in ("last", "next", "this"):
            rel = g["rel"].lower()
            g["rel"] = "next" if "próximo" in rel or "prochain" in rel else g["rel"]
        text = FOREIGN.get(text, text)
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
        if text.startswith("next") or (
            # "this weekend" is the weekend of the publication week (from Tuesday on; on a
            # Monday only when the context looks ahead).
            text.startswith("this") and pub.weekday() < 5 and (pub.weekday() > 0 or future)
        ):
            sat += dt.timedelta(days=7)
        iso = sat.isocalendar()
        return (
            "date",
            (sat, sat + dt.timedelta(days=1), "week", f"{iso[0]}-W{iso[1]:02d}-WE"),
            None,
            "relative",
        )
    if kind == "nth":
        # "on the 15th": that day of the publication month, or of the month before (after,
        # in a future context) when it has not come yet (has passed).
        if pub is None:
            return "date", None, None, "none"
        day = int(g["day"])
        step = (1 if day < pub.day else 0) if future else (-1 if day > pub.day else 0)
        y, mo = _add_months(pub.year, pub.month, step)
        if day > _month_end(y, mo).day:
            return "date", None, None, "none"
        return "date", _day(dt.date(y, mo, day)), None, "relative"
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
