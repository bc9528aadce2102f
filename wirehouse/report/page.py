"""The report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from warehouse.report_data import ReportData
from wirehouse.report import charts

_CSS = """
:root { --ink: #222; --muted: #666; --rule: #e2e2e2; --accent: #3b6ea5; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f5f2; color: var(--ink);
  font: 15px/1.5 -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 32px 28px 56px; background: #fff;
  min-height: 100vh; }
header { border-bottom: 3px solid var(--ink); padding-bottom: 14px; margin-bottom: 8px; }
h1 { font: 700 30px/1.2 Georgia, "Times New Roman", serif; margin: 0 0 6px; }
h2 { font: 700 20px/1.3 Georgia, "Times New Roman", serif; margin: 36px 0 4px;
  padding-top: 14px; border-top: 1px solid var(--rule); }
.lede { color: var(--muted); margin: 0 0 12px; font-size: 14px; }
.meta { color: var(--muted); font-size: 13px; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 12px;
  font-weight: 600; color: #fff; vertical-align: middle; }
.ok { background: #4f8a5b; } .warn { background: #c08a2d; } .bad { background: #b5525c; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(105px, 1fr));
  gap: 12px; margin: 22px 0 4px; }
.figure { border-left: 3px solid var(--accent); padding: 2px 0 2px 12px; }
.figure b { display: block; font-size: 26px; line-height: 1.1; }
.figure span { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 8px 0; }
th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 1px solid #bbb;
  padding: 5px 8px; }
td { border-bottom: 1px solid var(--rule); padding: 5px 8px; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 28px; }
.chart svg { width: 100%; height: auto; display: block; }
.none { color: var(--muted); font-style: italic; }
code { font-size: 12.5px; background: #f1f1ee; padding: 0 4px; border-radius: 3px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media (max-width: 720px) { .two { grid-template-columns: 1fr; } }
"""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 1 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return escape(str(value))


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _table(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], numeric: Iterable[int] = ()
) -> str:
    right = set(numeric)
    head = "".join(
        f'<th class="n">{escape(h)}</th>' if i in right else f"<th>{escape(h)}</th>"
        for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{_cell(v)}</td>' if i in right else f"<td>{_cell(v)}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    if not body:
        return '<p class="none">None.</p>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _badge(status: str | None) -> str:
    kind = {"complete": "ok", "passed": "ok", "warnings": "warn"}.get(status or "", "bad")
    return f'<span class="badge {kind}">{escape(status or "unknown")}</span>'


def _figures(data: ReportData) -> str:
    load = data.load
    duration = (
        (load["finished_at"] - load["started_at"]).total_seconds()
        if load["finished_at"] and load["started_at"]
        else None
    )
    items = [
        ("documents read", load["documents_read"]),
        ("unchanged, skipped", load["unchanged"]),
        ("articles loaded", load["articles"]),
        ("quotes", load["quotes"]),
        ("events", load["events"]),
        ("rejects", load["rejects"]),
        ("seconds", round(duration, 1) if duration is not None else None),
    ]
    cells = "".join(
        f'<div class="figure"><b>{_cell(v) if v is not None else "–"}</b>'
        f"<span>{escape(k)}</span></div>"
        for k, v in items
    )
    return f'<div class="figures">{cells}</div>'


def _quality(data: ReportData) -> str:
    run = data.dq_run
    if run is None:
        intro = '<p class="none">No data-quality results were recorded for this run.</p>'
    else:
        shares = (
            f"undated articles {run['undated_article_share']:.0%} · "
            f"quotes without a speaker {run['unresolved_speaker_share']:.0%} · "
            f"undated events {run['undated_event_share']:.0%} · "
            f"{run['quotes_per_article']:.1f} quotes and "
            f"{run['events_per_article']:.1f} events per article"
            if run["undated_article_share"] is not None
            else ""
        )
        docs = f" · Data Docs: <code>{escape(run['docs_path'])}</code>" if run["docs_path"] else ""
        intro = f"<p>{_badge(run['status'])} {escape(shares)}{docs}</p>"
    summary = _table(
        ["table", "checks", "passed", "critical failures", "warnings"],
        [
            (r["table_name"], r["checks"], r["passed"], r["critical"], r["warnings"])
            for r in data.dq_summary
        ],
        numeric=(1, 2, 3, 4),
    )
    failures = (
        "<h3>What did not pass</h3>"
        + _table(
            ["severity", "table", "check", "detail"],
            [
                (r["severity"], r["table_name"], r["expectation"], r["detail"])
                for r in data.dq_failures
            ],
        )
        if data.dq_failures
        else ""
    )
    return intro + summary + failures


def render(data: ReportData) -> str:
    """The whole page for one run."""
    load = data.load
    started = _cell(load["started_at"])
    failure = f'<p class="meta">Failed: {escape(load["failure"])}</p>' if load["failure"] else ""
    sources = _table(
        ["source", "articles", "this run", "rejects", "undated", "newest article", "last loaded"],
        [
            (
                s["source"],
                s["articles"],
                data.run_sources.get(s["source"], 0),
                s["rejects"],
                s["undated"],
                s["last_published"],
                s["last_success"],
            )
            for s in data.sources
        ],
        numeric=(1, 2, 3, 4),
    )
    rejects = _table(
        ["reason", "stage", "count", "for example"],
        [(r["reason"], r["stage"], r["n"], r["example"]) for r in data.rejects],
        numeric=(2,),
    )
    speakers = _table(
        ["speaker", "role", "quotes", "articles", "outlets", "last quoted"],
        [
            (
                s["speaker"],
                _short(s["speaker_role"] or s["speaker_kind"]),
                s["quotes"],
                s["articles"],
                s["outlets"],
                s["last_seen"],
            )
            for s in data.top_speakers
        ],
        numeric=(2, 3, 4),
    )
    tables = _table(["table", "rows"], [(t, n) for t, n in data.table_counts.items()], numeric=(1,))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wirehouse run {escape(load["load_id"])}</title>
<style>{_CSS}</style></head>
<body><main>
<header>
<h1>What the run brought</h1>
<p class="meta">{_badge(load["status"])} <code>{escape(load["command"] or "")}</code>
 · load <code>{escape(load["load_id"])}</code> · started {started} UTC</p>
{failure}
</header>
{_figures(data)}
<h2>Events over time</h2>
<p class="lede">Counted event mentions (negated and hypothetical ones left out) by the month
the events happened, as dated from the text, over the last 18 months with data; the most
frequent PLOVER types.</p>
<div class="chart" id="chart-timeline">{charts.events_timeline(data.events_by_month)}</div>
<div class="two">
<section><h2>Countries in the news</h2>
<p class="lede">Event mentions involving each country; darker: as the actor.</p>
<div class="chart" id="chart-countries">{charts.country_bars(data.countries)}</div></section>
<section><h2>Warehouse tables</h2><p class="lede">Rows now in each table.</p>{tables}
<h2>Rejects by reason</h2>
<p class="lede">Inputs this run could not use (see the <code>rejects</code> table).</p>
{rejects}</section>
</div>
<h2>Who was quoted most</h2>
<p class="lede">Named speakers across the warehouse (see the <code>speaker_stats</code> view).</p>
{speakers}
<h2>Sources</h2>
<p class="lede">Articles in the warehouse per source, and what this run added.</p>
{sources}
<h2>Data quality</h2>
<p class="lede">Checks on this run's batches, its distributions and the cross-table audits.</p>
{_quality(data)}
<h2>Time per stage</h2>
<div class="chart" id="chart-stages">{charts.stage_bars(data.stage_seconds)}</div>
<footer>Wirehouse · rebuild this page with <code>wirehouse report --load
{escape(load["load_id"])}</code> · query the data with <code>wirehouse sql</code></footer>
</main></body></html>
"""
