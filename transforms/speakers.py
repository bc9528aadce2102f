"""Speaker mentions for :mod:`transforms.quotes`: find the phrase, split role from name, resolve.

A speaker phrase is found by walking tokens outwards from the cue ("Maj. Gen. Patrick Ryder
said" walks left from "said"), which is far cheaper than parsing and right for the few shapes
news attribution takes. Names are then made canonical against every name in the article
("Langley" -> "Michael Langley") and pronouns resolved to the previous compatible speaker.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

TOKEN_RE = re.compile(r"[A-Za-zÀ-ÿ0-9][\w’'.&-]*[\w.]|[A-Za-zÀ-ÿ0-9]|[^\s\w]")

PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you"})
DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "another",
        "one",
        "two",
        "three",
        "several",
        "some",
        "many",
        "most",
        "other",
        "both",
        "his",
        "her",
        "their",
        "its",
        "our",
        "this",
        "these",
        "those",
        "that",
        "few",
        "numerous",
        "multiple",
        "all",
        "each",
        "no",
    }
)
# Words between a subject and its cue that are not part of the subject ("Ryder on Monday said").
_SKIP_BEFORE_CUE = frozenset(
    {
        "also",
        "later",
        "previously",
        "recently",
        "repeatedly",
        "then",
        "once",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "may",
        "might",
        "did",
        "does",
        "do",
        "on",
        "earlier",
        "today",
        "yesterday",
        "tonight",
        "publicly",
        "privately",
        "again",
        "further",
        "often",
        "first",
        "initially",
        "originally",
        "subsequently",
        "reportedly",
        "last",
        "week",
        "month",
        "year",
        "night",
        "morning",
        "afternoon",
        "evening",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "just",
        "simply",
        "even",
        "still",
        "already",
        "always",
        "never",
        "not",
        "only",
        "been",
        "is",
        "was",
        "frequently",
        "flatly",
        "bluntly",
        "separately",
        "are",
        "were",
        "be",
        "being",
    }
)
# Capitalised words that start a sentence or clause rather than a name.
CAP_STOP = frozenset(
    {
        "But",
        "And",
        "Or",
        "So",
        "Yet",
        "In",
        "On",
        "At",
        "For",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "Since",
        "Although",
        "Though",
        "As",
        "Because",
        "Then",
        "Now",
        "Still",
        "Also",
        "Meanwhile",
        "However",
        "Last",
        "This",
        "That",
        "Earlier",
        "Later",
        "Today",
        "Yesterday",
        "Instead",
        "Indeed",
        "Asked",
        "Speaking",
        "With",
        "Without",
        "Under",
        "Over",
        "From",
        "During",
        "Even",
        "Such",
        "Both",
        "Here",
        "There",
        "What",
        "Why",
        "How",
        "Where",
        "Who",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "His",
        "Her",
        "Their",
        "Our",
        "My",
        "Its",
        "Not",
        "No",
        "Yes",
        "Ultimately",
        "Separately",
        "Previously",
        "Recently",
        "Finally",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Of",
        "To",
        "Plan",
        "By",
        "Tonight",
    }
)
TITLES = frozenset(
    {
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "sen.",
        "rep.",
        "gov.",
        "gen.",
        "lt.",
        "col.",
        "maj.",
        "capt.",
        "sgt.",
        "adm.",
        "cmdr.",
        "prof.",
        "rev.",
        "gov",
        "sen",
        "rep",
        "president",
        "senator",
        "governor",
        "secretary",
        "minister",
        "prime",
        "vice",
        "deputy",
        "general",
        "attorney",
        "judge",
        "justice",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "speaker",
        "leader",
        "representative",
        "congressman",
        "congresswoman",
        "ambassador",
        "director",
        "chief",
        "commissioner",
        "colonel",
        "major",
        "captain",
        "sergeant",
        "admiral",
        "lieutenant",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "rabbi",
        "father",
        "sir",
        "lord",
        "dame",
        "professor",
        "former",
        "acting",
        "assistant",
        "state",
        "press",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "candidate",
        "nominee",
        "presidential",
        "democratic",
        "republican",
        "gop",
        "democrat",
        "sheriff",
        "officer",
        "executive",
        "ceo",
        "founder",
        "u.s.",
        "us",
        "house",
        "senate",
        "majority",
        "minority",
        "whip",
        "first",
        "lady",
        "national",
        "security",
        "adviser",
        "advisor",
        "foreign",
        "defense",
        "treasury",
        "homeland",
        "air",
        "force",
        "army",
        "navy",
        "marine",
        "corps",
        "commander",
        "sec.",
        "pres.",
        "imam",
        "bishop",
        "cardinal",
        "chancellor",
        "premier",
        "emir",
        "crown",
        "supreme",
        "associate",
        "senior",
        "top",
        "campaign",
        "manager",
        "chairperson",
        "superintendent",
        "councilman",
        "councilwoman",
        "delegate",
        "analyst",
        "economist",
        "strategist",
        "pollster",
        "host",
        "anchor",
        "actor",
        "singer",
        "businessman",
        "billionaire",
        "activist",
        "author",
        "reporter",
        "columnist",
        "editor",
        "coach",
        "farmer",
        "detective",
        "inspector",
        "trooper",
        "agent",
        "nurse",
        "doctor",
        "lawyer",
        "pastor",
        "reverend",
        "organizer",
        "organiser",
        "state’s",
        "sens.",
        "reps.",
        "govs.",
        "u.n.",
        "un",
        "eu",
        "nato",
        "white",
        "district",
    }
)
ORG_WORDS = frozenset(
    {
        "department",
        "ministry",
        "pentagon",
        "kremlin",
        "committee",
        "party",
        "campaign",
        "inc",
        "inc.",
        "corp",
        "corp.",
        "co.",
        "times",
        "post",
        "news",
        "agency",
        "council",
        "association",
        "university",
        "commission",
        "court",
        "office",
        "service",
        "house",
        "congress",
        "senate",
        "police",
        "army",
        "government",
        "reuters",
        "bureau",
        "foundation",
        "institute",
        "center",
        "centre",
        "group",
        "union",
        "bank",
        "administration",
        "journal",
        "network",
        "tribune",
        "press",
        "company",
        "coalition",
        "organization",
        "organisation",
        "board",
        "authority",
        "club",
        "fund",
        "league",
        "caucus",
        "media",
        "magazine",
        "review",
        "daily",
        "herald",
        "gazette",
        "telegraph",
        "guardian",
        "channel",
        "television",
        "radio",
        "fbi",
        "cia",
        "nsa",
        "nato",
        "un",
        "eu",
        "cnn",
        "nbc",
        "abc",
        "cbs",
        "msnbc",
        "fox",
        "ap",
        "bbc",
        "afp",
        "npr",
        "pbs",
        "politico",
        "axios",
        "bloomberg",
        "breitbart",
        "cnbc",
        "gop",
        "rnc",
        "dnc",
        "who",
        "imf",
        "opec",
        "navy",
        "corps",
        "force",
        "forces",
        "command",
        "embassy",
        "parliament",
        "legislature",
        "assembly",
        "cabinet",
        "junta",
        "regime",
        "state",
        "school",
        "college",
        "hospital",
        "society",
        "alliance",
        "federation",
        "secretariat",
        "tribunal",
        "prosecutor’s",
        "watchdog",
        "firm",
        "trust",
        "project",
        "movement",
        "front",
        "brigade",
        "brigades",
        "poll",
        "survey",
        "report",
        "study",
        "statement",
        "website",
        "llc",
        "ltd",
        "plc",
        "airlines",
        "motors",
        "systems",
        "technologies",
        "partners",
        "capital",
        "holdings",
    }
)
# Heads of lowercase speaker phrases ("officials", "a spokesman", "the statement").
HEAD_NOUNS = frozenset(
    {
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "secretary",
        "minister",
        "president",
        "director",
        "analyst",
        "analysts",
        "expert",
        "experts",
        "source",
        "sources",
        "people",
        "person",
        "residents",
        "resident",
        "witness",
        "witnesses",
        "police",
        "authorities",
        "aide",
        "aides",
        "adviser",
        "advisers",
        "advisor",
        "advisors",
        "statement",
        "report",
        "reports",
        "study",
        "survey",
        "poll",
        "polls",
        "researchers",
        "researcher",
        "lawmakers",
        "lawmaker",
        "senator",
        "senators",
        "campaign",
        "administration",
        "military",
        "media",
        "government",
        "leaders",
        "leader",
        "critics",
        "critic",
        "supporters",
        "supporter",
        "observers",
        "diplomats",
        "diplomat",
        "officers",
        "officer",
        "prosecutors",
        "prosecutor",
        "lawyers",
        "lawyer",
        "attorney",
        "attorneys",
        "documents",
        "document",
        "records",
        "court",
        "data",
        "economists",
        "economist",
        "scientists",
        "organizers",
        "protesters",
        "activists",
        "democrats",
        "republicans",
        "voters",
        "members",
        "member",
        "staff",
        "staffers",
        "strategist",
        "strategists",
        "consultant",
        "consultants",
        "representative",
        "representatives",
        "chairman",
        "ceo",
        "executive",
        "executives",
        "manager",
        "governor",
        "mayor",
        "judge",
        "commander",
        "spokesmen",
        "release",
        "letter",
        "filing",
        "complaint",
        "lawsuit",
        "memo",
        "ruling",
        "indictment",
        "website",
        "group",
        "groups",
        "company",
        "firm",
        "agency",
        "department",
        "ministry",
        "party",
        "committee",
        "broadcaster",
        "newspaper",
        "paper",
        "outlet",
        "network",
        "sheriff",
        "candidate",
        "nominee",
        "team",
        "investigators",
        "investigator",
        "agents",
        "agent",
        "employees",
        "employee",
        "workers",
        "worker",
        "doctors",
        "doctor",
        "historians",
        "historian",
        "professor",
        "professors",
        "pollster",
        "pollsters",
        "regime",
        "junta",
        "army",
        "forces",
        "council",
        "union",
        "insiders",
        "insider",
        "allies",
        "ally",
        "friends",
        "friend",
        "family",
        "relatives",
        "neighbors",
        "neighbours",
        "colleagues",
        "correspondent",
        "journalist",
        "journalists",
        "reporter",
        "reporters",
        "host",
        "author",
        "authors",
        "woman",
        "man",
        "women",
        "men",
        "user",
        "users",
        "fans",
        "students",
        "teachers",
        "parents",
        "americans",
        "spokespersons",
        "others",
        "everyone",
        "nobody",
        "someone",
        "many",
        "some",
        "most",
        "few",
        "both",
        "service",
        "utility",
        "office",
        "authority",
        "bureau",
        "institute",
        "commission",
        "center",
        "figures",
        "estimates",
        "organization",
        "association",
        "coalition",
        "board",
    }
)
SPOKES_HEADS = frozenset(
    {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "spokesmen",
        "statement",
        "release",
        "representative",
        "representatives",
        "website",
        "spokespersons",
    }
)
# Lowercase words allowed inside a speaker phrase before its head ("senior military officials").
_MODIFIER_RE = re.compile(
    r"^(?:senior|top|former|current|local|federal|state|military|government|administration|"
    r"campaign|party|company|press|police|security|intelligence|defense|foreign|white|house|"
    r"western|european|american|u\.s\.|us|u\.n\.|other|several|many|some|two|three|four|"
    r"independent|anonymous|unnamed|chief|executive|deputy|acting|assistant|legal|health|"
    r"election|public|private|industry|market|political|longtime|veteran|outside|informed|"
    r"diplomatic|regional|national|international|city|county|school|court|media|news|"
    r"\w+(?:al|ian|ese|ic|ive|ary|ior|ish|ed)|\w+’s|\w+'s)$"
)
_FAMILIAR_RE = re.compile(
    r"(?:(?:a|an|the|two|three|several|some)\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:people|persons?|sources?|officials?|officers?|aides?|diplomats?)\s+"
    r"(?:familiar with|close to|with knowledge of|briefed on|involved in|knowledgeable about|"
    r"who spoke on|who requested|who asked|who declined)[^,.;:“”\"]{0,60}$"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker phrase in the text, with an optional appositive giving the role."""

    start: int
    end: int
    text: str
    appositive: str | None = None


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    out = []
    for m in TOKEN_RE.finditer(text, lo, hi):
        tok, s, e = m.group(), m.start(), m.end()
        if len(tok) > 3 and tok.endswith(".") and "." not in tok[:-1] and tok.lower() not in TITLES:
            # A sentence's full stop glued to a word ("said Mia Olsen."), not an abbreviation.
            out.append((s, e - 1, tok[:-1]))
            out.append((e - 1, e, "."))
        else:
            out.append((s, e, tok))
    return out


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() and tok not in CAP_STOP


def _np_backward(toks: list[tuple[int, int, str]], j: int) -> int | None:
    """Index of the first token of a noun phrase ending at ``toks[j]``, or None."""
    head = toks[j][2]
    low = head.lower()
    if _is_cap(head) or (head.isupper() and len(head) > 1):
        kind = "name"
    elif low in HEAD_NOUNS:
        kind = "noun"
    elif head.isalpha() and head.islower():
        # "the driver said": an unlisted noun is accepted right after a determiner.
        for k in range(j - 1, max(j - 3, -1), -1):
            tl = toks[k][2].lower()
            if tl in DETERMINERS and tl not in ("that", "this", "all", "no", "some", "many"):
                return k
            if not (_MODIFIER_RE.match(tl) or tl in HEAD_NOUNS):
                return None
        return None
    else:
        return None
    i = j
    while i > 0 and j - i < 12:
        tok = toks[i - 1][2]
        tl = tok.lower()
        if tl in DETERMINERS:
            if tl in ("that", "this", "these", "those") and kind == "name":
                break
            return i - 1
        if _is_cap(tok) or tl in TITLES or tok in ("’s", "'s", "&"):
            i -= 1
            continue
        if tl in ("of", "de", "van", "von", "bin", "al", "da", "di", "del", "la", "le") and (
            i - 1 > 0 and _is_cap(toks[i - 2][2])
        ):
            i -= 1
            continue
        if tl in HEAD_NOUNS or _MODIFIER_RE.match(tl):
            i -= 1
            continue
        break
    return i


_TRAILING_ADVERBIAL_RE = re.compile(
    r"(?:\s+(?:at the time|in (?:a|an|his|her|their|the) [\w-]+(?: [\w-]+)?|on (?:Twitter|"
    r"Facebook|CNN|Fox|MSNBC|[A-Z][a-z]+day)|last (?:week|month|year|night)|"
    r"earlier (?:this|that) (?:week|month|year)|(?:this|that) (?:week|month|year)|"
    r"in (?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)|,? (?:however|though|too),?))+\s*$"
)


def speaker_before(text: str, lo: int, cue_start: int) -> Mention | None:
    """The speaker phrase that ends just before the cue at ``cue_start`` (``lo`` bounds it)."""
    adv = _TRAILING_ADVERBIAL_RE.search(text, lo, cue_start)
    if adv is not None and adv.start() > lo:
        cue_start = adv.start()  # "Trump at the time said": the subject precedes the adverbial
    toks = _tokens(text, lo, cue_start)
    if not toks:
        return None
    j = len(toks) - 1
    skipped = 0
    while (
        j >= 0
        and skipped < 5
        and (
            toks[j][2].lower() in _SKIP_BEFORE_CUE
            or (toks[j][2].endswith("ly") and toks[j][2].islower() and len(toks[j][2]) > 4)
        )
    ):
        if toks[j][2].lower() in PRONOUNS:
            break
        j -= 1
        skipped += 1
    if j < 0:
        return None
    last = toks[j][2]
    if last.lower() in PRONOUNS:
        return Mention(toks[j][0], toks[j][1], last)
    familiar = _FAMILIAR_RE.search(text, lo, toks[j][1])
    if familiar:
        return Mention(familiar.start(), familiar.end(), familiar.group())
    appositive: str | None = None
    if last == ",":
        # "Matthew Miller, the department's spokesperson, said": find the opening comma.
        k = j - 1
        while k >= 0 and j - k < 30 and toks[k][2] not in (",", ".", ";", ":", "“", "”", '"'):
            k -= 1
        if k < 1 or toks[k][2] != "," or j - k < 2:
            return None
        appositive = text[toks[k + 1][0] : toks[j - 1][1]]
        j = k - 1
    start = _np_backward(toks, j)
    if start is None:
        return None
    s, e = toks[start][0], toks[j][1]
    if appositive and _NAME_TAIL_RE.search(appositive) and not _is_cap(toks[j][2]):
        # "the department's top diplomat, Kurt Campbell, said": the name is the apposition.
        a = text.index(appositive, e)
        return Mention(a, a + len(appositive), appositive, text[s:e])
    return Mention(s, e, text[s:e], appositive)


def speaker_after(text: str, cue_end: int, hi: int) -> Mention | None:
    """The speaker phrase right after an inverted cue ("..., said Sen. Jane Roe, a Democrat")."""
    toks = _tokens(text, cue_end, hi)
    if not toks:
        return None
    i = 0
    if toks[0][2].lower() in PRONOUNS:
        return Mention(toks[0][0], toks[0][1], toks[0][2])
    if toks[0][2].lower() in DETERMINERS:
        i = 1
    j = i
    while j < len(toks) and j - i < 12:
        tok = toks[j][2]
        tl = tok.lower()
        if (
            _is_cap(tok)
            or tl in TITLES
            or tl in HEAD_NOUNS
            or tok in ("’s", "'s", "&")
            or (tl == "of" and j + 1 < len(toks) and _is_cap(toks[j + 1][2]))
            or (j > i and _MODIFIER_RE.match(tl) and not tl.endswith("ed"))
        ):
            j += 1
            continue
        break
    if j == i:
        return None
    head = toks[j - 1][2]
    if not (_is_cap(head) or head.lower() in HEAD_NOUNS or head.isupper()):
        return None
    s, e = toks[0][0], toks[j - 1][1]
    appositive = None
    if j < len(toks) and toks[j][2] == ",":
        rest_end = toks[-1][1]
        appositive = text[toks[j][1] : rest_end].strip(" ,.;") or None
    return Mention(s, e, text[s:e], appositive)


# --- canonical names ----------------------------------------------------------------------

_NAME_SEQ_RE = re.compile(
    r"(?<![\w’'])(?:[A-Z][\w’'-]*\.?|[A-Z]\.)"
    r"(?:\s+(?:[A-Z][\w’'-]*\.?|de|van|von|bin|al|da|del))*\s+[A-Z][\w’'-]+"
)


def _strip_possessive(tok: str) -> str:
    return re.sub(r"[’']s?$", "", tok)


class NameIndex:
    """Every person-like name in the article, keyed by surname, with mention positions."""

    def __init__(self, text: str) -> None:
        full: dict[str, Counter[str]] = {}
        mentions: list[tuple[int, str]] = []
        for m in _NAME_SEQ_RE.finditer(text):
            toks = m.group().split()
            off = 0
            while off < len(toks) and (toks[off].lower() in TITLES or toks[off] in CAP_STOP):
                off += 1
            name_toks = [_strip_possessive(t) for t in toks[off:]]
            if len(name_toks) < 2 or any(t.lower() in ORG_WORDS for t in name_toks):
                continue
            if any(t.lower() in TITLES and not t.endswith(".") for t in name_toks[1:]):
                continue
            name = " ".join(name_toks)
            full.setdefault(name_toks[-1], Counter())[name] += 1
            mentions.append((m.start(), name))
        self.by_surname: dict[str, str] = {}
        for surname, names in full.items():
            # A form that only adds a leading word to another ("Coach Dana Reyes" vs
            # "Dana Reyes") carries a role; among the rest the fullest, then the most frequent.
            keep = [n for n in names if not any(n != o and n.endswith(" " + o) for o in names)]
            self.by_surname[surname] = max(keep, key=lambda n: (len(n.split()), names[n]))
        for surname in self.by_surname:
            for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
                mentions.append((m.start(), self.by_surname[surname]))
        mentions.sort()
        self._positions = [p for p, _ in mentions]
        self._names = [n for _, n in mentions]

    def canonical(self, name: str) -> str:
        toks = name.split()
        if not toks:
            return name
        best = self.by_surname.get(toks[-1])
        if best and set(toks) <= set(best.split()) | {toks[-1]}:
            return best
        return name

    def last_person_before(self, pos: int) -> tuple[int, str | None]:
        """Position and canonical name of the last person mentioned before ``pos``."""
        i = bisect.bisect_left(self._positions, pos)
        return (self._positions[i - 1], self._names[i - 1]) if i else (-1, None)


_NAME_TAIL_RE = re.compile(r"(?:^|\s)[A-Z][\w’'-]+\s+[A-Z][\w’'-]+$")


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: canonical name or phrase, its kind and the role split off it."""

    name: str | None
    kind: str
    role: str | None


def analyse(mention: Mention, names: NameIndex) -> Speaker:
    """Split a non-pronoun speaker phrase into role and name, and decide its kind."""
    raw = mention.text.split()
    toks = [t for t in raw if t]
    det = bool(toks) and toks[0].lower() in DETERMINERS
    body = toks[1:] if det else toks
    role_app = mention.appositive
    if not body:
        return Speaker(None, "unnamed", role_app)
    head = body[-1]
    if head.lower() in HEAD_NOUNS and not _is_cap(head):
        caps = [t for t in body[:-1] if _is_cap(t) and t.lower() not in TITLES]
        phrase = " ".join(body)
        if head.lower() in SPOKES_HEADS and caps:
            org = " ".join(_strip_possessive(t) for t in caps)
            return Speaker(org, "organization", phrase)
        if head.lower() in (
            "president",
            "chairman",
            "governor",
            "mayor",
            "secretary",
            "ceo",
            "minister",
            "judge",
            "sheriff",
            "director",
            "nominee",
        ):
            return Speaker(phrase, "person", None)
        if head.lower() in ORG_WORDS and head.lower() not in ("police",):
            return Speaker(phrase, "organization", role_app)
        return Speaker(phrase, "unnamed", role_app)
    # Trailing run of capitalised, non-title tokens is the name.
    k = len(body)
    while k > 0:
        t = body[k - 1]
        tl = t.lower()
        if k < len(body) and t.endswith(("’s", "'s")):
            break  # "Commentary’s Noah Rothman": the possessor is the role, not the name
        if (_is_cap(t) and tl not in TITLES) or (
            tl in ("de", "van", "von", "bin", "al", "of", "for", "and", "&")
            and k < len(body)
            and k >= 2
            and _is_cap(body[k - 2])
            and (tl not in ("of", "for", "and") or any(w.lower() in ORG_WORDS for w in body))
        ):
            k -= 1
            continue
        break
    name_toks = [_strip_possessive(t) for t in body[k:]]
    role_toks = body[:k]
    if not name_toks:
        return Speaker(" ".join(body), "unnamed", role_app)
    name = " ".join(name_toks)
    role = " ".join(role_toks) or None
    if role_app and not role:
        role = role_app
    is_org = (
        any(t.lower().strip(".,") in ORG_WORDS for t in name_toks)
        or (det and not role_toks)
        or (
            len(name_toks) == 1
            and name_toks[0].isupper()
            and len(name_toks[0]) > 1
            and name_toks[0] not in names.by_surname
        )
    )
    if is_org and names.by_surname.get(name_toks[-1]) is None:
        return Speaker(name, "organization", role)
    return Speaker(names.canonical(name), "person", role)
