"""Whole crawls of the replica through the real spider, pipelines and store."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from autonews.replica import ReplicaServer, ReplicaSite
from tests.support.crawling import dump_articles_and_links as _dump
from tests.support.crawling import scrapy_crawl


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
        # A run that fails (stopped by a CLOSESPIDER limit), then the run after it, which
        # must walk every listing page; then one whose refresh window holds every article.
        failed = scrapy_crawl(server.base_url, f"sqlite:///{db}", settings={"CLOSESPIDER_PAGECOUNT": "1"})
        seen = len(server.requests)
        after_failed = scrapy_crawl(server.base_url, f"sqlite:///{db}")
        after_failed_requests = server.requests[seen:]
        seen = len(server.requests)
        refreshed = scrapy_crawl(
            server.base_url, f"sqlite:///{db}", settings={"AUTONEWS_REFRESH_HOURS": "1000000"}
        )
        refreshed_requests = server.requests[seen:]
    return {
        "site": site,
        "base": server.base_url,
        "db": db,
        "first": first,
        "second": second,
        "first_requests": first_requests,
        "second_requests": second_requests,
        "snapshot": snapshot,
        "failed": failed,
        "after_failed": after_failed,
        "after_failed_requests": after_failed_requests,
        "refreshed": refreshed,
        "refreshed_requests": refreshed_requests,
    }


def _stats(run) -> dict[str, int]:
    """The autonews/ counters of a finished crawl, from Scrapy's stats dump on stderr."""
    return {k: int(v) for k, v in re.findall(r"'(autonews/[^']+)': (\d+)", run.stderr)}


def _listing_pages(paths: list[str]) -> list[str]:
    return sorted(p for p in paths if p.endswith("/") or "/list_" in p)


# Every article and field, and the link graph: tests/extraction/test_families.py (family "live" is this replica).


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
    from autonews.crawling.cpu_stats import PARTS, PREFIX

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


# The replica's four channels have 6 listing pages: /hangye/ has three, the others one each.
ALL_LISTING_PAGES = ["/", "/hangye/", "/hangye/list_2.htm", "/hangye/list_3.htm", "/pingce/", "/shehuiredia/",
                     "/xinche/"]  # fmt: skip


def test_the_first_run_walks_every_listing_page_and_never_stops_at_known(crawled) -> None:
    assert _listing_pages(crawled["first_requests"]) == ALL_LISTING_PAGES
    assert "autonews/listing/stopped_at_known" not in _stats(crawled["first"])


def test_the_second_run_stops_at_the_first_listing_page_of_each_channel(crawled) -> None:
    """Every article on each channel's first page was stored by the first run."""
    stats = _stats(crawled["second"])
    assert stats["autonews/listing/stopped_at_known"] == 4
    assert stats["autonews/listing/pages"] == 4
    assert sorted(crawled["second_requests"]) == [
        "/", "/hangye/", "/pingce/", "/robots.txt", "/robots.txt", "/shehuiredia/", "/sitemap.xml", "/xinche/",
    ]  # fmt: skip


def test_a_failed_previous_run_makes_the_next_one_walk_every_listing_page(crawled) -> None:
    with sqlite3.connect(crawled["db"]) as conn:
        statuses = [s for (s,) in conn.execute("select status from crawl_runs order by id")]
    assert statuses == ["ok", "ok", "failed", "ok", "ok"]
    assert (
        "the previous run did not finish cleanly: walking every listing page"
        in crawled["after_failed"].stderr
    )
    stats = _stats(crawled["after_failed"])
    assert "autonews/listing/stopped_at_known" not in stats
    assert stats["autonews/listing/pages"] == 6
    assert _listing_pages(crawled["after_failed_requests"]) == ALL_LISTING_PAGES
    # A full walk is not a refresh: the stored articles it passes are not fetched again.
    assert "autonews/articles/unchanged" not in stats and "autonews/articles/new" not in stats


def test_stored_articles_inside_the_refresh_window_are_fetched_again(crawled) -> None:
    """AUTONEWS_REFRESH_HOURS: with a window that holds every replica article, the articles
    the (stopped) walk reaches are fetched again and counted unchanged; with the default
    48 hours (the second run) none is."""
    assert "autonews/articles/unchanged" not in _stats(crawled["second"])
    stats = _stats(crawled["refreshed"])
    assert stats["autonews/listing/stopped_at_known"] == 4
    assert stats["autonews/articles/unchanged"] == 40
    assert "autonews/articles/new" not in stats and "autonews/articles/updated" not in stats
    with sqlite3.connect(crawled["db"]) as conn:
        last = conn.execute("select articles_new, articles_updated, articles_unchanged from crawl_runs"
                            " order by id desc limit 1").fetchone()  # fmt: skip
    assert last == (0, 0, 40)
