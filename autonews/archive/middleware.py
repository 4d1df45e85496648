"""Downloader middlewares: record every response into WARC, or answer from a WARC.

``WarcRecorderMiddleware`` sits next to the downloader (after HttpCompression in
response order), so it stores the bytes as they came off the wire, redirects,
robots.txt and 404s included.  The record is written and pushed to the OS
before the response reaches the spider, hence before any item built from it
can be stored.

``WarcReplayMiddleware`` (``-s AUTONEWS_REPLAY_WARC=DIR``) answers every request
from the archive, as Scrapy's HTTP cache does with ``HTTPCACHE_IGNORE_MISSING``,
except that a URL the archive lacks gets a 404 instead of being dropped, so the
spider sees what a crawl on that day would have seen.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from w3lib.url import canonicalize_url

from autonews import settings as defaults
from autonews.archive.reader import ArchiveIndex
from autonews.archive.writer import FetchedResponse, WarcArchive, default_warc_dir
from autonews.crawling.cpu_stats import CpuStats

logger = logging.getLogger(__name__)

# Sent by the store before it commits a batch (see README, "Raw archive"): the
# recorder fsyncs, so no committed article lacks its source bytes on disk.
archive_sync = object()
REPLAYED = "warc-replay"


class WarcRecorderMiddleware:
    def __init__(self, crawler: Crawler, archive: WarcArchive) -> None:
        self.crawler = crawler
        self.archive = archive
        self.cpu = CpuStats.from_crawler(crawler)
        crawler.signals.connect(self.close, signal=signals.spider_closed)
        crawler.signals.connect(self.sync, signal=archive_sync)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcRecorderMiddleware:
        settings = crawler.settings
        if not settings.getbool("AUTONEWS_WARC_ENABLED", defaults.AUTONEWS_WARC_ENABLED) or settings.get(
            "AUTONEWS_REPLAY_WARC"
        ):
            raise NotConfigured  # no args: Scrapy logs a reason at WARNING level
        directory = settings.get("AUTONEWS_WARC_DIR") or default_warc_dir(
            settings.get("AUTONEWS_DATABASE_URL")
        )
        max_bytes = settings.getint("AUTONEWS_WARC_MAX_BYTES", defaults.AUTONEWS_WARC_MAX_BYTES)
        return cls(crawler, WarcArchive(directory, max_bytes=max_bytes))

    def process_response(self, request: Request, response: Response) -> Response:
        if REPLAYED in response.flags or "cached" in response.flags or request.url.startswith("data:"):
            return response  # not fetched from the network: nothing new to keep
        site = getattr(getattr(self.crawler.spider, "site", None), "name", None)
        with self.cpu.measure("warc"):
            self.archive.write(
                FetchedResponse(
                    url=request.url,
                    status=response.status,
                    headers=_header_pairs(response.headers),
                    body=response.body,
                    fetched_at=datetime.now(UTC),
                    site=site,
                )
            )
        self.crawler.stats.inc_value("autonews/warc/records")
        return response

    def sync(self) -> None:
        self.archive.sync()

    def close(self) -> None:
        self.archive.close()
        if self.archive.paths:
            logger.info("WARC: %d records in %s", self.archive.records, self.archive.paths[-1].parent)


class WarcReplayMiddleware:
    def __init__(self, crawler: Crawler, index: ArchiveIndex) -> None:
        self.crawler = crawler
        self.index = index
        # Scrapy canonicalises nothing for us: look up exact URLs first, then canonical forms.
        self.canonical = {canonicalize_url(url): url for url in index.refs}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcReplayMiddleware:
        directory = crawler.settings.get("AUTONEWS_REPLAY_WARC")
        if not directory:
            raise NotConfigured
        index = ArchiveIndex.build(directory)
        logger.info("replaying %d URLs from %s; other requests get 404", len(index), directory)
        return cls(crawler, index)

    def process_request(self, request: Request) -> Response | None:
        if request.url.startswith("data:"):
            return None  # the spider's own in-process requests never reach the network
        url = request.url if request.url in self.index else self.canonical.get(canonicalize_url(request.url))
        stored = self.index.get(url) if url else None
        stats = self.crawler.stats
        if stored is None:
            stats.inc_value("autonews/warc/replay_miss")
            return Response(request.url, status=404, request=request, flags=[REPLAYED])
        stats.inc_value("autonews/warc/replay_hit")
        headers = Headers(stored.headers)
        cls = responsetypes.from_args(headers=headers, url=request.url, body=stored.body)
        return cls(
            url=request.url,
            status=stored.status,
            headers=headers,
            body=stored.body,
            request=request,
            flags=[REPLAYED],
        )


def _header_pairs(headers: Headers) -> list[tuple[str, str]]:
    return [
        (key.decode("latin-1"), value.decode("latin-1"))
        for key, values in headers.items()
        for value in values
    ]
