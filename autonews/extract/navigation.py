"""Links of home and listing pages, for the spider to classify by URL pattern."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from autonews.decoding import decode_html
from autonews.extract.dom import parse_html, text_of
from autonews.extract.links import absolute_url


@dataclass(frozen=True, slots=True)
class Anchor:
    url: str
    text: str


def page_anchors(body: bytes, url: str, content_type: str | None = None) -> list[Anchor]:
    """Every ``<a href>`` of the page, absolute and without fragments, in page order."""
    root = parse_html(decode_html(body, content_type).text)
    base = root.xpath("//base/@href")
    base_url = urljoin(url, base[0]) if base else url
    out: list[Anchor] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        out.append(Anchor(absolute_url(base_url, href), text_of(a)))
    return out
