"""Synthetic news pages for scale runs: the project's own templates, deterministic by seed.

Each page is a whole news page as outlets publish them: cookie banner, navigation, a headline,
a byline with a dateline, paragraphs with attributed quotes (speakers with titles) and events
(who did what to whom, where, on which day), a figure caption, related links, a footer and a
comment thread, with the weight real pages carry around that (:mod:`.page_chrome`: styles,
scripts, menus, teaser lists; about 100 kB a page, as real pages, unless ``--no-chrome``).
Page ``i`` depends only on ``(seed, i)``, so 10,000 pages are the first
10,000 of 100,000.

``python -m wirehouse.evaluation.synthetic --pages 10000 --out /tmp/x --format jsonl|site``
writes ``pages.jsonl`` (``url``, ``html``, ``source``), or a folder site ``<host>/<path>.html``
with an RSS feed per host (``feeds/<host>.xml``) and a ``<host>/sitemap.xml``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wirehouse.evaluation.page_chrome import Chrome, page_chrome

__all__ = ["SyntheticPage", "generate_pages", "main", "write_jsonl", "write_site"]

_OUTLETS = [
    ("harbor-ledger.example", "The Harbor Ledger", "en"),
    ("plains-tribune.example", "Plains Tribune", "en"),
    ("meridian-wire.example", "Meridian Wire", "en"),
    ("northsea-post.example", "North Sea Post", "en"),
    ("savanna-herald.example", "Savanna Herald", "en"),
    ("andes-chronicle.example", "Andes Chronicle", "en"),
    ("gulf-observer.example", "Gulf Observer", "en"),
    ("baltic-monitor.example", "Baltic Monitor", "en"),
]
_SECTIONS = ["world", "politics", "africa", "europe", "americas", "asia", "business"]
_FIRST = [
    "Amina",
    "Jonas",
    "Farida",
    "Tomas",
    "Leila",
    "Marek",
    "Grace",
    "Olu",
    "Ines",
    "Pavel",
    "Naledi",
    "Samir",
    "Hanna",
    "Diego",
    "Yusuf",
    "Clara",
    "Kwame",
    "Elena",
    "Rafael",
    "Mei",
]
_LAST = [
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Novak",
    "Mensah",
    "Duarte",
    "Kowalski",
    "Achebe",
    "Brandt",
    "Sato",
    "Ferreira",
    "Diallo",
    "Petrov",
    "Moreau",
    "Ibrahim",
    "Castellano",
    "Whitlock",
    "Varga",
    "Osei",
    "Nakamura",
]
_TITLES = [
    "Foreign Minister",
    "Defence Minister",
    "government spokesman",
    "opposition leader",
    "army spokeswoman",
    "Interior Minister",
    "central bank governor",
    "police chief",
    "United Nations envoy",
    "Prime Minister",
    "trade union leader",
    "regional governor",
]
_COUNTRIES = [
    ("Kenya", "Nairobi", "Kenyan"),
    ("Niger", "Niamey", "Nigerien"),
    ("Peru", "Lima", "Peruvian"),
    ("Poland", "Warsaw", "Polish"),
    ("Ghana", "Accra", "Ghanaian"),
    ("Chile", "Santiago", "Chilean"),
    ("Norway", "Oslo", "Norwegian"),
    ("Jordan", "Amman", "Jordanian"),
    ("Senegal", "Dakar", "Senegalese"),
    ("Vietnam", "Hanoi", "Vietnamese"),
    ("Hungary", "Budapest", "Hungarian"),
    ("Colombia", "Bogota", "Colombian"),
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Event sentences: {a} and {b} are countries, {ad} a demonym, {city} a capital, {day} a weekday.
_EVENTS = [
    "{ad} police arrested dozens of protesters in {city} on {day}, witnesses said.",
    "Thousands of people marched through {city} on {day} to demand the release of journalists.",
    "{a} expelled two {bd} diplomats on {day}, accusing them of espionage.",
    "The government of {a} signed a trade agreement with {b} on {day} after months of talks.",
    "{ad} troops attacked rebel positions near the border with {b} on {day}.",
    "{a} imposed sanctions on three {bd} companies on {day}.",
    "Officials from {a} and {b} met in {city} on {day} to discuss a ceasefire.",
    "{a} pledged $40 million in humanitarian aid to {b} on {day}.",
    "{ad} lawmakers threatened to block the budget unless the government resigns.",
    "Hundreds of workers went on strike in {city} on {day} over unpaid wages.",
]
_FILLER = [
    "The announcement followed weeks of uncertainty over the future of the programme.",
    "Analysts said the decision could reshape the region's politics for years to come.",
    "Prices of fuel and bread have risen sharply since the start of the year.",
    "The ministry did not respond to a request for comment on Tuesday evening.",
    "Local media reported long queues at petrol stations in several provinces.",
    "The talks are expected to resume next month, according to a draft agenda seen by reporters.",
    "Human rights groups have long criticised the conduct of the security forces.",
    "Turnout in the last election was the lowest since independence.",
]
_QUOTES = [
    "We will not accept any agreement that ignores the wishes of our people",
    "The situation on the ground remains extremely difficult for civilians",
    "This is a decisive moment for the country and for the whole region",
    "Our priority is to restore calm and to protect every citizen",
    "Nobody should be surprised by what happened this week",
    "We are ready to talk, but we will not negotiate under threat",
]
_CUES = ["said", "told reporters", "said in a statement", "warned", "added"]
_COMMENTS = [
    "Great reporting, thank you.",
    "This will end badly.",
    "Who pays for all this?",
    "Finally some good news.",
    "The article ignores the real issue.",
]


_NO_CHROME = Chrome(head="", top="", rail="", bottom="", footer="", state="")


@dataclass(frozen=True, slots=True)
class SyntheticPage:
    """One generated page: its URL, host, path below the host, publication time and HTML."""

    url: str
    host: str
    path: str
    published: dt.datetime
    title: str
    html: str


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _body(rng: random.Random, published: dt.date) -> tuple[str, list[str], str]:
    """Paragraphs, a caption and a headline, about two countries."""
    (a, city, ad), (b, _, bd) = rng.sample(_COUNTRIES, 2)
    day = _WEEKDAYS[(published - dt.timedelta(days=rng.randint(0, 3))).weekday()]
    values = {"a": a, "b": b, "ad": ad, "bd": bd, "city": city, "day": day}
    first_event = rng.choice(_EVENTS).format(**values)
    paragraphs = [f"{city.upper()} — {first_event} {rng.choice(_FILLER)}"]
    for _ in range(rng.randint(4, 9)):
        kind = rng.random()
        speaker, title = _person(rng), rng.choice(_TITLES)
        quote = rng.choice(_QUOTES)
        if kind < 0.35:
            text = f"“{quote},” {ad} {title} {speaker} {rng.choice(_CUES)}. {rng.choice(_FILLER)}"
        elif kind < 0.55:
            text = (
                f"{speaker}, the {title} of {a}, said the government would "
                f"{rng.choice(['review', 'suspend', 'extend'])} the measures. "
                f"“{quote},” {speaker.split()[-1]} added."
            )
        elif kind < 0.8:
            text = f"{rng.choice(_EVENTS).format(**values)} {rng.choice(_FILLER)}"
        else:
            text = " ".join(rng.sample(_FILLER, 3))
        paragraphs.append(text)
    caption = f"Demonstrators gather in central {city} on {day}. Photo: {_person(rng)}"
    headline = first_event.split(",")[0].rstrip(".")
    return headline, paragraphs, caption


def _page_html(
    rng: random.Random,
    host: str,
    outlet: str,
    lang: str,
    url: str,
    published: dt.datetime,
    parts: Chrome,
) -> tuple[str, str]:
    headline, paragraphs, caption = _body(rng, published.date())
    authors = " and ".join(_person(rng) for _ in range(rng.randint(1, 2)))
    esc = html.escape
    body = "\n".join(f"    <p>{esc(p)}</p>" for p in paragraphs)
    figure_at = rng.randint(1, len(paragraphs) - 1)
    figure = (
        f'    <figure><img src="/img/{rng.randint(1, 9999)}.jpg" alt="">'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )
    body_lines = body.split("\n")
    body_lines.insert(figure_at, figure)
    nav = "".join(f'<li><a href="/{s}/">{s.title()}</a></li>' for s in _SECTIONS)
    related = "".join(
        f'<li><a href="/{rng.choice(_SECTIONS)}/{rng.randint(1000, 9999)}.html">'
        f"{esc(rng.choice(_FILLER))}</a></li>"
        for _ in range(4)
    )
    comments = "".join(
        f'<div class="comment"><span class="user">{esc(_person(rng))}</span>'
        f"<p>{esc(rng.choice(_COMMENTS))}</p></div>"
        for _ in range(rng.randint(0, 4))
    )
    iso = published.isoformat()
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": headline,
            "datePublished": iso,
            "author": [{"@type": "Person", "name": n} for n in authors.split(" and ")],
            "publisher": {"@type": "Organization", "name": outlet},
        }
    )
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{esc(headline)} – {esc(outlet)}</title>
<link rel="canonical" href="{url}">
<meta property="og:type" content="article">
<meta property="og:url" content="{url}">
<meta property="og:site_name" content="{esc(outlet)}">
<meta property="article:published_time" content="{iso}">
<script type="application/ld+json">{ld}</script>{parts.head}
</head>
<body>
<div class="cookies"><p>{esc(outlet)} uses cookies to measure its audience.</p>
<button>Accept</button></div>
<header><a class="logo" href="/">{esc(outlet)}</a><nav><ul>{nav}</ul></nav></header>{parts.top}
<main>
<article>
  <h1>{esc(headline)}</h1>
  <p class="byline">By {esc(authors)} · <time datetime="{iso}">{published:%d %B %Y}</time></p>
  <div class="article-body">
{chr(10).join(body_lines)}
  </div>
</article>{parts.rail}
<aside class="related"><h2>Related</h2><ul>{related}</ul></aside>{parts.bottom}
<section class="comments"><h2>Comments</h2>{comments}</section>
</main>
<footer><p>© {published.year} {esc(outlet)}. All rights reserved.</p>
<a href="/about">About us</a>{parts.footer}</footer>{parts.state}
</body>
</html>
"""
    return headline, page


def generate_pages(
    count: int, seed: int = 7, start: int = 0, *, chrome: bool = True
) -> Iterator[SyntheticPage]:
    """Pages ``start`` .. ``start + count - 1`` of the sequence for ``seed``, lazily.

    ``chrome`` False leaves out the page weight around the story (styles, scripts, menus,
    teaser lists: :mod:`~wirehouse.evaluation.page_chrome`); the story is the same either way.
    """
    epoch = dt.datetime(2024, 1, 1, 6, 0)
    for index in range(start, start + count):
        rng = random.Random(f"{seed}:{index}")
        host, outlet, lang = _OUTLETS[index % len(_OUTLETS)]
        published = epoch + dt.timedelta(minutes=rng.randint(0, 366 * 24 * 60))
        section = rng.choice(_SECTIONS)
        path = f"{section}/{published:%Y/%m/%d}/story-{index}.html"
        url = f"https://{host}/{path}"
        parts = (
            page_chrome(random.Random(f"{seed}:{index}:chrome"), outlet, section)
            if chrome
            else _NO_CHROME
        )
        title, page = _page_html(rng, host, outlet, lang, url, published, parts)
        yield SyntheticPage(url, host, path, published, title, page)


def write_jsonl(pages: Iterator[SyntheticPage], out: Path) -> Path:
    """Write pages as JSONL records (``url``, ``html``, ``source``); returns the file."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / "pages.jsonl"
    with target.open("w", encoding="utf-8") as handle:
        for page in pages:
            record = {"url": page.url, "html": page.html, "source": "synthetic", "language": "en"}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def write_site(pages: Iterator[SyntheticPage], out: Path) -> Path:
    """Write pages as ``<out>/<host>/<path>``, with ``feeds/<host>.xml`` and sitemaps."""
    listed: dict[str, list[SyntheticPage]] = {}
    for page in pages:
        target = out / page.host / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.html, encoding="utf-8")
        # Only what feeds and sitemaps need is kept, not the HTML.
        listed.setdefault(page.host, []).append(
            SyntheticPage(page.url, page.host, page.path, page.published, page.title, "")
        )
    feeds = out / "feeds"
    feeds.mkdir(parents=True, exist_ok=True)
    for host, entries in listed.items():
        items = "".join(
            f"<item><title>{html.escape(p.title)}</title><link>{p.url}</link>"
            f"<pubDate>{p.published:%a, %d %b %Y %H:%M:%S} +0000</pubDate></item>\n"
            for p in entries
        )
        (feeds / f"{host}.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{host}</title><link>https://{host}/</link>\n{items}</channel></rss>\n",
            encoding="utf-8",
        )
        urls = "".join(
            f"<url><loc>{p.url}</loc><lastmod>{p.published:%Y-%m-%d}</lastmod></url>\n"
            for p in entries
        )
        (out / host / "sitemap.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}</urlset>\n",
            encoding="utf-8",
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write synthetic news pages for scale runs.")
    parser.add_argument("--pages", type=int, default=1000, help="How many pages.")
    parser.add_argument("--out", type=Path, required=True, help="Output folder.")
    parser.add_argument("--format", choices=("jsonl", "site"), default="jsonl")
    parser.add_argument("--seed", type=int, default=7, help="Same seed, same pages.")
    parser.add_argument(
        "--no-chrome",
        action="store_true",
        help="Stories with a minimal page around them (about 4 kB instead of about 100 kB).",
    )
    args = parser.parse_args(argv)
    pages = generate_pages(args.pages, seed=args.seed, chrome=not args.no_chrome)
    written = (
        write_jsonl(pages, args.out) if args.format == "jsonl" else write_site(pages, args.out)
    )
    print(written)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
