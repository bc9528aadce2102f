"""Cue lexicons and quotation-mark scanning for :mod:`transforms.quotes`.

Everything here is a cheap regex or a table: the quote stage runs on every article, so no
parser is involved. The cue verbs follow the annotation guide: verbs of saying and reporting
count, weak cues (believe, worry, cited, touted) and directive acts (urge, deny, condemn) do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.literals import literal_alternation
from transforms.quote_foreign import FOREIGN_CUES

# Lemma -> irregular or unusual forms. Regular forms (-s, -ed, -ing) are generated below.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "writing", "written"),
    "testify": ("testify", "testifies", "testified", "testifying"),
    "reply": ("reply", "replies", "replied", "replying"),
    "quip": ("quip", "quips", "quipped", "quipping"),
    "admit": ("admit", "admits", "admitted", "admitting"),
    "dub": ("dub", "dubs", "dubbed", "dubbing"),
}

# Verbs that introduce reported content (direct, mixed or indirect quotes).
SPEECH_LEMMAS: tuple[str, ...] = (
    "say",
    "tell",
    "add",
    "announce",
    "confirm",
    "claim",
    "argue",
    "allege",
    "acknowledge",
    "suggest",
    "reiterate",
    "stress",
    "warn",
    "estimate",
    "report",
    "testify",
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
    "promise",
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
    "vow",
    "pledge",
    "continue",
    "ask",
    "counter",
    "recount",
    "lament",
    "agree",
    "charge",
    "post",
    "answer",
    "indicate",
    "signal",
)

# Cues that only count when the reported words are quoted (a mixed or direct quote):
# "asked them to leave" is a request, "called for talks" a demand, but
# "called it “a disgrace”" attributes words.
QUOTED_ONLY_LEMMAS: frozenset[str] = frozenset(
    {
        "ask",
        "continue",
        "call",
        "describe",
        "dub",
        "label",
        "brand",
        "answer",
        "post",
        "agree",
        "charge",
        "counter",
        "signal",
        "indicate",
        "promise",
        "vow",
        "pledge",
        "accuse",
        "urge",
        "reject",
        "denounce",
        "condemn",
        "hail",
    }
)
# Directive and evaluative verbs: cues only for quoted words ("accused Kyiv of “stalling”").
_EVALUATIVE = ("accuse", "urge", "reject", "denounce", "condemn", "hail")


def _regular_forms(lemma: str) -> tuple[str, ...]:
    if lemma.endswith("e"):
        return (lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing")
    if lemma.endswith(("sh", "ch", "ss")):
        return (lemma, lemma + "es", lemma + "ed", lemma + "ing")
    return (lemma, lemma + "s", lemma + "ed", lemma + "ing")


# Lemmas whose bare form is mostly a noun ("state media", "a claim"): only inflected forms cue.
_NOUNISH = frozenset(
    {
        "state",
        "note",
        "claim",
        "comment",
        "post",
        "charge",
        "answer",
        "counter",
        "signal",
        "promise",
        "pledge",
        "vow",
        "estimate",
        "stress",
        "remark",
        "boast",
        "joke",
        "quip",
        "caution",
        "report",
        "tweet",
        "reply",
        "lament",
        "call",
        "label",
        "brand",
        "repeat",
    }
)

LEMMA_OF: dict[str, str] = {}
for _lemma in (*SPEECH_LEMMAS, "call", "describe", "dub", "label", "brand", *_EVALUATIVE):
    for _form in _IRREGULAR.get(_lemma) or _regular_forms(_lemma):
        if (
            _lemma in _NOUNISH
            and _form in (_lemma, _lemma + "s", _lemma + "es")
            and (_lemma == "state" or _form == _lemma)
        ):
            continue
        LEMMA_OF[_form] = _lemma
LEMMA_OF["according to"] = "according to"
LEMMA_OF["selon"] = "selon"
LEMMA_OF["según"] = "según"
LEMMA_OF["put it"] = "put"
LEMMA_OF.update(FOREIGN_CUES)

_EN_FORMS = sorted((f for f in LEMMA_OF if " " not in f and f.isascii()), key=len, reverse=True)
_FOREIGN_FORMS = sorted(FOREIGN_CUES, key=len, reverse=True)

# One alternation over all cue forms; "according to" first so it wins over nothing else.
# Case-sensitive on purpose: "States" and "Says" (headline case) are not cues.
# A trie of the same words in the same order (transforms.literals): the flat alternation made
# every search try each of several hundred forms at every position.
CUE_RE = re.compile(
    r"(?<![\w’'-])(?:"
    + literal_alternation(
        ["According to", "according to", "put it", "Selon", "Según", *_EN_FORMS, *_FOREIGN_FORMS],
        refused_after=r"[\w-]",
    )
    + r")(?![\w-])"
)


def lemma_of(cue: str) -> str:
    """The lemma of a cue as written ("told" -> "tell", "According to" -> "according to")."""
    key = cue.lower().strip()
    return LEMMA_OF.get(key, key)


# --- quotation marks -------------------------------------------------------------------

_OPEN_DOUBLE = "“„«‹"
_CLOSE_FOR = {
    "“": "”",
    "„": "“",
    "«": "»",
    "‹": "›",
    '"': '"',
    "''": "''",
    "``": "''",
}
_MARK_RE = re.compile(r"``|''|[“”„«»‹›\"‘’']")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Text between quotation marks: ``outer`` includes the marks, ``inner`` does not.

    ``closed`` is False for a news-style paragraph that opens a quote and never closes it.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    single: bool

    @property
    def words(self) -> int:
        return self.inner_end - self.inner_start


def _is_open_context(text: str, i: int) -> bool:
    """A straight or single mark opens a quote when it starts a word."""
    prev = text[i - 1] if i > 0 else " "
    return prev.isspace() or prev in "([{—–-/:;,“‘" or i == 0


def scan_quotes(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Find top-level quoted spans in ``text[start:end]`` (one paragraph).

    Double marks of every style pair up; single marks are only taken at top level and only
    when they look like quote boundaries, because ’ is far more often an apostrophe. A mark
    left open at the paragraph end yields an unclosed span running to the end.
    """
    spans: list[QuoteSpan] = []
    open_at = -1
    open_len = 0
    closer = ""
    single = False
    for m in _MARK_RE.finditer(text, start, end):
        mark = m.group()
        i = m.start()
        if open_at < 0:
            if mark in _OPEN_DOUBLE or mark == "``":
                open_at, open_len, closer, single = i, len(mark), _CLOSE_FOR[mark], False
            elif mark in ('"', "''") and _is_open_context(text, i):
                open_at, open_len, closer, single = i, len(mark), mark, False
            elif mark in ("‘", "'") and _is_open_context(text, i):
                nxt = text[i + 1 : i + 2]
                if nxt.isalpha() or nxt.isdigit():
                    open_at, open_len, closer, single = i, 1, "’'", True
            continue
        if single:
            # A single quote closes at a mark followed by a non-letter: not "don’t".
            if mark in ("’", "'") and i > open_at + 1:
                nxt = text[i + 1 : i + 2]
                if not nxt.isalpha():
                    spans.append(QuoteSpan(open_at, i + 1, open_at + 1, i, True, True))
                    open_at = -1
            elif mark in '“"«„':
                # A double mark inside an open single quote: the single was an apostrophe.
                open_at = -1
                if mark in _OPEN_DOUBLE or _is_open_context(text, i):
                    open_at, open_len, closer, single = i, 1, _CLOSE_FOR[mark], False
            continue
        # A „ quote may close with ”, and a straight " with a curly ” (sloppy sources).
        if mark == closer or (closer in ("“", '"') and mark == "”"):
            spans.append(QuoteSpan(open_at, i + len(mark), open_at + open_len, i, True, False))
            open_at = -1
        elif closer == "”" and mark == '"':
            spans.append(QuoteSpan(open_at, i + 1, open_at + open_len, i, True, False))
            open_at = -1
    if open_at >= 0 and not single:
        spans.append(QuoteSpan(open_at, end, open_at + open_len, end, False, False))
    return spans
