"""Extension: fewer, cheaper garbage collections during a crawl.

A crawl allocates a burst of short-lived objects per response (requests,
headers, Deferreds, parsed fields), so CPython's default first threshold (700
allocations) runs a collection every few pages, and every third-generation pass
walks all the modules, settings and SQLAlchemy metadata loaded at start-up.
Freezing what exists once the engine has started takes those out of every
later pass; a larger first threshold makes passes rarer.  Cycles are still
collected, only in bigger steps.
"""

from __future__ import annotations

import gc

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from autonews import settings as defaults


class GcTuning:
    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self.saved: tuple[int, int, int] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GcTuning:
        threshold = crawler.settings.getint("AUTONEWS_GC_THRESHOLD", defaults.AUTONEWS_GC_THRESHOLD)
        if threshold <= 0:
            raise NotConfigured("AUTONEWS_GC_THRESHOLD is 0: Python's own collector settings")
        ext = cls(threshold)
        crawler.signals.connect(ext.engine_started, signal=signals.engine_started)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def engine_started(self) -> None:
        gc.collect()
        gc.freeze()
        self.saved = gc.get_threshold()
        gc.set_threshold(self.threshold, *self.saved[1:])

    def engine_stopped(self) -> None:
        # A crawl run in-process (``autonews demo``, tests) leaves the host as it was.
        if self.saved is not None:
            gc.set_threshold(*self.saved)
            gc.unfreeze()
            self.saved = None
