"""Publish date from the evidence a page offers, compared, or None when there is none.

Candidates: structured metadata written for machines (JSON-LD, article:published_time,
itemprop), the first <time> below the headline, the best date of the byline zone between
the title and the first paragraph, a dateline opening the first paragraph, the URL's and
the lead image's day.  Each has a trust by its kind; the day stated by the most trusted
independent sources wins (``choose``), so agreement decides, not the order of the page.
A bare date found elsewhere in the page (a sidebar list, a copyright year, a date quoted
in the story) is not evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from autonews.dates.multilingual import (
    day_of,
    iter_text_dates,
    not_future,
    other_reading,
    parse_value,
)
from autonews.dates.text import iter_dates
from autonews.dates.url import date_from_url
from autonews.extract.dom import Element, text_content
from autonews.extract.generic.body import Block

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
    r"(发布|发表|发稿|更新|出版|刊发|上传|录入)(时间|日期|于)|时间\s*[:：]|日期\s*[:：]|published|posted|发表于|发布于"
    # "published" in the languages whose month names the scanner reads
    r"|publié|publicad|publicat|pubblicat|veröffentlicht|gepubliceerd|publiserad|publicer|opublikowan"
    r"|zveřejněn|publikált|yayın|diterbitkan|dipublikasikan|опубликован|опубліковано|δημοσιεύ|פורסם|نشر|نُشر",
    re.I,
)
_DATE_CLASS_XPATH = "|".join(
    f"//{tag}[@class or @id]"
    for tag in ("span", "div", "p", "small", "h2", "h3", "h4", "li", "td", "abbr", "em", "font")
)
_UTC_EARLY = re.compile(r"T0[0-5]:\d\d:\d\d\+00:00$")
_MODIFIED = re.compile(
    r"更新|修改|modified|updated|mis à jour|actualizad|aktualisiert|aggiornat|atualizad|bijgewerkt|uppdaterad"
    r"|zaktualizowan|aktualizováno|güncelle|diperbarui|обновлен|оновлено|ενημερώ|עודכן|تحديث|محدث",
    re.I,
)
_DATE_CLASS = re.compile(r"date|time|publish|posted|byline", re.I)


def _meta_best(root: Element, now: datetime) -> tuple[int, str] | None:
    """(rank in PUBLISHED_META, ISO) of the best-ranked published-time <meta>."""
    best: tuple[int, str] | None = None
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        rank = _META_RANK.get(key)
        if rank is None or (best and best[0] <= rank):
            continue
        iso = parse_value(el.get("content") or "", None)
        if not_future(iso, now):
            best = (rank, iso)  # type: ignore[assignment]
    return best


def _from_meta(root: Element, now: datetime) -> str | None:
    best = _meta_best(root, now)
    return best[1] if best else None


def _jsonld_all(root: Element, now: datetime) -> dict[str, str]:
    """The first value of each JSON-LD date key, past and parseable."""
    found: dict[str, str] = {}
    for el in root.iter("script"):
        text = el.text or ""
        if "date" not in text:
            continue
        for key, value in _JSONLD_DATE.findall(text):
            iso = parse_value(value, None)
            if not_future(iso, now):
                found.setdefault(key, iso)  # type: ignore[arg-type]
    return found


def _from_jsonld(root: Element, now: datetime) -> str | None:
    found = _jsonld_all(root, now)
    for key in ("datePublished", "publishDate", "dateCreated", "uploadDate"):
        if key in found:
            return found[key]
    return None


def _itemprop_published(root: Element, now: datetime) -> str | None:
    for el in root.xpath("//*[@itemprop]"):
        if (el.get("itemprop") or "").lower() != "datepublished":
            continue
        iso = parse_value(el.get("datetime") or el.get("content") or text_content(el), None)
        if not_future(iso, now):
            return iso
    return None


def _time_value(el: Element, now: datetime) -> str | None:
    attrs = f"{el.get('class', '')} {el.get('itemprop', '')}"
    if _MODIFIED.search(attrs) and "publish" not in attrs.lower():
        return None
    iso = parse_value(el.get("datetime") or "", None) or parse_value(text_content(el))
    return iso if not_future(iso, now) else None


def _first_time(root: Element, now: datetime) -> str | None:
    """The first <time datetime> not marked as updated."""
    return next((iso for el in root.iter("time") if (iso := _time_value(el, now))), None)


def _time_below_title(root: Element, now: datetime) -> str | None:
    """The first such <time> below the first <h1> (above it stand the header's and the
    sidebar's), else the first of the page."""
    first: str | None = None
    below = False
    for el in root.iter("h1", "time"):
        if el.tag == "h1":
            below = True
        elif iso := _time_value(el, now):
            if below:
                return iso
            first = first or iso
    return first


def _from_markup(root: Element, now: datetime) -> str | None:
    """itemprop=datePublished on any element, then the first <time datetime> not marked as updated."""
    return _itemprop_published(root, now) or _first_time(root, now)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _line_dates(text: str, now: datetime) -> list[tuple[int, str]]:
    """Full dates from the local reader; a Chinese line without one goes through the shared
    reader for live-site forms (yearless "10-22 10:30", 今天 08:00), kept only with a time
    of day.  The shared reader is slower, so it runs only where the fast one found nothing."""
    hits = list(iter_text_dates(text))
    if hits or not _CJK.search(text):
        return hits
    return [(h.start, h.iso) for h in iter_dates(text, now=now) if h.has_year or h.has_time]


def _score_text(text: str, now: datetime) -> tuple[int, str, int] | None:
    """(score, ISO, position) of the best dated hit of one byline line: labelled > with
    time of day > bare day."""
    best: tuple[int, str, int] | None = None
    for pos, iso in _line_dates(text, now):
        if not not_future(iso, now):
            continue
        before = text[max(0, pos - 16) : pos]
        score = 1 + ("T" in iso)
        if _MODIFIED.search(before):
            # "Updated …" is surely not the publication, but 更新时间 is what many Chinese
            # CMSs call it: there the label only earns nothing.
            score = score if _CJK.search(before) else 0
        elif _DATE_LABEL.search(before):
            score += 2
        if best is None or score > best[0]:
            best = score, iso, pos
    return best


def _byline_hit(zone: list[Block], now: datetime) -> tuple[int, str, str | None] | None:
    """(score, ISO, other reading) of the best-scored dated line of the byline zone (see
    ``Body.byline_zone``); the other reading is the day-month swap of a date that reads
    both ways."""
    best: tuple[int, str, int] | None = None
    line = ""
    for b in zone:
        if b.chars > 120 or b.link_ratio > 0.5:
            continue
        hit = _score_text(b.text, now)
        if hit and (best is None or hit[0] > best[0]):
            best, line = hit, b.text
    if best is None:
        return None
    score, iso, pos = best
    alt = other_reading(line, pos)
    return score, iso, alt + iso[10:] if alt and not_future(alt, now) else None


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
            day = date_from_url(el.get("content"))
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


@dataclass(slots=True, frozen=True)
class Candidate:
    """One date the page states, with how much a source of its kind is to be trusted."""

    iso: str
    source: str  # a key of FAMILY
    weight: float
    alt: str | None = None  # the day-month swap of an all-numeric date that reads both ways


# Trust of each kind of evidence on its own.  A day wins by the summed trust of the
# independent sources stating it, so two that agree outvote one that does not.
W_JSONLD = 5.0
W_JSONLD_OTHER = 3.0  # dateCreated, uploadDate
W_META = 4.5
W_META_GENERIC = 3.0  # "date", dc.date …: often the day the page was rendered
W_ITEMPROP = 4.0
W_TIME = 3.0
W_URL = 4.0
W_DATE_CLASS = 1.5
W_IMAGE = 1.0
W_DATELINE = 1.5
DATELINE_CHARS = 60
W_BYLINE = {0: 1.0, 1: 2.0, 2: 2.5, 3: 3.0, 4: 3.5}  # by _score_text's score
_GENERIC_META_RANK = _META_RANK["dc.date"]
# Sources that copy one another count once: a CMS writes JSON-LD, <meta> and itemprop
# from the same field, and the visible byline is often the <time> element itself.
FAMILY = {
    "jsonld": "machine",
    "meta": "machine",
    "itemprop": "machine",
    "time": "visible",
    "byline": "visible",
    "date_class": "visible",
    "url": "url",
    "image": "image",
    "dateline": "visible",
}
_PRIORITY = {name: i for i, name in enumerate(FAMILY)}


def _support(cands: list[Candidate], day: str, *, without: str | None = None) -> float:
    """Summed trust in ``day``: the most trusted source of each family stating it."""
    best: dict[str, float] = {}
    for c in cands:
        fam = FAMILY[c.source]
        if c.iso[:10] == day and fam != without:
            best[fam] = max(best.get(fam, 0.0), c.weight)
    return sum(best.values())


def _resolve_swaps(cands: list[Candidate]) -> list[Candidate]:
    """An all-numeric date that reads either way takes the reading other sources state."""
    out = []
    for c in cands:
        if c.alt:
            fam = FAMILY[c.source]
            if _support(cands, c.alt[:10], without=fam) > _support(cands, c.iso[:10], without=fam):
                c = Candidate(c.alt, c.source, c.weight)
        out.append(c)
    return out


def choose(cands: list[Candidate]) -> str | None:
    """The day with the most summed trust (ties: the most trusted source); said as
    precisely as any of its sources says it."""
    if not cands:
        return None
    cands = _resolve_swaps(cands)
    days = {c.iso[:10] for c in cands}

    def rank(day: str) -> tuple[float, float, int]:
        same = [c for c in cands if c.iso[:10] == day]
        return _support(cands, day), max(c.weight for c in same), -min(_PRIORITY[c.source] for c in same)

    day = max(days, key=rank)
    same = [c for c in cands if c.iso[:10] == day]
    return max(same, key=lambda c: ("T" in c.iso, c.weight, -_PRIORITY[c.source])).iso


@dataclass(slots=True)
class HeadDates:
    """Date evidence read before the tree is cleaned (scripts and <head> are removed then)."""

    structured: str | None
    url_day: date | None
    image_day: str | None
    candidates: list[Candidate] = field(default_factory=list)


def structured_date(root: Element, now: datetime) -> str | None:
    """The publish time the markup states for machines: JSON-LD, meta, <time>."""
    return _from_jsonld(root, now) or _from_meta(root, now) or _from_markup(root, now)


def _structured_candidates(root: Element, now: datetime) -> list[Candidate]:
    out: list[Candidate] = []
    jsonld = _jsonld_all(root, now)
    for key, weight in (
        ("datePublished", W_JSONLD),
        ("publishDate", W_JSONLD),
        ("dateCreated", W_JSONLD_OTHER),
        ("uploadDate", W_JSONLD_OTHER),
    ):
        if key in jsonld:
            out.append(Candidate(jsonld[key], "jsonld", weight))
            break
    meta = _meta_best(root, now)
    if meta:
        rank, iso = meta
        out.append(Candidate(iso, "meta", W_META if rank < _GENERIC_META_RANK else W_META_GENERIC))
    # itemprop is written from the same field as JSON-LD and <meta>: read (a walk over the
    # whole tree) only when they are missing.
    itemprop = None if out else _itemprop_published(root, now)
    if itemprop:
        out.append(Candidate(itemprop, "itemprop", W_ITEMPROP))
    time_iso = _time_below_title(root, now)
    if time_iso:
        out.append(Candidate(time_iso, "time", W_TIME))
    return out


def read_head_dates(root: Element, url: str | None, *, now: datetime) -> HeadDates:
    url_day = next((d for u in _page_urls(root, url) if (d := date_from_url(u)) and d <= now.date()), None)
    cands = _structured_candidates(root, now)
    # A UTC stamp just after midnight is the previous evening where the story was filed
    # (the Americas); the URL's day says which.
    if url_day:
        cands = [
            Candidate(url_day.isoformat(), c.source, c.weight)
            if _UTC_EARLY.search(c.iso) and (day_of(c.iso) - url_day).days == 1
            else c
            for c in cands
        ]
    structured = cands[0].iso if cands else None
    image_day = _image_day(root, now)
    if url_day:
        cands.append(Candidate(url_day.isoformat(), "url", W_URL))
    if image_day:
        cands.append(Candidate(image_day, "image", W_IMAGE))
    return HeadDates(structured, url_day, image_day, cands)


def _dateline(paragraphs: Sequence[str], now: datetime) -> str | None:
    """A date opening the first paragraph (``WASHINGTON, Oct. 3, 2024 —``, ``【2005年3月11日讯】``)."""
    for text in paragraphs[:1]:
        hit = next(
            ((p, iso) for p, iso in iter_text_dates(text[:DATELINE_CHARS]) if not_future(iso, now)), None
        )
        if hit:
            return hit[1]
    return None


def decide_published(
    head: HeadDates, root: Element, zone: list[Block], *, now: datetime, paragraphs: Sequence[str] = ()
) -> str | None:
    cands = list(head.candidates)
    hit = _byline_hit(zone, now)
    if hit:
        cands.append(Candidate(hit[1], "byline", W_BYLINE[min(hit[0], 4)], hit[2]))
    dateline = _dateline(paragraphs, now)
    if dateline:
        cands.append(Candidate(dateline, "dateline", W_DATELINE))
    if not any(c.source != "image" for c in cands):
        iso = _from_date_class(root, now)
        if iso:
            cands.append(Candidate(iso, "date_class", W_DATE_CLASS))
    return choose(cands)
