"""From Scrapy's stats to the ``crawl_runs`` counters and a run's verdict."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def run_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    """The ``crawl_runs`` counter columns, from a crawler's stats."""
    dropped = sum(v for k, v in stats.items() if k.startswith("autonews/dropped/"))
    # Requests that failed for good (after retries) and callbacks that raised;
    # retried attempts that later succeeded are not errors.
    errors = sum(v for k, v in stats.items() if k.startswith(("autonews/errors/", "spider_exceptions/")))
    return {
        "pages": int(stats.get("response_received_count", 0)),
        "requests": int(stats.get("downloader/request_count", 0)),
        "articles_new": int(stats.get("autonews/articles/new", 0)),
        "articles_updated": int(stats.get("autonews/articles/updated", 0)),
        "articles_unchanged": int(stats.get("autonews/articles/unchanged", 0)),
        "dropped": int(dropped),
        "errors": int(errors),
        "fallbacks": int(stats.get("autonews/pages/generic_fallback", 0)),
    }


def run_verdict(
    stats: Mapping[str, Any], reason: str, max_error_rate: float, *, shared_frontier: bool = False
) -> tuple[str, str | None]:
    """(``ok`` | ``failed``, why): what the exit code will say (see the README).

    A worker on a shared frontier fetches what it happens to take: the articles of
    the listings it read may all go to other workers, and one that joins as the run
    drains may fetch nothing.  Only the checks that hold for any share of a run (the
    finish reason, the error rate) apply to it.
    """
    if reason != "finished":
        return "failed", f"finish reason {reason!r}"
    counts = run_counts(stats)
    listed = int(stats.get("autonews/listing/article_links", 0))
    seen = counts["articles_new"] + counts["articles_updated"] + counts["articles_unchanged"]
    seen += int(stats.get("autonews/articles/skipped_known", 0))
    if listed and not seen and not shared_frontier:
        return "failed", f"listings named {listed} articles but none was stored"
    if counts["pages"] == 0 and not shared_frontier:
        return "failed", "no page was fetched"
    rate = counts["errors"] / max(counts["pages"] + counts["errors"], 1)
    if rate > max_error_rate:
        return "failed", f"error rate {rate:.0%} above {max_error_rate:.0%}"
    return "ok", None


def recent_runs(database_url: str, limit: int = 20) -> list[dict[str, Any]]:
    """The latest ``limit`` rows of ``crawl_runs``, newest first, as dicts."""
    from sqlalchemy import select

    from autonews.store import CrawlRun, make_engine
    from autonews.store.readonly import require_database

    require_database(database_url)
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(CrawlRun.__table__).order_by(CrawlRun.id.desc()).limit(limit))
            return [dict(r._mapping) for r in rows]
    finally:
        engine.dispose()
