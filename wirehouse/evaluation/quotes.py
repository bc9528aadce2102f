"""Score the quote extractor against PolNeAR, the seed article and the project's sample gold.

Matching follows the brief: content token bags must overlap by at least half both ways. Gold
attributions often hold several content spans (``“A,” she said, “B.”`` is one PolNeAR
attribution, two records under our guide), so the rule is applied per gold item to the group of
predictions that fall inside it: a prediction belongs to the gold item holding at least half of
its tokens, and the gold item is found when its predictions together cover at least half of it.
Extra pieces of a found item are neither true nor false positives.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from transforms.quote_cues import lemma_of
from transforms.quotes import extract_quotes
from transforms.records import Quote
from wirehouse.evaluation.metrics import PRF, Metric
from wirehouse.evaluation.speed import stage_speed

__all__ = [
    "GoldQuote",
    "MatchResult",
    "bag",
    "evaluate",
    "is_speech_cue",
    "match",
    "speaker_matches",
    "surname_of",
]

_WORD_RE = re.compile(r"\w+")
_MARKS_RE = re.compile(r"[“”\"«»„]|''|``")
# Verbs of saying and reporting: the annotation guide's list plus the common reporting verbs.
# PolNeAR also annotates beliefs and intentions ("wants", "thinks"), which are not quotes.
# Kept apart from the extractor's cue list (transforms/quote_cues.py) on purpose: this one
# decides which gold items count, and the extractor must not define its own answer key.
SAYING_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "according to",
        "report",
        "announce",
        "confirm",
        "add",
        "testify",
        "claim",
        "argue",
        "allege",
        "acknowledge",
        "suggest",
        "reiterate",
        "stress",
        "warn",
        "estimate",
        "write",
        "explain",
        "note",
        "state",
        "declare",
        "insist",
        "tweet",
        "respond",
        "reply",
        "admit",
        "recall",
        "predict",
        "remark",
        "comment",
        "conclude",
        "observe",
        "mention",
        "maintain",
        "contend",
        "assert",
        "complain",
        "boast",
        "joke",
        "quip",
        "concede",
        "emphasize",
        "emphasise",
        "repeat",
        "exclaim",
        "caution",
        "disclose",
        "reveal",
        "ask",
        "answer",
        "recount",
        "lament",
        "counter",
        "point out",
        "tout",
    }
) - {"tout"}
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "him", "her", "them"})


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One gold attribution reduced to what scoring needs."""

    doc: str
    content: str
    quoted: bool
    speech: bool
    surname: str | None
    kind: str | None = None


@dataclass(slots=True)
class MatchResult:
    """Counts from :func:`match`, plus the speaker verdict for every found gold item."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_right: int = 0
    speaker_scored: int = 0
    missed: list[GoldQuote] = field(default_factory=list)
    spurious: list[Quote] = field(default_factory=list)
    wrong_speaker: list[tuple[GoldQuote, Quote]] = field(default_factory=list)

    def add(self, other: MatchResult) -> None:
        """Accumulate another document's counts into this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.speaker_right += other.speaker_right
        self.speaker_scored += other.speaker_scored
        self.missed.extend(other.missed)
        self.spurious.extend(other.spurious)
        self.wrong_speaker.extend(other.wrong_speaker)

    @property
    def prf(self) -> PRF:
        return PRF(self.tp, self.fp, self.fn)


def bag(text: str) -> Counter[str]:
    """Lower-cased word-token multiset of a content string."""
    return Counter(_WORD_RE.findall(text.lower()))


def surname_of(source: str | None) -> str | None:
    """The token that identifies a gold speaker: the last word of the source span's head.

    PolNeAR source spans often run on into an appositive ("Jeb Bush, the former Florida
    governor"); the surname is the last word before that comma.

    >>> surname_of("Pentagon press secretary Maj. Gen. Patrick Ryder,")
    'ryder'
    >>> surname_of("Thomas Hanify, the president of the firefighters union")
    'hanify'
    >>> surname_of("Rep. G.K. Butterfield (D-N.C.)")
    'butterfield'
    """
    if not source:
        return None
    # A party or state tag after a name ("Rep. Ann Lee (D-Ore.)") is not part of the surname.
    source = re.sub(r"\s*\([^)]*\)", "", source)
    head = source.split(",")[0]
    if any(w[:1].isupper() for w in head.split()):
        source = head
    words = _WORD_RE.findall(re.sub(r"[’']s\b", "", source.lower()))
    return words[-1] if words else None


def speaker_matches(pred: Quote, surname: str) -> bool:
    """A prediction names the gold speaker when its speaker (or, for a pronoun gold source,
    the mention it resolved) carries the gold surname token."""
    words = set(_WORD_RE.findall((pred.speaker or "").lower()))
    if surname in _PRONOUNS:
        words |= set(_WORD_RE.findall((pred.speaker_text or "").lower()))
    return surname in words


def match(preds: Sequence[Quote], golds: Sequence[GoldQuote]) -> MatchResult:
    """Match one document's predictions to its gold items (see the module docstring)."""
    result = MatchResult()
    gbags = [bag(g.content) for g in golds]
    assigned: dict[int, list[tuple[int, int]]] = defaultdict(list)  # gold -> (overlap, pred)
    orphan: list[int] = []
    for pi, p in enumerate(preds):
        pb = bag(p.content)
        size = sum(pb.values())
        best, best_ov = -1, 0
        for gi, gb in enumerate(gbags):
            ov = sum((pb & gb).values())
            if size and ov * 2 >= size and ov > best_ov:
                best, best_ov = gi, ov
        if best < 0:
            orphan.append(pi)
        else:
            assigned[best].append((best_ov, pi))
    for gi, g in enumerate(golds):
        members = assigned.get(gi, [])
        union: Counter[str] = Counter()
        for _, pi in members:
            union |= bag(preds[pi].content)
        covered = sum((union & gbags[gi]).values())
        if members and covered * 2 >= sum(gbags[gi].values()):
            result.tp += 1
            best_pred = preds[max(members)[1]]
            if g.surname:
                result.speaker_scored += 1
                if speaker_matches(best_pred, g.surname):
                    result.speaker_right += 1
                else:
                    result.wrong_speaker.append((g, best_pred))
        else:
            result.fn += 1
            result.missed.append(g)
            orphan.extend(pi for _, pi in members)
    result.fp = len(orphan)
    result.spurious = [preds[pi] for pi in orphan]
    return result


def is_speech_cue(cue: str) -> bool:
    """Is a gold cue ("has said", "said in a statement", "according to") a verb of saying?"""
    low = cue.lower()
    if "according to" in low or "point out" in low or "pointed out" in low:
        return True
    for word in _WORD_RE.findall(low):
        lemma = lemma_of(word)
        if lemma == word:
            lemma = re.sub(r"(?:ed|es|s|ing)$", "", word)
        if lemma in SAYING_LEMMAS or lemma + "e" in SAYING_LEMMAS:
            return True
    return False


def _score(
    docs: Iterable[tuple[str, list[Quote], list[GoldQuote]]],
) -> tuple[MatchResult, MatchResult, int]:
    quoted, speech = MatchResult(), MatchResult()
    n = 0
    for _, preds, golds in docs:
        n += 1
        direct_or_mixed = [p for p in preds if p.kind != "indirect"]
        quoted.add(match(direct_or_mixed, [g for g in golds if g.quoted]))
        speech.add(match(preds, [g for g in golds if g.speech]))
    return quoted, speech, n


def _metrics(dataset: str, quoted: MatchResult, speech: MatchResult, n: int) -> list[Metric]:
    note = f"{n} docs"
    out = [
        *quoted.prf.metrics("quotes", dataset, "quoted"),
        *speech.prf.metrics("quotes", dataset, "speech"),
        Metric(
            "quotes",
            dataset,
            "speaker_accuracy",
            quoted.speaker_right / quoted.speaker_scored if quoted.speaker_scored else 0.0,
            quoted.speaker_scored,
            "over matched quoted content",
        ),
        Metric(
            "quotes",
            dataset,
            "speech_speaker_accuracy",
            speech.speaker_right / speech.speaker_scored if speech.speaker_scored else 0.0,
            speech.speaker_scored,
            "over matched speech attributions",
        ),
    ]
    return [Metric(m.suite, m.dataset, m.metric, m.value, m.n, m.note or note) for m in out]


def score_docs(
    dataset: str, docs: Iterable[tuple[str, list[Quote], list[GoldQuote]]]
) -> list[Metric]:
    """Score ``(doc, predictions, gold)`` triples: quoted and speech P/R/F1, speaker accuracy."""
    return _metrics(dataset, *_score(docs))


# --- corpora --------------------------------------------------------------------------------


def polnear_docs(root: Path, split: str) -> Iterator[tuple[str, list[Quote], list[GoldQuote]]]:
    """Yield (article, predictions, gold) for one PolNeAR split."""
    gold: dict[str, list[GoldQuote]] = defaultdict(list)
    with gzip.open(root / "attributions.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if not rec.get("primary_annotation") or rec.get("split") != split:
                continue
            content = " ".join(s["text"] for s in rec["content"])
            cue = " ".join(s["text"] for s in rec["cue"])
            quoted = bool(rec.get("has_quote_marks")) or bool(_MARKS_RE.search(content))
            speech = quoted or is_speech_cue(cue)
            source = rec["source"][-1]["text"] if rec["source"] else None
            gold[rec["article"]].append(
                GoldQuote(rec["article"], content, quoted, speech, surname_of(source))
            )
    for path in sorted((root / split / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        yield path.stem, extract_quotes(text), gold.get(path.stem, [])


def _gold_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _guide_gold(rec: dict[str, object], doc: str) -> GoldQuote:
    kind = str(rec.get("kind") or "")
    # A person is found by the surname of the canonical name the gold gives (the mention may
    # be a pronoun or a role); organisations and unnamed sources by the mention as written,
    # since their canonical form ("Niger military junta") is the annotator's own wording.
    if rec.get("speaker_kind") == "person" and rec.get("speaker"):
        source = rec.get("speaker")
    else:
        source = rec.get("speaker_text") or rec.get("speaker")
    return GoldQuote(
        doc,
        str(rec.get("content") or ""),
        kind in ("direct", "mixed"),
        True,
        surname_of(source if isinstance(source, str) else None),
        kind,
    )


def seed_docs(root: Path) -> Iterator[tuple[str, list[Quote], list[GoldQuote]]]:
    """Yield the seed article with its hand-labelled quotes."""
    golds = _gold_lines(root / "gold_quotes.jsonl")
    for path in sorted(root.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        yield path.stem, extract_quotes(text), [_guide_gold(g, path.stem) for g in golds]


def sample_docs(sample: Path) -> Iterator[tuple[str, list[Quote], list[GoldQuote]]]:
    """Yield sample pages that have gold quotes, as a run loads them; others are skipped."""
    from wirehouse.evaluation.sample import gold_by_doc, sample_articles

    articles = sample_articles(sample)
    for url, recs in gold_by_doc(sample, "quotes").items():
        article = articles.get(url)
        if article is None:
            continue
        preds = extract_quotes(article.text, caption_spans=article.caption_spans)
        yield url, preds, [_guide_gold(r, url) for r in recs]


def evaluate(corpora: Path, sample: Path | None, *, split: str = "dev") -> list[Metric]:
    """Score quote extraction on PolNeAR, the seed article and the sample gold.

    Parameters
    ----------
    corpora : Path
        The shared corpora directory (holding ``polnear/`` and ``seed/``).
    sample : Path or None
        The project sample (``gold/<host>.quotes.jsonl`` and ``site/<host>/...``); skipped
        when None or missing.
    split : str
        PolNeAR split to report, "dev" (tune on it) or "test" (report only).

    Returns
    -------
    list[Metric]
        quoted_{precision,recall,f1}, speech_{precision,recall,f1}, speaker_accuracy and
        speech_speaker_accuracy per dataset.
    """
    metrics: list[Metric] = []
    polnear = corpora / "polnear"
    if (polnear / "attributions.jsonl.gz").is_file():
        metrics += _metrics(f"polnear/{split}", *_score(polnear_docs(polnear, split)))
    seed = corpora / "seed"
    if (seed / "gold_quotes.jsonl").is_file():
        metrics += _metrics("seed", *_score(seed_docs(seed)))
    if sample is not None and (sample / "gold").is_dir():
        quoted, speech, n = _score(sample_docs(sample))
        if n:
            metrics += _metrics("sample", quoted, speech, n)
    metrics += stage_speed("quotes", corpora / "zyte", extract_quotes)
    return metrics


if __name__ == "__main__":  # pragma: no cover - manual runs
    import sys

    from wirehouse.evaluation.metrics import format_table

    args = sys.argv[1:]
    print(
        format_table(
            evaluate(
                Path(args[0]),
                Path(args[1]) if len(args) > 1 else None,
                split=args[2] if len(args) > 2 else "dev",
            )
        )
    )
