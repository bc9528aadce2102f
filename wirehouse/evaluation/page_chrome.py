"""What surrounds a story on a real news page, for the synthetic pages: the weight to parse.

An outlet's article page is mostly not the article. The Zyte and trafilatura-news pages in
``../shared/corpora`` have a median of about 126,000 characters of HTML around 3,000 to 5,000
of text: inline styles, an application state script, a mega-menu, most-read and
more-from-the-section teaser lists with responsive images, ad slots, share icons and a long
footer. A page without them is parsed several times faster than a real one, which would
make any extractor look cheap next to the rest of a pipeline. These parts are drawn from
their own random stream, so a page's story is the same with or without them.
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass

__all__ = ["Chrome", "page_chrome"]

_SECTIONS = {
    "World": ["Africa", "Americas", "Asia", "Europe", "Middle East", "Oceania", "UK"],
    "Politics": ["Elections", "Parliament", "Policy", "Analysis", "Polls", "Diplomacy"],
    "Business": ["Markets", "Economy", "Companies", "Energy", "Technology", "Trade", "Jobs"],
    "Opinion": ["Editorials", "Columnists", "Letters", "Cartoons"],
    "Culture": ["Books", "Film", "Music", "Art", "Television", "Food", "Travel"],
    "Sport": ["Football", "Athletics", "Cricket", "Tennis", "Cycling", "Rugby"],
    "Science": ["Climate", "Health", "Space", "Environment", "Research"],
}
_KICKERS = ["Analysis", "Live", "Explainer", "Exclusive", "Interview", "Opinion", "Video"]
_PLACES = ["Lagos", "Quito", "Tallinn", "Manila", "Tunis", "Harare", "Perth", "Lyon", "Bergen"]
_SUBJECTS = [
    "budget talks stall as deadline nears",
    "floods force thousands from their homes",
    "court delays ruling on election dispute",
    "central bank holds rates for a third month",
    "strike shuts ports for second day",
    "new rail line opens after years of delays",
    "ministers clash over fuel subsidies",
    "drought pushes food prices higher",
    "opposition names candidate for presidency",
    "talks on border crossing resume",
    "hospital staff walk out over pay",
    "exports rebound on strong demand",
]
_LEGAL = [
    "We use cookies and similar technologies to recognise your repeat visits and preferences, "
    "to measure the effectiveness of campaigns and to analyse traffic.",
    "Registered in England and Wales. Registered office as above. All rights reserved. "
    "Reproduction in whole or in part without permission is prohibited.",
    "Advertising helps fund our journalism. Our partners may use data about your device to "
    "show you relevant ads; you can change your choices at any time in privacy settings.",
]
_CSS_BLOCKS = ["header", "nav", "teaser", "card", "footer", "ad", "share", "menu", "rail", "grid"]
_CSS_PARTS = ["title", "media", "body", "meta", "link", "icon", "list", "item", "label", "wrap"]
_CSS_MODS = ["", "--large", "--compact", "--dark", "--highlight"]
# An icon's outline as a CMS inlines it: one long path of coordinates.
_ICON_POINTS = 48


@dataclass(frozen=True, slots=True)
class Chrome:
    """The parts of a page around its story, as HTML fragments placed by the page template."""

    head: str  # styles, preloads, scripts and social meta tags, inside <head>
    top: str  # mega-menu and share icons, before <main>
    rail: str  # most-read list and ad slots, beside the story
    bottom: str  # more-from-the-section grid and newsletter form, after the story
    footer: str  # footer link columns and legal text, inside <footer>
    state: str  # the application state script, at the end of <body>


def _slug(text: str) -> str:
    return "-".join(text.lower().replace(",", "").split())


def _headline(rng: random.Random) -> str:
    return f"{rng.choice(_PLACES)} {rng.choice(_SUBJECTS)}"


def _image(rng: random.Random, alt: str) -> str:
    """A responsive image as CMSs emit it: a srcset of several widths."""
    key = f"{rng.getrandbits(48):012x}"
    widths = (240, 320, 480, 640, 800, 1024)
    srcset = ", ".join(f"https://img.cdn.example/{key}/{w}.jpg {w}w" for w in widths)
    return (
        f'<img src="https://img.cdn.example/{key}/640.jpg" srcset="{srcset}" '
        f'sizes="(min-width: 1024px) 300px, 50vw" alt="{html.escape(alt)}" loading="lazy" '
        f'width="640" height="360">'
    )


def _teaser(rng: random.Random, section: str, summary: bool) -> str:
    headline = _headline(rng)
    url = f"/{_slug(section)}/{rng.randint(2020, 2025)}/{_slug(headline)}-{rng.randint(1, 99999)}"
    text = (
        f'<p class="teaser__summary">{html.escape(rng.choice(_SUBJECTS).capitalize())}; '
        f"{rng.randint(2, 40)} minutes read.</p>"
        if summary
        else ""
    )
    return (
        f'<div class="teaser teaser--{rng.choice(["small", "medium"])}" data-id="'
        f'{rng.getrandbits(32)}"><a class="teaser__link" href="{url}" data-track="teaser">'
        f'{_image(rng, headline)}<span class="teaser__kicker">{rng.choice(_KICKERS)}</span>'
        f'<h3 class="teaser__title">{html.escape(headline)}</h3></a>{text}</div>'
    )


def _styles(rng: random.Random) -> str:
    rules = []
    for _ in range(rng.randint(180, 320)):
        name = f".c-{rng.choice(_CSS_BLOCKS)}__{rng.choice(_CSS_PARTS)}{rng.choice(_CSS_MODS)}"
        rules.append(
            f"{name}{{margin:0 0 {rng.randint(0, 32)}px;padding:{rng.randint(0, 24)}px "
            f"{rng.randint(0, 24)}px;font:{rng.choice([400, 600, 700])} {rng.randint(12, 28)}px"
            f'/1.4 "Source Serif",Georgia,serif;color:#{rng.getrandbits(24):06x}}}'
        )
    return "<style>" + "".join(rules) + "</style>"


def _icon(rng: random.Random, name: str) -> str:
    path = " ".join(
        f"L{rng.uniform(0, 24):.3f} {rng.uniform(0, 24):.3f}" for _ in range(_ICON_POINTS)
    )
    return (
        f'<svg class="icon icon--{name}" viewBox="0 0 24 24" aria-hidden="true">'
        f'<path d="M12 2 {path} Z"/></svg>'
    )


def _menu(rng: random.Random) -> str:
    columns = []
    for section, subsections in _SECTIONS.items():
        links = "".join(
            f'<li><a href="/{_slug(section)}/{_slug(sub)}" data-track="menu">{sub}</a></li>'
            for sub in subsections + [f"{sub} {rng.choice(_KICKERS)}" for sub in subsections]
        )
        columns.append(
            f'<div class="menu__column"><h4><a href="/{_slug(section)}">{section}</a></h4>'
            f"<ul>{links}</ul></div>"
        )
    share = "".join(
        f'<a class="share share--{n}" href="https://{n}.example/share">{_icon(rng, n)}</a>'
        for n in ("facebook", "x", "whatsapp", "email", "linkedin")
    )
    return f'<div class="menu" hidden>{"".join(columns)}</div><div class="share-bar">{share}</div>'


def _state(rng: random.Random, outlet: str) -> str:
    """The JSON state a JavaScript front end ships with the page (teasers, menus, flags)."""
    teasers = [
        {
            "id": rng.getrandbits(40),
            "headline": _headline(rng),
            "url": f"https://www.example/{rng.getrandbits(32):08x}",
            "section": rng.choice(list(_SECTIONS)),
            "images": {
                str(w): f"https://img.cdn.example/{rng.getrandbits(48):012x}/{w}.jpg"
                for w in (320, 640, 1024)
            },
            "tags": rng.sample(_PLACES, 3),
            "updated": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T"
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z",
        }
        for _ in range(rng.randint(30, 60))
    ]
    state = {
        "site": outlet,
        "features": {f"flag_{n}": rng.random() < 0.5 for n in range(40)},
        "navigation": {section: subs for section, subs in _SECTIONS.items()},
        "teasers": teasers,
    }
    payload = json.dumps(state, separators=(",", ":")).replace("</", "<\\/")
    return f'<script id="app-state" type="application/json">{payload}</script>'


def page_chrome(rng: random.Random, outlet: str, section: str) -> Chrome:
    """The parts around one story, drawn from ``rng`` (the page's own chrome stream)."""
    scripts = "".join(
        f'<script async src="https://static.cdn.example/js/{name}.{rng.getrandbits(32):08x}.js">'
        "</script>"
        for name in ("vendor", "app", "consent", "ads", "analytics", "comments")
    )
    head = (
        _styles(rng)
        + scripts
        + '<meta name="twitter:card" content="summary_large_image">'
        + f'<meta property="og:image" content="https://img.cdn.example/{rng.getrandbits(48):012x}'
        + '/1200.jpg">'
    )
    ads = "".join(
        f'<div class="ad ad--{slot}" data-slot="/{rng.getrandbits(24)}/{slot}" '
        f'data-sizes="[[300,250],[300,600]]"><span class="ad__label">Advertisement</span></div>'
        for slot in ("mpu-1", "mpu-2", "halfpage", "native")
    )
    most_read = "".join(
        f"<li>{_teaser(rng, rng.choice(list(_SECTIONS)), summary=False)}</li>" for _ in range(10)
    )
    more = "".join(_teaser(rng, section, summary=True) for _ in range(rng.randint(12, 24)))
    footer_links = "".join(
        f'<li><a href="/{_slug(section)}/{_slug(sub)}">{sub}</a></li>'
        for section, subs in _SECTIONS.items()
        for sub in subs
    )
    return Chrome(
        head=head,
        top=_menu(rng),
        rail=f'<aside class="rail"><h2>Most read</h2><ol>{most_read}</ol>{ads}</aside>',
        bottom=(
            f'<section class="more"><h2>More from {html.escape(section.title())}</h2>'
            f'<div class="grid">{more}</div></section>'
            '<form class="newsletter" action="/newsletter"><label>Get the morning briefing'
            '<input type="email" name="email"></label><button>Sign up</button></form>'
        ),
        footer=f'<ul class="footer__links">{footer_links}</ul>'
        + "".join(f"<p class='legal'>{text}</p>" for text in _LEGAL),
        state=_state(rng, outlet),
    )
