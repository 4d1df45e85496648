"""Scale-out proof: 2 and 3 workers (Redis frontier, PostgreSQL) vs one process (SQLite).

For a generated replica of N articles it prints, per crawl: exit codes, seconds,
pages served, URLs served more than once, per-worker crawl_runs rows, and
whether the database equals the single-process one (articles, bodies, link
graph).  The last crawl SIGKILLs one of three workers half-way.

    python benchmarks/scaleout_proof.py            # 2,000 articles; needs PostgreSQL and Redis
"""

from __future__ import annotations

import argparse
import tempfile
import uuid
from pathlib import Path

import redis
from sqlalchemy import create_engine, text

from autonews.replica import ReplicaSite
from tests.support.scaleout_proof import Crawl, crawl_distributed, crawl_single

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REDIS = "redis://127.0.0.1:6379/0"


def report(name: str, crawl: Crawl, snap: dict, single: dict | None) -> None:
    same = "n/a" if single is None else snap == single
    print(
        f"{name:26} exit {crawl.exit_codes}  {crawl.seconds:5.1f} s  pages served {len(crawl.requests):5}"
        f"  served twice {len(crawl.fetched_twice()):3}  articles {len(snap['articles']):5}"
        f"  links {len(snap['links']):6}  equals single: {same}"
    )
    for status, reason, pages, new in crawl.runs:
        print(f"{'':28}crawl_runs: {status:8} {reason or '-':9} pages {pages:5}  new {new:5}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=2000)
    parser.add_argument("--pg", default=PG_ADMIN)
    parser.add_argument("--redis", default=REDIS)
    args = parser.parse_args()
    site = ReplicaSite(articles=args.articles)
    print(f"replica: {args.articles} generated articles ({len(site.expected_articles())} expected in all)")
    admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
    server = redis.Redis.from_url(args.redis)
    with tempfile.TemporaryDirectory() as tmp:
        single_crawl, single = crawl_single(site, f"sqlite:///{Path(tmp) / 'single.db'}")
        report("1 process, SQLite", single_crawl, single, None)
        for workers, kill in ((2, None), (3, None), (3, len(site.expected_articles()) // 2)):
            name, prefix = f"autonews_proof_{uuid.uuid4().hex[:8]}", f"autonews_proof_{uuid.uuid4().hex[:8]}"
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            db = args.pg.rsplit("/", 1)[0] + f"/{name}"
            try:
                crawl, snap = crawl_distributed(site, db, args.redis, prefix, workers, kill_after=kill)
                label = f"{workers} workers, PG+Redis" + (", 1 killed" if kill else "")
                report(label, crawl, snap, single)
            finally:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                keys = list(server.scan_iter(match=f"{prefix}:*"))
                if keys:
                    server.delete(*keys)
    admin.dispose()


if __name__ == "__main__":
    main()
