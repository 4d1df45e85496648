"""The frontier's Redis logic on its own, against the test Redis (``tests/support/services.py``)."""

from __future__ import annotations

import time

import pytest

from tests.support.services import REDIS_URL, unavailable


def _frontier(prefix: str, worker: str, timeout: float = 30):
    import redis

    from autonews.distributed.frontier import Frontier, FrontierKeys

    return Frontier(redis.Redis.from_url(REDIS_URL), FrontierKeys(prefix, "qiche"), worker, timeout)


def test_first_worker_starts_fresh_later_ones_join(redis_prefix: str) -> None:
    a, b = _frontier(redis_prefix, "a"), _frontier(redis_prefix, "b")
    a.server.sadd(a.keys.dupefilter, "left over from the last run")
    assert a.join() is True
    assert a.server.scard(a.keys.dupefilter) == 0
    a.server.sadd(a.keys.dupefilter, "home")
    assert b.join() is False  # a is alive: b must not clear the run a started
    assert a.server.scard(a.keys.dupefilter) == 1


def test_taken_requests_of_a_dead_worker_go_back_to_the_queue(redis_prefix: str) -> None:
    a, b = _frontier(redis_prefix, "a", timeout=0.5), _frontier(redis_prefix, "b", timeout=0.5)
    a.join()
    b.join()
    a.server.zadd(a.keys.queue, {b"r1": -10, b"r2": 0})
    assert a.take() == b"r1"  # best priority first
    assert a.queued() == 1 and a.in_flight() == 1 and not a.quiet()
    time.sleep(0.7)
    b.heartbeat()  # b lives on, a does not
    assert b.reclaim_dead() == 1
    assert a.server.zscore(a.keys.queue, b"r1") == -10  # back with its priority
    assert b.take() == b"r1" and b.take() == b"r2" and b.take() is None
    b.ack([b"r1", b"r2"])
    assert b.quiet()


def _commands(server) -> list[str]:
    """Record the name of every command ``server`` sends from now on."""
    sent: list[str] = []
    send = server.execute_command

    def record(*args, **kwargs):
        sent.append(str(args[0]))
        return send(*args, **kwargs)

    server.execute_command = record
    return sent


def test_enqueue_marks_seen_and_queues_in_one_command(redis_prefix: str) -> None:
    """A worker killed between "seen" and "queued" would lose the request for the whole run."""
    from autonews.distributed.frontier import _ENQUEUE

    f = _frontier(redis_prefix, "a")
    f.join()
    f.server.script_load(_ENQUEUE)
    sent = _commands(f.server)
    assert f.enqueue("fp1", b"r1", -10) is True
    assert f.enqueue("fp1", b"r1 again", 0) is False
    assert f.enqueue("fp2", b"r2", 0) is True
    assert sent == ["EVALSHA"] * 3
    assert f.server.smembers(f.keys.dupefilter) == {b"fp1", b"fp2"}
    assert f.server.zrange(f.keys.queue, 0, -1, withscores=True) == [(b"r1", -10.0), (b"r2", 0.0)]


def test_the_scheduler_enqueues_through_the_frontier(redis_prefix: str) -> None:
    from scrapy import Request
    from scrapy.spiders import Spider
    from scrapy_redis.dupefilter import RFPDupeFilter
    from scrapy_redis.queue import PriorityQueue

    from autonews.distributed.frontier import _ENQUEUE
    from autonews.distributed.scheduler import SharedScheduler

    f = _frontier(redis_prefix, "a")
    f.join()
    f.server.script_load(_ENQUEUE)
    scheduler = SharedScheduler.__new__(SharedScheduler)
    scheduler.spider, scheduler.stats, scheduler.frontier = Spider("qiche"), None, f
    scheduler.df = RFPDupeFilter(f.server, f.keys.dupefilter)
    scheduler.queue = PriorityQueue(f.server, scheduler.spider, f.keys.queue)
    sent = _commands(f.server)
    assert scheduler.enqueue_request(Request("http://h/a", priority=5)) is True
    assert scheduler.enqueue_request(Request("http://h/a")) is False
    assert "SADD" not in sent and "ZADD" not in sent
    assert f.queued() == 1 and f.server.scard(f.keys.dupefilter) == 1
    assert scheduler.queue._decode_request(f.take()).url == "http://h/a"


def test_a_missing_service_skips_locally_and_fails_under_require_services(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("AUTONEWS_REQUIRE_SERVICES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="^Redis at x not available$"):
        unavailable("Redis at x not available")
    monkeypatch.setenv("AUTONEWS_REQUIRE_SERVICES", "1")
    with pytest.raises(
        pytest.fail.Exception, match="^AUTONEWS_REQUIRE_SERVICES=1 but Redis at x not available$"
    ):
        unavailable("Redis at x not available")
