"""SQLite's side of the store's writes and lookups: straight to the driver.

SQLite serialises writers (one write transaction at a time, WAL, busy timeout), so
plain INSERTs are enough; a row another process added meanwhile shows up as a UNIQUE
error that a retry of the batch resolves (``retryable``).  Going through the driver's
cursor skips SQLAlchemy's per-row parameter handling, which cost more than the
statements themselves (figures beside each function).
"""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

LINK_COLS = ("from_id", "to_url", "kind", "title", "position", "to_id", "heading")
_link_tuple = operator.itemgetter(*LINK_COLS)
_INSERT_LINKS = f"INSERT INTO links ({', '.join(LINK_COLS)}) VALUES ({', '.join('?' * len(LINK_COLS))})"
_RESOLVE = "UPDATE links SET to_id = ? WHERE to_url = ? AND to_id IS NULL"


def retryable(orig: BaseException | None) -> bool:
    """A driver error that a fresh attempt of the same batch can succeed at."""
    if isinstance(orig, sqlite3.IntegrityError):
        return "articles.url" in str(orig)  # inserted by another process since our SELECT
    return isinstance(orig, sqlite3.OperationalError) and "locked" in str(orig)


def insert_returning(conn: Connection, table: str, rows: Sequence[dict[str, Any]], returning: str) -> list:
    """Multi-row ``INSERT … RETURNING`` through the driver, 200 rows a statement (all rows
    have the same keys).  ``insert().returning()`` with SQLAlchemy's parameter handling
    took 49 µs per article here, this 36-42 µs."""
    cols = list(rows[0])
    one = f"({', '.join('?' * len(cols))})"
    got: list = []
    for i in range(0, len(rows), 200):
        chunk = rows[i : i + 200]
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES {', '.join([one] * len(chunk))} RETURNING {returning}"
        got += conn.exec_driver_sql(sql, tuple(r[c] for r in chunk for c in cols)).all()
    return got


def rows_by_url(conn: Connection, columns: str, urls: Sequence[str]) -> list[tuple]:
    """``SELECT columns FROM articles WHERE url IN (…)``, 500 URLs a statement, through
    the driver's cursor.  The store (per batch) and the spider (per article, its related
    links) ask this; SQLAlchemy's expanding IN cost more than the lookup itself (a spider
    lookup of 8 URLs: ~104 µs through it, 36-43 µs this way)."""
    driver = conn.connection.driver_connection
    if len(urls) <= 500:  # the common case, kept free of chunking
        return driver.execute(_by_url_sql(columns, len(urls)), urls).fetchall()
    got: list[tuple] = []
    for i in range(0, len(urls), 500):
        chunk = urls[i : i + 500]
        got += driver.execute(_by_url_sql(columns, len(chunk)), chunk).fetchall()
    return got


def _by_url_sql(columns: str, n: int) -> str:
    return f"SELECT {columns} FROM articles WHERE url IN ({', '.join('?' * n)})"


def insert_links(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    # The driver's executemany: tens of thousands of rows per second, without
    # SQLAlchemy building parameters row by row.
    conn.exec_driver_sql(_INSERT_LINKS, list(map(_link_tuple, rows)))


def resolve_incoming(conn: Connection, inserted: dict[str, int]) -> None:
    # Straight to the driver, like insert_links: 43 -> 32-38 µs per new article.
    conn.exec_driver_sql(_RESOLVE, [(art_id, url) for url, art_id in sorted(inserted.items())])
