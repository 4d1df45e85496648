"""From Scrapy's stats to the ``crawl_runs`` counters and a run's verdict."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def run_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    """The ``crawl_runs`` counter columns, from a crawler's stats."""
    dropped = sum(v for k, v in stats.items() if k.startswith("autonews/dropped/"))
    errors = sum(v for k, v in stats.items() if k.startswith("spider_exceptions/"))
    errors += sum(v for k, v in stats.items() if k.startswith("downloader/exception_type_count/"))
    errors += int(stats.get("log_count/ERROR", 0))
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


def run_status(stats: Mapping[str, Any], reason: str, settings: Any) -> str:
    """``ok`` or ``failed``: what the exit code will say (see the README)."""
    if reason != "finished":
        return "failed"
    return "ok"
