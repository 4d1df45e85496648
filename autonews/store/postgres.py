"""PostgreSQL's side of the store's writes: several writers side by side.

PostgreSQL runs writers side by side under READ COMMITTED, so it gets upserts
(INSERT … ON CONFLICT), an advisory lock around migrations, and a link sweep after
each commit:

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

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Integer, text

from autonews.store.models import Article, Link

# Serialization failure, deadlock, unique violation (a concurrent writer won a race).
RETRY_SQLSTATES = frozenset({"40001", "40P01", "23505"})
_MIGRATION_LOCK = 0x6175746F6E657773  # "autonews": one advisory-lock id for all writers


def insert_articles(conn: Connection, rows: Sequence[dict[str, Any]]) -> list:
    """(url, id) of the rows inserted; a URL a concurrent writer stored first is skipped."""
    return _unnest_insert(conn, Article, rows, "ON CONFLICT (url) DO NOTHING RETURNING url, id").all()


def insert_links(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert link rows; a row a concurrent writer added is updated instead."""
    # One statement may not update a row twice: the last row per key wins, as it would
    # row by row (two items of a batch can be stored as one article through an alias).
    last = {(r["from_id"], r["to_url"], r["kind"]): r for r in rows}
    _unnest_insert(conn, Link, list(last.values()), _LINKS_UPSERT)


_LINKS_UPSERT = (
    "ON CONFLICT ON CONSTRAINT uq_links_from_to_kind DO UPDATE SET title = excluded.title,"
    " position = excluded.position, heading = excluded.heading, to_id = COALESCE(links.to_id, excluded.to_id)"
)


def _unnest_insert(conn: Connection, model: type, rows: Sequence[dict[str, Any]], tail: str) -> Any:
    """``INSERT … SELECT FROM unnest(one array per column) … tail``.

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


def sweep_links(conn: Connection, from_ids: Sequence[int], new_urls: Sequence[str]) -> None:
    """Resolve links across writers after our commit (see module doc)."""
    conn.exec_driver_sql("SET LOCAL jit = off")  # see resolve_incoming
    conn.exec_driver_sql(_SWEEP.replace("%s", _placeholder(conn)), (sorted(from_ids), sorted(new_urls)))


def existing(conn: Connection, urls: Sequence[str]) -> dict[str, tuple[int, str]]:
    """url -> (id, content_hash) of the stored ``urls``, one index probe each.

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
    """Lock the batch's stored articles, in id order; returns id -> content_hash.

    Every writer takes its row locks in one statement and one order before it
    updates anything, so two writers re-saving overlapping batches wait for each
    other instead of deadlocking (they did, ~20 times in 4 x 15 overlapping
    batches, before).  The hashes are read under the lock: fresher than the
    first read.
    """
    rows = conn.exec_driver_sql(_LOCK.replace("%s", _placeholder(conn)), (sorted(set(ids)),))
    return dict(rows.all())


# NO KEY UPDATE, the lock an UPDATE of non-key columns takes: it leaves alone the KEY SHARE
# locks other writers' link inserts take on the articles they point to (foreign key checks).
_LOCK = "SELECT id, content_hash FROM articles WHERE id = ANY(%s::integer[]) ORDER BY id FOR NO KEY UPDATE"


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


def resolve_incoming(conn: Connection, inserted: dict[str, int]) -> None:
    urls, ids = zip(*sorted(inserted.items()), strict=True)
    # Its cost estimate (one probe per URL) can pass jit_above_cost: compiling then takes
    # longer than the few milliseconds the statement runs.
    conn.exec_driver_sql("SET LOCAL jit = off")
    conn.exec_driver_sql(_RESOLVE_PG.replace("%s", _placeholder(conn)), (list(urls), list(ids)))


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """One worker at a time checks and upgrades the schema (they start together)."""
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _MIGRATION_LOCK})
        conn.commit()  # the lock is per session; do not hold a transaction open meanwhile
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _MIGRATION_LOCK})
            conn.commit()
