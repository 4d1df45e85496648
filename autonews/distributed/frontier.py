"""The shared frontier's Redis side: who is working, what each has taken, what is left.

Keys, all under ``<prefix>:<spider>:`` (``AUTONEWS_REDIS_PREFIX``, default ``autonews``):

``requests``     sorted set, the queue (scrapy-redis's PriorityQueue: score = -priority)
``dupefilter``   set of request fingerprints ever scheduled in this run (scrapy-redis)
``workers``      sorted set, worker id -> its last heartbeat (Redis server time, seconds)
``inflight:<w>`` sorted set, the requests worker ``w`` took and has not yet acknowledged,
                 with their queue score, so they can go back exactly as they were

Enqueueing marks a request's fingerprint seen and queues it in one Lua script:
done as two commands, a worker killed between them would leave a request the
dupefilter calls seen but nobody will ever fetch (a lost listing page loses the
rest of its channel).  Taking a request moves it from ``requests`` to the taker's ``inflight`` in one
Lua script, so there is no moment where a request is in neither.  A worker
acknowledges requests once their results are committed to the database.  A
worker whose heartbeat is older than the timeout is dead: the first live worker
to notice moves its ``inflight`` back into ``requests`` (again one script), so
what a killed worker had taken is fetched again by the others.

A run starts fresh: the first worker to join when no live worker is registered
deletes the previous run's queue, dupefilter and leftovers (one script, so two
workers starting together cannot both do it).  Later workers join the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_JOIN = """
local live = redis.call('ZCOUNT', KEYS[1], ARGV[2], '+inf')
local fresh = 0
if live == 0 then
  for _, w in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do redis.call('DEL', ARGV[4] .. w) end
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
  fresh = 1
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
return fresh
"""
_ENQUEUE = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""
_TAKE = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if top[1] == nil then return nil end
redis.call('ZREM', KEYS[1], top[1])
redis.call('ZADD', KEYS[2], top[2], top[1])
return top[1]
"""
_RECLAIM = """
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])
local moved = 0
for _, w in ipairs(dead) do
  local key = ARGV[2] .. w
  moved = moved + redis.call('ZCARD', key)
  if redis.call('EXISTS', key) == 1 then
    redis.call('ZUNIONSTORE', KEYS[2], 2, KEYS[2], key, 'AGGREGATE', 'MIN')
  end
  redis.call('DEL', key)
  redis.call('ZREM', KEYS[1], w)
end
return moved
"""


@dataclass(frozen=True)
class FrontierKeys:
    prefix: str
    spider: str

    def key(self, name: str) -> str:
        return f"{self.prefix}:{self.spider}:{name}"

    @property
    def queue(self) -> str:
        return self.key("requests")

    @property
    def dupefilter(self) -> str:
        return self.key("dupefilter")

    @property
    def workers(self) -> str:
        return self.key("workers")

    def inflight(self, worker: str = "") -> str:
        return self.key(f"inflight:{worker}")


class Frontier:
    """One worker's handle on the shared frontier (``server`` is a redis client)."""

    def __init__(self, server: Any, keys: FrontierKeys, worker: str, timeout: float) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self.timeout = timeout  # seconds without a heartbeat after which a worker is dead
        self._join = server.register_script(_JOIN)
        self._enqueue = server.register_script(_ENQUEUE)
        self._take = server.register_script(_TAKE)
        self._reclaim = server.register_script(_RECLAIM)

    def now(self) -> float:
        """Redis server time: workers on several machines share one clock."""
        seconds, micros = self.server.time()
        return seconds + micros / 1e6

    def join(self) -> bool:
        """Register this worker; True when it started a fresh run (cleared the last one's keys)."""
        now = self.now()
        k = self.keys
        args = [now, now - self.timeout, self.worker, k.inflight()]
        return bool(self._join(keys=[k.workers, k.queue, k.dupefilter], args=args))

    def heartbeat(self) -> None:
        self.server.zadd(self.keys.workers, {self.worker: self.now()})

    def enqueue(self, fingerprint: str, data: bytes, score: float) -> bool:
        """Queue ``data`` unless ``fingerprint`` was seen in this run; True when queued."""
        k = self.keys
        return bool(self._enqueue(keys=[k.dupefilter, k.queue], args=[fingerprint, score, data]))

    def take(self) -> bytes | None:
        """The best-priority queued request, now in this worker's in-flight set."""
        return self._take(keys=[self.keys.queue, self.keys.inflight(self.worker)])

    def ack(self, requests: list[bytes]) -> None:
        if requests:
            self.server.zrem(self.keys.inflight(self.worker), *requests)

    def reclaim_dead(self) -> int:
        """Move dead workers' in-flight requests back to the queue; returns how many."""
        k = self.keys
        return int(self._reclaim(keys=[k.workers, k.queue], args=[self.now() - self.timeout, k.inflight()]))

    def give_back(self) -> int:
        """Put this worker's unacknowledged requests back in the queue (an interrupted worker)."""
        k = self.keys
        mine = k.inflight(self.worker)
        n = self.server.zcard(mine)
        if n:
            self.server.zunionstore(k.queue, [k.queue, mine], aggregate="MIN")
            self.server.delete(mine)
        return n

    def leave(self) -> None:
        self.server.zrem(self.keys.workers, self.worker)
        self.server.delete(self.keys.inflight(self.worker))

    def queued(self) -> int:
        return int(self.server.zcard(self.keys.queue))

    def in_flight(self) -> int:
        """Requests taken but not acknowledged, over all registered workers (dead ones too:
        they count until reclaimed, so nobody exits while they could still come back)."""
        workers = self.server.zrange(self.keys.workers, 0, -1)
        pipe = self.server.pipeline()
        for w in workers:
            pipe.zcard(self.keys.inflight(w.decode() if isinstance(w, bytes) else w))
        return sum(pipe.execute())

    def quiet(self) -> bool:
        """Nothing queued and nothing being worked on anywhere: the run is over."""
        return self.queued() == 0 and self.in_flight() == 0

    def clear(self) -> None:
        """Delete every key of this frontier (tests, and `autonews workers --fresh`)."""
        keys = list(self.server.scan_iter(match=self.keys.key("*")))
        if keys:
            self.server.delete(*keys)
