"""The literal strings every match of a regular expression begins with, read from its source.

A scanner that tries a large pattern at every word start spends most of its time on words the
pattern cannot match. Knowing that every match begins with "arr", "pro" or "sig", it can look
for those few strings first (one trie pass) and try the pattern only there.

The reading covers the syntax the project's lexicons use (literals, classes, groups,
lookarounds, alternation, quantifiers) and gives up, returning None, on anything else. It only
ever errs towards more or shorter prefixes (a lookaround or a wide class ends a prefix), never
towards missing one, so a filter built from it drops no match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from transforms.literals import literal_alternation

__all__ = ["PrefixScanner", "match_prefixes"]

# (text, exact): a match of the part read so far is exactly ``text``, or begins with it.
_Prefixes = frozenset[tuple[str, bool]]
_EMPTY: _Prefixes = frozenset({("", True)})
_ANY: _Prefixes = frozenset({("", False)})
_ZERO_WIDTH_ESCAPES = "bBAZ"
_CLASS_ESCAPES = "wWsSdD"
_MAX_RANGE = 32  # "[1-9]", "[A-Z]" are listed; a wider range ends the prefix
_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _same_ignoring_case(a: str, b: str) -> bool:
    return re.fullmatch(re.escape(a), b, re.I) is not None


# "{2}", "{0,5}", "{,3}", "{1,}": a repetition count ("{}" and "{,}" are not one).
_BOUNDS = re.compile(r"\{(?P<low>\d*)(?:,(?P<high>\d*))?\}(?<!\{\})(?<!\{,\})")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MAX_CHUNKS = 50_000


class _Unsupported(ValueError):
    """Syntax this reader does not follow; the caller treats the pattern as unfiltered."""


def _fold(ch: str) -> str:
    """Lower case for a shorter, deduplicated set; a character whose lower case is two
    ("İ") stays as written, which a case-insensitive comparison treats the same."""
    low = ch.lower()
    if not ch.isascii() and any(_same_ignoring_case(ch, a) for a in _ASCII_LETTERS):
        # "ſ" and the Kelvin sign equal ASCII letters case-insensitively but not in lower
        # case: a caller comparing lower-case text with the prefixes would miss them.
        raise _Unsupported(ch)
    return low if len(low) == 1 else ch


def _open(prefixes: _Prefixes) -> _Prefixes:
    """The same prefixes when more may follow them (a repeated part)."""
    return frozenset((text, False) for text, _ in prefixes)


def _concat(head: _Prefixes, tail: _Prefixes, length: int) -> _Prefixes:
    out: set[tuple[str, bool]] = set()
    for text, exact in head:
        if not exact or len(text) >= length:
            out.add((text[:length], False))
            continue
        for more, more_exact in tail:
            joined = text + more
            out.add((joined[:length], more_exact and len(joined) <= length))
    return frozenset(out)


class _Reader:
    def __init__(self, pattern: str, length: int) -> None:
        self.p = pattern
        self.i = 0
        self.length = length

    def peek(self, ahead: int = 0) -> str:
        j = self.i + ahead
        return self.p[j] if j < len(self.p) else ""

    def alternation(self) -> _Prefixes:
        out = set(self.sequence())
        while self.peek() == "|":
            self.i += 1
            out |= self.sequence()
        return frozenset(out)

    def sequence(self) -> _Prefixes:
        got = _EMPTY
        while self.peek() not in ("", "|", ")"):
            got = _concat(got, self.quantified(self.atom()), self.length)
        return got

    def quantified(self, atom: _Prefixes) -> _Prefixes:
        ch = self.peek()
        if ch == "?":
            self.i += 1
            atom = atom | _EMPTY
        elif ch == "*":
            self.i += 1
            atom = _open(atom) | _EMPTY
        elif ch == "+":
            self.i += 1
            atom = _open(atom)
        elif ch == "{":
            bounds = _BOUNDS.match(self.p, self.i)
            if bounds is None:
                raise _Unsupported(self.p[self.i :])
            self.i = bounds.end()
            low, high = bounds.group("low"), bounds.group("high")
            if not (high is None and low == "1"):
                atom = _open(atom)
            if not low or int(low) == 0:
                atom = atom | _EMPTY
        else:
            return atom
        if self.peek() in ("?", "+"):  # lazy or possessive: the same strings
            self.i += 1
        if self.peek() in ("?", "*", "+", "{"):
            raise _Unsupported(self.p[self.i :])
        return atom

    def atom(self) -> _Prefixes:
        ch = self.peek()
        self.i += 1
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_class()
        if ch == "\\":
            esc = self.peek()
            self.i += 1
            if esc in _ZERO_WIDTH_ESCAPES:
                return _EMPTY
            if esc in _CLASS_ESCAPES:
                return _ANY
            if not esc or esc.isalnum():
                raise _Unsupported(f"\\{esc}")  # \n, \1, \x41 ...: not in the lexicons
            return frozenset({(_fold(esc), True)})
        if ch == ".":
            return _ANY
        if ch in ("^", "$"):
            return _EMPTY
        if ch in ("*", "+", "?", "{"):
            raise _Unsupported(self.p[self.i - 1 :])
        return frozenset({(_fold(ch), True)})

    def group(self) -> _Prefixes:
        zero_width = False
        if self.peek() == "?":
            rest = self.p[self.i + 1 :]
            if rest.startswith(("=", "!")):
                self.i += 2
                zero_width = True
            elif rest.startswith(("<=", "<!")):
                self.i += 3
                zero_width = True
            elif rest.startswith("P<"):
                self.i = self.p.index(">", self.i) + 1
            elif rest.startswith(":"):
                self.i += 2
            else:
                # "(?-i:...)", "(?i:...)": scoped flags; matching case-insensitively here
                # only widens the prefixes. Global flags, comments, references: unsupported.
                colon = self.p.find(":", self.i)
                flags = self.p[self.i + 1 : colon]
                if colon < 0 or not flags or not set(flags) <= set("-aiLmsux"):
                    raise _Unsupported(self.p[self.i - 1 :])
                self.i = colon + 1
        inner = self.alternation()
        if self.peek() != ")":
            raise _Unsupported(self.p[self.i :])
        self.i += 1
        return _EMPTY if zero_width else inner

    def char_class(self) -> _Prefixes:
        chars: set[str] = set()
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        first = True
        last = ""
        while True:
            ch = self.peek()
            if not ch:
                raise _Unsupported("unterminated class")
            self.i += 1
            if ch == "]" and not first:
                break
            first = False
            if ch == "\\":
                esc = self.peek()
                self.i += 1
                if esc in _CLASS_ESCAPES:
                    negated = True  # as wide as a negated class
                elif not esc or esc.isalnum():
                    raise _Unsupported(f"\\{esc}")
                else:
                    chars.add(_fold(last := esc))
            elif ch == "-" and last and self.peek() not in ("]", ""):
                high = self.peek()
                self.i += 1
                if high == "\\" or not 0 <= ord(high) - ord(last) < _MAX_RANGE:
                    negated = True  # an escaped bound or a wide range: as wide as "."
                else:
                    chars.update(_fold(chr(c)) for c in range(ord(last), ord(high) + 1))
                last = ""
            else:
                chars.add(_fold(last := ch))
        if negated or not chars:
            return _ANY
        return frozenset((c, True) for c in chars)


def match_prefixes(pattern: str, length: int = 3) -> frozenset[str] | None:
    """The strings (lower case, at most ``length`` long) one of which starts every match.

    Parameters
    ----------
    pattern
        A regular expression in the syntax the trigger lexicons use.
    length
        The longest prefix to report; longer prefixes filter better and make larger sets.

    Returns
    -------
    frozenset[str] | None
        Compared case-insensitively (as ``re.I`` compares), every string ``pattern``
        matches starts with one of them, with or without ``re.I``; for ASCII text that is
        the same as its lower case starting with one of them. None when a match may start
        with anything (an optional or wide first part) or the pattern uses syntax this
        reader does not follow.

    Examples
    --------
    >>> sorted(match_prefixes(r"(?:attack|attacked|kill)s?\\s+\\w+|(?P<t>shell)ed"))
    ['att', 'kil', 'she']
    >>> sorted(match_prefixes(r"(?<!old\\s)promises|\\bmet\\b|I[Ee]Ds?", 4))
    ['ied', 'met', 'prom']
    >>> match_prefixes(r"(?:peace\\s+)?talks") == frozenset({"pea", "tal"})
    True
    >>> match_prefixes(r"\\w+ed") is None
    True
    """
    reader = _Reader(pattern, length)
    try:
        got = reader.alternation()
    except (_Unsupported, ValueError):
        return None
    if reader.i != len(pattern):
        return None  # an unbalanced ")"
    texts = {text for text, _ in got}
    if "" in texts:
        return None
    # "ab" already covers "abc": keep the shortest, so a scan for them can stop at one.
    return frozenset(t for t in texts if not any(t[:k] in texts for k in range(1, len(t))))


class PrefixScanner:
    """``finditer`` of numbered patterns over one text, each tried only where a prefix of it
    starts.

    One trie pass finds every place where some pattern's prefix starts; each pattern is
    matched there alone, resuming after its own previous match as ``finditer`` does, so every
    pattern yields exactly the matches its ``finditer`` yields. Patterns without prefixes
    (:func:`match_prefixes` gives None) are not indexed: see ``indexed``.

    Examples
    --------
    >>> week = re.compile(r"\\b(?:last|next)\\s+week", re.I)
    >>> scanner = PrefixScanner({0: week, 1: re.compile(r"\\d+")})
    >>> scanner.indexed
    frozenset({0})
    >>> [m.group() for m in scanner.finditer_each("Last week, next week", [0])[0]]
    ['Last week', 'next week']
    """

    def __init__(self, patterns: Mapping[int, re.Pattern[str]], length: int = 4) -> None:
        self.patterns = dict(patterns)
        self.length = length
        by_prefix: dict[str, list[int]] = {}
        for n, pattern in self.patterns.items():
            for prefix in match_prefixes(pattern.pattern, length) or ():
                by_prefix.setdefault(prefix, []).append(n)
        self._by_prefix = {prefix: tuple(ns) for prefix, ns in by_prefix.items()}
        self.indexed = frozenset(n for ns in by_prefix.values() for n in ns)
        self._chars = frozenset("".join(by_prefix))
        shortest = sorted(
            p for p in by_prefix if not any(p[:k] in by_prefix for k in range(1, len(p)))
        )
        trie = literal_alternation(shortest)
        # Lookaheads, so that a prefix starting inside another one's match is found too.
        # Lower-case text is scanned case-sensitively (three times faster than re.I); text
        # with a letter whose lower case is not how re.I compares it is scanned with re.I.
        self._starts_lower = re.compile(f"(?={trie})")
        self._starts_any_case = re.compile(f"(?={trie})", re.I)
        self._plain: dict[str, bool] = {}
        self._chunks: dict[str, frozenset[int]] = {}

    def _is_plain(self, ch: str) -> bool:
        """Whether ``ch`` equals a prefix character under re.I exactly when its lower case is
        that character (false for "ſ" against "s", and for "İ", whose lower case is two)."""
        plain = self._plain.get(ch)
        if plain is None:
            low = ch.lower()
            plain = len(low) == 1 and all(
                _same_ignoring_case(p, ch) == (low == p) for p in self._chars
            )
            self._plain[ch] = plain
        return plain

    def _numbers(self, chunk: str) -> frozenset[int]:
        """The patterns with a prefix that lower-case ``chunk`` starts with (memoised: the
        same few words start most candidates)."""
        got = self._chunks.get(chunk)
        if got is None:
            if len(self._chunks) > _MAX_CHUNKS:
                self._chunks.clear()
            got = frozenset(
                n for k in range(1, len(chunk) + 1) for n in self._by_prefix.get(chunk[:k], ())
            )
            self._chunks[chunk] = got
        return got

    def _lower_case_scan(self, text: str) -> str | None:
        """The lower case of ``text`` when scanning it finds every start, else None."""
        if not text.isascii() and not all(map(self._is_plain, set(_NON_ASCII.findall(text)))):
            return None
        return text.lower()

    def finditer_each(self, text: str, which: Iterable[int]) -> dict[int, list[re.Match[str]]]:
        """The matches of each indexed pattern number in ``which``, as ``finditer`` finds them."""
        found: dict[int, list[re.Match[str]]] = {n: [] for n in which if n in self.indexed}
        resume = dict.fromkeys(found, 0)
        if not found:
            return found
        lower = self._lower_case_scan(text)
        starts = (
            self._starts_lower.finditer(lower)
            if lower is not None
            else self._starts_any_case.finditer(text)
        )
        length = self.length
        for start in starts:
            at = start.start()
            ns: Iterable[int]
            if lower is not None:
                ns = self._numbers(lower[at : at + length])
            elif (chunk := text[at : at + length]).isascii():
                ns = self._numbers(chunk.lower())
            else:
                ns = found  # lower case is not how re.I compares every letter: try them all
            for n in ns:
                if n in resume and at >= resume[n]:
                    m = self.patterns[n].match(text, at)
                    if m is not None:
                        found[n].append(m)
                        resume[n] = m.end()  # never empty: it starts with a prefix
        return found
