"""URL shapes per family: article pages, listing pages, and translation from core paths.

Core data and generated articles name articles by their legacy xinwen path; the family's
shape is applied only at the edges (links, listings, sitemaps, expected_*), so nothing
per article is stored twice.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from .families import Family
from .model import ARTICLE_RE, CHANNEL_SLUGS, CHANNELS

_CH = "(" + "|".join(CHANNEL_SLUGS) + ")"
LIVE_RE = re.compile(rf"^/{_CH}/(\d+)(?:_(\d+))?\.htm$")
DATED_RE = re.compile(r"^/news/(\d{4})/(\d{4})/a(\d+)(?:_(\d+))?\.shtml$")
# /a/2024/11/21/8801.shtml: the day in folders, no channel anywhere in the URL.
A_DATED_RE = re.compile(r"^/a/(\d{4})/(\d{2})/(\d{2})/(\d+)(?:_(\d+))?\.shtml$")
# A small number per channel, like DedeCMS's typeid in list-{cid}-{n}.htm.
CHANNEL_IDS: dict[str, int] = {slug: i for i, slug in enumerate(CHANNEL_SLUGS, 1)}
_LISTING_RES = {
    "list_htm": re.compile(rf"^/{_CH}/(?:list_(\d+)\.htm)?$"),
    "index_htm": re.compile(rf"^/{_CH}/(?:index_(\d+)\.htm)?$"),
    "list_cid": re.compile(rf"^/{_CH}/(?:list-\d+-(\d+)\.htm)?$"),
    "query": re.compile(rf"^/{_CH}/()$"),
    "list_html": re.compile(rf"^/{_CH}/(?:list_(\d+)\.html)?$"),
    "folder2": re.compile(rf"^/html/{_CH}/(?:list_(\d+)\.html)?$"),
}


def legacy_path(channel: str, article_id: int, when: datetime, page: int = 1) -> str:
    suffix = "" if page == 1 else f"_{page}"
    return f"/{channel}/xinwen-{when:%Y%m%d}{article_id:06d}{suffix}.html"


def article_path(family: Family, channel: str, article_id: int, when: datetime, page: int = 1) -> str:
    """Page ``page`` of an article in the family's URL shape."""
    suffix = "" if page == 1 else f"_{page}"
    if family.url == "live":
        return f"/{channel}/{article_id}{suffix}.htm"
    if family.url == "dated":
        return f"/news/{when:%Y}/{when:%m%d}/a{article_id}{suffix}.shtml"
    if family.url == "a_dated":
        return f"/a/{when:%Y/%m/%d}/{article_id}{suffix}.shtml"
    return legacy_path(channel, article_id, when, page)


def parse_article(family: Family, path: str) -> tuple[int, str | None, str | None, str | None] | None:
    """(id, channel or None, yyyymmdd or None, page text or None) of a family-shaped path."""
    if family.url == "live":
        if m := LIVE_RE.match(path):
            return int(m.group(2)), m.group(1), None, m.group(3)
        return None
    if family.url == "dated":
        if m := DATED_RE.match(path):
            return int(m.group(3)), None, m.group(1) + m.group(2), m.group(4)
        return None
    if family.url == "a_dated":
        if m := A_DATED_RE.match(path):
            return int(m.group(4)), None, m.group(1) + m.group(2) + m.group(3), m.group(5)
        return None
    return parse_legacy(path)


def parse_legacy(path: str) -> tuple[int, str | None, str | None, str | None] | None:
    if m := ARTICLE_RE.match(path):
        return int(m.group(3)), m.group(1), m.group(2), m.group(4)
    return None


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
    style = family.listing
    if style == "folder2":
        return f"/html/{channel}/list_{page}.html"
    if style == "list_htm":
        return f"/{channel}/list_{page}.htm"
    if style == "index_htm":
        return f"/{channel}/index_{page}.htm"
    if style == "list_cid":
        return f"/{channel}/list-{CHANNEL_IDS[channel]}-{page}.htm"
    if style == "query":
        return f"/{channel}/?page={page}"
    return f"/{channel}/list_{page}.html"


def parse_listing(family: Family, full_path: str) -> tuple[str, int] | None:
    """(channel, page) for a listing path of this family; page 0 means "not a valid page"."""
    split = urlsplit(full_path)
    m = _LISTING_RES[family.listing].match(split.path)
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
