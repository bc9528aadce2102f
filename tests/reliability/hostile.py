"""A corpus of hostile and broken inputs, written on demand (never committed: one is 50 MB).

Each input is a :class:`Hostile`: a file (or one line of a JSONL file), how to find what it
became in the warehouse (its locator for a reject, its URL for an article), and what it must
end as: a reject with a given reason, or an article (a partial result is fine) with checks.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ARTICLE_BODY, page


@dataclass(frozen=True)
class Hostile:
    name: str
    path: Path
    line: int | None = None  # for a JSONL record
    url: str | None = None  # the article it may become
    expect: str = "reject"  # "reject", "article" or "either"
    reasons: tuple[str, ...] = ()  # acceptable reject reasons (empty: any)

    @property
    def locator(self) -> str:
        where = str(self.path.resolve())
        return f"{where}:{self.line}" if self.line is not None else where


def _url(name: str) -> str:
    return f"https://hostile.example/{name}.html"


def _html(name: str, **kwargs: str | None) -> str:
    return page(url=_url(name), title=f"Hostile {name}", **kwargs)  # type: ignore[arg-type]


def _long_body(sentences: int) -> str:
    rng = random.Random(7)
    names = ("Amina Diallo", "Tomas Herrera", "Grace Okonkwo")
    lines = []
    for i in range(sentences):
        who = rng.choice(names)
        if i % 5 == 0:
            lines.append(f"“Sentence {i} is a quote,” said {who}.")
        else:
            lines.append(f"The army of Mali attacked rebels near Gao on Monday in report {i}.")
    # Paragraphs of 20 sentences, so the page looks like an article, not one wall of text.
    return "\n".join(" ".join(lines[i : i + 20]) for i in range(0, len(lines), 20))


def build(folder: Path, *, big_mb: int = 50, sentences: int = 10_000) -> list[Hostile]:
    """Write every hostile input under ``folder``; returns them with what each must become."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Hostile] = []

    def write(name: str, data: bytes, **kw: object) -> None:
        path = folder / f"{name}.html"
        path.write_bytes(data)
        cases.append(Hostile(name=name, path=path, **kw))  # type: ignore[arg-type]

    write("empty", b"", reasons=("empty",))
    write("whitespace-only", b"  \n\t \n", reasons=("empty",))
    write("binary", random.Random(1).randbytes(40_000), reasons=("binary_content",))
    jpeg_like = b"\xff\xd8\xff\xe0" + bytes(range(1, 256)) * 64  # binary, but no NUL byte
    write("binary-without-nul", jpeg_like,
          reasons=("binary_content", "not_an_article", "no_article_text", "too_short"))  # fmt: skip
    filler = b"<p>" + b"padding " * 1000 + b"</p>\n"
    big = b"<html><body><article>" + filler * (big_mb * 1024 * 1024 // len(filler) + 1)
    write(f"page-{big_mb}mb", big + b"</article></body></html>", reasons=("too_large",))
    depth = 100_000
    nested = "<div>" * depth + f"<p>{ARTICLE_BODY}</p>" + "</div>" * depth
    write("nested-100k-divs", _html("nested", body=nested).encode(), url=_url("nested"),
          expect="either")  # fmt: skip
    good = _html("invalid-utf8").encode()
    broken = good.replace(b"talks with", b"talks \xff\xfe\xc3 with").replace(
        b"spokes", b"\xe9spokes"
    )
    write("invalid-utf8", broken, url=_url("invalid-utf8"), expect="article")
    mixed = _html("mixed", body=ARTICLE_BODY + "\nLe ministre a déclaré que «rien n'a changé».")
    mixed_bytes = mixed.encode("utf-8").replace(
        "déclaré".encode(), "déclaré".encode("latin-1")
    ) + "<!-- cp1252 – “smart” -->".encode("cp1252")
    write("mixed-encodings", mixed_bytes, url=_url("mixed"), expect="article")
    nav_only = (
        "<html><head><title>Home</title></head><body><nav><a href='/a'>World</a> "
        "<a href='/b'>Sport</a></nav><footer>© Example</footer></body></html>"
    )
    write("no-article", nav_only.encode(), reasons=("not_an_article", "no_article_text",
          "too_short"))  # fmt: skip
    shop = (
        "<html><head><title>Buy shoes</title></head><body><h1>Running shoe X200</h1>"
        "<p>Price: $129. Sizes 38-46. Add to cart.</p><form><input name=q></form>"
        "<ul>"
        + "".join(f"<li>Product {i} - ${i}.99</li>" for i in range(40))
        + "</ul></body></html>"
    )
    write("non-news-shop", shop.encode(), reasons=("not_an_article", "no_article_text",
          "too_short"), expect="either")  # fmt: skip
    unbalanced = (
        "“We will never accept this, said Amina Diallo, the spokeswoman, on Monday.\n"
        "Opposition lawmakers said “the talks are a sham and walked out. "
        + ARTICLE_BODY.replace("”", "")
        + '\n« Nous refusons, a déclaré Pierre Martin. "Never," he added. "Open again.'
    )
    write("unbalanced-quotes", _html("unbalanced", body=unbalanced).encode(),
          url=_url("unbalanced"), expect="article")  # fmt: skip
    write(f"{sentences}-sentences", _html("long", body=_long_body(sentences)).encode(),
          url=_url("long"), expect="article")  # fmt: skip
    write("absurd-page-date-3000", _html("page-3000", published="3000-01-01").encode(),
          url=_url("page-3000"), expect="article")  # fmt: skip
    write("absurd-page-date-1900", _html("page-1900", published="1900-01-01").encode(),
          url=_url("page-1900"), expect="article")  # fmt: skip
    # Regressions: a canonical link "http://[x" raised ValueError and failed the whole run;
    # one with a space failed the critical `articles.url` check and blocked every article.
    for name, href in (("canonical-broken-ipv6", "http://[x/a"), ("canonical-with-space",
                       "https://hostile.example/a b.html")):  # fmt: skip
        linked = _html(name).replace(_url(name), href)
        write(name, linked.encode(), expect="article")
    write("no-dates-at-all", _html("undated", published=None).encode(), url=_url("undated"),
          expect="article")  # fmt: skip

    records = folder / "records.jsonl"
    lines: list[tuple[str, str, str | None, str, tuple[str, ...]]] = [
        ("jsonl-not-json", '{"url": "https://hostile.example/x", "html": ', None, "reject",
         ("malformed_jsonl",)),
        ("jsonl-array", "[1, 2, 3]", None, "reject", ("malformed_record",)),
        ("jsonl-no-url", json.dumps({"html": _html("nourl")}), None, "reject", ("missing_url",)),
        ("jsonl-bad-url", json.dumps({"url": "javascript:alert(1)", "text": "x"}), None,
         "reject", ("bad_url",)),
        ("jsonl-no-content", json.dumps({"url": _url("nocontent")}), None, "reject",
         ("missing_content",)),
        ("jsonl-bad-date", json.dumps({"url": _url("baddate"), "html": _html("baddate"),
         "published": "yesterday-ish"}), None, "reject", ("bad_published",)),
        ("jsonl-date-3000", json.dumps({"url": _url("j3000"), "html": _html("j3000"),
         "published": "3000-01-01"}), None, "reject", ("implausible_published",)),
        ("jsonl-date-1899", json.dumps({"url": _url("j1899"), "html": _html("j1899"),
         "published": "1899-12-31"}), None, "reject", ("implausible_published",)),
        ("jsonl-date-1900", json.dumps({"url": _url("j1900"), "html": _html("j1900"),
         "published": "1900-01-01"}), _url("j1900"), "either", ()),
        ("jsonl-contradictory-dates", json.dumps({"url": _url("contra"),
         "html": _html("contra", published="2023-01-15"), "published": "2024-05-06"}),
         _url("contra"), "article", ()),
        ("jsonl-invalid-utf8", '{"url": "https://hostile.example/u8", "text": "caf\udcff"}',
         None, "either", ()),
        ("jsonl-null-bytes", json.dumps({"url": _url("nul"), "text": "a\u0000b " * 200}),
         _url("nul"), "either", ()),
    ]  # fmt: skip
    raw_lines = []
    for number, (name, text, url, expect, reasons) in enumerate(lines, 1):
        raw_lines.append(text.encode("utf-8", errors="surrogateescape"))
        cases.append(Hostile(name, records, number, url, expect, reasons))
    records.write_bytes(b"\n".join(raw_lines) + b"\n")
    return cases
