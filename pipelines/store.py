"""Store items in batches and keep the run's ``crawl_runs`` row current.

One transaction per batch (``AUTONEWS_BATCH_SIZE`` items), flushed on close.
New articles reach SQLite's search index in a catch-up pass every
``AUTONEWS_SEARCH_INDEX_EVERY`` new articles and on close (``Store.index_search``);
reprint clusters catch up on close (``Store.cluster_reprints``, ``AUTONEWS_REPRINTS``).
The run row is created in ``open_spider`` and finished in ``close_spider``; a
killed crawl leaves it with ``finish_reason`` NULL and ``status`` 'running'.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler

from autonews import settings as defaults
from autonews.archive.middleware import archive_sync
from autonews.crawling.cpu_stats import CpuStats
from autonews.crawling.runs import run_counts, run_verdict
from autonews.items import ArticleItem
from autonews.store import Store
from autonews.store.engine import utc_now
from autonews.store.store import NEW

logger = logging.getLogger(__name__)


class StorePipeline:
    shared_frontier = False  # one worker of a distributed crawl (see run_verdict)

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.database_url = crawler.settings.get("AUTONEWS_DATABASE_URL")
        self.batch_size = max(1, crawler.settings.getint("AUTONEWS_BATCH_SIZE", defaults.AUTONEWS_BATCH_SIZE))
        self.index_every = crawler.settings.getint(
            "AUTONEWS_SEARCH_INDEX_EVERY", defaults.AUTONEWS_SEARCH_INDEX_EVERY
        )
        self.unindexed = 0  # new articles stored since the last search-index catch-up
        self.reprints = crawler.settings.getbool("AUTONEWS_REPRINTS", defaults.AUTONEWS_REPRINTS)
        self.store: Store | None = None
        self.run_id: int | None = None
        self.buffer: list[ArticleItem] = []
        self.cpu = CpuStats.from_crawler(crawler)
        crawler.signals.connect(self._spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.store = Store.open(self.database_url)
        args = spider.spider_args() if hasattr(spider, "spider_args") else {}
        site = getattr(getattr(spider, "site", None), "name", None)
        self.run_id = self.store.start_run(spider.name, site=site, base_url=args.get("base_url"), args=args)
        self.crawler.stats.set_value("autonews/run_id", self.run_id)
        logger.info("crawl run %s writing to %s", self.run_id, self.database_url)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        self.buffer.append(item)
        if len(self.buffer) >= self.batch_size:
            with self.cpu.measure("pipelines"):
                self.flush()
        return item

    def flush(self) -> None:
        if not self.buffer or self.store is None:
            return
        # Source bytes first: the WARC recorder fsyncs before this batch's articles commit.
        self.crawler.signals.send_catch_log(archive_sync)
        batch, self.buffer = self.buffer, []
        result = self.store.save_batch(batch, run_id=self.run_id)
        for status in result.statuses.values():
            self.crawler.stats.inc_value(f"autonews/articles/{status}")
        self.unindexed += result.count(NEW)
        if 0 < self.index_every <= self.unindexed:
            # At most twice what came in since the last pass: a backlog a killed run left
            # is worked off a slice at a time, not in one long stall of the reactor.
            self.index_search(limit=2 * self.unindexed)

    def index_search(self, limit: int | None = None) -> None:
        if self.store is not None:
            self.crawler.stats.inc_value("autonews/search_indexed", self.store.index_search(limit))
        self.unindexed = 0

    def close_spider(self) -> None:
        with self.cpu.measure("pipelines"):
            self.flush()
            self.index_search()
            if self.reprints and self.store is not None:
                done = self.store.cluster_reprints()
                self.crawler.stats.set_value("autonews/reprints/sketched", done.sketched)
                self.crawler.stats.set_value("autonews/reprints/clusters", done.clusters)

    def _spider_closed(self, spider, reason: str) -> None:
        # After close_spider (stats are final by now, including dropped items).
        if self.store is None or self.run_id is None:
            return
        stats = self.crawler.stats.get_stats()
        max_rate = self.crawler.settings.getfloat("AUTONEWS_MAX_ERROR_RATE", defaults.AUTONEWS_MAX_ERROR_RATE)
        status, why = run_verdict(stats, reason, max_rate, shared_frontier=self.shared_frontier)
        values = run_counts(stats) | {"finished_at": utc_now(), "finish_reason": reason, "status": status,
                                      "failure": why}  # fmt: skip
        self.store.update_run(self.run_id, **values)
        self.crawler.stats.set_value("autonews/run_status", status)
        if why:
            logger.error("crawl run %s failed: %s", self.run_id, why)
        self.store.close()
