"""One regular expression for a long list of literal words, factored into a trie.

A flat alternation ``said|says|told|…`` of a thousand words makes the regex engine try every
word at every position of the text; that was most of the cost of the actor table and the cue
scan. The trie (``s(?:a(?:id|ys)|…)|told…``) tries one branch per character and matches the
same strings at the same places.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["literal_alternation"]

_Trie = dict[str, "_Trie"]
_ENDS_HERE = ""  # the key marking that a literal ends at this node


def _regex(node: _Trie) -> str:
    branches = [re.escape(ch) + _regex(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Greedy: the longer literal is tried first, the shorter one when what follows rejects it.
    return f"(?:{body})?" if _ENDS_HERE in node else body


def _siblings_distinct(node: _Trie, flags: int) -> bool:
    """Whether no two branches of any node can match the same character under ``flags``."""
    chars = [ch for ch in node if ch]
    for i, a in enumerate(chars):
        if any(re.fullmatch(re.escape(a), b, flags) for b in chars[i + 1 :]):
            return False
    return all(_siblings_distinct(child, flags) for child in node.values() if child)


def _trie(literals: Sequence[str], refused_after: re.Pattern[str] | None) -> _Trie | None:
    """The trie of ``literals``, or None when one extends a literal listed before it by a
    character the caller's pattern accepts after a match (the alternation would then prefer
    the shorter one, which the trie cannot express)."""
    root: _Trie = {}
    for literal in literals:
        node = root
        for ch in literal:
            if _ENDS_HERE in node and not (refused_after and refused_after.fullmatch(ch)):
                return None
            node = node.setdefault(ch, {})
        node[_ENDS_HERE] = {}
    return root


def literal_alternation(
    literals: Sequence[str], flags: int = 0, *, refused_after: str | None = None
) -> str:
    """A regex equivalent to ``|``-joining the escaped ``literals`` in the order given.

    Parameters
    ----------
    literals
        Non-empty strings, in the alternation's order of preference.
    flags
        The flags the caller compiles the result with (``re.I`` matters here).
    refused_after
        A character class the caller's pattern never accepts right after a literal (its
        closing lookahead, ``[\\w-]`` for ``(?![\\w-])``). A literal listed after a shorter
        one it extends by such a character can only match where the shorter one cannot, so
        it keeps the trie form.

    Returns
    -------
    str
        The trie form when it is equivalent: no literal extends one listed before it (except
        by a ``refused_after`` character) and no two branches can match the same character
        under ``flags``. Otherwise the flat alternation itself.

    Examples
    --------
    >>> literal_alternation(["says", "said", "say"])
    'sa(?:y(?:s)?|id)'
    >>> re.findall(literal_alternation(["told", "to"]) + r"\\b", "told to")
    ['told', 'to']
    """
    refused = re.compile(refused_after, flags) if refused_after else None
    trie = _trie(literals, refused)
    if trie is not None and _ENDS_HERE not in trie and _siblings_distinct(trie, flags):
        return _regex(trie)
    return "|".join(re.escape(literal) for literal in literals)
