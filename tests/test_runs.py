"""A run's verdict (what the exit code says) from its stats."""

from __future__ import annotations

import pytest

from autonews.runs import run_verdict

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
