"""The per-item DEBUG message is skipped only when the crawl's level would drop it."""

from __future__ import annotations

import logging

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler

from autonews.crawling.logformatter import QuietLogFormatter


def _formatter(level: object) -> QuietLogFormatter:
    crawler = get_crawler(Spider, {"LOG_LEVEL": level})
    return QuietLogFormatter.from_crawler(crawler)


@pytest.mark.parametrize("level", ["INFO", "info", "WARNING", logging.ERROR])
def test_scraped_is_skipped_above_debug(level: object) -> None:
    assert _formatter(level).scraped({"a": 1}, None, Spider("s")) is None


@pytest.mark.parametrize("level", ["DEBUG", logging.DEBUG, "nonsense"])
def test_scraped_is_logged_at_debug(level: object) -> None:
    logkws = _formatter(level).scraped({"a": 1}, None, Spider("s"))
    assert logkws is not None and logkws["level"] == logging.DEBUG
    assert logkws["args"]["item"] == {"a": 1}


def test_project_settings_use_it() -> None:
    from autonews import settings

    assert settings.LOG_FORMATTER == "autonews.crawling.logformatter.QuietLogFormatter"
