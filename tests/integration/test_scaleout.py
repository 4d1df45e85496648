"""Scale-out: workers on one Redis frontier into PostgreSQL equal one process into SQLite.

The replica has ``AUTONEWS_SCALEOUT_ARTICLES`` generated articles (default 300, to keep
these tests near a minute; ``benchmarks/scaleout_proof.py`` runs the 2,000-article proof).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.settings import Settings

from autonews.distributed import RedisFrontier
from autonews.items import ArticleItem, Link
from autonews.replica import ReplicaSite
from tests.support.scaleout_proof import crawl_distributed, crawl_single
from tests.support.services import REDIS_URL, require_module

ARTICLES = int(os.environ.get("AUTONEWS_SCALEOUT_ARTICLES", "300"))


@pytest.fixture(scope="module")
def site() -> ReplicaSite:
    return ReplicaSite(articles=ARTICLES)


@pytest.fixture(scope="module")
def single(site: ReplicaSite, tmp_path_factory: pytest.TempPathFactory):
    crawl, snap = crawl_single(site, f"sqlite:///{tmp_path_factory.mktemp('single') / 'a.db'}")
    assert crawl.exit_codes == [0]
    assert len(snap["articles"]) == len(site.expected_articles())
    return snap


def test_addon_changes_nothing_without_a_redis_url() -> None:
    settings = Settings({"ITEM_PIPELINES": {"pipelines.store.StorePipeline": 800}})
    RedisFrontier().update_settings(settings)
    assert settings.get("SCHEDULER") == "scrapy.core.scheduler.Scheduler"
    assert settings.getdict("ITEM_PIPELINES") == {"pipelines.store.StorePipeline": 800}


def test_addon_switches_scheduler_dupefilter_and_pipeline() -> None:
    require_module("scrapy_redis")
    settings = Settings({"ITEM_PIPELINES": {"pipelines.store.StorePipeline": 800}})
    settings.set("AUTONEWS_REDIS_URL", "redis://q:6379/0", "cmdline")
    RedisFrontier().update_settings(settings)
    assert settings["SCHEDULER"] == "autonews.distributed.scheduler.SharedScheduler"
    assert settings["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert settings["REDIS_URL"] == "redis://q:6379/0" and settings.getbool("SCHEDULER_PERSIST")
    from autonews.distributed.scheduler import SharedStorePipeline

    assert list(settings.getdict("ITEM_PIPELINES").values()) == [800]
    assert SharedStorePipeline in settings.getdict("ITEM_PIPELINES")


def test_a_multi_page_article_request_survives_the_queue() -> None:
    """cb_kwargs hold the half-read ArticleItem; scrapy-redis pickles Request.to_dict."""
    require_module("scrapy_redis")
    from scrapy_redis.queue import PriorityQueue

    from spiders.qiche import QicheSpider

    spider = QicheSpider(base_url="http://h")
    item = ArticleItem(url="http://h/a", site="qiche", paragraphs=["一"], related=[Link("http://h/b", "B")])
    request = Request(
        "http://h/a_2", callback=spider.parse_article_page, errback=spider._page_failed,
        cb_kwargs={"item": item, "hops": 0}, priority=10,
    )  # fmt: skip
    queue = PriorityQueue(server=None, spider=spider, key="k")
    back = queue._decode_request(queue._encode_request(request))
    assert back.callback == spider.parse_article_page and back.errback == spider._page_failed
    assert back.cb_kwargs == {"item": item, "hops": 0} and back.priority == 10


def _assert_same(snap: dict, single: dict) -> None:
    # Only the differing rows: a full set diff of a few hundred articles hides the cause.
    for table in ("articles", "links"):
        missing = sorted(single[table] - snap[table], key=repr)[:5]
        extra = sorted(snap[table] - single[table], key=repr)[:5]
        assert (missing, extra) == ([], []), f"{table}: missing {missing}, extra {extra}"


@pytest.fixture
def workers(site: ReplicaSite, pg_url: str, redis_prefix: str, tmp_path: Path) -> Callable[..., tuple]:
    """N workers crawling the replica into a fresh PostgreSQL database: (crawl, snapshot)."""
    return functools.partial(crawl_distributed, site, pg_url, REDIS_URL, redis_prefix, log_dir=tmp_path)


def test_two_workers_store_what_one_process_does_fetching_each_url_once(
    workers: Callable[..., tuple], single: dict, tmp_path: Path
) -> None:
    crawl, snap = workers(2)
    assert crawl.exit_codes == [0, 0], (tmp_path / "worker-1.log").read_text()[-3000:]
    assert crawl.fetched_twice() == []
    _assert_same(snap, single)
    assert [r[:2] for r in crawl.runs] == [("ok", "finished")] * 2  # one crawl_runs row per worker
    assert sum(r[3] for r in crawl.runs) == len(single["articles"])


def test_a_killed_worker_loses_nothing(
    site: ReplicaSite, workers: Callable[..., tuple], single: dict
) -> None:
    crawl, snap = workers(3, kill_after=len(site.expected_articles()) // 2)
    assert crawl.exit_codes[0] == -9 and crawl.exit_codes[1:] == [0, 0]
    _assert_same(snap, single)  # nothing missing; sets of unique URLs, so nothing twice either
    assert sorted(r[0] for r in crawl.runs) == ["ok", "ok", "running"]  # the killed one never finished
