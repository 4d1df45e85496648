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


# The counter columns in their table order, for whoever lists them beside run_counts.
RUN_COUNTERS: tuple[str, ...] = tuple(run_counts({}))


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
    if not shared_frontier:
        unreached = _unreached(stats)
        if unreached:
            return "failed", unreached
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


def _unreached(stats: Mapping[str, Any]) -> str | None:
    """A run that reached nothing it was asked for: the home page failed, or no source
    answered at all, or the channels asked for have no listing."""
    if stats.get("autonews/sources/failed/home"):
        return "the home page could not be fetched"
    requested = any(k.startswith("autonews/sources/requested/") for k in stats)
    if requested and not any(k.startswith("autonews/sources/reached/") for k in stats):
        return "no source (home page, sitemap, feed) could be fetched"
    channels = stats.get("autonews/args/channels")
    if channels and not stats.get("autonews/listing/pages"):
        return f"no listing found for channels {channels}"
    return None


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


def close_unfinished_run(database_url: str, stats: Mapping[str, Any]) -> str | None:
    """The run's status once the crawl process is done with it.

    A second Ctrl-C or SIGTERM stops Scrapy before the spider closes, so no verdict was
    recorded and the row would stay ``running``: it is marked failed here, with its
    counters as far as they got.  None when the crawl recorded no run (no store pipeline).
    """
    status = stats.get("autonews/run_status")
    run_id = stats.get("autonews/run_id")
    if status is not None or run_id is None:
        return status
    from autonews.store import Store
    from autonews.store.engine import utc_now

    store = Store.open(database_url, migrate=False)
    try:
        values = run_counts(stats) | {"finished_at": utc_now(), "status": "failed"}
        values |= {"finish_reason": "killed", "failure": "stopped before the spider closed (shutdown forced)"}
        store.update_run(run_id, **values)
    finally:
        store.close()
    return "failed"
