"""Event extraction and date resolution scored on public references and the project's gold.

- TempEval-3 platinum (test): TIMEX3 detection (relaxed overlap) and value F1 of
  :mod:`transforms.timex` given each document's creation time.
- PLOVER_GSR_CAMEO (dev): type accuracy of the top event per sentence and actor-country accuracy.
- Seed gold and the project sample gold: typed precision/recall/F1 (type agrees and the evidence
  texts share at least half the tokens of the shorter one, matched one-to-one), date exactness
  and actor country on matched mentions.
- ACLED notes (test): a document-level decision per note: PROTEST F1, ASSAULT F1, date exact.
- Throughput of the stage on the Zyte benchmark's article texts.
"""

from __future__ import annotations

import csv
import datetime as dt
import html as htmllib
import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from transforms.events import extract_events
from transforms.records import Event
from transforms.timex import find_timexes
from wirehouse.evaluation.metrics import PRF, Metric
from wirehouse.evaluation.speed import stage_speed

SUITE = "events"
LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
_TOKEN = re.compile(r"\w+")
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_KEPT = ("asserted", "historical", "future")  # negated and hypothetical acts are not events


def _tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text or ""))


def evidence_overlap(gold: str, pred: str) -> float:
    """Shared tokens over the tokens of the shorter evidence (a clause inside its sentence)."""
    g, p = _tokens(gold), _tokens(pred)
    small = min(sum(g.values()), sum(p.values()))
    return sum((g & p).values()) / small if small else 0.0


def match_events(
    gold: list[dict[str, Any]], pred: list[Event]
) -> list[tuple[dict[str, Any], Event]]:
    """One-to-one matches: same type and evidence overlap >= 0.5, best overlap first."""
    pairs = sorted(
        (
            (evidence_overlap(g["evidence"], p.evidence), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
            if p.event_type == g["type"]
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[dict[str, Any], Event]] = []
    for score, gi, pi in pairs:
        if score >= 0.5 and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gold[gi], pred[pi]))
    return out


def _gold_metrics(
    dataset: str, docs: Iterable[tuple[list[dict[str, Any]], list[Event]]]
) -> list[Metric]:
    tp = fp = fn = date_ok = actor_ok = actor_n = 0
    for gold, pred in docs:
        kept = [p for p in pred if p.modality in _KEPT]
        matched = match_events(gold, kept)
        tp += len(matched)
        fp += len(kept) - len(matched)
        fn += len(gold) - len(matched)
        for g, p in matched:
            date_ok += (str(p.date_start) if p.date_start else None) == g.get("date_start") and (
                str(p.date_end) if p.date_end else None
            ) == g.get("date_end")
            if g.get("actor_country"):
                actor_n += 1
                actor_ok += p.actor_country == g["actor_country"]
    out = PRF(tp, fp, fn).metrics(SUITE, dataset, "typed")
    out.append(Metric(SUITE, dataset, "date_exact", date_ok / tp if tp else 0.0, tp))
    out.append(
        Metric(SUITE, dataset, "actor_country_acc", actor_ok / actor_n if actor_n else 0.0, actor_n)
    )
    return out


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate_seed(seed: Path) -> list[Metric]:
    """The seed article(s) against ``gold_events.jsonl`` (dev)."""
    gold_path = seed / "gold_events.jsonl"
    if not gold_path.exists():
        return []
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in _read_jsonl(gold_path):
        by_doc.setdefault(row["doc"], []).append(row)
    docs = []
    for path in sorted(seed.glob("*.txt")):
        m = re.match(r"(.+)_(\d{4}-\d{2}-\d{2})$", path.stem)
        if not m or f"seed__{m.group(1)}" not in by_doc:
            continue
        pred = extract_events(path.read_text(encoding="utf-8"), dt.date.fromisoformat(m.group(2)))
        docs.append((by_doc[f"seed__{m.group(1)}"], pred))
    return _gold_metrics("seed", docs)


def evaluate_sample(sample: Path) -> list[Metric]:
    """The project sample: ``gold/<host>.events.jsonl`` against the pages as a run loads them."""
    from wirehouse.evaluation.sample import gold_by_doc, sample_articles

    articles = sample_articles(sample)
    docs = []
    for url, gold in gold_by_doc(sample, "events").items():
        article = articles.get(url)
        if article is None:
            continue
        published = article.published_at.date() if article.published_at else None
        docs.append(
            (gold, extract_events(article.text, published, caption_spans=article.caption_spans))
        )
    return _gold_metrics("sample", docs) if docs else []


def _tml(path: Path) -> tuple[str, dt.date, list[tuple[int, int, str]]]:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(
        r'functionInDocument="CREATION_TIME"[^>]*value="([\d-]+)"|'
        r'value="([\d-]+)"[^>]*functionInDocument="CREATION_TIME"',
        raw,
    )
    assert dct
    body = raw[raw.index("<TEXT>") + 6 : raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    length = 0
    gold: list[tuple[int, int, str]] = []
    open_at: tuple[int, str] | None = None
    for m in _TAG.finditer(body):
        chunk = htmllib.unescape(body[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) == "TIMEX3":
            if m.group(1) == "":
                val = re.search(r'value="([^"]*)"', m.group(3))
                open_at = (length, val.group(1) if val else "")
            elif open_at:
                gold.append((open_at[0], length, open_at[1]))
                open_at = None
    out.append(htmllib.unescape(body[pos:]))
    return "".join(out), dt.date.fromisoformat(dct.group(1) or dct.group(2)), gold


def evaluate_tempeval(folder: Path) -> list[Metric]:
    """TIMEX3 detection (relaxed: any overlap) and value F1 on TempEval-3 platinum (test)."""
    det = [0, 0, 0]
    val = [0, 0, 0]
    for path in sorted(folder.glob("*.tml")):
        text, dct, gold = _tml(path)
        pred = find_timexes(text, dct)
        used: set[int] = set()
        hit_det = hit_val = 0
        for gs, ge, gv in gold:
            for i, t in enumerate(pred):
                if i not in used and t.start < ge and gs < t.end:
                    used.add(i)
                    hit_det += 1
                    hit_val += t.value == gv
                    break
        det = [det[0] + hit_det, det[1] + len(pred) - hit_det, det[2] + len(gold) - hit_det]
        val = [val[0] + hit_val, val[1] + len(pred) - hit_val, val[2] + len(gold) - hit_val]
    out = PRF(*det).metrics(SUITE, "tempeval3_platinum", "timex_detection")
    v = PRF(*val)
    out.append(
        Metric(
            SUITE,
            "tempeval3_platinum",
            "timex_value_f1",
            v.f1,
            v.tp + v.fn,
            note="test; value equal on overlapping spans",
        )
    )
    return out


def evaluate_gsr(path: Path) -> list[Metric]:
    """PLOVER GSR sentences (dev): top event type accuracy and actor-country accuracy."""
    rows = [r for r in json.loads(path.read_text(encoding="utf-8")) if r["event"] != "DOCUMENT"]
    type_ok = actor_ok = actor_n = 0
    for r in rows:
        gold = LEGACY.get(r["event"], r["event"])
        pub = dt.date.fromisoformat(r["date"]) if r.get("date") else None
        pred = [e for e in extract_events(r["text"], pub) if e.modality in _KEPT]
        top = max(pred, key=lambda e: e.confidence) if pred else None
        type_ok += bool(top and top.event_type == gold)
        src = r.get("source")
        code = (
            src[0].get("code")
            if isinstance(src, list) and src and isinstance(src[0], dict)
            else None
        )
        if code:
            actor_n += 1
            same = [e for e in pred if e.event_type == gold] or pred
            actor_ok += bool(same and same[0].actor_country == code)
    return [
        Metric(SUITE, "plover_gsr", "type_accuracy", type_ok / len(rows), len(rows), note="dev"),
        Metric(
            SUITE,
            "plover_gsr",
            "actor_country_accuracy",
            actor_ok / actor_n if actor_n else 0,
            actor_n,
            note="dev",
        ),
    ]


def acled_gold(row: dict[str, str]) -> set[str]:
    """PLOVER types an ACLED row stands for. Riots: violent demonstrations are PROTEST (riot
    mode), mob violence is ASSAULT; Strategic developments are neither type here."""
    etype, sub = row["event_type"], row["sub_event_type"]
    out: set[str] = set()
    if etype == "Protests" or sub == "Violent demonstration":
        out.add("PROTEST")
    if (
        etype in ("Battles", "Explosions/Remote violence", "Violence against civilians")
        or sub == "Mob violence"
    ):
        out.add("ASSAULT")
    return out


def evaluate_acled(path: Path) -> list[Metric]:
    """ACLED notes (test): does the note contain a PROTEST / an ASSAULT, and its date."""
    counts = {t: [0, 0, 0] for t in ("PROTEST", "ASSAULT")}
    date_ok = date_n = 0
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gold = acled_gold(row)
            pred = [e for e in extract_events(row["notes"], None) if e.modality in _KEPT]
            for t, c in counts.items():
                hit = [e for e in pred if e.event_type == t]
                c[0] += bool(hit) and t in gold
                c[1] += bool(hit) and t not in gold
                c[2] += (not hit) and t in gold
                if hit and t in gold:
                    date_n += 1
                    d = hit[0]
                    date_ok += str(d.date_start) == row["event_date"] == str(d.date_end)
    out: list[Metric] = []
    for t, (tp, fp, fn) in counts.items():
        out += PRF(tp, fp, fn).metrics(SUITE, "acled_9000", t.lower())
    out.append(
        Metric(
            SUITE,
            "acled_9000",
            "date_exact",
            date_ok / date_n if date_n else 0.0,
            date_n,
            note="test; on notes where type agrees",
        )
    )
    return out


_SPEED_DAY = dt.date(2024, 1, 1)


def evaluate(corpora: Path, sample: Path | None) -> list[Metric]:
    """Every event and date figure this stage reports.

    Parameters
    ----------
    corpora
        The shared corpora folder (``events/``, ``seed/``, ``zyte/``); missing parts are skipped.
    sample
        The project sample folder (``gold/``, ``site/``), or None.

    Returns
    -------
    list[Metric]
        Rows with ``suite="events"``.
    """
    ev = corpora / "events"
    out: list[Metric] = []
    if (ev / "tempeval3_platinum").is_dir():
        out += evaluate_tempeval(ev / "tempeval3_platinum")
    if (ev / "PLOVER_GSR_CAMEO.json").exists():
        out += evaluate_gsr(ev / "PLOVER_GSR_CAMEO.json")
    out += evaluate_seed(corpora / "seed")
    if sample is not None and (sample / "gold").is_dir():
        out += evaluate_sample(sample)
    acled = ev / "ACLED_acledR_old_deletion_dummy_9000rows.csv"
    if acled.exists():
        out += evaluate_acled(acled)
    out += stage_speed(SUITE, corpora / "zyte", lambda text: extract_events(text, _SPEED_DAY))
    return out
