"""Pages of one article → one item: the spider's stitching as pure functions.

The spider (one request per page) and ``autonews reextract`` (pages from the
archive) both build items with these, so a re-extracted article is the article
the crawl stored.
"""

from __future__ import annotations

from autonews.extract.page import PageFields
from autonews.items import ArticleItem
from autonews.sites.base import SiteProfile


def start_item(
    fields: PageFields, url: str, site: type[SiteProfile], *, fetched_at: str | None
) -> ArticleItem:
    """The item for an article's first page."""
    ref = site.article_ref(url)
    return ArticleItem(
        url=url,
        site=site.name,
        channel=(ref.channel if ref else None) or fields.channel,
        title=fields.title,
        published_at=fields.published_at,
        source=fields.source,
        author=fields.author,
        editor=fields.editor,
        paragraphs=list(fields.paragraphs),
        related=fields.related,
        latest=fields.latest,
        other=fields.other,
        extractor=fields.extractor,
        fetched_at=fetched_at,
        mojibake=fields.mojibake,
        canonical_url=fields.canonical_url,
        article_key=site.article_key(url),
        year_guessed=fields.year_guessed,
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
