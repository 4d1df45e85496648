"""Clean and validate items (a thin adapter over ``autonews.text.validate``)."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from autonews import settings as defaults
from autonews.crawling.cpu_stats import CpuStats
from autonews.items import ArticleItem
from autonews.text.validate import Rejected, finish_item


class CleanPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.drop_mojibake = crawler.settings.getbool(
            "AUTONEWS_DROP_MOJIBAKE", defaults.AUTONEWS_DROP_MOJIBAKE
        )
        self.cpu = CpuStats.from_crawler(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanPipeline:
        return cls(crawler)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        try:
            with self.cpu.measure("pipelines"):
                finish_item(item, drop_mojibake=self.drop_mojibake)
        except Rejected as exc:
            self.crawler.stats.inc_value(f"autonews/dropped/{exc.reason}")
            raise DropItem(str(exc)) from exc
        if item.published_at is None:
            self.crawler.stats.inc_value("autonews/items/no_date")
        return item
