"""``scrapy crawl`` with an exit status that tells cron and systemd the truth.

Scrapy's own ``crawl`` exits 0 whatever happened during the run (only a
failure to start is non-zero), so a broken crawl looks fine to a scheduler.
This command runs the crawl exactly as Scrapy does, then reads the verdict the
store pipeline recorded (``autonews/run_status``, see ``autonews.crawling.runs``).  It
also refuses to start a second crawl of the same database (``autonews.crawling.runlock``).

Exit codes: 0 ok, 1 could not start (Scrapy), 2 usage, 3 the run failed,
4 another crawl holds the database.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError
from scrapy.spiderloader import get_spider_loader

from autonews import settings as defaults
from autonews.crawling.args import SpiderArgError
from autonews.crawling.runlock import CrawlLocked, crawl_lock
from autonews.crawling.runs import close_unfinished_run
from autonews.distributed import redis_problem
from autonews.store import Store
from autonews.store.engine import DatabaseUnusable

EXIT_USAGE = 2
EXIT_FAILED_RUN = 3
EXIT_LOCKED = 4


class Command(ScrapyCrawl):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        # Checked before Scrapy starts its logging: a bad spider argument, database URL,
        # missing driver or a database server that does not answer is one line on
        # stderr and exit 2, not a page of log and a traceback.
        if len(args) != 1:
            return  # run() says so
        problem = self._problem(args[0], opts)
        if problem:
            print(f"autonews: {problem}", file=sys.stderr)
            sys.exit(EXIT_USAGE)

    def _problem(self, spider: str, opts: argparse.Namespace) -> str | None:
        assert self.settings is not None
        try:
            spidercls = get_spider_loader(self.settings).load(spider)
        except KeyError:
            return f"no spider {spider!r} (scrapy list shows them)"
        check = getattr(spidercls, "check_args", None)
        try:
            if check is not None:
                check(opts.spargs)
            # Opened (and migrated) once up front, so the crawl never starts on a database
            # it cannot write.
            Store.open(self.settings.get("AUTONEWS_DATABASE_URL")).close()
        except (SpiderArgError, DatabaseUnusable) as exc:
            return str(exc)
        redis_url = self.settings.get("AUTONEWS_REDIS_URL")
        return redis_problem(redis_url) if redis_url else None

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name")
        assert self.settings is not None
        if self.settings.get("AUTONEWS_REDIS_URL") or not self.settings.getbool(
            "AUTONEWS_RUN_LOCK", defaults.AUTONEWS_RUN_LOCK
        ):
            self._crawl(args[0], opts)
            return
        try:
            with crawl_lock(
                self.settings.get("AUTONEWS_DATABASE_URL"),
                args[0],
                wait=self.settings.getfloat("AUTONEWS_RUN_LOCK_WAIT", defaults.AUTONEWS_RUN_LOCK_WAIT),
            ):
                self._crawl(args[0], opts)
        except CrawlLocked as exc:
            print(f"autonews: {exc}", file=sys.stderr)
            self.exitcode = EXIT_LOCKED

    def _crawl(self, spider: str, opts: argparse.Namespace) -> None:
        assert self.crawler_process
        crawler = self._create_crawler(spider)
        self.crawler_process.crawl(crawler, **opts.spargs)
        with contextlib.suppress(KeyboardInterrupt):
            # a signal during teardown: the verdict below still decides the exit status
            self.crawler_process.start()
        # The run's last words (its row, the exit status) are not cut short by a late signal.
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        stats = crawler.stats.get_stats() if crawler.stats else {}
        status = close_unfinished_run(self.settings.get("AUTONEWS_DATABASE_URL"), stats)
        if status is not None and status != "ok":
            self.exitcode = EXIT_FAILED_RUN
