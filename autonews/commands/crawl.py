"""``scrapy crawl`` with an exit status that tells cron and systemd the truth.

Scrapy's own ``crawl`` exits 0 whatever happened during the run (only a
failure to start is non-zero), so a broken crawl looks fine to a scheduler.
This command runs the crawl exactly as Scrapy does, then reads the verdict the
store pipeline recorded (``autonews/run_status``, see ``autonews.runs``).  It
also refuses to start a second crawl of the same database (``autonews.runlock``).

Exit codes: 0 ok, 1 could not start (Scrapy), 2 usage, 3 the run failed,
4 another crawl holds the database.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from autonews.crawling.args import SpiderArgError
from autonews.runlock import CrawlLocked, crawl_lock

EXIT_USAGE = 2
EXIT_FAILED_RUN = 3
EXIT_LOCKED = 4


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name")
        assert self.settings is not None
        if self.settings.get("AUTONEWS_REDIS_URL") or not self.settings.getbool("AUTONEWS_RUN_LOCK", True):
            self._crawl(args[0], opts)
            return
        try:
            with crawl_lock(
                self.settings.get("AUTONEWS_DATABASE_URL"),
                args[0],
                wait=self.settings.getfloat("AUTONEWS_RUN_LOCK_WAIT", 0),
            ):
                self._crawl(args[0], opts)
        except CrawlLocked as exc:
            print(f"autonews: {exc}", file=sys.stderr)
            self.exitcode = EXIT_LOCKED

    def _crawl(self, spider: str, opts: argparse.Namespace) -> None:
        assert self.crawler_process
        try:
            spidercls = self.crawler_process.spider_loader.load(spider)
        except KeyError as exc:
            raise UsageError(str(exc).strip("\"'")) from None
        check = getattr(spidercls, "check_args", None)
        if check is not None:
            try:
                check(opts.spargs)
            except SpiderArgError as exc:
                print(f"autonews: {exc}", file=sys.stderr)
                self.exitcode = EXIT_USAGE
                return
        crawler = self._create_crawler(spider)
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        status = crawler.stats.get_value("autonews/run_status") if crawler.stats else None
        if status is not None and status != "ok":
            self.exitcode = EXIT_FAILED_RUN
