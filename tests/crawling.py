"""Helpers for tests that run real crawls: ``scrapy crawl`` in a subprocess
(Twisted's reactor cannot restart inside one pytest process) against a local
replica server running in the test process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from autonews.crawl import LOCAL_FAST

FIELDS = ("title", "published_at", "source", "author", "channel", "body")
ROOT = Path(__file__).resolve().parent.parent
FAST = LOCAL_FAST | {"LOG_LEVEL": "INFO"}


def scrapy_crawl(
    base_url: str,
    db_url: str,
    *args: str,
    settings: dict[str, str] | None = None,
    timeout: float = 120,
    spider: str = "qiche",
) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"base_url={base_url}"]
    for arg in args:
        cmd += ["-a", arg]
    for key, value in (FAST | {"AUTONEWS_DATABASE_URL": db_url} | (settings or {})).items():
        cmd += ["-s", f"{key}={value}"]
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def dump_articles_and_links(db: Path) -> dict[str, list[tuple]]:
    """Every article's fields and every link row: what a second run must leave as it was."""
    with sqlite3.connect(db) as conn:
        return {
            "articles": conn.execute(
                f"select id, url, {', '.join(FIELDS)} from articles order by id"
            ).fetchall(),
            "links": conn.execute("select * from links order by id").fetchall(),
        }
