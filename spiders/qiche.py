"""The ``qiche`` spider: which URLs to follow and which kind of page each is.

home → channel listings (paginated by 下一页) → articles (multi-page ones
stitched into one item).  Reading pages is ``autonews.extract``'s job; the
site's URL patterns come from its profile.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from autonews.extract.navigation import page_anchors
from autonews.extract.page import PageFields, read_page
from autonews.items import ArticleItem
from autonews.sites import get_site


class QicheSpider(scrapy.Spider):
    name = "qiche"
    site = get_site("qiche")

    def __init__(
        self,
        base_url: str | None = None,
        channels: str | None = None,
        max_pages: str | int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.base_url = (base_url or self.site.default_base_url).rstrip("/")
        host = urlsplit(self.base_url).hostname
        if not host:
            raise ValueError(f"base_url {base_url!r} has no host")
        self.host = host
        # Follows the base so a mirror (the replica) is crawled exactly like the site.
        self.allowed_domains = [host]
        self.channels = {c.strip() for c in channels.split(",") if c.strip()} if channels else None
        self.max_pages = int(max_pages) if max_pages not in (None, "", "0", 0) else None

    def spider_args(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "channels": sorted(self.channels or []),
            "max_pages": self.max_pages,
        }

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.base_url + "/", callback=self.parse_home)

    # -- page kinds ------------------------------------------------------
    def parse_home(self, response: Response) -> Iterator[scrapy.Request]:
        for anchor in self._anchors(response):
            channel = self.site.listing_channel(anchor.url)
            if channel and self._wanted(channel):
                yield scrapy.Request(anchor.url, callback=self.parse_listing, cb_kwargs={"page": 1})

    def parse_listing(self, response: Response, page: int) -> Iterator[scrapy.Request]:
        channel = self.site.listing_channel(response.url)
        for anchor in self._anchors(response):
            ref = self.site.article_ref(anchor.url)
            if ref is not None and ref.page == 1 and self._wanted(ref.channel):
                self.crawler.stats.inc_value("autonews/listing/article_links")
                yield scrapy.Request(anchor.url, callback=self.parse_article)
            elif (
                anchor.text == self.site.NEXT_PAGE_TEXT
                and self.site.listing_channel(anchor.url) == channel
                and (self.max_pages is None or page < self.max_pages)
            ):
                yield scrapy.Request(anchor.url, callback=self.parse_listing, cb_kwargs={"page": page + 1})

    def parse_article(self, response: Response, hops: int = 0) -> Iterator[Any]:
        fields = self._read(response)
        ref = self.site.article_ref(response.url)
        item = ArticleItem(
            url=response.url,
            site=self.site.name,
            channel=ref.channel if ref else None,
            title=fields.title,
            published_at=fields.published_at,
            source=fields.source,
            author=fields.author,
            editor=fields.editor,
            paragraphs=list(fields.paragraphs),
            related=fields.related,
            latest=fields.latest,
            extractor=fields.extractor,
            fetched_at=datetime.now(self.site.tz).isoformat(timespec="seconds"),
            mojibake=fields.mojibake,
            canonical_url=fields.canonical_url,
            article_key=ref.key if ref else None,
        )
        yield from self._continue(item, fields, hops)

    def parse_article_page(self, response: Response, item: ArticleItem, hops: int) -> Iterator[Any]:
        fields = self._read(response)
        item.paragraphs.extend(fields.paragraphs)
        item.page_count += 1
        item.mojibake = item.mojibake or fields.mojibake
        if fields.extractor == "generic":
            item.extractor = "generic"
        item.related = fields.related or item.related
        item.latest = fields.latest or item.latest
        yield from self._continue(item, fields, hops)

    def _continue(self, item: ArticleItem, fields: PageFields, hops: int) -> Iterator[Any]:
        if fields.next_page:
            yield scrapy.Request(
                fields.next_page,
                callback=self.parse_article_page,
                errback=self._page_failed,
                cb_kwargs={"item": item, "hops": hops},
                priority=10,  # finish an article before starting others: less state held
            )
            return
        yield item
        if self.settings.getbool("AUTONEWS_FOLLOW_RELATED") and hops < 1:
            for link in (*item.related, *item.latest):
                ref = self.site.article_ref(link.url)
                if ref and ref.page == 1 and self._wanted(ref.channel) and self._on_host(link.url):
                    yield scrapy.Request(link.url, callback=self.parse_article, cb_kwargs={"hops": hops + 1})

    def _page_failed(self, failure: Any) -> None:
        # A later page of a long article failed: storing the first pages alone would
        # record a truncated body as whole.  Drop it, counted; the next run retries.
        self.crawler.stats.inc_value("autonews/dropped/incomplete_article")
        self.logger.warning("dropped multi-page article: %s (%s)", failure.request.url, failure.value)

    # -- helpers -------------------------------------------------------------
    def _read(self, response: Response) -> PageFields:
        fields = read_page(
            response.body,
            response.url,
            now=datetime.now(self.site.tz),
            content_type=_content_type(response),
            site=self.site,
        )
        self.crawler.stats.inc_value("autonews/pages/article")
        if fields.extractor == "generic":
            self.crawler.stats.inc_value("autonews/pages/generic_fallback")
        return fields

    def _anchors(self, response: Response):
        return page_anchors(response.body, response.url, _content_type(response))

    def _wanted(self, channel: str) -> bool:
        return self.channels is None or channel in self.channels

    def _on_host(self, url: str) -> bool:
        return urlsplit(url).hostname == self.host


def _content_type(response: Response) -> str | None:
    value = response.headers.get(b"Content-Type")
    return value.decode("latin-1") if value else None
