"""The ``qiche`` spider: which URLs to follow and which kind of page each is.

home → channel listings (paginated by 下一页) → articles (multi-page ones
stitched into one item).  Reading pages is ``autonews.extract``'s job; the
site's URL patterns come from its profile.

Incremental by default: a listing page whose articles are all stored ends
that channel's walk, and stored articles are not fetched again unless they
are younger than ``AUTONEWS_REFRESH_HOURS`` (``-a refresh=1`` fetches all,
``-a full=1`` walks every listing page).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError

from autonews.cpu_stats import CpuStats
from autonews.dates import date_from_url
from autonews.extract.navigation import page_anchors
from autonews.extract.page import PageFields, parse_page, read_page
from autonews.extract.stitch import add_page, start_item
from autonews.items import ArticleItem
from autonews.sites import get_site
from autonews.store import Store
from autonews.store.engine import utc_now
from autonews.store.known import KnownArticle, KnownArticles

LISTING_PRIORITY = -10


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


class QicheSpider(scrapy.Spider):
    name = "qiche"
    site = get_site("qiche")

    def __init__(
        self,
        base_url: str | None = None,
        channels: str | None = None,
        max_pages: str | int | None = None,
        full: str | bool = False,
        refresh: str | bool = False,
        since: str | None = None,
        until: str | None = None,
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
        self.full, self.refresh = _flag(full), _flag(refresh)
        self.since = date.fromisoformat(since) if since else None
        self.until = date.fromisoformat(until) if until else None
        self.known: KnownArticles | None = None
        self.cpu = CpuStats.off()  # from the settings, in start()
        self.extract = "on"  # from the settings, in from_crawler
        # Article URLs already requested or found stored (and old) in this run.  Related
        # blocks repeat the same few URLs across thousands of pages: asking the database
        # again would only get the same answer (or a request the dupefilter drops).
        self.checked: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> QicheSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Checked here, like the spider's arguments: a bad value stops the crawl before it starts.
        spider.extract = _extract_mode(crawler.settings.get("AUTONEWS_EXTRACT", True))
        return spider

    def spider_args(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "channels": sorted(self.channels or []),
            "max_pages": self.max_pages,
            "full": self.full,
            "refresh": self.refresh,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.started_at = utc_now()
        self.cpu = CpuStats.from_crawler(self.crawler)  # the crawler's stats exist from here on
        self.known = KnownArticles(Store.open(self.settings.get("AUTONEWS_DATABASE_URL")))
        self.refresh_window = timedelta(hours=self.settings.getfloat("AUTONEWS_REFRESH_HOURS", 48))
        run_id = self.crawler.stats.get_value("autonews/run_id")
        if not self.full and not self.known.previous_run_complete(self.name, self.base_url, run_id):
            self.full = True
            self.logger.warning("the previous run did not finish cleanly: walking every listing page")
        yield self._request(self.base_url + "/", self.parse_home)

    def closed(self, reason: str) -> None:
        if self.known is not None:
            self.known.store.close()

    # -- page kinds ------------------------------------------------------
    def parse_home(self, response: Response) -> Iterator[scrapy.Request]:
        for anchor in self._anchors(response):
            channel = self.site.listing_channel(anchor.url)
            if channel and self._wanted(channel):
                yield self._request(anchor.url, self.parse_listing, priority=LISTING_PRIORITY, page=1)

    def parse_listing(self, response: Response, page: int) -> Iterator[scrapy.Request]:
        channel = self.site.listing_channel(response.url)
        anchors = self._anchors(response)
        articles = [a.url for a in anchors if self._listed_article(a.url)]
        articles = list(dict.fromkeys(articles))
        self.crawler.stats.inc_value("autonews/listing/article_links", len(articles))
        known = self._known(articles)
        wanted = self._to_fetch(articles, known)
        self.checked.update(articles)
        yield from (self._request(url, self.parse_article) for url in wanted)
        if not self._keep_paging(articles, known, page):
            return
        for anchor in anchors:
            if anchor.text == self.site.NEXT_PAGE_TEXT and self.site.listing_channel(anchor.url) == channel:
                # Below articles: a listing page is only fetched once the articles of the
                # previous one are done, so pending requests (memory) stay a page deep
                # instead of growing with the whole site.
                yield self._request(anchor.url, self.parse_listing, priority=LISTING_PRIORITY, page=page + 1)
                break

    def parse_article(self, response: Response, hops: int = 0) -> Iterator[Any]:
        if self.extract != "on":
            # Benchmarks: Scrapy's own cost ("off"), or that plus the least any reader
            # must do, decoding and parsing the page ("parse").
            if self.extract == "parse":
                with self.cpu.measure("read_page"):
                    parse_page(response.body, _content_type(response))
            return
        fields = self._read(response)
        fetched_at = datetime.now(self.site.tz).isoformat(timespec="seconds")
        item = start_item(fields, response.url, self.site, fetched_at=fetched_at)
        yield from self._continue(item, fields, hops)

    def parse_article_page(self, response: Response, item: ArticleItem, hops: int) -> Iterator[Any]:
        fields = self._read(response)
        add_page(item, fields)
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
            checked = self.checked
            links = dict.fromkeys(link.url for link in (*item.related, *item.latest))
            fresh = [u for u in links if u not in checked]
            if len(fresh) < len(links):
                # Requested or found stored earlier in this run: not asked again.
                self.crawler.stats.inc_value("autonews/articles/skipped_checked", len(links) - len(fresh))
            targets = [u for u in fresh if self._listed_article(u)]
            checked.update(targets)
            for url in self._to_fetch(targets, self._known(targets)):
                yield self._request(url, self.parse_article, hops=hops + 1)

    def _page_failed(self, failure: Any) -> None:
        # A later page of a long article failed: storing the first pages alone would
        # record a truncated body as whole.  Drop it, counted; the next run retries.
        self._failed(failure)
        self.crawler.stats.inc_value("autonews/dropped/incomplete_article")
        self.logger.warning("dropped multi-page article: %s (%s)", failure.request.url, failure.value)

    def _request(self, url: str, callback: Any, priority: int = 0, **cb_kwargs: Any) -> scrapy.Request:
        return scrapy.Request(
            url, callback=callback, errback=self._failed, cb_kwargs=cb_kwargs, priority=priority
        )

    def _failed(self, failure: Any) -> None:
        """Count a request that failed for good (after retries), by kind.

        Ignored requests (robots.txt, redirect loops) and client errors such as a 404
        for a dead related link are site facts, counted apart; server errors and
        download failures count as run errors (see ``autonews.runs``).
        """
        exc = failure.value
        stats = self.crawler.stats
        if isinstance(exc, HttpError):
            status = exc.response.status
            stats.inc_value(f"autonews/http_status/{status}")
            if status >= 500:
                stats.inc_value("autonews/errors/http_5xx")
            return
        if isinstance(exc, IgnoreRequest):
            stats.inc_value("autonews/ignored")
            return
        stats.inc_value(f"autonews/errors/{type(exc).__name__}")
        self.logger.warning("giving up on %s: %s", failure.request.url, exc)

    # -- what to fetch -------------------------------------------------------
    def _listed_article(self, url: str) -> bool:
        """A first article page on our host, in a wanted channel, inside since/until."""
        ref = self.site.article_ref(url)
        if ref is None or ref.page != 1 or not self._wanted(ref.channel) or not self._on_host(url):
            return False
        day = date_from_url(url)
        return day is None or self._in_range(day)

    def _known(self, urls: list[str]) -> dict[str, KnownArticle]:
        if self.known is None or not urls:
            return {}
        with self.cpu.measure("known_lookup"):
            return self.known.lookup(urls)

    def _to_fetch(self, urls: list[str], known: dict[str, KnownArticle]) -> list[str]:
        if self.refresh:
            return urls
        now = datetime.now(self.site.tz)
        out = [u for u in urls if u not in known or known[u].is_young(now, self.refresh_window)]
        self.crawler.stats.inc_value("autonews/articles/skipped_known", len(urls) - len(out))
        return out

    def _keep_paging(self, articles: list[str], known: dict[str, KnownArticle], page: int) -> bool:
        if self.max_pages is not None and page >= self.max_pages:
            return False
        if (
            self.since is not None
            and articles
            and all((d := date_from_url(u)) is not None and d < self.since for u in articles)
        ):
            return False  # listings run newest first: older pages only get older
        # Stored by an earlier run, not by this one: an article this run (or another
        # worker of it) already stored through a related link says nothing about
        # whether the older listing pages were walked before.
        if (
            not (self.full or self.refresh)
            and articles
            and all(u in known and known[u].first_seen_at < self.started_at for u in articles)
        ):
            self.crawler.stats.inc_value("autonews/listing/stopped_at_known")
            return False
        return True

    def _in_range(self, day: date) -> bool:
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    # -- helpers -------------------------------------------------------------
    def _read(self, response: Response) -> PageFields:
        with self.cpu.measure("read_page"):
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


def _extract_mode(value: Any) -> str:
    text = str(value).strip().lower()
    if text == "parse":
        return "parse"
    if _flag(text):
        return "on"
    if text in {"0", "false", "no", "off"}:
        return "off"
    raise ValueError(f"AUTONEWS_EXTRACT must be true, false or parse, not {value!r}")


def _content_type(response: Response) -> str | None:
    value = response.headers.get(b"Content-Type")
    return value.decode("latin-1") if value else None
