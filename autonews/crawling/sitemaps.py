"""Sitemaps and feeds, read with Scrapy's own sitemap utilities and parsel.

Each entry carries the date its source gives (``<lastmod>``, ``<pubDate>``): the
spider passes it on as a hint for the year of a yearless article time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from parsel import Selector
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from autonews.extract.navigation import full_date

_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class Entry:
    url: str
    day: date | None


@dataclass(frozen=True, slots=True)
class SitemapDoc:
    is_index: bool
    entries: list[Entry]


def robots_sitemaps(robots_txt: bytes, base_url: str) -> list[str]:
    return list(dict.fromkeys(sitemap_urls_from_robots(robots_txt, base_url=base_url)))


def sitemap_body(body: bytes, max_size: int) -> bytes:
    """The XML of a sitemap response, gunzipped when it is a ``.xml.gz`` file."""
    return gunzip(body, max_size=max_size) if body[:2] == _GZIP_MAGIC else body


def read_sitemap(xml: bytes) -> SitemapDoc | None:
    """A urlset or sitemap index, or None when the bytes are not a sitemap."""
    try:
        doc = Sitemap(xml)
    except Exception:  # noqa: BLE001 - lxml raises several types on junk; junk is "not a sitemap"
        return None
    if doc.type not in {"urlset", "sitemapindex"}:
        return None
    entries = [Entry(d["loc"], full_date(d.get("lastmod", "") or "")) for d in doc if d.get("loc")]
    return SitemapDoc(doc.type == "sitemapindex", entries)


def read_feed(body: bytes, url: str) -> list[Entry] | None:
    """RSS 2.0 or Atom items: link and date.  None when the bytes are not a feed."""
    try:
        sel = Selector(body=body, type="xml")
    except Exception:  # noqa: BLE001 - as above
        return None
    sel.remove_namespaces()
    out: list[Entry] = []
    if sel.xpath("/rss | /RDF"):
        for item in sel.xpath("//item"):
            link = (item.xpath("link/text()").get() or item.xpath("guid/text()").get() or "").strip()
            stamp = item.xpath("pubDate/text() | date/text()").get() or ""
            if link:
                out.append(Entry(urljoin(url, link), _feed_day(stamp)))
        return out
    if sel.xpath("/feed"):
        for entry in sel.xpath("//entry"):
            link = entry.xpath("link[not(@rel) or @rel='alternate']/@href").get() or ""
            stamp = entry.xpath("published/text() | updated/text()").get() or ""
            if link.strip():
                out.append(Entry(urljoin(url, link.strip()), _feed_day(stamp)))
        return out
    return None


def _feed_day(stamp: str) -> date | None:
    stamp = stamp.strip()
    if not stamp:
        return None
    day = full_date(stamp)
    if day is not None:
        return day
    try:
        return parsedate_to_datetime(stamp).date()
    except (TypeError, ValueError):
        return None
