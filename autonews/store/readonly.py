"""Checks for commands that read a database: never create an empty one by accident."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url


class NoDatabase(Exception):
    """The database named does not exist (yet)."""


def require_database(database_url: str) -> None:
    """Raise NoDatabase for a SQLite file that is not there (SQLite would create it)."""
    try:
        url = make_url(database_url)
    except Exception as exc:
        raise NoDatabase(f"bad database URL {database_url!r}") from exc
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database).expanduser()
        if not path.exists():
            raise NoDatabase(f"no database at {path} (run a crawl first, or pass --db)")
