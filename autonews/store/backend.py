"""What differs per back-end when several writers share one database: the store asks
here, and this picks SQLite's way (``sqlite``) or PostgreSQL's (``postgres``).

Both retry a batch that lost a race with another writer (``retryable``, ``backoff``):
on SQLite a UNIQUE error or a locked database, on PostgreSQL a serialization failure,
a deadlock or a unique violation.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from autonews.store import postgres, sqlite

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
    if getattr(exc.orig, "sqlstate", None) in postgres.RETRY_SQLSTATES:
        return True
    return sqlite.retryable(exc.orig)


def backoff(attempt: int) -> None:
    # Jitter, so two writers that collided do not collide again in lock step.
    time.sleep(random.uniform(0.01, 0.05) * (2**attempt))


def insert_articles(conn: Connection, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Insert new article rows (sorted by URL), one multi-row statement; returns url -> id."""
    if not rows:
        return {}
    if is_postgres(conn):
        got = postgres.insert_articles(conn, rows)
    else:
        got = sqlite.insert_returning(conn, "articles", rows, "url, id")
    if len(got) != len(rows):
        raise Conflict(f"{len(rows) - len(got)} article(s) inserted concurrently")
    return {url: art_id for url, art_id in got}


def _side(conn: Connection) -> ModuleType:
    """The module holding this back-end's statements."""
    return postgres if is_postgres(conn) else sqlite


def insert_links(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        _side(conn).insert_links(conn, rows)


def existing(conn: Connection, urls: Sequence[str]) -> dict[str, tuple[int, str]]:
    """url -> (id, content_hash) of the stored ``urls``."""
    if is_postgres(conn):
        return postgres.existing(conn, urls)
    rows = sqlite.rows_by_url(conn, "url, id, content_hash", urls)
    return {url: (art_id, digest) for url, art_id, digest in rows}


def lock_articles(conn: Connection, ids: Sequence[int]) -> dict[int, str]:
    """PostgreSQL: lock the batch's stored articles (``postgres.lock_articles``); SQLite
    needs nothing (one writer at a time)."""
    if not ids or not is_postgres(conn):
        return {}
    return postgres.lock_articles(conn, ids)


def resolve_incoming(conn: Connection, inserted: dict[str, int]) -> None:
    """Links stored before these articles existed now point at them (inside the batch's
    transaction; ``sweep_links`` adds what concurrent writers could not see yet)."""
    if inserted:
        _side(conn).resolve_incoming(conn, inserted)


def sweep_links(engine: Engine, from_ids: Sequence[int], new_urls: Sequence[str]) -> None:
    """PostgreSQL only: resolve links across writers after our commit."""
    if not is_postgres(engine) or not (from_ids or new_urls):
        return
    for attempt in range(RETRIES):
        try:
            with engine.begin() as conn:
                postgres.sweep_links(conn, from_ids, new_urls)
            return
        except DBAPIError as exc:
            if not retryable(exc) or attempt == RETRIES - 1:
                raise
            backoff(attempt)


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """One worker at a time checks and upgrades the schema (PostgreSQL; SQLite's own
    write lock already serialises it)."""
    if not is_postgres(engine):
        yield
        return
    with postgres.migration_lock(engine):
        yield
