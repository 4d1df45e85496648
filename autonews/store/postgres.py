"""What differs per back-end when several writers share one database.

SQLite serialises writers (one write transaction at a time, WAL, busy timeout),
so plain INSERTs are enough there and a row another process added meanwhile
shows up as a UNIQUE error that a retry resolves.  PostgreSQL runs writers
side by side under READ COMMITTED, so it gets upserts (INSERT … ON CONFLICT),
an advisory lock around migrations, and a link sweep after each commit:

Worker A stores article X with a link to Y while worker B's still-uncommitted
transaction inserts Y.  A cannot see Y (link stored with ``to_id`` NULL) and B's
"resolve links to me" cannot see A's link.  After its commit each writer runs
one more UPDATE resolving (a) links *from* its articles still unresolved and
(b) links *to* its new articles.  Whichever of A and B commits last sees the
other's committed rows in that sweep, so the link is always resolved.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError

from autonews.store.models import Article, Link

# Serialization failure, deadlock, unique violation (a concurrent writer won a race).
_PG_RETRY = {"40001", "40P01", "23505"}
_MIGRATION_LOCK = 0x6175746F6E657773  # "autonews": one advisory-lock id for all writers
RETRIES = 6


class Conflict(Exception):
    """Another writer stored one of our new articles meanwhile: redo the batch."""


def is_postgres(engine_or_conn: Engine | Connection) -> bool:
    return engine_or_conn.dialect.name == "postgresql"


def retryable(exc: BaseException) -> bool:
    """A failure that a fresh attempt of the same batch can succeed at."""
    if isinstance(exc, Conflict):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in _PG_RETRY:
        return True
    if isinstance(orig, sqlite3.IntegrityError):
        return "articles.url" in str(orig)  # inserted by another process since our SELECT
    return isinstance(orig, sqlite3.OperationalError) and "locked" in str(orig)


def backoff(attempt: int) -> None:
    # Jitter, so two writers that collided do not collide again in lock step.
    time.sleep(random.uniform(0.01, 0.05) * (2**attempt))


def insert_articles(conn: Connection, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Insert new article rows (sorted by URL), one multi-row statement; returns url -> id."""
    if not rows:
        return {}
    if is_postgres(conn):
        stmt = pg_insert(Article).on_conflict_do_nothing(index_elements=["url"])
    else:
        stmt = insert(Article)
    got = conn.execute(stmt.returning(Article.url, Article.id), list(rows)).all()
    if len(got) != len(rows):
        raise Conflict(f"{len(rows) - len(got)} article(s) inserted concurrently")
    return {url: art_id for url, art_id in got}


def insert_links(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert link rows; on PostgreSQL a row a concurrent writer added is updated instead."""
    if not rows:
        return
    if not is_postgres(conn):
        # Straight to the driver's executemany: tens of thousands of rows per second,
        # without SQLAlchemy building parameters row by row.
        conn.exec_driver_sql(_SQLITE_LINKS, [tuple(r[c] for c in _LINK_COLS) for r in rows])
        return
    stmt = pg_insert(Link)
    stmt = stmt.on_conflict_do_update(
        constraint="uq_links_from_to_kind",
        set_={
            "title": stmt.excluded.title,
            "position": stmt.excluded.position,
            "to_id": text("COALESCE(links.to_id, excluded.to_id)"),
        },
    )
    conn.execute(stmt, list(rows))


_LINK_COLS = ("from_id", "to_url", "kind", "title", "position", "to_id")
_SQLITE_LINKS = f"INSERT INTO links ({', '.join(_LINK_COLS)}) VALUES ({', '.join('?' * len(_LINK_COLS))})"
# Two statements, not one with OR: each then uses its own index (from_id, to_url).
_SWEEP_FROM = text(
    "UPDATE links SET to_id = a.id FROM articles a"
    " WHERE links.from_id = ANY(:ids) AND links.to_id IS NULL AND a.url = links.to_url"
)
_SWEEP_TO = text(
    "UPDATE links SET to_id = a.id FROM articles a"
    " WHERE links.to_url = ANY(:urls) AND links.to_id IS NULL AND a.url = links.to_url"
)


def sweep_links(engine: Engine, from_ids: Sequence[int], new_urls: Sequence[str]) -> None:
    """PostgreSQL only: resolve links across writers after our commit (see module doc)."""
    if not is_postgres(engine) or not (from_ids or new_urls):
        return
    for attempt in range(RETRIES):
        try:
            with engine.begin() as conn:
                conn.execute(_SWEEP_FROM, {"ids": sorted(from_ids)})
                conn.execute(_SWEEP_TO, {"urls": sorted(new_urls)})
            return
        except DBAPIError as exc:
            if not retryable(exc) or attempt == RETRIES - 1:
                raise
            backoff(attempt)


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """PostgreSQL: one worker at a time checks and upgrades the schema (they start together)."""
    if not is_postgres(engine):
        yield
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _MIGRATION_LOCK})
        conn.commit()  # the lock is per session; do not hold a transaction open meanwhile
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _MIGRATION_LOCK})
            conn.commit()


def resolve_incoming(conn: Connection, inserted: dict[str, int]) -> None:
    """Links stored before these articles existed now point at them (inside the batch's
    transaction; ``sweep_links`` adds what concurrent writers could not see yet)."""
    if not inserted:
        return
    rows = [{"u": url, "i": art_id} for url, art_id in sorted(inserted.items())]
    stmt = (
        update(Link).where(Link.to_url == bindparam("u"), Link.to_id.is_(None)).values(to_id=bindparam("i"))
    )
    conn.execute(stmt, rows)
