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

Deadlocks: a batch first locks its stored articles in id order
(``lock_articles``), so overlapping re-saves queue instead of crossing.  Both
link resolutions skip link rows another transaction holds (``SKIP LOCKED``)
instead of waiting for them: a writer locks a link row only to rewrite its
own article's links (its post-commit sweep then resolves them) or to resolve
it itself, so a skipped row is always resolved by the writer holding it.
"""

from __future__ import annotations

import operator
import random
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Integer, text
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
        got = _unnest_insert(conn, Article, rows, "ON CONFLICT (url) DO NOTHING RETURNING url, id").all()
    else:
        got = _sqlite_insert_returning(conn, "articles", rows, "url, id")
    if len(got) != len(rows):
        raise Conflict(f"{len(rows) - len(got)} article(s) inserted concurrently")
    return {url: art_id for url, art_id in got}


def _sqlite_insert_returning(
    conn: Connection, table: str, rows: Sequence[dict[str, Any]], returning: str
) -> list:
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


def sqlite_rows_by_url(conn: Connection, columns: str, urls: Sequence[str]) -> list[tuple]:
    """SQLite: ``SELECT columns FROM articles WHERE url IN (…)``, 500 URLs a statement,
    through the driver's cursor.  The store (per batch) and the spider (per article,
    its related links) ask this; SQLAlchemy's expanding IN cost more than the lookup
    itself (a spider lookup of 8 URLs: ~104 µs through it, 36-43 µs this way)."""
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
    """Insert link rows; on PostgreSQL a row a concurrent writer added is updated instead."""
    if not rows:
        return
    if not is_postgres(conn):
        # Straight to the driver's executemany: tens of thousands of rows per second,
        # without SQLAlchemy building parameters row by row.
        conn.exec_driver_sql(_SQLITE_LINKS, list(map(_link_tuple, rows)))
        return
    # One statement may not update a row twice: the last row per key wins, as it would
    # row by row (two items of a batch can be stored as one article through an alias).
    last = {(r["from_id"], r["to_url"], r["kind"]): r for r in rows}
    _unnest_insert(conn, Link, list(last.values()), _LINKS_UPSERT)


_LINKS_UPSERT = (
    "ON CONFLICT ON CONSTRAINT uq_links_from_to_kind DO UPDATE SET title = excluded.title,"
    " position = excluded.position, heading = excluded.heading, to_id = COALESCE(links.to_id, excluded.to_id)"
)


def _unnest_insert(conn: Connection, model: type, rows: Sequence[dict[str, Any]], tail: str) -> Any:
    """PostgreSQL: ``INSERT … SELECT FROM unnest(one array per column) … tail``.

    One statement with one parameter per column whatever the row count: no per-row
    round trip (executemany) and no statement with thousands of placeholders to
    parse and plan (multi-row VALUES).  Rows go in in the given order.
    """
    table = model.__table__
    cols = list(rows[0])
    arrays = tuple([r[c] for r in rows] for c in cols)
    ph = _placeholder(conn)
    casts = ", ".join(f"{ph}::{_pg_array_type(table.c[c].type)}" for c in cols)
    names = ", ".join(cols)
    sql = f"INSERT INTO {table.name} ({names}) SELECT * FROM unnest({casts}) AS v({names}) {tail}"
    return conn.exec_driver_sql(sql, arrays)


def _pg_array_type(col_type: Any) -> str:
    return "integer[]" if isinstance(col_type, Integer) else "text[]"


def _placeholder(conn: Connection) -> str:
    """psycopg 3: ``%b`` sends arrays in binary.  As text, psycopg runs a quoting regex
    over every element, ~40 ms for a batch of 500 bodies of 3 KB; binary takes ~1 ms."""
    return "%b" if conn.dialect.driver == "psycopg" else "%s"


_LINK_COLS = ("from_id", "to_url", "kind", "title", "position", "to_id", "heading")
_link_tuple = operator.itemgetter(*_LINK_COLS)
_SQLITE_LINKS = f"INSERT INTO links ({', '.join(_LINK_COLS)}) VALUES ({', '.join('?' * len(_LINK_COLS))})"
# One statement: it locks the rows it resolves in link-id order, so two writers sweeping
# overlapping links cannot deadlock (two statements, links from our articles then links to
# them, could lock rows crosswise).  The candidates are found by one index probe per id
# and per URL (LATERAL … OFFSET 0 keeps the planner from turning them into scans of the
# whole table, which it does on a fast-growing table with stale statistics), and "to_id
# + 0" keeps it off the index of NULL to_ids: a crawl keeps many links unresolved for good.
_SWEEP = (
    "UPDATE links SET to_id = m.art_id FROM ("
    " SELECT l.id, a.id AS art_id FROM links l JOIN articles a ON a.url = l.to_url"
    " WHERE l.id = ANY(ARRAY("
    "  SELECT x.id FROM unnest(%s::integer[]) AS f(id) CROSS JOIN LATERAL"
    "   (SELECT id FROM links WHERE from_id = f.id AND to_id + 0 IS NULL OFFSET 0) AS x"
    "  UNION ALL"
    "  SELECT x.id FROM unnest(%s::text[]) AS t(url) CROSS JOIN LATERAL"
    "   (SELECT id FROM links WHERE to_url = t.url AND to_id + 0 IS NULL OFFSET 0) AS x))"
    " AND l.to_id + 0 IS NULL ORDER BY l.id FOR UPDATE OF l SKIP LOCKED) AS m"
    " WHERE links.id = m.id"
)


def sweep_links(engine: Engine, from_ids: Sequence[int], new_urls: Sequence[str]) -> None:
    """PostgreSQL only: resolve links across writers after our commit (see module doc)."""
    if not is_postgres(engine) or not (from_ids or new_urls):
        return
    for attempt in range(RETRIES):
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql("SET LOCAL jit = off")  # see resolve_incoming
                sql = _SWEEP.replace("%s", _placeholder(conn))
                conn.exec_driver_sql(sql, (sorted(from_ids), sorted(new_urls)))
            return
        except DBAPIError as exc:
            if not retryable(exc) or attempt == RETRIES - 1:
                raise
            backoff(attempt)


def existing(conn: Connection, urls: Sequence[str]) -> dict[str, tuple[int, str]]:
    """PostgreSQL: url -> (id, content_hash) of the stored ``urls``, one index probe each.

    Not ``url IN ($1, …, $500)``: psycopg prepares a statement run five times, and the
    generic plan of that IN list compares every row of a sequential scan with every
    parameter (~300 ms a batch at 20,000 articles, growing with the table).
    """
    if not urls:
        return {}
    rows = conn.exec_driver_sql(_EXISTING.replace("%s", _placeholder(conn)), (list(urls),))
    return {url: (art_id, digest) for url, art_id, digest in rows}


_EXISTING = (
    "SELECT a.url, a.id, a.content_hash FROM unnest(%s::text[]) AS v(url) CROSS JOIN LATERAL"
    " (SELECT url, id, content_hash FROM articles WHERE url = v.url OFFSET 0) AS a"
)


def lock_articles(conn: Connection, ids: Sequence[int]) -> dict[int, str]:
    """PostgreSQL: lock the batch's stored articles, in id order; returns id -> content_hash.

    Every writer takes its row locks in one statement and one order before it
    updates anything, so two writers re-saving overlapping batches wait for each
    other instead of deadlocking (they did, ~20 times in 4 x 15 overlapping
    batches, before).  The hashes are read under the lock: fresher than the
    first read.
    """
    if not ids or not is_postgres(conn):
        return {}
    rows = conn.exec_driver_sql(_LOCK.replace("%s", _placeholder(conn)), (sorted(set(ids)),))
    return dict(rows.all())


# NO KEY UPDATE, the lock an UPDATE of non-key columns takes: it leaves alone the KEY SHARE
# locks other writers' link inserts take on the articles they point to (foreign key checks).
_LOCK = "SELECT id, content_hash FROM articles WHERE id = ANY(%s::integer[]) ORDER BY id FOR NO KEY UPDATE"


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
    if is_postgres(conn):
        urls, ids = zip(*sorted(inserted.items()), strict=True)
        # Its cost estimate (one probe per URL) can pass jit_above_cost: compiling then takes
        # longer than the few milliseconds the statement runs.
        conn.exec_driver_sql("SET LOCAL jit = off")
        conn.exec_driver_sql(_RESOLVE_PG.replace("%s", _placeholder(conn)), (list(urls), list(ids)))
        return
    # Straight to the driver, like insert_links: 43 -> 32-38 µs per new article.
    conn.exec_driver_sql(_RESOLVE_SQLITE, [(art_id, url) for url, art_id in sorted(inserted.items())])


_RESOLVE_SQLITE = "UPDATE links SET to_id = ? WHERE to_url = ? AND to_id IS NULL"


# One set-based UPDATE.  The LATERAL lookup (FOR UPDATE keeps the planner from flattening
# it) probes ix_links_to_url once per new URL and locks rows in (URL, id) order, the order
# the per-row UPDATEs this replaces took.  "to_id + 0": a crawl keeps many links unresolved
# for good, and on stale statistics the planner would AND in a scan of every NULL to_id.
_RESOLVE_PG = (
    "UPDATE links SET to_id = m.art_id FROM ("
    " SELECT l.id, v.art_id FROM unnest(%s::text[], %s::integer[]) AS v(url, art_id)"
    " CROSS JOIN LATERAL (SELECT id FROM links WHERE to_url = v.url AND to_id + 0 IS NULL"
    " ORDER BY id FOR UPDATE SKIP LOCKED) AS l) AS m"
    " WHERE links.id = m.id"
)
