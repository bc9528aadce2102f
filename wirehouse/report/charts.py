"""The report's charts: matplotlib (Agg, no display) figures as inline SVG text.

Text stays text in the SVG (``svg.fonttype = none``) so it takes the page's font and stays
sharp; each chart gets its own id salt so several SVGs can share one page without clashes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")  # before pyplot: never look for a display

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

#: Muted, print-friendly colours; the last one is "other".
PALETTE = (
    "#3b6ea5", "#d08c3a", "#5b9a68", "#b5525c", "#7d6aa8", "#4a9aa5", "#a68a4e", "#b9b9b9",
)  # fmt: skip
INK = "#333333"
GRID = "#e3e3e3"


def _style(salt: str) -> Any:  # matplotlib types its rc keys as literals
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": salt,
        "font.family": "sans-serif",
        "font.size": 9,
        "text.color": INK,
        "axes.labelcolor": INK,
        "axes.edgecolor": "#bbbbbb",
        "xtick.color": INK,
        "ytick.color": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", transparent=True)
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # drop the XML prologue and DOCTYPE: inline in HTML


def _empty(salt: str, message: str) -> str:
    with plt.rc_context(_style(salt)):
        figure, axes = plt.subplots(figsize=(7.5, 1.2))
        axes.axis("off")
        axes.text(0.5, 0.5, message, ha="center", va="center", color="#777777")
        axes.plot([0, 1], [0.1, 0.1], color=GRID, linewidth=1)  # a drawn baseline
        return _svg(figure)


def _month_range(last: dt.date, count: int) -> list[dt.date]:
    months = [last.replace(day=1)]
    while len(months) < count:
        previous = months[-1] - dt.timedelta(days=1)
        months.append(previous.replace(day=1))
    return months[::-1]


def events_timeline(rows: Sequence[Mapping[str, Any]], top: int = 7, span: int = 18) -> str:
    """Stacked bars: counted event mentions per month over the last ``span`` months with
    data, by PLOVER type (the ``top`` most frequent; the rest as other)."""
    if not rows:
        return _empty("timeline", "No dated events yet")
    months = _month_range(max(row["month"] for row in rows), span)
    first = months[0]
    while months[0] < min(row["month"] for row in rows) and len(months) > 6:
        months.pop(0)  # a short history: start at its first month
    shown = [row for row in rows if row["month"] >= first]
    totals: dict[str, int] = defaultdict(int)
    for row in shown:
        totals[row["event_type"]] += int(row["n"])
    kept = sorted(totals, key=lambda t: (-totals[t], t))[: min(top, len(PALETTE) - 1)]
    series: dict[str, list[int]] = {t: [0] * len(months) for t in [*kept, "other"]}
    index = {m: i for i, m in enumerate(months)}
    for row in shown:
        name = row["event_type"] if row["event_type"] in kept else "other"
        series[name][index[row["month"]]] += int(row["n"])
    if not any(series["other"]):
        del series["other"]
    with plt.rc_context(_style("timeline")):
        figure, axes = plt.subplots(figsize=(7.5, 2.8))
        labels = [m.strftime("%b\n%Y") if m.month == 1 or i == 0 else m.strftime("%b")
                  for i, m in enumerate(months)]  # fmt: skip
        positions = list(range(len(months)))
        bottom = [0] * len(months)
        for position, (name, values) in enumerate(series.items()):
            colour = PALETTE[-1] if name == "other" else PALETTE[position]
            # Numeric positions: month names repeat across years, categories would merge.
            axes.bar(positions, values, bottom=bottom, color=colour, label=name, width=0.72)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        axes.set_xticks(positions, labels)
        axes.set_ylabel("event mentions")
        axes.yaxis.grid(True, color=GRID)
        axes.set_axisbelow(True)
        axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
        return _svg(figure)


def country_bars(rows: Sequence[Mapping[str, Any]]) -> str:
    """Horizontal bars: events per country (any role), actor share darker."""
    if not rows:
        return _empty("countries", "No events with a country yet")
    ordered = list(reversed(rows))
    names = [str(r["country"]) for r in ordered]
    with plt.rc_context(_style("countries")):
        figure, axes = plt.subplots(figsize=(4.6, 0.22 * len(rows) + 0.8))
        axes.barh(names, [int(r["events"]) for r in ordered], color="#b8cde3", label="involved")
        axes.barh(names, [int(r["as_actor"]) for r in ordered], color=PALETTE[0], label="as actor")
        axes.xaxis.grid(True, color=GRID)
        axes.set_axisbelow(True)
        axes.set_xlabel("counted event mentions")
        axes.legend(frameon=False, loc="lower right")
        return _svg(figure)


def stage_bars(seconds: Mapping[str, float]) -> str:
    """Horizontal bars: seconds per stage of the run."""
    if not seconds:
        return _empty("stages", "No stage timings recorded for this run")
    names = list(reversed(list(seconds)))
    with plt.rc_context(_style("stages")):
        figure, axes = plt.subplots(figsize=(7.5, 0.22 * len(names) + 0.6))
        bars = axes.barh(names, [seconds[n] for n in names], color=PALETTE[4])
        axes.bar_label(bars, fmt="%.2f s", padding=3, fontsize=8)
        axes.xaxis.grid(True, color=GRID)
        axes.set_axisbelow(True)
        axes.set_xlabel("seconds")
        return _svg(figure)
