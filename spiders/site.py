"""One spider for any site profile: it walks the sources the profile declares.

home page → channel listings (paginated) → articles; robots.txt and /sitemap.xml →
sitemaps (indexes, gzip) → articles; feeds announced by the home page → articles.
Multi-page articles are stitched into one item.  Every page is read by what it is:
a URL that matches the profile's article shape is only a guess until its page reads
as an article, and a link that matches no shape is followed when it reads like a
headline.  What the crawl learns of the site's URL shapes speeds later decisions.

The policy (what is known, the refresh window, when a listing walk stops) is
``autonews.crawling.policy``; failed requests are counted by
``autonews.crawling.failures``; reading pages is ``autonews.extract``'s job.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response

from autonews import settings as defaults
from autonews.crawling.args import SpiderArgs
from autonews.crawling.cpu_stats import CpuStats
from autonews.crawling.policy import CrawlPolicy
from autonews.crawling.shapes import UrlShapes, looks_like_channel, looks_like_headline, url_channel
from autonews.crawling.sitemaps import Entry, read_feed, read_sitemap, robots_sitemaps, sitemap_body
from autonews.dates.text import with_year_near
from autonews.extract.furniture import FurnitureLearner
from autonews.extract.navigation import Anchor, read_links
from autonews.extract.page import PageFields
from autonews.extract.pagination import next_page
from autonews.extract.reader import LearningReader
from autonews.extract.stitch import add_page, start_item
from autonews.items import ArticleItem
from autonews.sites import GenericSite, SiteProfile
from autonews.sites.base import url_host
from autonews.sites.sources import Feeds, HomePage, Sitemaps
from autonews.store import Store
from autonews.store.engine import utc_now
from autonews.store.known import KnownArticles

LISTING_PRIORITY = -10
FLUSH_URL = "data:,autonews-flush"


@dataclass(slots=True)
class _Waiting:
    """An article whose time has no year and whose URL, page and source gave none yet."""

    item: ArticleItem


class SiteSpider(scrapy.Spider):
    site: ClassVar[type[SiteProfile]]
    # A site with no profile: its furniture is learned from its pages (``extract.furniture``).
    learns_furniture: ClassVar[bool] = False

    def __init__(self, **kwargs: Any) -> None:
        self.args = SpiderArgs.parse(kwargs, default_base_url=self.site.default_base_url)
        super().__init__(**self.args.rest)
        self.base_url = self.args.base_url
        self.host = urlsplit(self.base_url).hostname or ""
        # Follows the base so a mirror (the replica) is crawled exactly like the site.
        self.allowed_domains = [self.host]
        self.shapes = UrlShapes()
        self.reader = LearningReader(self.site, FurnitureLearner() if self.learns_furniture else None)
        # Articles read before the furniture learner was warm, held back until it is.
        self.held: list[ArticleItem] = []
        self.channels_seen: set[str] = set()
        self.reread: set[str] = set()
        self._checks_seen = 0
        self.waiting: dict[str, _Waiting] = {}
        # Articles requested with no day from a source (through a link block), and the
        # days a listing or sitemap gave them while their request was still pending.
        self.hintless: set[str] = set()
        self.late_days: dict[str, date] = {}
        self.policy: CrawlPolicy | None = None
        self.cpu = CpuStats.off()  # from the settings, in start()

    @classmethod
    def check_args(cls, kwargs: dict[str, Any]) -> None:
        """Raise ``SpiderArgError`` (one line) for arguments the crawl cannot use."""
        SpiderArgs.parse(kwargs, default_base_url=cls.site.default_base_url)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._idle, signal=signals.spider_idle)
        return spider

    def spider_args(self) -> dict[str, Any]:
        return self.args.record()

    def open_policy(self) -> CrawlPolicy:
        store = Store.open(self.settings.get("AUTONEWS_DATABASE_URL"))
        policy = CrawlPolicy(
            KnownArticles(store),
            tz=self.site.tz,
            started_at=utc_now(),
            refresh_window=timedelta(
                hours=self.settings.getfloat("AUTONEWS_REFRESH_HOURS", defaults.AUTONEWS_REFRESH_HOURS)
            ),
            full=self.args.full,
            refresh=self.args.refresh,
            since=self.args.since,
            until=self.args.until,
            max_pages=self.args.max_pages,
        )
        run_id = self.crawler.stats.get_value("autonews/run_id")
        complete = policy.known.previous_run_complete(self.name, self.base_url, run_id)
        if policy.walk_everything_after(complete):
            self.logger.warning("the previous run did not finish cleanly: walking every listing page")
        return policy

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.cpu = CpuStats.from_crawler(self.crawler)  # the crawler's stats exist from here on
        self.policy = self.open_policy()
        if self.learns_furniture:
            learned = self.policy.known.store.learned_furniture(self.site.name)
            self.reader.furniture = FurnitureLearner(learned.lines, learned.pages)
        if self.args.channels:
            self.crawler.stats.set_value("autonews/args/channels", ",".join(sorted(self.args.channels)))
        for source in self.site.SOURCES:
            if isinstance(source, HomePage):
                yield self._source(source.path, self.parse_home, "home")
            elif isinstance(source, Sitemaps):
                if source.from_robots:
                    yield self._source("/robots.txt", self.parse_robots, "robots", dont_obey_robotstxt=True)
                for path in source.paths:
                    yield self._source(path, self.parse_sitemap, "sitemap")
            elif isinstance(source, Feeds):
                for path in source.paths:
                    yield self._source(path, self.parse_feed, "feed")

    def closed(self, reason: str) -> None:
        if self.policy is not None and self.policy.known is not None:
            store = self.policy.known.store
            learner = self.reader.furniture
            learned = store.record_site(
                self.site.name, host=self.host, name=self.site.label,
                kind="generic" if self.learns_furniture else "profile",
                furniture=tuple(sorted(learner.lines)) if learner else None,
                pages=learner.pages if learner else 0,
            )  # fmt: skip
            if learner is not None:
                self.crawler.stats.set_value("autonews/furniture/lines", len(learned.lines))
                self.crawler.stats.set_value("autonews/furniture/version", learned.version)
            store.close()

    # -- sources ---------------------------------------------------------------
    def _source(self, path: str, callback: Any, kind: str, **meta: Any) -> scrapy.Request:
        self.crawler.stats.inc_value(f"autonews/sources/requested/{kind}")
        return scrapy.Request(
            self.base_url + path,
            callback=callback,
            errback=self._source_failed,
            priority=LISTING_PRIORITY,
            # A run resumed from JOBDIR asks its sources again (its dupefilter has seen
            # them) to tell a reached site from a dead one; workers on a shared frontier
            # must still fetch each source once between them.
            dont_filter=bool(self.crawler.settings.get("JOBDIR")),
            meta={"autonews_source": kind, **meta},
        )

    def _source_failed(self, failure: Any) -> Any:
        # Counted here by kind so the run's verdict can tell "no sitemap" (a fact about
        # the site) from "the home page is gone" (nothing reached).
        kind = failure.request.meta.get("autonews_source", "other")
        self.crawler.stats.inc_value(f"autonews/sources/failed/{kind}")
        return failure  # on to FailureStats, which counts it by kind of failure

    def _reached(self, response: Response) -> None:
        kind = response.meta.get("autonews_source")
        if kind:
            self.crawler.stats.inc_value(f"autonews/sources/reached/{kind}")

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        self._reached(response)
        for url in robots_sitemaps(response.body, self.base_url):
            if self._on_site(url):
                yield self._request(url, self.parse_sitemap, priority=LISTING_PRIORITY, source="sitemap")

    def parse_sitemap(self, response: Response, source: str | None = None) -> Iterator[Any]:
        body = sitemap_body(response.body, self.settings.getint("DOWNLOAD_MAXSIZE"))
        doc = read_sitemap(body)
        if doc is None:
            self.crawler.stats.inc_value("autonews/sources/not_a_sitemap")
            return
        self._reached(response)
        if doc.is_index:
            for entry in doc.entries:
                if self._on_site(entry.url):
                    yield self._request(entry.url, self.parse_sitemap, priority=LISTING_PRIORITY)
            return
        yield from self._entries(doc.entries, "sitemap")

    def parse_feed(self, response: Response) -> Iterator[Any]:
        entries = read_feed(response.body, response.url)
        if entries is None:
            self.crawler.stats.inc_value("autonews/sources/not_a_feed")
            return
        self._reached(response)
        yield from self._entries(entries, "feed")

    def _entries(self, entries: Iterable[Entry], kind: str) -> Iterator[Any]:
        anchors = [Anchor(e.url, "", e.day) for e in entries if self._on_site(e.url)]
        self.crawler.stats.inc_value(f"autonews/{kind}/entries", len(anchors))
        yield from self._release(anchors)
        articles = [a for a in anchors if self._article_candidate(a, trust=True)]
        yield from self._fetch_articles(articles, listing_channel=None, lastmod=True)

    # -- home and listings -----------------------------------------------------
    def parse_home(self, response: Response) -> Iterator[Any]:
        self._reached(response)
        page = read_links(response.body, response.url, _content_type(response))
        if any(isinstance(s, Feeds) and s.announced for s in self.site.SOURCES):
            for url in page.feeds:
                if self._on_site(url):
                    yield self._request(url, self.parse_feed, priority=LISTING_PRIORITY)
        yield from self._release(page.anchors)
        for anchor in page.anchors:
            channel = self._listing_channel(anchor)
            if channel:
                self.channels_seen.add(channel)
            if channel and self._wanted(channel):
                yield self._request(
                    anchor.url, self.parse_listing, priority=LISTING_PRIORITY, page=1, channel=channel
                )
        if self.args.channels is None:
            articles = [a for a in page.anchors if self._article_candidate(a)]
            yield from self._fetch_articles(articles, listing_channel=None)

    def parse_listing(self, response: Response, page: int, channel: str | None) -> Iterator[Any]:
        self.crawler.stats.inc_value("autonews/listing/pages")
        links = read_links(response.body, response.url, _content_type(response))
        yield from self._release(links.anchors)
        articles = list({a.url: a for a in links.anchors if self._article_candidate(a)}.values())
        self.crawler.stats.inc_value("autonews/listing/article_links", len(articles))
        policy = self._policy()
        known = self._lookup([a.url for a in articles])
        yield from self._fetch_articles(articles, listing_channel=channel, known=known)
        keep, why = policy.keep_paging(page, [a.url for a in articles], [a.day for a in articles], known)
        if not keep:
            if why:
                self.crawler.stats.inc_value(f"autonews/listing/{why}")
            return
        article_urls = {a.url for a in articles}
        here = urlsplit(response.url).path
        directory = here if here.endswith("/") else here.rsplit("/", 1)[0] + "/"

        def same_listing(url: str) -> bool:
            # A later page of this listing: on the site, under the listing's own folder,
            # and not one of the articles it lists.
            return self._on_site(url) and url not in article_urls and urlsplit(url).path.startswith(directory)

        target = next_page(links.root, response.url, same_listing, current=page)
        if target:
            # Below articles: a listing page is only fetched once the articles of the
            # previous one are done, so pending requests (memory) stay a page deep
            # instead of growing with the whole site.
            yield self._request(
                target, self.parse_listing, priority=LISTING_PRIORITY, page=page + 1, channel=channel
            )

    def _fetch_articles(
        self,
        anchors: list[Anchor],
        listing_channel: str | None,
        known: dict | None = None,
        lastmod: bool = False,
    ) -> list[scrapy.Request]:
        """Requests for the anchors' articles that are new or may have changed.

        A list, not a generator: Scrapy consumes a callback's output lazily, so marking
        URLs checked as they are yielded would let another callback request the same
        article meanwhile (and the dupefilter keep whichever came first, without its
        day).  ``lastmod``: the anchors' days are a sitemap's or feed's lastmod, which
        says whether a stored article changed since we fetched it.
        """
        policy = self._policy()
        fresh = [a for a in anchors if a.url not in policy.checked]
        if not fresh:
            return []
        if known is None:
            known = self._lookup([a.url for a in fresh])
        days = {a.url: a.day for a in fresh if a.day is not None} if lastmod else None
        wanted = set(policy.to_fetch([a.url for a in fresh], known, days))
        self.crawler.stats.inc_value("autonews/articles/skipped_known", len(fresh) - len(wanted))
        requests = []
        for anchor in fresh:
            policy.checked.add(anchor.url)
            if anchor.url in wanted and policy.in_range(self.site.url_date(anchor.url)):
                if anchor.day is None:
                    self.hintless.add(anchor.url)
                requests.append(
                    self._request(
                        anchor.url, self.parse_article, hint=anchor.day, channel=listing_channel, hops=0
                    )
                )
        return requests

    # -- articles --------------------------------------------------------------
    def parse_article(
        self, response: Response, hint: date | None = None, channel: str | None = None, hops: int = 0
    ) -> Iterator[Any]:
        if response.url in self.hintless:
            # Stays hintless until the item is whole: a listing may name it while its
            # later pages are fetched (see ``_continue``).
            hint = hint or self.late_days.pop(response.url, None)
        fields = self._read(response, hint)
        article = fields.is_article()
        self.shapes.record(response.url, article)
        if not article and self.site.article_ref(response.url) is None:
            # A link followed by meaning that did not read as an article: a fact about
            # the page, not a failure.  One the site's own URL rule names goes on to
            # validation, which drops it with its reason (no body, no title), counted.
            self.crawler.stats.inc_value("autonews/pages/not_article")
            return
        fetched_at = datetime.now(self.site.tz).isoformat(timespec="seconds")
        item = start_item(fields, response.url, self.site, fetched_at=fetched_at)
        # The listing's, when neither URL rule nor breadcrumb says; else the URL's first
        # folder when the home page links it as a channel (/hangye/343415.htm).
        item.channel = item.channel or channel or self._url_channel(response.url)
        yield from self._continue(item, fields, hops, hint)

    def parse_article_page(
        self, response: Response, item: ArticleItem, hops: int, hint: date | None = None
    ) -> Iterator[Any]:
        fields = self._read(response, hint)
        add_page(item, fields)
        yield from self._continue(item, fields, hops, hint)

    def _continue(self, item: ArticleItem, fields: PageFields, hops: int, hint: date | None) -> Iterator[Any]:
        if fields.next_page and item.page_count < 50:
            yield scrapy.Request(
                fields.next_page,
                callback=self.parse_article_page,
                errback=self._page_failed,
                cb_kwargs={"item": item, "hops": hops, "hint": hint},
                priority=10,  # finish an article before starting others: less state held
            )
            return
        if item.url in self.hintless:
            self.hintless.discard(item.url)
            late = self.late_days.pop(item.url, None)
            if item.year_guessed and hint is None and late is not None:
                item.published_at = with_year_near(
                    item.published_at or "", late, now=datetime.now(self.site.tz)
                )
                item.year_guessed = False
        if item.year_guessed and hint is None:
            # A yearless time with no year on the page or in the URL: a listing or sitemap
            # that names this article later gives its year; the end of the run, the crawl's.
            self.waiting[item.url] = _Waiting(item)
            self.crawler.stats.inc_value("autonews/articles/waiting_for_year")
        else:
            yield from self._emit(item)
        if self.settings.getbool("AUTONEWS_FOLLOW_RELATED", defaults.AUTONEWS_FOLLOW_RELATED) and hops < 1:
            checked = self._policy().checked
            urls = dict.fromkeys(link.url for link in (*item.related, *item.latest))
            # Most of a page's link targets were requested or found stored already: those
            # are counted and skipped before any URL is classified.
            fresh = [Anchor(u, "") for u in urls if u not in checked]
            if len(fresh) < len(urls):
                self.crawler.stats.inc_value("autonews/articles/skipped_checked", len(urls) - len(fresh))
            targets = [a for a in fresh if self._article_candidate(a, trust=True)]
            for request in self._fetch_articles(targets, listing_channel=None):
                request.cb_kwargs["hops"] = hops + 1
                yield request

    def _page_failed(self, failure: Any) -> Any:
        # A later page of a long article failed: storing the first pages alone would
        # record a truncated body as whole.  Drop it, counted; the next run retries.
        self.crawler.stats.inc_value("autonews/dropped/incomplete_article")
        self.logger.warning("dropped multi-page article: %s (%s)", failure.request.url, failure.value)
        return failure  # on to FailureStats

    # -- articles waiting for a year -------------------------------------------
    def _release(self, anchors: Iterable[Anchor]) -> list[Any]:
        """Items waiting for the day a source now gives them; and days for pending ones.
        A list, like ``_fetch_articles``: done when the source is read, not when Scrapy
        gets round to the callback's output."""
        released: list[ArticleItem] = []
        if not (self.waiting or self.hintless):
            return released
        for anchor in anchors:
            if anchor.day is None:
                continue
            if anchor.url in self.hintless:
                self.late_days[anchor.url] = anchor.day
            if anchor.url in self.waiting:
                item = self.waiting.pop(anchor.url).item
                item.published_at = with_year_near(
                    item.published_at or "", anchor.day, now=datetime.now(self.site.tz)
                )
                item.year_guessed = False
                released.extend(self._emit(item))
        return released

    def _idle(self) -> None:
        if self.waiting or self.held:
            self.crawler.engine.crawl(
                scrapy.Request(
                    FLUSH_URL,
                    callback=self._flush_waiting,
                    dont_filter=True,
                    meta={"dont_obey_robotstxt": True, "autonews_local": True},
                )
            )
            raise DontCloseSpider

    def _flush_waiting(self, response: Response) -> Iterator[Any]:
        # Nothing named them: the year stays the one read with the crawl's date.
        waiting = [w.item for w in self.waiting.values()]
        self.waiting.clear()
        if self.reader.furniture is not None:
            # A site smaller than the warm-up: what its pages show is all there is to learn.
            self.reader.furniture.settle(final=True)
        held, self.held = self.held, []
        for item in (*held, *waiting):
            yield from self._settled(item)

    # -- furniture learned from the site ---------------------------------------
    def _emit(self, item: ArticleItem) -> list[Any]:
        learner = self.reader.furniture
        if learner is None:
            return [item]
        if not learner.warm:
            self.held.append(item)
            self.crawler.stats.inc_value("autonews/furniture/held")
            return []
        held, self.held = self.held, []
        return [out for each in (*held, item) for out in self._settled(item=each)]

    def _settled(self, item: ArticleItem) -> list[Any]:
        """The item, or a request to read its page again when it was read before lines
        it carries were learned as furniture: with them known, another block may be
        the body (a short article whose disclaimer outweighed it)."""
        learner = self.reader.furniture
        if learner is None or not any(p in learner.lines for p in item.paragraphs):
            return [item]
        if item.url in self.reread:
            # Read again with the rules and still there: the rules' own cleaning is the answer.
            item.paragraphs = [p for p in item.paragraphs if p not in learner.lines]
            return [item]
        self.reread.add(item.url)
        self.crawler.stats.inc_value("autonews/furniture/reread")
        day = _day_of(item.published_at)
        request = self._request(item.url, self.parse_article, hint=day, channel=item.channel, hops=1)
        request.dont_filter = True
        return [request]

    # -- what to follow ----------------------------------------------------------
    def _article_candidate(self, anchor: Anchor, trust: bool = False) -> bool:
        """May this link be an article?  ``trust``: it came from a sitemap, a feed or a
        link block, which name articles, so no headline-like text is needed."""
        url = anchor.url
        if not self._on_site(url):
            return False
        ref = self.site.article_ref(url)
        if ref is not None:
            return ref.page == 1 and (ref.channel is None or self._wanted(ref.channel))
        learned = self.shapes.says(url)
        if learned is not None:
            return learned
        if self.site.listing_channel(url) or _first_segment(url) in self.site.NON_NEWS_SECTIONS:
            return False
        path = urlsplit(url).path
        if path in ("", "/") or path.endswith("/"):
            return False
        return trust or looks_like_headline(anchor.text)

    def _listing_channel(self, anchor: Anchor) -> str | None:
        if not self._on_site(anchor.url):
            return None
        channel = self.site.listing_channel(anchor.url)
        if channel:
            return channel
        slug = looks_like_channel(anchor.url, anchor.text)
        return slug if slug and slug not in self.site.NON_NEWS_SECTIONS else None

    def _url_channel(self, url: str) -> str | None:
        return url_channel(
            url,
            self.channels_seen,
            self.site.NON_NEWS_SECTIONS,
            first_folder=issubclass(self.site, GenericSite),
        )

    def _lookup(self, urls: list[str]) -> dict:
        with self.cpu.measure("known_lookup"):
            return self._policy().lookup(urls)

    def _policy(self) -> CrawlPolicy:
        assert self.policy is not None, "start() opens the policy"
        return self.policy

    def _request(self, url: str, callback: Any, priority: int = 0, **cb_kwargs: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, cb_kwargs=cb_kwargs, priority=priority)

    def _read(self, response: Response, hint: date | None) -> PageFields:
        with self.cpu.measure("read_page"):
            fields = self.reader.read(
                response.body, response.url, now=datetime.now(self.site.tz), content_type=_content_type(response),
                hint=hint,
            )  # fmt: skip
        stats = self.crawler.stats
        stats.inc_value("autonews/pages/article")
        if fields.extractor == "generic":
            stats.inc_value("autonews/pages/generic_fallback")
        elif fields.extractor == "learned":
            stats.inc_value("autonews/pages/learned_layout")
        if self.reader.checks != self._checks_seen:  # a stats call costs; checks are rare
            self._checks_seen = self.reader.checks
            stats.set_value("autonews/learned_layout/checks", self.reader.checks)
            stats.set_value("autonews/learned_layout/rejected", self.reader.rejections)
        return fields

    def _wanted(self, channel: str) -> bool:
        return self.args.channels is None or channel in self.args.channels

    def _on_site(self, url: str) -> bool:
        return url_host(url) == self.host


def _day_of(published_at: str | None) -> date | None:
    try:
        return date.fromisoformat(published_at[:10]) if published_at else None
    except ValueError:
        return None


def _first_segment(url: str) -> str:
    return urlsplit(url).path.strip("/").split("/", 1)[0]


def _content_type(response: Response) -> str | None:
    value = response.headers.get(b"Content-Type")
    return value.decode("latin-1") if value else None
