"""The generic reader's failure classes beyond the Chinese portals, one hand-written page each."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from autonews.extract.generic import extract_generic_html

NOW = datetime(2024, 11, 25, 12, 0, tzinfo=ZoneInfo("UTC"))

EN = [
    "The carmaker said on Monday that deliveries of its new electric saloon rose by a third in October.",
    "Analysts had expected a smaller rise, because prices across the market have fallen for six months.",
    "The company plans to open a second factory next year, which would double its output by 2027.",
    "Dealers say waiting times for the cheapest version have grown to about ten weeks since the summer.",
]
MENU = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
SIDEBAR = "".join(f'<li><a href="/a{i}">Another story about cars number {i}</a></li>' for i in range(8))


def run(html: str, url: str | None = None):
    return extract_generic_html(html, url, now=NOW)


def test_article_inside_a_wrapper_whose_class_names_chrome() -> None:
    # "l-side-margins" / "content-with-sidebar" name a layout, not a sidebar: the article
    # inside must not be skipped with the real sidebar.
    html = (
        f"<html><head><title>Deliveries rise</title></head><body><ul class='menu'>{MENU}</ul>"
        "<div class='l-side-margins'><div class='content-with-sidebar-wrap'>"
        "<h1>Deliveries rise</h1><div class='entry'>" + "".join(f"<p>{t}</p>" for t in EN) + "</div>"
        f"<div class='sidebar'><p>Most read today in our motoring section</p><ul>{SIDEBAR}</ul></div>"
        "</div></div></body></html>"
    )
    assert run(html).paragraphs == EN


def test_english_furniture_is_chrome_like_chinese() -> None:
    # Cookie notice, byline, dateline, photo credit, an ad label, a newsletter box, widget
    # labels and a "Related stories" list: each a class the Chinese lexicon already has.
    html = (
        "<html><head><title>Deliveries rise</title></head><body>"
        "<div>We use cookies to improve your experience. By using this site you agree to our policy. Accept</div>"
        "<div class='story'><h1>Deliveries rise</h1><p>By Jane Miller and Tom Baker</p>"
        "<p>Wednesday November 20, 2019</p>"
        f"<p>{EN[0]}</p><p>Photo: Jane Miller, Example Wire</p><p>Advert</p><p>{EN[1]}</p>"
        "<p>Get our free motoring newsletter, delivered to your inbox every Friday. Sign up here.</p>"
        f"<p>{EN[2]}</p><p>{EN[3]}</p><p>Tags</p><p>Close</p>"
        "<h3>Related stories</h3><p>Another maker said on Friday that its sales fell, as buyers waited.</p>"
        "</div></body></html>"
    )
    assert run(html).paragraphs == EN


def test_sentences_that_merely_use_furniture_words_stay() -> None:
    kept = [
        "By contrast, sales of diesel cars fell sharply in the third quarter, the figures show.",
        "The newsletter of the dealers' association said that most buyers now ask about charging.",
        *EN[:2],
    ]
    html = "<html><body><div>" + "".join(f"<p>{t}</p>" for t in kept) + "</div></body></html>"
    assert run(html).paragraphs == kept
