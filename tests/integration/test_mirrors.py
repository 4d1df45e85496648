"""One article is one row under any host, port or scheme, and so is every link to it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from autonews.replica import ReplicaServer, ReplicaSite
from tests.support.crawling import scrapy_crawl


def _graph(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        articles = conn.execute("select count(*) from articles").fetchone()[0]
        links = conn.execute("select count(*) from links").fetchone()[0]
        resolved = conn.execute("select count(*) from links where to_id is not null").fetchone()[0]
    return articles, links, resolved


def test_recrawling_under_another_host_name_keeps_the_link_graph(tmp_path: Path) -> None:
    db = tmp_path / "mirror.db"
    with ReplicaServer(ReplicaSite()) as server:
        first = scrapy_crawl(server.base_url, f"sqlite:///{db}")
        assert first.returncode == 0, first.stderr[-2000:]
        before = _graph(db)
        other = server.base_url.replace("127.0.0.1", "localhost")
        second = scrapy_crawl(other, f"sqlite:///{db}", "refresh=1")
        assert second.returncode == 0, second.stderr[-2000:]
    after = _graph(db)
    assert before[1] > 0 and before[2] == before[1] - 1  # one related target is a 404
    assert after == before
