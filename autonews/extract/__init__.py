"""Pure extraction: raw page bytes in, article fields out (no Scrapy, no database)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from autonews.dates.limits import SITE_TZ
from autonews.extract.page import PageFields, read_page
from autonews.extract.stitch import start_item
from autonews.items import ArticleItem
from autonews.sites import SiteProfile, site_for_url
from autonews.sites.base import GenericSite
from autonews.text.validate import Rejected, finish_item


def page_to_item(fields: PageFields, url: str, site: type[SiteProfile] | None) -> ArticleItem:
    """The item of a single page (``autonews extract``); generic pages have no profile."""
    if site is not None:
        return start_item(fields, url, site, fetched_at=None)
    item = start_item(fields, url, GenericSite, fetched_at=None)
    item.site, item.channel, item.article_key = "generic", None, None
    return item


def extract_article(
    body: bytes,
    url: str,
    *,
    content_type: str | None = None,
    now: datetime | None = None,
    site: type[SiteProfile] | None = None,
    generic: bool = False,
) -> dict[str, Any]:
    """One saved page → the JSON object ``autonews extract`` prints.

    Without ``site`` the profile is chosen from the URL's host (generic when none
    matches); ``generic=True`` skips the site selectors.
    """
    now = now or datetime.now(SITE_TZ)
    if site is None and not generic:
        site = site_for_url(url)
    fields = read_page(body, url, now=now, content_type=content_type, site=site, force_generic=generic)
    item = page_to_item(fields, url, site)
    problem = None
    try:
        finish_item(item, drop_mojibake=False)
    except Rejected as exc:
        problem = exc.reason
    out = {
        "url": url,
        "title": item.title,
        "published_at": item.published_at,
        "source": item.source,
        "author": item.author,
        "editor": item.editor,
        "channel": item.channel,
        "body": item.body,
        "related": [link.to_dict() for link in item.related],
        "latest": [link.to_dict() for link in item.latest],
        "extractor": item.extractor,
        "next_page": fields.next_page,
        "encoding": fields.encoding,
        "mojibake": fields.mojibake,
    }
    if problem:
        out["problem"] = problem
    return out
