"""Scale out: many crawler processes on one shared frontier (scrapy-redis) and one database.

``AUTONEWS_REDIS_URL`` switches a crawl to the shared frontier; without it
nothing here is active and scrapy-redis need not be installed.  Every worker
runs the same command::

    AUTONEWS_REDIS_URL=redis://queue:6379/0 \\
    AUTONEWS_DATABASE_URL=postgresql+psycopg://crawler@db/news scrapy crawl qiche

Each yields the home page; the shared dupefilter lets one through, and from
then on every request goes through the shared queue, fetched once by whichever
worker takes it.  The incremental checks read the shared database.  How taken
requests survive a killed worker and how a run starts fresh is told in
``autonews.distributed.frontier``; how they are acknowledged, in
``autonews.distributed.scheduler``.

A run ends by itself: a worker closes (reason ``finished``, exit 0) once the
frontier has stayed quiet -- nothing queued, nothing in flight at any worker --
for ``AUTONEWS_IDLE_EXIT_SECONDS``.  Each worker records its own ``crawl_runs`` row.
"""

from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.settings import BaseSettings
from twisted.internet import task

from autonews import settings as defaults

logger = logging.getLogger(__name__)
_STORE_PIPELINE = "pipelines.store.StorePipeline"


class RedisFrontier:
    """Scrapy add-on: turns the shared frontier on when ``AUTONEWS_REDIS_URL`` is set."""

    def update_settings(self, settings: BaseSettings) -> None:
        url = settings.get("AUTONEWS_REDIS_URL")
        if not url:
            return
        prefix = settings.get("AUTONEWS_REDIS_PREFIX", defaults.AUTONEWS_REDIS_PREFIX)
        settings.set("SCHEDULER", "autonews.distributed.scheduler.SharedScheduler", "addon")
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", "addon")
        settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.PriorityQueue", "addon")
        settings.set("SCHEDULER_QUEUE_KEY", f"{prefix}:%(spider)s:requests", "addon")
        settings.set("SCHEDULER_DUPEFILTER_KEY", f"{prefix}:%(spider)s:dupefilter", "addon")
        settings.set("REDIS_URL", url, "addon")
        # The queue is shared: one worker closing must never flush it (the run's start does).
        settings.set("SCHEDULER_PERSIST", True, "addon")
        settings.set("SCHEDULER_FLUSH_ON_START", False, "addon")
        settings.set("SCHEDULER_IDLE_BEFORE_CLOSE", 0, "addon")
        # Imported only here: a crawl without AUTONEWS_REDIS_URL needs no scrapy-redis.
        from autonews.distributed.scheduler import FrontierAcks, SharedStorePipeline
        from pipelines.store import StorePipeline

        if _STORE_PIPELINE in settings.getdict("ITEM_PIPELINES"):
            settings.replace_in_component_priority_dict("ITEM_PIPELINES", StorePipeline, SharedStorePipeline)
        # Lowest number = nearest the engine: it sees the output after every other middleware.
        settings.set_in_component_priority_dict("SPIDER_MIDDLEWARES", FrontierAcks, 10)
        settings.set_in_component_priority_dict("EXTENSIONS", FrontierWatch, 500)


class FrontierWatch:
    """Extension: heartbeat, reclaiming dead workers' requests, waking up, exiting when quiet."""

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.get("AUTONEWS_REDIS_URL"):
            raise NotConfigured("AUTONEWS_REDIS_URL is not set")
        self.crawler = crawler
        self.idle_exit = crawler.settings.getfloat(
            "AUTONEWS_IDLE_EXIT_SECONDS", defaults.AUTONEWS_IDLE_EXIT_SECONDS
        )
        self.interval = crawler.settings.getfloat(
            "AUTONEWS_HEARTBEAT_SECONDS", defaults.AUTONEWS_HEARTBEAT_SECONDS
        )
        self.quiet_since: float | None = None
        self.loop = task.LoopingCall(self._tick)
        crawler.signals.connect(self._opened, signal=signals.spider_opened)
        crawler.signals.connect(self._closed, signal=signals.spider_closed)
        crawler.signals.connect(self._idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierWatch:
        return cls(crawler)

    def _frontier(self):
        from autonews.distributed.scheduler import shared_scheduler

        scheduler = shared_scheduler(self.crawler)
        return scheduler.frontier if scheduler is not None else None

    def _opened(self, spider) -> None:
        self.loop.start(self.interval, now=False)

    def _closed(self, spider, reason: str) -> None:
        if self.loop.running:
            self.loop.stop()

    def _tick(self) -> None:
        frontier = self._frontier()
        if frontier is None:
            return
        frontier.heartbeat()
        if moved := frontier.reclaim_dead():
            logger.warning("frontier: re-queued %d requests of a dead worker", moved)
            self.crawler.stats.inc_value("autonews/frontier/reclaimed", moved)
        # Scrapy polls an idle scheduler (and re-checks idleness) only every 5 s: requests
        # other workers queue, and the idle exit, should not wait that long.
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    def _idle(self, spider) -> None:
        frontier = self._frontier()
        if frontier is None:
            return
        if frontier.queued() or not frontier.quiet():
            self.quiet_since = None
            raise DontCloseSpider  # work is queued or another worker may still add some
        now = time.monotonic()
        self.quiet_since = self.quiet_since or now
        if now - self.quiet_since < self.idle_exit:
            raise DontCloseSpider
        logger.info("frontier quiet for %.0f s: this worker is done", now - self.quiet_since)


def redis_problem(url: str) -> str | None:
    """Why the shared frontier at ``url`` cannot be used, in one line; None when it answers."""
    try:
        import redis
    except ImportError:
        return "AUTONEWS_REDIS_URL is set but redis is not installed (pip install 'autonews[scale]')"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3).ping()
    except (redis.RedisError, ValueError) as exc:
        return f"the Redis frontier at {url} does not answer: {exc}"
    return None
