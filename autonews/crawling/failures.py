"""Counting requests that failed for good, by kind, outside the spider.

Ignored requests (robots.txt, offsite) and client errors such as a 404 for a dead
related link are site facts, counted apart; server errors and download failures
count as run errors (see ``autonews.crawling.runs``).

One class, registered twice, because Scrapy reports the two kinds in two places:
- as a downloader middleware below RetryMiddleware, it sees download errors once
  retries have given up, and requests that robots.txt or the offsite rule ignored;
- as a spider middleware next to the spider, it sees HTTP error statuses
  (``HttpError``), before HttpErrorMiddleware logs and drops them.
Errbacks are left alone, so requests stay serialisable (JOBDIR, Redis frontier).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class FailureStats:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FailureStats:
        assert crawler.stats is not None
        return cls(crawler.stats)

    # -- downloader side -------------------------------------------------------
    def process_exception(
        self, request: Request, exception: BaseException, spider: Spider | None = None
    ) -> None:
        if isinstance(exception, IgnoreRequest):
            self.stats.inc_value("autonews/ignored")
            return
        self.stats.inc_value(f"autonews/errors/{type(exception).__name__}")
        logger.warning("giving up on %s: %s", request.url, exception)

    # -- spider side -----------------------------------------------------------
    def process_spider_exception(
        self, response: Response, exception: BaseException, spider: Spider | None = None
    ) -> None:
        if isinstance(exception, HttpError):
            status = exception.response.status
            self.stats.inc_value(f"autonews/http_status/{status}")
            if status >= 500:
                self.stats.inc_value("autonews/errors/http_5xx")


def http_status(failure: Any) -> int | None:
    """The status of a failed request's response, None for a download error."""
    exc = failure.value
    return exc.response.status if isinstance(exc, HttpError) else None
