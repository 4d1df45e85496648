"""URL shapes per family: article pages, listing pages, and translation from core paths.

Core data and generated articles name articles by their legacy xinwen path; the family's
shape is applied only at the edges (links, listings, sitemaps, expected_*), so nothing
per article is stored twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from .families import Family
from .model import ARTICLE_RE, CHANNEL_SLUGS, CHANNELS

_SLUGS = "|".join(CHANNEL_SLUGS)
_CH = f"({_SLUGS})"
# A small number per channel, like DedeCMS's typeid in list-{cid}-{n}.htm.
CHANNEL_IDS: dict[str, int] = {slug: i for i, slug in enumerate(CHANNEL_SLUGS, 1)}


@dataclass(frozen=True, slots=True)
class _Shape:
    """One URL shape both ways: ``path`` (str.format with channel, id, when, suffix) writes it,
    ``pattern`` reads it back (named groups: id, page, channel if the URL has one, and the
    day in ``day*`` groups, in yyyy mm dd order)."""

    path: str
    pattern: re.Pattern[str]


_ARTICLE_SHAPES: dict[str, _Shape] = {
    "live": _Shape(
        "/{channel}/{id}{suffix}.htm",
        re.compile(rf"^/(?P<channel>{_SLUGS})/(?P<id>\d+)(?:_(?P<page>\d+))?\.htm$"),
    ),
    "dated": _Shape(
        "/news/{when:%Y}/{when:%m%d}/a{id}{suffix}.shtml",
        re.compile(r"^/news/(?P<day_y>\d{4})/(?P<day_md>\d{4})/a(?P<id>\d+)(?:_(?P<page>\d+))?\.shtml$"),
    ),
    # /a/2024/11/21/8801.shtml: the day in folders, no channel anywhere in the URL.
    "a_dated": _Shape(
        "/a/{when:%Y/%m/%d}/{id}{suffix}.shtml",
        re.compile(
            r"^/a/(?P<day_y>\d{4})/(?P<day_m>\d{2})/(?P<day_d>\d{2})/(?P<id>\d+)(?:_(?P<page>\d+))?\.shtml$"
        ),
    ),
    "legacy": _Shape("/{channel}/xinwen-{when:%Y%m%d}{id:06d}{suffix}.html", ARTICLE_RE),
}
# Listing styles both ways: page ``page`` > 1 (str.format with channel, cid, page), and a
# pattern whose groups are the channel and the page number (absent on page 1).
_LISTINGS: dict[str, tuple[str, re.Pattern[str]]] = {
    "list_htm": ("/{channel}/list_{page}.htm", re.compile(rf"^/{_CH}/(?:list_(\d+)\.htm)?$")),
    "index_htm": ("/{channel}/index_{page}.htm", re.compile(rf"^/{_CH}/(?:index_(\d+)\.htm)?$")),
    "list_cid": ("/{channel}/list-{cid}-{page}.htm", re.compile(rf"^/{_CH}/(?:list-\d+-(\d+)\.htm)?$")),
    "query": ("/{channel}/?page={page}", re.compile(rf"^/{_CH}/()$")),
    "list_html": ("/{channel}/list_{page}.html", re.compile(rf"^/{_CH}/(?:list_(\d+)\.html)?$")),
    "folder2": ("/html/{channel}/list_{page}.html", re.compile(rf"^/html/{_CH}/(?:list_(\d+)\.html)?$")),
}

ParsedPath = tuple[int, str | None, str | None, str | None]


def _shaped(shape: _Shape, channel: str, article_id: int, when: datetime, page: int) -> str:
    suffix = "" if page == 1 else f"_{page}"
    return shape.path.format(channel=channel, id=article_id, when=when, suffix=suffix)


def legacy_path(channel: str, article_id: int, when: datetime, page: int = 1) -> str:
    return _shaped(_ARTICLE_SHAPES["legacy"], channel, article_id, when, page)


def article_path(family: Family, channel: str, article_id: int, when: datetime, page: int = 1) -> str:
    """Page ``page`` of an article in the family's URL shape."""
    return _shaped(_ARTICLE_SHAPES[family.url], channel, article_id, when, page)


def _parsed(shape: _Shape, path: str) -> ParsedPath | None:
    m = shape.pattern.match(path)
    if m is None:
        return None
    groups = m.groupdict()
    day = "".join(v for k, v in groups.items() if k.startswith("day")) or None
    return int(groups["id"]), groups.get("channel"), day, groups["page"]


def parse_article(family: Family, path: str) -> ParsedPath | None:
    """(id, channel or None, yyyymmdd or None, page text or None) of a family-shaped path."""
    return _parsed(_ARTICLE_SHAPES[family.url], path)


def parse_legacy(path: str) -> ParsedPath | None:
    return _parsed(_ARTICLE_SHAPES["legacy"], path)


def translate(family: Family, path: str, keep_legacy: bool = False) -> str:
    """A core-data (legacy) path in the family's shape; v0 targets (``keep_legacy``) keep theirs."""
    m = ARTICLE_RE.match(path)
    if m is None or keep_legacy or family.url == "legacy":
        return path
    when = datetime.strptime(m.group(2), "%Y%m%d")
    return article_path(family, m.group(1), int(m.group(3)), when, int(m.group(4) or 1))


def legacy_date(path: str) -> datetime | None:
    """The day a legacy path carries (used for teasers of pages that no longer exist)."""
    m = ARTICLE_RE.match(path)
    return datetime.strptime(m.group(2), "%Y%m%d") if m else None


def listing_prefix(family: Family) -> str:
    return "/html" if family.listing == "folder2" else ""


def listing_root(family: Family, channel: str) -> str:
    """Page 1 of a channel's listing: a top folder, or one under /html/ (a second level)."""
    return f"{listing_prefix(family)}/{channel}/"


def listing_path(family: Family, channel: str, page: int) -> str:
    if page == 1:
        return listing_root(family, channel)
    page_format = _LISTINGS[family.listing][0]
    return page_format.format(channel=channel, cid=CHANNEL_IDS.get(channel), page=page)


def parse_listing(family: Family, full_path: str) -> tuple[str, int] | None:
    """(channel, page) for a listing path of this family; page 0 means "not a valid page"."""
    split = urlsplit(full_path)
    m = _LISTINGS[family.listing][1].match(split.path)
    if m is None or m.group(1) not in CHANNELS:
        return None
    channel = m.group(1)
    if family.listing == "query":
        values = parse_qs(split.query).get("page")
        if not values:
            return channel, 1
        return (channel, int(values[0])) if values[0].isdigit() else (channel, 0)
    if family.listing == "list_cid" and m.group(2) is not None:
        cid = int(split.path.rsplit("/", 1)[1].split("-")[1])
        if cid != CHANNEL_IDS[channel]:
            return channel, 0
    if m.group(2) is None:
        return channel, 1
    # An explicit page 1 (list_1.htm) is not a page: the CMS writes page 1 as /{ch}/.
    return channel, int(m.group(2)) if m.group(2) != "1" else 0


def pager_href(family: Family, channel: str, page: int) -> str:
    """A listing pager's href: rooted or relative to /{channel}/ per family."""
    rooted = listing_path(family, channel, page)
    if family.pager_rooted:
        return rooted
    rest = rooted[len(listing_root(family, channel)) :]
    return rest or "./"
