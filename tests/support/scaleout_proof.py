"""The scale-out proof: N workers through Redis into PostgreSQL equal one process into SQLite.

Used by ``tests/integration/test_scaleout.py`` and ``benchmarks/scaleout_proof.py``.  Each crawl
gets its own replica server, so each has its own request log; a database is
compared as sets of rows with the server's address cut off the URLs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text

from autonews.crawling.process import LOCAL_FAST
from autonews.distributed.workers import ROOT, start_workers, wait_workers, worker_command
from autonews.replica import ReplicaServer, ReplicaSite

# No politeness delays against the local replica, and no WARC files.
FAST = LOCAL_FAST | {"LOG_LEVEL": "INFO", "AUTONEWS_WARC_ENABLED": "0"}
DISTRIBUTED_FAST = {
    "AUTONEWS_IDLE_EXIT_SECONDS": "2",
    "AUTONEWS_WORKER_TIMEOUT": "5",
    "AUTONEWS_HEARTBEAT_SECONDS": "0.5",
}


@dataclass
class Crawl:
    exit_codes: list[int]
    requests: list[str]  # paths the replica served, in order
    seconds: float
    runs: list[tuple] = field(default_factory=list)  # (status, finish_reason, pages, articles_new)

    def fetched_twice(self) -> list[str]:
        return [p for p, n in Counter(self.requests).items() if n > 1 and p != "/robots.txt"]


def snapshot(db_url: str, base_url: str) -> dict[str, set[tuple]]:
    """Articles (URL, fields, body) and the link graph, with ``base_url`` cut off every URL."""
    cut = len(base_url)
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            arts = conn.execute(
                text(
                    "SELECT url, title, published_at, source, author, channel, body, page_count FROM articles"
                )
            )
            links = conn.execute(
                text(
                    "SELECT f.url, l.to_url, l.kind, l.title, l.position, t.url FROM links l"
                    " JOIN articles f ON f.id = l.from_id LEFT JOIN articles t ON t.id = l.to_id"
                )
            )
            return {
                "articles": {(r[0][cut:], *r[1:]) for r in arts},
                "links": {(r[0][cut:], r[1][cut:], r[2], r[3], r[4], r[5] and r[5][cut:]) for r in links},
            }
    finally:
        engine.dispose()


def runs(db_url: str) -> list[tuple]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            sql = "SELECT status, finish_reason, pages, articles_new FROM crawl_runs ORDER BY id"
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def crawl_single(site: ReplicaSite, db_url: str) -> tuple[Crawl, dict[str, set[tuple]]]:
    """One ordinary process (no Redis) crawling its own replica server."""
    with ReplicaServer(site) as server:
        start = time.monotonic()
        cmd = worker_command(server.base_url, FAST | {"AUTONEWS_DATABASE_URL": db_url})
        env = os.environ | {"PYTHONPATH": str(ROOT)}
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        crawl = Crawl([proc.returncode], list(server.requests), time.monotonic() - start, runs(db_url))
        return crawl, snapshot(db_url, server.base_url)


def crawl_distributed(
    site: ReplicaSite,
    db_url: str,
    redis_url: str,
    prefix: str,
    workers: int,
    *,
    kill_after: int | None = None,
    log_dir: Path | None = None,
) -> tuple[Crawl, dict[str, set[tuple]]]:
    """``workers`` processes on one frontier; with ``kill_after``, the first is SIGKILLed
    once the replica has served that many requests."""
    with ReplicaServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        log_dir = log_dir or Path(tmp)  # worker logs off the terminal
        start = time.monotonic()
        settings = FAST | DISTRIBUTED_FAST | {"AUTONEWS_REDIS_PREFIX": prefix}
        procs = start_workers(
            workers,
            database_url=db_url,
            redis_url=redis_url,
            base_url=server.base_url,
            settings=settings,
            log_dir=log_dir,
        )
        if kill_after is not None:
            while len(server.requests) < kill_after and procs[0].poll() is None:
                time.sleep(0.05)
            procs[0].send_signal(signal.SIGKILL)
        codes = wait_workers(procs, timeout=600)
        crawl = Crawl(codes, list(server.requests), time.monotonic() - start, runs(db_url))
        return crawl, snapshot(db_url, server.base_url)
