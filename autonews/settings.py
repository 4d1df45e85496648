"""Scrapy settings for autonews: flat, ``AUTONEWS_*`` for our own.

Polite by default: robots.txt, AutoThrottle, retries, a User-Agent that names
the project and how to reach it, a download size cap.
"""

from __future__ import annotations

import os

from autonews.store.engine import DEFAULT_DATABASE_URL

BOT_NAME = "autonews"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
COMMANDS_MODULE = "autonews.commands"  # `crawl` with an exit status that tells cron the truth

USER_AGENT = "autonews/0.1 (+https://github.com/autonews/autonews; polite news crawler)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_ENABLED = True
RETRY_TIMES = 3
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

ITEM_PIPELINES = {
    "pipelines.clean.CleanPipeline": 300,
    "pipelines.store.StorePipeline": 800,
}

# Our own settings (each can be given with -s NAME=VALUE; the database also by env var).
AUTONEWS_DATABASE_URL = os.environ.get("AUTONEWS_DATABASE_URL", DEFAULT_DATABASE_URL)
AUTONEWS_BATCH_SIZE = 100  # articles per store transaction
AUTONEWS_FOLLOW_RELATED = True  # also fetch articles reached through 相关阅读/最新内容
AUTONEWS_DROP_MOJIBAKE = True  # drop (and count) pages that still look mis-decoded
AUTONEWS_REFRESH_HOURS = 48.0  # stored articles younger than this are fetched again (edits)
AUTONEWS_EXTRACT = True  # False: fetch articles but do not read them (benchmark baseline)
AUTONEWS_RUN_LOCK = True  # refuse a second crawl of the same database (cron overlap)
AUTONEWS_RUN_LOCK_WAIT = 0.0  # seconds to wait for the lock before refusing; >0 serializes
AUTONEWS_MAX_ERROR_RATE = 0.2  # errors per response above which a run counts as failed
