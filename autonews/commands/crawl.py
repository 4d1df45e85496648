"""``scrapy crawl`` that exits non-zero when the run failed.

Scrapy's own ``crawl`` exits 0 whatever happened during the run (only a
failure to start is non-zero), so cron and systemd never see a broken crawl.
This command runs the crawl exactly as Scrapy does, then reads the verdict the
store pipeline recorded (``autonews/run_status``, see ``autonews.runs``).
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

EXIT_FAILED_RUN = 3  # distinct from 1 (Scrapy: could not start) and 2 (usage)


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name")
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        status = crawler.stats.get_value("autonews/run_status") if crawler.stats else None
        if status is not None and status != "ok":
            self.exitcode = EXIT_FAILED_RUN
