"""Opening an existing database for querying, and the one error type queries raise.

Query commands must never create a database: a typo in ``--db`` would otherwise
leave an empty ``autonews.db`` behind and answer "no articles" instead of
saying the file is not there.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import make_url

from autonews.store.engine import make_engine


class QueryError(Exception):
    """A problem the user can fix, told in one line (no traceback)."""


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other backends and in-memory databases."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # SQLAlchemy raises ArgumentError for malformed URLs
        raise QueryError(f"bad database URL {url!r}: {exc}") from exc
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def open_existing(url: str) -> Engine:
    """An engine on an existing autonews database; QueryError if there is none."""
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise QueryError(f"no database at {path} (crawl first, e.g. `autonews demo`, or pass --db)")
    if path is not None and path.stat().st_size == 0:
        # SQLite would take an empty file for an empty database and write WAL pages into it.
        raise QueryError(f"{path} is an empty file, not an autonews database")
    try:
        engine = make_engine(url)
    except ValueError as exc:
        raise QueryError(str(exc)) from exc
    try:
        tables = set(inspect(engine).get_table_names())
    except Exception as exc:  # driver errors differ per backend; all mean "cannot read it"
        first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or ["no answer"])[0]
        raise QueryError(f"cannot open database {url}: {first}") from exc
    if "articles" not in tables:
        engine.dispose()
        raise QueryError(f"{url} is not an autonews database (no articles table)")
    return engine
