"""The one check for commands that read a database: never create an empty one by accident.

SQLite creates a missing file on connect, so a typo in ``--db`` would leave an empty
``autonews.db`` behind and answer "no articles" instead of saying the file is not there.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url


class NoDatabase(Exception):
    """The database named does not exist (yet), or its URL cannot name one."""


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other backends and in-memory databases."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # SQLAlchemy raises ArgumentError for malformed URLs
        raise NoDatabase(f"bad database URL {url!r}: {exc}") from exc
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def require_database(database_url: str) -> None:
    """Raise NoDatabase for a SQLite file that is not there or empty (SQLite would use it)."""
    path = sqlite_path(database_url)
    if path is None:
        return
    if not path.is_file():
        raise NoDatabase(f"no database at {path} (crawl first, e.g. `autonews demo`, or pass --db)")
    if path.stat().st_size == 0:
        # SQLite would take an empty file for an empty database and write WAL pages into it.
        raise NoDatabase(f"{path} is an empty file, not an autonews database")
