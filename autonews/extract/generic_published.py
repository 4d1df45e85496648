"""Publish date from the strongest evidence a page offers, or None when evidence is weak.

Order of trust: structured metadata written for machines (JSON-LD, article:published_time,
itemprop, <time>), then a labelled or time-stamped date in the byline zone between the
title and the first paragraph, then the URL's date.  A bare date found elsewhere in the
page (a sidebar list, a copyright year, a date quoted in the story) is not evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from autonews.extract.dom import Element, text_content
from autonews.extract.generic_body import Block
from autonews.extract.generic_dates import date_in_url, day_of, iter_text_dates, not_future, parse_value

# Names of <meta> carrying the first-publication time (lower-cased name/property/itemprop).
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "published_time",
    "published-date",
    "publication_date",
    "pub_date",
    "og:pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "article_date_original",
    "originalpublicationdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "datecreated",
    "date",
    "citation_publication_date",
    "cxenseparse:recs:publishtime",
    "bt:pubdate",
    "release_date",
    "firstpublishedtime",
    "weibo: article:create_at",
)
_META_RANK = {name: i for i, name in enumerate(PUBLISHED_META)}
_JSONLD_DATE = re.compile(r'"(datePublished|dateCreated|uploadDate|publishDate)"\s*:\s*"([^"]{6,40})"')
_DATE_LABEL = re.compile(
    r"(发布|发表|发稿|更新|出版|刊发|上传|录入)(时间|日期|于)|时间\s*[:：]|日期\s*[:：]|published|posted|发表于|发布于",
    re.I,
)
_DATE_CLASS_XPATH = "|".join(
    f"//{tag}[@class or @id]"
    for tag in ("span", "div", "p", "small", "h2", "h3", "h4", "li", "td", "abbr", "em", "font")
)
_UTC_EARLY = re.compile(r"T0[0-5]:\d\d:\d\d\+00:00$")
_MODIFIED = re.compile(r"更新|修改|modified|updated", re.I)
_DATE_CLASS = re.compile(r"date|time|publish|posted|byline", re.I)


def _from_meta(root: Element, now: datetime) -> str | None:
    best: tuple[int, str] | None = None
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        rank = _META_RANK.get(key)
        if rank is None or (best and best[0] <= rank):
            continue
        iso = parse_value(el.get("content") or "", None)
        if not_future(iso, now):
            best = (rank, iso)  # type: ignore[assignment]
    return best[1] if best else None


def _from_jsonld(root: Element, now: datetime) -> str | None:
    found: dict[str, str] = {}
    for el in root.iter("script"):
        text = el.text or ""
        if "date" not in text:
            continue
        for key, value in _JSONLD_DATE.findall(text):
            iso = parse_value(value, None)
            if not_future(iso, now):
                found.setdefault(key, iso)  # type: ignore[arg-type]
    for key in ("datePublished", "publishDate", "dateCreated", "uploadDate"):
        if key in found:
            return found[key]
    return None


def _from_markup(root: Element, now: datetime) -> str | None:
    """itemprop=datePublished on any element, then the first <time datetime> not marked as updated."""
    for el in root.xpath("//*[@itemprop]"):
        if (el.get("itemprop") or "").lower() == "datepublished":
            iso = parse_value(el.get("datetime") or el.get("content") or text_content(el), None)
            if not_future(iso, now):
                return iso
    for el in root.iter("time"):
        attrs = f"{el.get('class', '')} {el.get('itemprop', '')}"
        if _MODIFIED.search(attrs) and "publish" not in attrs.lower():
            continue
        iso = parse_value(el.get("datetime") or "", None) or parse_value(text_content(el))
        if not_future(iso, now):
            return iso
    return None


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _line_dates(text: str, now: datetime) -> list[tuple[int, str]]:
    """Full dates from the local reader; a Chinese line without one goes through the shared
    reader for live-site forms (yearless "10-22 10:30", 今天 08:00), kept only with a time
    of day.  The shared reader is slower, so it runs only where the fast one found nothing."""
    hits = list(iter_text_dates(text))
    if hits or not _CJK.search(text):
        return hits
    try:
        from autonews.dates import iter_dates
    except ImportError:
        return hits
    return [(h.start, h.iso) for h in iter_dates(text, now=now) if h.has_year or h.has_time]


def _score_text(text: str, now: datetime) -> tuple[int, str] | None:
    """Best dated hit of one byline line: labelled > with time of day > bare day."""
    for pos, iso in _line_dates(text, now):
        if not not_future(iso, now):
            continue
        before = text[max(0, pos - 12) : pos]
        score = 1 + ("T" in iso)
        if _DATE_LABEL.search(before):
            score += 2 if not _MODIFIED.search(before) else 0
        return score, iso
    return None


def _from_byline(zone: list[Block], now: datetime) -> str | None:
    """Dates in the byline zone (see ``Body.byline_zone``): the best-scored line wins."""
    best: tuple[int, str] | None = None
    for b in zone:
        if b.chars > 120 or b.link_ratio > 0.5:
            continue
        hit = _score_text(b.text, now)
        if hit and (best is None or hit[0] > best[0]):
            best = hit
    return best[1] if best else None


def _page_urls(root: Element, url: str | None) -> list[str]:
    """The page's own URL, then its canonical/og:url (a syndicated copy points at the original)."""
    urls = [url] if url else []
    for el in root.iter("link", "meta"):
        if el.tag == "link" and (el.get("rel") or "").lower() == "canonical":
            urls.append(el.get("href") or "")
        elif el.tag == "meta" and (el.get("property") or "").lower() == "og:url":
            urls.append(el.get("content") or "")
    return urls


def _image_day(root: Element, now: datetime) -> str | None:
    """Upload paths of the lead image (/uploads/2020/10/13/) are dated at publication."""
    for el in root.iter("meta"):
        if (el.get("property") or el.get("name") or "").lower() in ("og:image", "twitter:image"):
            day = date_in_url(el.get("content"))
            if day and day <= now.date():
                return day.isoformat()
    return None


def _from_date_class(root: Element, now: datetime) -> str | None:
    """First element whose class/id names a date (post-date, date-header, entry-time …)."""
    for el in root.xpath(_DATE_CLASS_XPATH):
        attrs = f"{el.get('class', '')} {el.get('id', '')}"
        if len(attrs) < 4 or not _DATE_CLASS.search(attrs) or _MODIFIED.search(attrs):
            continue
        text = text_content(el)
        if len(text) > 80:
            continue
        iso = parse_value(text, None)
        if not_future(iso, now):
            return iso
    return None


@dataclass(slots=True)
class HeadDates:
    """Date evidence read before the tree is cleaned (scripts and <head> are removed then)."""

    structured: str | None
    url_day: date | None
    image_day: str | None


def structured_date(root: Element, now: datetime) -> str | None:
    """The publish time the markup states for machines: JSON-LD, meta tags, <time>."""
    return _from_jsonld(root, now) or _from_meta(root, now) or _from_markup(root, now)


def read_head_dates(root: Element, url: str | None, *, now: datetime) -> HeadDates:
    url_day = next((d for u in _page_urls(root, url) if (d := date_in_url(u)) and d <= now.date()), None)
    structured = structured_date(root, now)
    # A UTC stamp just after midnight is the previous evening where the story was filed
    # (the Americas); the URL's day says which.
    if structured and url_day and _UTC_EARLY.search(structured) and (day_of(structured) - url_day).days == 1:
        structured = url_day.isoformat()
    return HeadDates(structured, url_day, _image_day(root, now))


def decide_published(head: HeadDates, root: Element, zone: list[Block], *, now: datetime) -> str | None:
    if head.structured:
        return head.structured
    iso = _from_byline(zone, now)
    if iso and (head.url_day is None or day_of(iso) == head.url_day):
        return iso
    # The URL is fixed when the story is filed; a byline date that disagrees with it is
    # more likely a "today" stamp or a quoted date.
    if head.url_day:
        return head.url_day.isoformat()
    return _from_date_class(root, now) or head.image_day
