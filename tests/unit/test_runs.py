"""A run's verdict (what the exit code says) from its stats."""

from __future__ import annotations

import pytest

from autonews.crawling.runs import run_verdict

FETCHED = {"response_received_count": 50, "autonews/listing/article_links": 40, "autonews/articles/new": 40}


@pytest.mark.parametrize(
    ("stats", "reason", "verdict"),
    [
        (FETCHED, "finished", "ok"),
        (FETCHED, "shutdown", "failed"),
        ({}, "finished", "failed"),  # nothing fetched
        ({"response_received_count": 5, "autonews/listing/article_links": 40}, "finished", "failed"),
        (FETCHED | {"autonews/articles/new": 0, "autonews/articles/skipped_known": 40}, "finished", "ok"),
        (FETCHED | {"autonews/errors/TimeoutError": 20}, "finished", "failed"),  # 20 of 70
        (FETCHED | {"autonews/errors/TimeoutError": 5}, "finished", "ok"),
    ],
)
def test_a_single_crawl(stats: dict, reason: str, verdict: str) -> None:
    assert run_verdict(stats, reason, 0.2)[0] == verdict


@pytest.mark.parametrize(
    ("stats", "reason", "verdict"),
    [
        ({}, "finished", "ok"),  # joined as the run drained: nothing left to take
        ({"response_received_count": 5, "autonews/listing/article_links": 40}, "finished", "ok"),
        (FETCHED | {"autonews/errors/TimeoutError": 20}, "finished", "failed"),
        (FETCHED, "shutdown", "failed"),
    ],
)
def test_a_worker_on_a_shared_frontier(stats: dict, reason: str, verdict: str) -> None:
    """Its listings' articles may all go to other workers; errors and interruptions still count."""
    assert run_verdict(stats, reason, 0.2, shared_frontier=True)[0] == verdict


def test_the_reason_is_given() -> None:
    assert run_verdict({}, "finished", 0.2) == ("failed", "no page was fetched")


def test_a_run_that_reached_nothing_it_was_asked_for_failed() -> None:
    base = {"response_received_count": 3, "autonews/sources/requested/home": 1}
    assert run_verdict(base | {"autonews/sources/failed/home": 1}, "finished", 0.2) == (
        "failed",
        "the home page could not be fetched",
    )
    none_reached = base | {"autonews/sources/requested/sitemap": 1}
    assert (
        run_verdict(none_reached, "finished", 0.2)[1]
        == "no source (home page, sitemap, feed) could be fetched"
    )
    asked = base | {"autonews/sources/reached/home": 1, "autonews/args/channels": "nosuch"}
    assert run_verdict(asked, "finished", 0.2)[1] == "no listing found for channels nosuch"
    assert run_verdict(asked | {"autonews/listing/pages": 1}, "finished", 0.2) == ("ok", None)
    # A missing sitemap is a fact about the site, not a failure.
    fine = base | {"autonews/sources/reached/home": 1, "autonews/sources/failed/sitemap": 1}
    assert run_verdict(fine, "finished", 0.2) == ("ok", None)
    # A worker of a shared frontier is judged on what holds for any share of a run.
    assert (
        run_verdict(base | {"autonews/sources/failed/home": 1}, "finished", 0.2, shared_frontier=True)[0]
        == "ok"
    )


def test_run_counts_are_the_crawl_runs_columns_from_the_stats() -> None:
    from autonews.crawling.runs import run_counts

    stats = {
        "response_received_count": 70,
        "downloader/request_count": 75,
        "autonews/articles/new": 11,
        "autonews/articles/updated": 3,
        "autonews/articles/unchanged": 5,
        "autonews/dropped/no_body": 2,
        "autonews/dropped/mojibake": 4,
        "autonews/errors/TimeoutError": 6,
        "autonews/errors/ConnectionRefusedError": 1,
        "spider_exceptions/ValueError": 2,
        "retry/count": 9,  # retried attempts that later succeeded are not errors
        "autonews/pages/generic_fallback": 8,
    }
    assert run_counts(stats) == {
        "pages": 70,
        "requests": 75,
        "articles_new": 11,
        "articles_updated": 3,
        "articles_unchanged": 5,
        "dropped": 6,
        "errors": 9,
        "fallbacks": 8,
    }
    assert run_counts({}) == dict.fromkeys(
        ("pages", "requests", "articles_new", "articles_updated", "articles_unchanged", "dropped", "errors",
         "fallbacks"), 0
    )  # fmt: skip


@pytest.mark.parametrize(
    "outcome",
    [
        {"autonews/articles/updated": 5, "autonews/articles/new": 5},
        {"autonews/articles/unchanged": 5, "autonews/articles/new": 5},
        {"autonews/articles/skipped_known": 10, "autonews/articles/new": 10},
        {"autonews/articles/unchanged": 40},
    ],
)
def test_listed_articles_count_as_seen_whatever_happened_to_them(outcome: dict) -> None:
    stats = {"response_received_count": 50, "autonews/listing/article_links": 40} | outcome
    assert run_verdict(stats, "finished", 0.2) == ("ok", None)


def test_the_error_rate_is_errors_over_pages_plus_errors_and_may_reach_the_limit() -> None:
    base = {"response_received_count": 80, "autonews/articles/new": 10}
    assert run_verdict(base | {"autonews/errors/TimeoutError": 20}, "finished", 0.2) == ("ok", None)  # 20 %
    assert run_verdict(base | {"autonews/errors/TimeoutError": 21}, "finished", 0.2) == (
        "failed",
        "error rate 21% above 20%",
    )
    hundred = {"response_received_count": 100, "autonews/articles/new": 10, "autonews/errors/X": 20}
    assert run_verdict(hundred, "finished", 0.2) == ("ok", None)  # 20 of 120, not 20 of 80
    # A worker that fetched nothing but failed once: one error of one attempt is 100 %.
    assert run_verdict({"autonews/errors/X": 1}, "finished", 0.6, shared_frontier=True) == (
        "failed",
        "error rate 100% above 60%",
    )


def test_recent_runs_are_the_newest_rows_first(db_url: str) -> None:
    from autonews.crawling.runs import recent_runs
    from autonews.store import Store

    store = Store.open(db_url)
    for n in range(3):
        run = store.start_run("qiche", site="qiche", base_url=f"http://h{n}", args={"n": n})
        store.update_run(run, status="ok", pages=n)
    store.close()
    assert [(r["id"], r["base_url"], r["pages"], r["args"]) for r in recent_runs(db_url, limit=2)] == [
        (3, "http://h2", 2, '{"n": 2}'),
        (2, "http://h1", 1, '{"n": 1}'),
    ]
    assert len(recent_runs(db_url)) == 3
    store = Store.open(db_url)
    for _ in range(20):
        store.start_run("qiche", site="qiche", base_url="http://h", args={})
    store.close()
    assert [r["id"] for r in recent_runs(db_url)] == list(range(23, 3, -1))  # 20 by default
