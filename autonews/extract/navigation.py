"""The links of a home or listing page, for the spider to classify by meaning.

Each link comes with the date the page prints beside it (a listing's
``<span>2024-11-22</span>``), which gives a yearless article time its year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

from autonews.dates.limits import valid_ymd
from autonews.extract.dom import Element, parse_html, text_content, text_of
from autonews.extract.links import absolute_url
from autonews.text.decoding import decode_html

_FULL_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
_ITEM_LEVELS = 3


@dataclass(frozen=True, slots=True)
class Anchor:
    url: str
    text: str
    day: date | None = None  # the full date printed beside the link, if any


@dataclass(slots=True)
class LinkPage:
    anchors: list[Anchor]
    feeds: list[str]  # RSS/Atom feeds the page announces
    root: Element
    url: str


def read_links(body: bytes, url: str, content_type: str | None = None) -> LinkPage:
    """Every ``<a href>`` of the page (absolute, no fragment, page order) and its feeds."""
    root = parse_html(decode_html(body, content_type).text)
    base = root.xpath("//base/@href")
    base_url = urljoin(url, base[0]) if base else url
    anchors: list[Anchor] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        anchors.append(Anchor(absolute_url(base_url, href), text_of(a), _day_beside(a)))
    feeds = [
        urljoin(base_url, el.get("href", "").strip())
        for el in root.iter("link")
        if "alternate" in (el.get("rel") or "").lower().split()
        and (el.get("type") or "").lower() in _FEED_TYPES
        and el.get("href", "").strip()
    ]
    return LinkPage(anchors, list(dict.fromkeys(feeds)), root, url)


def full_date(text: str) -> date | None:
    m = _FULL_DATE.search(text)
    if m is None:
        return None
    return valid_ymd(int(m[1]), int(m[2]), int(m[3]))


def _day_beside(a: Element) -> date | None:
    """The full date in the link's list item: the smallest ancestor holding no other
    link, else the text between this link and the next one."""
    node = a
    for _ in range(_ITEM_LEVELS):
        parent = node.getparent()
        if parent is None or sum(1 for _ in parent.iter("a")) > 1:
            break
        node = parent
    if node is not a:
        return full_date(text_content(node))
    parts = [a.tail or ""]
    sibling = a.getnext()
    while sibling is not None and sibling.tag != "a" and next(sibling.iter("a"), None) is None:
        if isinstance(sibling.tag, str):
            parts.append(text_content(sibling))
        parts.append(sibling.tail or "")
        sibling = sibling.getnext()
    return full_date("".join(parts)[:60])
