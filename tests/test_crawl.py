"""Whole crawls of the replica through the real spider, pipelines and store."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from autonews.replica import ReplicaServer, ReplicaSite
from tests.crawling import dump_articles_and_links as _dump
from tests.crawling import scrapy_crawl


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):
    """One replica, crawled twice into the same database."""
    db = tmp_path_factory.mktemp("crawl") / "autonews.db"
    site = ReplicaSite()
    with ReplicaServer(site) as server:
        # Small batches and catch-ups, so the search index is caught up during the crawl too.
        # CPU stats on in the first run only.
        settings = {
            "AUTONEWS_BATCH_SIZE": "10",
            "AUTONEWS_SEARCH_INDEX_EVERY": "20",
            "AUTONEWS_CPU_STATS": "1",
        }
        first = scrapy_crawl(server.base_url, f"sqlite:///{db}", settings=settings)
        first_requests = list(server.requests)
        snapshot = _dump(db)
        second = scrapy_crawl(server.base_url, f"sqlite:///{db}")
        second_requests = server.requests[len(first_requests) :]
    return {
        "site": site,
        "base": server.base_url,
        "db": db,
        "first": first,
        "second": second,
        "first_requests": first_requests,
        "second_requests": second_requests,
        "snapshot": snapshot,
    }


# Every article and field, and the link graph: tests/test_families.py (family "live" is this replica).


def test_each_url_fetched_once_and_robots_obeyed(crawled) -> None:
    counts = Counter(crawled["first_requests"])
    # robots.txt twice: Scrapy's robots.txt middleware, and the spider reading its Sitemap lines.
    assert counts.pop("/robots.txt") == 2
    assert [url for url, n in counts.items() if n > 1] == []
    assert not [p for p in counts if p.startswith(("/ask/", "/plus/"))]


def test_links_resolve_and_the_missing_target_stays_unresolved(crawled) -> None:
    with sqlite3.connect(crawled["db"]) as conn:
        unresolved = conn.execute("select to_url from links where to_id is null").fetchall()
        wrong = conn.execute(
            "select count(*) from links l join articles a on a.id = l.to_id where a.url != l.to_url"
        ).fetchone()[0]
    assert [u.removeprefix(crawled["base"]) for (u,) in unresolved] == ["/hangye/309001.htm"]
    assert wrong == 0


def test_second_run_changes_nothing_and_fetches_little(crawled) -> None:
    assert _dump(crawled["db"]) == crawled["snapshot"]
    assert len(crawled["second_requests"]) <= 0.15 * len(crawled["first_requests"])


def test_every_article_is_in_the_search_index_when_the_crawl_ends(crawled) -> None:
    with sqlite3.connect(crawled["db"]) as conn:
        indexed = {r for (r,) in conn.execute("select rowid from articles_search")}
        stored = {r for (r,) in conn.execute("select id from articles")}
        queued = conn.execute("select count(*) from articles_search_pending").fetchone()[0]
    assert indexed == stored and queued == 0
    assert f"'autonews/search_indexed': {len(stored)}" in crawled["first"].stderr


def test_runs_are_recorded_with_counts(crawled) -> None:
    with sqlite3.connect(crawled["db"]) as conn:
        runs = conn.execute(
            "select status, finish_reason, articles_new, articles_updated, pages from crawl_runs order by id"
        ).fetchall()
    n = len(crawled["site"].expected_articles())
    assert runs[0][:4] == ("ok", "finished", n, 0) and runs[0][4] > n
    assert runs[1][:4] == ("ok", "finished", 0, 0)


def test_cpu_stats_name_every_part_only_when_asked(crawled) -> None:
    from autonews.cpu_stats import PARTS, PREFIX

    first = dict(re.findall(rf"'{PREFIX}(\w+)': (\d+)", crawled["first"].stderr))
    assert sorted(first) == sorted(PARTS)
    assert all(int(us) > 0 for us in first.values())
    assert PREFIX not in crawled["second"].stderr


BENCH = {"SPIDER_MODULES": "spiders,benchmarks.spiders", "ITEM_PIPELINES": "{}"}


def test_the_benchmark_parse_mode_parses_pages_but_stores_nothing(tmp_path: Path) -> None:
    with ReplicaServer(ReplicaSite(articles=30)) as server:
        done = scrapy_crawl(
            server.base_url,
            f"sqlite:///{tmp_path / 'parse.db'}",
            spider="qiche_bench",
            settings=BENCH | {"AUTONEWS_BENCH_EXTRACT": "parse", "AUTONEWS_CPU_STATS": "1"},
        )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "'autonews/cpu_us/read_page'" in done.stderr
    assert "item_scraped_count" not in done.stderr


def test_a_bad_benchmark_mode_stops_the_crawl_before_it_starts(tmp_path: Path) -> None:
    done = scrapy_crawl(
        "http://127.0.0.1:9",
        f"sqlite:///{tmp_path / 'x.db'}",
        spider="qiche_bench",
        settings=BENCH | {"AUTONEWS_BENCH_EXTRACT": "maybe"},
    )
    assert done.returncode != 0
    assert "AUTONEWS_BENCH_EXTRACT must be off or parse, not 'maybe'" in done.stderr
