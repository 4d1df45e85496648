"""The benchmark's own spiders (after Scrapy's ``commands/bench.py``): baselines that
production spiders never carry.

``qiche_bench`` walks the site exactly as ``qiche`` does, but with
``AUTONEWS_BENCH_EXTRACT=off`` it fetches articles without reading them (Scrapy's
own cost) and with ``parse`` it also decodes and parses each article page (the
least any reader must do).  Run with ``-s SPIDER_MODULES=spiders,benchmarks.spiders``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import Response

from autonews.extract.page import parse_page
from spiders.qiche import QicheSpider

MODES = ("off", "parse")


class QicheBenchSpider(QicheSpider):
    name = "qiche_bench"

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> QicheBenchSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        mode = str(crawler.settings.get("AUTONEWS_BENCH_EXTRACT", "off")).strip().lower()
        if mode not in MODES:
            raise ValueError(f"AUTONEWS_BENCH_EXTRACT must be off or parse, not {mode!r}")
        spider.mode = mode
        return spider

    def parse_article(
        self, response: Response, hint: date | None = None, channel: str | None = None, hops: int = 0
    ) -> Iterator[Any]:
        if self.mode == "parse":
            with self.cpu.measure("read_page"):
                value = response.headers.get(b"Content-Type")
                parse_page(response.body, value.decode("latin-1") if value else None)
        return iter(())
