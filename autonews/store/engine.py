"""Engines for any SQLAlchemy URL; SQLite gets WAL, foreign keys and a busy timeout."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import NoSuchModuleError

DEFAULT_DATABASE_URL = "sqlite:///autonews.db"
SQLITE_BUSY_MS = 30_000


class DatabaseUnusable(ValueError):
    """The database URL cannot be used: malformed, no driver, or the server does not answer.
    The message is the one line to show."""


def make_engine(url: str) -> Engine:
    """An engine for ``url``; raises DatabaseUnusable with a one-line reason."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # SQLAlchemy raises ArgumentError for malformed URLs
        raise DatabaseUnusable(f"bad database URL {url!r} (expected e.g. sqlite:///autonews.db)") from exc
    if parsed.get_backend_name() != "sqlite":
        try:
            return create_engine(parsed, pool_pre_ping=True)
        except NoSuchModuleError as exc:
            raise DatabaseUnusable(f"no SQLAlchemy dialect for {parsed.drivername!r} in {url!r}") from exc
        except ImportError as exc:
            raise DatabaseUnusable(
                f"the driver for {parsed.drivername!r} is not installed ({exc.name or exc}); "
                "for PostgreSQL: pip install 'autonews[scale]'"
            ) from exc
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # WAL lets readers (the CLI, Datasette) query while a crawl writes; the busy
    # timeout makes a second writer wait its turn instead of failing at once.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    # 8 MiB page cache (default 2 MiB): bulk link inserts touch the to_url and
    # (from_id, to_url, kind) indexes at random places, which the default cache thrashes on;
    # more made little difference to speed and costs RSS per connection (the spider and the
    # store pipeline each hold one).
    cur.execute("PRAGMA cache_size=-8192")
    # Checkpoint the WAL every ~40 MiB instead of every 4 MiB: a bulk batch dirties
    # thousands of pages, and each checkpoint writes (and syncs) them all again.
    cur.execute("PRAGMA wal_autocheckpoint=10000")
    cur.close()


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
