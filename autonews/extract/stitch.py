"""Pages of one article → one item: the spider's stitching as pure functions.

The spider (one request per page) and ``autonews reextract`` (pages from the
archive) both build items with these, so a re-extracted article is the article
the crawl stored.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields

from autonews.extract.page import PageFields
from autonews.items import ArticleFields, ArticleItem
from autonews.sites.base import SiteProfile

_SHARED = tuple(f.name for f in dataclass_fields(ArticleFields))


def start_item(
    fields: PageFields, url: str, site: type[SiteProfile], *, fetched_at: str | None
) -> ArticleItem:
    """The item for an article's first page."""
    ref = site.article_ref(url)
    shared = {name: getattr(fields, name) for name in _SHARED}
    shared["paragraphs"] = list(fields.paragraphs)  # later pages extend the item's own list
    return ArticleItem(
        **shared,
        url=url,
        site=site.name,
        channel=(ref.channel if ref else None) or fields.channel,
        extractor=fields.extractor,
        fetched_at=fetched_at,
        article_key=site.article_key(url),
    )


def add_page(item: ArticleItem, fields: PageFields) -> ArticleItem:
    """Append a later page: its body, and link blocks where the last page has them."""
    item.paragraphs.extend(fields.paragraphs)
    item.page_count += 1
    item.mojibake = item.mojibake or fields.mojibake
    if fields.extractor == "generic":
        item.extractor = "generic"
    item.related = fields.related or item.related
    item.latest = fields.latest or item.latest
    item.other = fields.other or item.other
    return item
