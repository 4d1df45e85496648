"""scrapy-redis adapted to our frontier: take with in-flight tracking, acknowledge after commit.

scrapy-redis 0.9.1 works with Scrapy 2.19 for its dupefilter fingerprints and its
PriorityQueue encoding (requests, ``ArticleItem`` cb_kwargs included, travel pickled
via ``Request.to_dict``).  What it lacks is recovery: its enqueue is two commands
(see ``Frontier.enqueue``), its ``next_request`` pops a
request and forgets it, so a killed worker loses everything it had taken, and
``close`` wipes the shared queue unless persisting.  ``SharedScheduler`` takes
through ``Frontier.take`` (queue -> this worker's in-flight set, atomically) and
acknowledges requests only when what they produced is committed:

* ``FrontierAcks`` (spider middleware) notes a request as *done* once its
  callback's output has all been handed to the engine (children scheduled, items
  passed on to the pipelines);
* ``SharedStorePipeline`` acknowledges, after each committed batch, the requests
  done before the *previous* batch (one batch of slack for items still on their
  way through the pipelines), and everything once the worker is idle.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy_redis.scheduler import Scheduler as RedisScheduler

from autonews import settings as defaults
from autonews.distributed.frontier import Frontier, FrontierKeys
from pipelines.store import StorePipeline

logger = logging.getLogger(__name__)
_META = "autonews_frontier"  # request.meta key: the id of the queue entry it was taken as


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def shared_scheduler(crawler: Crawler) -> SharedScheduler | None:
    """The running crawl's SharedScheduler, if it uses one.  The engine keeps the scheduler
    on its slot and Scrapy offers no public accessor; components look it up lazily."""
    scheduler = getattr(getattr(crawler.engine, "_slot", None), "scheduler", None)
    return scheduler if isinstance(scheduler, SharedScheduler) else None


class SharedScheduler(RedisScheduler):
    crawler: Crawler
    frontier: Frontier

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        instance = super().from_crawler(crawler)
        instance.crawler = crawler
        return instance

    def open(self, spider: Any) -> None:
        settings = self.crawler.settings
        keys = FrontierKeys(
            settings.get("AUTONEWS_REDIS_PREFIX", defaults.AUTONEWS_REDIS_PREFIX), spider.name
        )
        timeout = settings.getfloat("AUTONEWS_WORKER_TIMEOUT", defaults.AUTONEWS_WORKER_TIMEOUT)
        self.frontier = Frontier(self.server, keys, worker_id(), timeout)
        # Join before scrapy-redis opens the queue and before start() yields the home page:
        # the first worker of a run clears the previous run's keys, later ones join it.
        fresh = self.frontier.join()
        logger.info(
            "frontier %s: worker %s %s",
            keys.key(""),
            self.frontier.worker,
            "started a fresh run" if fresh else "joined the run",
        )
        self.taken: dict[str, bytes] = {}  # entry id -> queue entry, until acknowledged
        self.done: list[str] = []  # callbacks finished, not yet acknowledged
        self.done_before_last_flush: list[str] = []
        super().open(spider)

    def enqueue_request(self, request: Request) -> bool:
        # Not scrapy-redis' own: it marks the fingerprint seen and pushes in two commands
        # (see Frontier.enqueue), and passes spider= to the stats (deprecated since 2.13).
        if request.dont_filter:
            self.queue.push(request)
        else:
            data = self.queue._encode_request(request)
            fingerprint = self.df.request_fingerprint(request)
            if not self.frontier.enqueue(fingerprint, data, -request.priority):
                self.df.log(request, self.spider)
                return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        data = self.frontier.take()
        if data is None:
            return None
        request = self.queue._decode_request(data)  # scrapy-redis' own (de)serialisation
        entry = hashlib.sha1(data).hexdigest()
        self.taken[entry] = data
        request.meta[_META] = entry
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def mark_done(self, request: Request) -> None:
        entry = request.meta.get(_META)
        if entry in self.taken:
            self.done.append(entry)

    def ack_after_flush(self) -> None:
        """A batch was committed: acknowledge what was done before the previous one."""
        self._ack(self.done_before_last_flush)
        self.done_before_last_flush, self.done = self.done, []

    def ack_all(self) -> None:
        """The worker is idle and its pipeline flushed: everything it took is stored."""
        self._ack(list(self.taken))
        self.done, self.done_before_last_flush = [], []

    def _ack(self, entries: list[str]) -> None:
        data = [self.taken.pop(e) for e in entries if e in self.taken]
        self.frontier.ack(data)

    def close(self, reason: str) -> None:
        # Never scrapy-redis' flush: the queue is shared with the other workers.
        if reason == "finished":
            self.ack_all()
        else:  # shut down early (Ctrl-C, CloseSpider): others take over what we held
            n = self.frontier.give_back()
            logger.info("frontier: gave %d unfinished requests back to the queue", n)
        self.frontier.leave()


class FrontierAcks:
    """Spider middleware: a request is done once its callback output is all handed on."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierAcks:
        return cls(crawler)

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]):
        async for out in result:
            yield out
        if (scheduler := shared_scheduler(self.crawler)) is not None:
            scheduler.mark_done(response.request)


class SharedStorePipeline(StorePipeline):
    """The store pipeline, acknowledging frontier requests once their rows are committed."""

    shared_frontier = True

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        crawler.signals.connect(self._idle, signal=signals.spider_idle)

    def flush(self) -> None:
        had = bool(self.buffer)
        super().flush()
        scheduler = shared_scheduler(self.crawler)
        if had and scheduler is not None:
            scheduler.ack_after_flush()

    def _idle(self) -> None:
        # Idle: no download, callback or item is in progress, so after this flush
        # every request this worker took has its results in the database.
        self.flush()
        if (scheduler := shared_scheduler(self.crawler)) is not None:
            scheduler.ack_all()
