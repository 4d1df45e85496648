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
COMMANDS_MODULE = "autonews.crawling.commands"  # `crawl` with an exit status that tells cron the truth

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
# Scrapy starts CONCURRENT_ITEMS (default 100) asyncio worker tasks for every callback's
# output, even when it is one item or nothing: ~100 tasks per response.  Our callbacks
# yield at most one item and our pipelines are synchronous (nothing awaits, so nothing
# could overlap anyway): one worker does the same work.  With the setting below, Scrapy's
# own CPU per page halved on the replica (BENCHMARKS.md, section 1).
CONCURRENT_ITEMS = 1
# A development lint: for each response Scrapy checks whether the callback is a generator
# that returns a value, by reading and parsing its source.  Its cache is keyed by the
# bound method each request holds, so it keeps missing: ~0.1 ms per missed response.
WARN_ON_GENERATOR_RETURN_VALUE = False
TELNETCONSOLE_ENABLED = False
# Garbage collection: start-up objects frozen once the engine runs, and a first-generation
# threshold of 10,000 allocations instead of 700 (autonews/crawling/gc_tuning.py): GC time in a
# 3,000-article crawl fell from ~0.9 s to ~0.2 s, peak RSS unchanged.  0: Python's defaults.
EXTENSIONS = {"autonews.crawling.gc_tuning.GcTuning": 0}
AUTONEWS_GC_THRESHOLD = 10_000
LOG_LEVEL = "INFO"
# No LogRecord per scraped item when the level would drop it (crawling/logformatter.py).
LOG_FORMATTER = "autonews.crawling.logformatter.QuietLogFormatter"
FEED_EXPORT_ENCODING = "utf-8"

ITEM_PIPELINES = {
    "pipelines.clean.CleanPipeline": 300,
    "pipelines.store.StorePipeline": 800,
}

# Our own settings (each can be given with -s NAME=VALUE; the database also by env var).
AUTONEWS_DATABASE_URL = os.environ.get("AUTONEWS_DATABASE_URL", DEFAULT_DATABASE_URL)
AUTONEWS_BATCH_SIZE = 100  # articles per store transaction
AUTONEWS_SEARCH_INDEX_EVERY = 1000  # new articles between search-index catch-ups (SQLite); 0: at close only
# Cluster reprints in a catch-up pass when the crawl closes.  Off: on the 10,000-article replica
# (templated articles, 3.7 million candidate pairs) it adds ~17 % to the crawl's CPU and lifts
# its peak RSS from ~155 to ~555 MB (BENCHMARKS.md); `autonews dupes` catches up first.
AUTONEWS_REPRINTS = False
AUTONEWS_FOLLOW_RELATED = True  # also fetch articles reached through 相关阅读/最新内容
AUTONEWS_DROP_MOJIBAKE = True  # drop (and count) pages that still look mis-decoded
AUTONEWS_REFRESH_HOURS = 48.0  # stored articles younger than this are fetched again (edits)
AUTONEWS_CPU_STATS = False  # True: stats autonews/cpu_us/* say where a crawl's CPU went
AUTONEWS_RUN_LOCK = True  # refuse a second crawl of the same database (cron overlap)
AUTONEWS_RUN_LOCK_WAIT = 0.0  # seconds to wait for the lock before refusing; >0 serializes
AUTONEWS_MAX_ERROR_RATE = 0.2  # errors per response above which a run counts as failed

# Raw archive (issue 6): every response kept, gzipped, in WARC files; see README "Raw archive".
AUTONEWS_WARC_ENABLED = True  # on by default: re-extraction needs the bytes of every stored article
AUTONEWS_WARC_DIR = None  # None: warc/ beside a SQLite database file, else ./warc
AUTONEWS_WARC_MAX_BYTES = 1 << 30  # rotate to a new file past 1 GiB
AUTONEWS_REPLAY_WARC = None  # a WARC directory: answer every request from it, 404 the rest (offline)
# Failed requests counted by kind (autonews/crawling/failures.py): below RetryMiddleware
# (550) it sees download errors once retries gave up; next to the spider, HTTP errors.
SPIDER_MIDDLEWARES = {"autonews.crawling.failures.FailureStats": 60}
DOWNLOADER_MIDDLEWARES = {
    "autonews.crawling.failures.FailureStats": 500,
    # Next to the downloader: records wire bytes before HttpCompression (590) decodes them.
    "autonews.archive.middleware.WarcRecorderMiddleware": 950,
    "autonews.archive.middleware.WarcReplayMiddleware": 960,
}

# Scale-out (issue 7): AUTONEWS_REDIS_URL switches the crawl to the shared scrapy-redis frontier
# through the add-on; unset, the add-on does nothing.  See autonews/distributed/__init__.py.
ADDONS = {"autonews.distributed.RedisFrontier": 100}
AUTONEWS_REDIS_URL = os.environ.get("AUTONEWS_REDIS_URL", "")  # e.g. redis://queue:6379/0
AUTONEWS_REDIS_PREFIX = os.environ.get("AUTONEWS_REDIS_PREFIX", "autonews")  # Redis key prefix
AUTONEWS_IDLE_EXIT_SECONDS = 30.0  # a worker exits once the shared frontier is quiet this long
AUTONEWS_WORKER_TIMEOUT = 30.0  # no heartbeat this long: the worker is dead, its requests re-queued
AUTONEWS_HEARTBEAT_SECONDS = 1.0
