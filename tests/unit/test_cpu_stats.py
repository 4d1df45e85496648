from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from autonews.crawling.cpu_stats import PREFIX, CpuStats


def _busy() -> None:
    sum(i * i for i in range(20_000))


def test_enabled_adds_thread_cpu_microseconds_per_part() -> None:
    stats = MemoryStatsCollector(get_crawler())
    cpu = CpuStats(stats, enabled=True)
    for _ in range(2):
        with cpu.measure("read_page"):
            _busy()
    assert stats.get_value(PREFIX + "read_page") > 0
    assert stats.get_value(PREFIX + "warc") is None


def test_disabled_records_nothing_and_exceptions_pass_through() -> None:
    stats = MemoryStatsCollector(get_crawler())
    cpu = CpuStats(stats, enabled=False)
    try:
        with cpu.measure("read_page"):
            raise KeyError("x")
    except KeyError:
        pass
    else:
        raise AssertionError("the timer swallowed an exception")
    assert stats.get_stats() == {}


def test_from_crawler_reads_the_setting() -> None:
    assert CpuStats.from_crawler(get_crawler(settings_dict={"AUTONEWS_CPU_STATS": True})).enabled
    assert not CpuStats.from_crawler(get_crawler()).enabled


def test_off_needs_no_crawler_and_enabled_needs_stats() -> None:
    with CpuStats.off().measure("warc"):
        _busy()
    try:
        CpuStats(None, enabled=True)
    except ValueError:
        pass
    else:
        raise AssertionError("enabled without a stats collector")
