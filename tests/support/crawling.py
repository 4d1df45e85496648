"""Helpers for tests that run real crawls: ``scrapy crawl`` in a subprocess
(Twisted's reactor cannot restart inside one pytest process) against a local
replica server running in the test process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from autonews.crawling.process import LOCAL_FAST

FIELDS = ("title", "published_at", "source", "author", "channel", "body")
ROOT = Path(__file__).resolve().parents[2]
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


def furniture_in_bodies(db: Path) -> list[tuple[str, str]]:
    """(url, mark) for every replica furniture mark left in a stored body."""
    from autonews.replica.chrome import ORIGINAL_NOTE, QR_NOTE, STATEMENT_LINES

    marks = (ORIGINAL_NOTE, QR_NOTE, *STATEMENT_LINES, "分享到", "打印", "责任编辑", ".jpeg", ".jpg", "声明")
    with sqlite3.connect(db) as conn:
        bodies = conn.execute("select url, body from articles").fetchall()
    return [(url, mark) for url, body in bodies for mark in marks if mark in body]


def graphs(db: Path, site, base: str) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """(stored, expected) link rows as (from url, to url, kind) for a replica crawled at ``base``."""
    expected = {
        (base + src, base + dst, kind)
        for src, blocks in site.expected_links().items()
        for kind, targets in blocks.items()
        for dst in targets
    }
    with sqlite3.connect(db) as conn:
        got = set(
            conn.execute("select a.url, l.to_url, l.kind from links l join articles a on a.id = l.from_id")
        )
    return got, expected


# Templates drawn at random besides the listed families: seeds fixed so a run is repeatable;
# AUTONEWS_RANDOM_FAMILIES="3,17,40" draws others (markup no listed family has).
RANDOM_SEEDS = os.environ.get("AUTONEWS_RANDOM_FAMILIES", "1,2")


def family_names() -> list[str]:
    """The families the crawl tests run: every listed one, then the random draws."""
    from autonews.replica.families import FAMILIES, RANDOM_PREFIX

    drawn = [f"{RANDOM_PREFIX}{seed.strip()}" for seed in RANDOM_SEEDS.split(",") if seed.strip()]
    return sorted(FAMILIES) + drawn


def crawl_family(family: str, folder: Path, *, spider: str = "qiche", twice: bool = True) -> dict:
    """A replica family crawled once or twice into ``folder``: what the family tests read."""
    from autonews.replica import ReplicaServer, ReplicaSite

    db = folder / "autonews.db"
    site = ReplicaSite(family=family)
    with ReplicaServer(site) as server:
        first = scrapy_crawl(server.base_url, f"sqlite:///{db}", spider=spider)
        snapshot = dump_articles_and_links(db)
        second = scrapy_crawl(server.base_url, f"sqlite:///{db}", spider=spider) if twice else None
    return {"family": family, "site": site, "base": server.base_url, "db": db, "first": first,
            "second": second, "snapshot": snapshot}  # fmt: skip
