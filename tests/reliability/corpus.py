"""Generated input for the kill and rerun tests: the sample pages plus JSONL news records.

Two versions of one corpus: ``v1`` (half the sample pages, some records) and ``v2`` (every
sample page, the same records with a third of them rewritten, and new ones), so that a run
of v2 over a warehouse holding v1 adds articles, skips unchanged ones and replaces changed
ones: every kind of write a promotion does.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import SAMPLE, page

_PEOPLE = (
    ("Amina Diallo", "the ministry's spokeswoman"),
    ("Pieter van der Berg", "the foreign minister"),
    ("Grace Okonkwo", "a senior analyst at the Lagos Policy Institute"),
    ("Tomas Herrera", "the opposition leader"),
    ("Leila Haddad", "the central bank governor"),
    ("Jonas Lindqvist", "the defence secretary"),
)
_PLACES = ("Niger", "Mali", "Chad", "Kenya", "Peru", "Ukraine", "France", "Ghana")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ACTS = (
    "{a} accused {b} of violating the ceasefire agreement signed last year.",
    "{a} and {b} agreed to resume talks on border security next month.",
    "Several thousand people protested in the capital of {a} against the new tax law.",
    "{a} expelled two diplomats from {b} after a row over trade sanctions.",
    "Police in {a} detained a dozen activists on {day}, according to rights groups.",
    "{a} announced new aid to {b} after floods destroyed crops in the north.",
)


@dataclass(frozen=True)
class Corpus:
    """The two versions, as folders to pass to `wirehouse ingest`."""

    v1: Path
    v2: Path


def _story(rng: random.Random, n: int, revision: int) -> str:
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        name, role = rng.choice(_PEOPLE)
        a, b = rng.sample(_PLACES, 2)
        day = rng.choice(_DAYS)
        act = rng.choice(_ACTS).format(a=a, b=b, day=day)
        said = (
            f"“We will not accept any delay in story {n}, revision {revision},” said {name}, "
            f"{role}, speaking to reporters on {day}."
        )
        paragraphs.append(f"{act} {said} {name.split()[-1]} added that talks would go on.")
    return "\n".join(paragraphs)


def _record(n: int, revision: int) -> str:
    rng = random.Random(n * 1000 + revision)
    url = f"https://wire.example/2024/05/{1 + n % 28:02d}/story-{n}.html"
    published = f"2024-05-{1 + n % 28:02d}"
    html = page(url=url, title=f"Story {n}", published=published, body=_story(rng, n, revision))
    record = {"url": url, "html": html, "published": published, "source": "wire"}
    return json.dumps(record, ensure_ascii=False)


def build(folder: Path, *, records: int = 40) -> Corpus:
    """Write both versions under ``folder`` (deterministic: the same bytes every time)."""
    pages = sorted((SAMPLE / "site").rglob("*.html"))
    v1, v2 = folder / "v1", folder / "v2"
    for version, chosen in ((v1, pages[::2]), (v2, pages)):
        for source in chosen:
            target = version / "pages" / source.relative_to(SAMPLE / "site")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    first = [_record(n, 0) for n in range(records)]
    # v2 rewrites every third story and adds a quarter more.
    second = [_record(n, 1 if n % 3 == 0 else 0) for n in range(records + records // 4)]
    (v1 / "records.jsonl").write_text("\n".join(first) + "\n", encoding="utf-8")
    (v2 / "records.jsonl").write_text("\n".join(second) + "\n", encoding="utf-8")
    return Corpus(v1, v2)
