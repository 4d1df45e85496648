"""CPU time spent in our own parts of a crawl, as Scrapy stats (``AUTONEWS_CPU_STATS``).

``autonews/cpu_us/<part>`` counts the microseconds of thread CPU time spent reading
pages, looking up stored articles, in the item pipelines and writing WARC records.
The crawl benchmark divides them by the pages fetched to say where a page's CPU goes:
the difference between two whole crawls drowns in this machine's noise (±20 % from
run to run), while time taken around each part, inside one crawl, does not.

Off by default: each reading of the thread clock is a system call.  On this
machine a timer costs ~4.3 µs, and a page goes through three or four of them
(~15 µs, about 1 % of a crawl's CPU per page); switched off, ~0.2 µs each.
Everything timed runs on the reactor thread.
"""

from __future__ import annotations

import time
from contextlib import AbstractContextManager, nullcontext

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from autonews import settings as defaults

PREFIX = "autonews/cpu_us/"
PARTS = ("read_page", "known_lookup", "pipelines", "warc")
_OFF = nullcontext()


class CpuStats:
    """Hands out timers for named parts; they add to ``autonews/cpu_us/<part>``."""

    __slots__ = ("stats", "enabled")

    def __init__(self, stats: StatsCollector | None, enabled: bool) -> None:
        if enabled and stats is None:
            raise ValueError("CPU stats need a stats collector")
        self.stats = stats
        self.enabled = enabled

    @classmethod
    def off(cls) -> CpuStats:
        """Timers that record nothing: for a component used outside a crawl."""
        return cls(None, enabled=False)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CpuStats:
        return cls(crawler.stats, crawler.settings.getbool("AUTONEWS_CPU_STATS", defaults.AUTONEWS_CPU_STATS))

    def measure(self, part: str) -> AbstractContextManager:
        return _Timer(self.stats, PREFIX + part) if self.stats is not None and self.enabled else _OFF


class _Timer:
    __slots__ = ("stats", "key", "started")

    def __init__(self, stats: StatsCollector, key: str) -> None:
        self.stats = stats
        self.key = key
        self.started = 0

    def __enter__(self) -> None:
        self.started = time.thread_time_ns()

    def __exit__(self, *exc: object) -> None:
        self.stats.inc_value(self.key, (time.thread_time_ns() - self.started) // 1000)
