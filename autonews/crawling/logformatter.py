"""Scrapy's log formatter, minus the per-item message nobody sees.

Scrapy logs every scraped item at DEBUG.  ``logger.log`` builds a ``LogRecord`` for
it even when the crawl logs at INFO: Scrapy leaves the loggers' own level unset and
filters in its root handler, so the record is made, handed on, and dropped there.
When the crawl's ``LOG_LEVEL`` is above DEBUG the message cannot be emitted, and
returning None (which Scrapy's scraper accepts) skips it.  At DEBUG it is logged as
before.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


class QuietLogFormatter(LogFormatter):
    def __init__(self, level: int = logging.DEBUG) -> None:
        self.level = level

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QuietLogFormatter:
        value = crawler.settings.get("LOG_LEVEL", "DEBUG")
        level = value if isinstance(value, int) else logging.getLevelName(str(value).upper())
        return cls(level if isinstance(level, int) else logging.DEBUG)  # unknown: log as Scrapy does

    def scraped(  # type: ignore[override]
        self, item: Any, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult | None:
        if self.level > logging.DEBUG:
            return None
        return super().scraped(item, response, spider)
