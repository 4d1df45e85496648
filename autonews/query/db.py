"""Opening an existing database for querying, and the one error type queries raise.

Query commands must never create a database (``require_database``), and say in one
line what is wrong with one that is not an autonews database.
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect

from autonews.store.engine import make_engine
from autonews.store.readonly import NoDatabase, require_database


class QueryError(Exception):
    """A problem the user can fix, told in one line (no traceback)."""


def open_existing(url: str) -> Engine:
    """An engine on an existing autonews database; QueryError if there is none."""
    try:
        require_database(url)
    except NoDatabase as exc:
        raise QueryError(str(exc)) from exc
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
