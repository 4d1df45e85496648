"""Run a spider in this process (for ``autonews demo`` and tests)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from autonews.crawling.runlock import crawl_lock
from autonews.crawling.runs import close_unfinished_run
from autonews.store import Store

# Crawling our own replica on 127.0.0.1: politeness delays would only slow the demo.
# Strings, so the same dict serves in-process crawls and `-s NAME=VALUE` command lines.
LOCAL_FAST = {
    "AUTOTHROTTLE_ENABLED": "0",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "RETRY_TIMES": "1",
}


@dataclass
class CrawlOutcome:
    stats: dict[str, Any]
    reason: str | None
    status: str | None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def project_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("autonews.settings", priority="project")
    if overrides:
        settings.setdict(dict(overrides), priority="cmdline")
    return settings


def run_crawl(
    spider: str = "qiche",
    *,
    settings: Mapping[str, Any] | None = None,
    args: Mapping[str, Any] | None = None,
) -> CrawlOutcome:
    """Run one crawl to completion and return its stats (blocks; once per process).

    Raises ``autonews.crawling.runlock.CrawlLocked`` when another crawl holds the database.
    """
    project = project_settings(settings)
    # A bad URL, a missing driver or a server that does not answer: DatabaseUnusable
    # (one line) before anything starts.
    Store.open(project.get("AUTONEWS_DATABASE_URL")).close()
    process = CrawlerProcess(project)
    crawler = process.create_crawler(spider)
    with crawl_lock(project.get("AUTONEWS_DATABASE_URL"), spider):
        process.crawl(crawler, **dict(args or {}))
        process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    status = close_unfinished_run(project.get("AUTONEWS_DATABASE_URL"), stats)
    return CrawlOutcome(stats=stats, reason=stats.get("finish_reason"), status=status)
