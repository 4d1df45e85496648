"""One crawl per database at a time (a cron overlap must not double-write).

SQLite: an advisory ``flock`` on ``<database>.crawl-lock`` beside the file.
PostgreSQL: a session advisory lock.  A distributed crawl (``AUTONEWS_REDIS_URL``)
runs many workers on purpose and takes no lock.  The lock dies with the process,
so a crawl killed with SIGKILL never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from autonews.store.engine import make_engine


class CrawlLocked(RuntimeError):
    """Another crawl holds the database."""


@contextmanager
def crawl_lock(database_url: str, spider: str, wait: float = 0.0) -> Iterator[None]:
    """Hold the crawl lock of ``database_url`` for ``spider``; wait up to ``wait`` seconds."""
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend == "sqlite" and url.database not in (None, "", ":memory:"):
        with _file_lock(Path(f"{url.database}.crawl-lock").expanduser(), spider, wait):
            yield
    elif backend == "postgresql":
        with _pg_lock(database_url, spider, wait):
            yield
    else:
        yield


def _retry(attempt, what: str, wait: float) -> None:
    deadline = time.monotonic() + wait
    while not attempt():
        if time.monotonic() >= deadline:
            raise CrawlLocked(what)
        time.sleep(0.5)


@contextmanager
def _file_lock(path: Path, spider: str, wait: float) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)

    def attempt() -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    try:
        holder = _read_holder(path)
        _retry(attempt, f"another crawl is writing to this database ({holder}); not starting a second", wait)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} spider {spider}\n".encode())
        yield
    finally:
        os.close(fd)  # releases the flock


def _read_holder(path: Path) -> str:
    try:
        return path.read_text().strip() or "unknown holder"
    except OSError:
        return "unknown holder"


@contextmanager
def _pg_lock(database_url: str, spider: str, wait: float) -> Iterator[None]:
    engine = make_engine(database_url)
    key = zlib.crc32(f"autonews-crawl:{spider}".encode())
    try:
        with engine.connect() as conn:

            def attempt() -> bool:
                return bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())

            _retry(
                attempt, f"another {spider} crawl is writing to this database; not starting a second", wait
            )
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
    finally:
        engine.dispose()
