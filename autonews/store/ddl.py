"""Views for common questions, and (on SQLite) the full-text search index.

Why the search index looks the way it does
------------------------------------------
People search Chinese news for 1- and 2-character words (车, 小米, 裁员), and a
result list must hold exactly the articles whose title or body contains the
term.  SQLite here is 3.40 with no loadable extensions: FTS5's ``trigram``
tokenizer cannot match terms under 3 characters, and ``unicode61`` alone sees
a whole run of Han characters as one "word".

So ``articles_search`` is a *contentless* FTS5 table (``unicode61``) over
text pre-segmented into one token per character (``autonews.store.segment``):
``小米SU7`` is indexed as ``小 米 S U 7``.  A term of n characters is the phrase
of its n tokens.  The index only proposes candidates: ``autonews.query.search``
then checks each with ``instr()`` where case folding or the placeholder for
punctuation could add an article that does not contain the term.

It used to index overlapping 2-character windows with a 1-character prefix
index.  On 100,000 articles of generated news text that indexed 1,411
articles/s into 380 MB; single characters index 8,837/s into 143 MB, and
searches take 1.1-2.5x as long (车 83 -> 93 ms, 新能源车 8.8 -> 21.8 ms, top 20).

Who keeps it in sync: triggers on ``articles``, in plain SQL.  The segmenting
is the ``articles_segmented`` view, built from core functions only (substr,
json_each, group_concat), so writes work from *any* SQLite client -- the
crawler, Datasette, the ``sqlite3`` shell, pandas -- with nothing to
register.  (The alternative, triggers calling a Python function, would make
every hand-written ``UPDATE articles`` fail with "no such function" outside
autonews.)  The store itself segments in Python (faster) and indexes its new articles in a
catch-up pass (``index_pending``), not inside its write transactions.
One gap: ``INSERT OR REPLACE`` deletes without firing delete triggers unless
``PRAGMA recursive_triggers=ON``; after such hand edits, run ``autonews reindex``.

PostgreSQL gets ``pg_trgm`` indexes instead (``install_search``, queried by
``autonews.query.search_pg``); other backends get the views only.  Every view is plain SQL that PostgreSQL
accepts as well.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from autonews.store.segment import segment, segment_sql

logger = logging.getLogger(__name__)

SEARCH_TABLE = "articles_search"
SEGMENT_VIEW = "articles_segmented"
PENDING_TABLE = "articles_search_pending"

VIEWS: dict[str, str] = {
    "article_links": """
SELECT l.id AS link_id, l.kind, l.position,
       l.from_id, f.url AS from_url, f.title AS from_title,
       l.to_id, l.to_url, COALESCE(t.title, l.title) AS to_title, l.title AS link_text
FROM links l
JOIN articles f ON f.id = l.from_id
LEFT JOIN articles t ON t.id = l.to_id""",
    "daily_counts": """
SELECT substr(published_at, 1, 10) AS day, channel, COUNT(*) AS articles
FROM articles
WHERE published_at IS NOT NULL
GROUP BY substr(published_at, 1, 10), channel""",
    "unlinked_articles": """
SELECT a.id, a.url, a.title, a.channel, a.published_at
FROM articles a
WHERE NOT EXISTS (SELECT 1 FROM links l WHERE l.to_id = a.id)""",
    "latest_articles": """
SELECT id, url, title, channel, published_at, source
FROM articles
WHERE published_at IS NOT NULL
ORDER BY published_at DESC, id DESC""",
    "inlink_counts": """
SELECT a.id, a.url, a.title, a.published_at, l.kind, COUNT(*) AS links_in
FROM links l
JOIN articles a ON a.id = l.to_id
GROUP BY a.id, a.url, a.title, a.published_at, l.kind""",
    # Each copy beside its origin (autonews.reprints; README "Reprints").
    "reprint_copies": """
SELECT m.cluster_id, c.origin_id, o.url AS origin_url, o.site AS origin_site, o.title AS origin_title,
       o.published_at AS origin_published_at, a.id, a.url, a.site, a.title, a.published_at,
       m.similarity, f.url AS copied_from_url
FROM reprint_members m
JOIN reprint_clusters c ON c.id = m.cluster_id
JOIN articles o ON o.id = c.origin_id
JOIN articles a ON a.id = m.article_id
LEFT JOIN articles f ON f.id = m.copied_from_id
WHERE m.article_id <> c.origin_id""",
}


# Indexes belong to the Alembic migrations (ix_links_to_id_kind is revision 0003).
INDEXES: dict[str, str] = {}


_FTS_DDL: dict[tuple[str, str], str] = {
    ("view", SEGMENT_VIEW): f"CREATE VIEW {SEGMENT_VIEW} AS SELECT id, "
    f"{segment_sql('title')} AS title, {segment_sql('body')} AS body FROM articles",
    ("table", SEARCH_TABLE): f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5(title, body, "
    "content='', tokenize='unicode61 remove_diacritics 0')",
}
# Articles the store has written but not indexed yet (see ``index_pending``): the
# triggers leave them alone, search scans them, the catch-up pass indexes them.
_NOT_PENDING = f"NOT EXISTS (SELECT 1 FROM {PENDING_TABLE} p WHERE p.id = {{ref}}.id)"
_INSERT = (
    f"INSERT INTO {SEARCH_TABLE}(rowid, title, body) "
    f"SELECT id, title, body FROM {SEGMENT_VIEW} WHERE id = {{ref}}.id AND {_NOT_PENDING};"
)
# A contentless table forgets text, so a delete must hand back the tokens it indexed:
# BEFORE triggers still see the old row through the view.
_DELETE = (
    f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, title, body) "
    f"SELECT 'delete', id, title, body FROM {SEGMENT_VIEW} WHERE id = {{ref}}.id AND {_NOT_PENDING};"
)
_TRIGGERS: dict[str, tuple[str, str]] = {
    "articles_search_ai": ("AFTER INSERT", _INSERT.format(ref="new")),
    "articles_search_bd": (
        "BEFORE DELETE",
        _DELETE.format(ref="old") + f" DELETE FROM {PENDING_TABLE} WHERE id = old.id;",
    ),
    # Only text changes re-index: the crawler's "seen again" updates stay cheap.
    "articles_search_bu": ("BEFORE UPDATE OF id, title, body", _DELETE.format(ref="old")),
    "articles_search_au": ("AFTER UPDATE OF id, title, body", _INSERT.format(ref="new")),
}
_FTS_DDL[("table", PENDING_TABLE)] = f"CREATE TABLE {PENDING_TABLE} (id INTEGER PRIMARY KEY)"
for _name, (_when, _stmt) in _TRIGGERS.items():
    _FTS_DDL[("trigger", _name)] = f"CREATE TRIGGER {_name} {_when} ON articles BEGIN {_stmt} END"


def _wanted(dialect: str) -> dict[tuple[str, str], str]:
    wanted = {("view", name): f"CREATE VIEW {name} AS{sql}" for name, sql in VIEWS.items()}
    wanted |= {("index", name): f"CREATE INDEX {name} {sql}" for name, sql in INDEXES.items()}
    if dialect == "sqlite":
        wanted |= _FTS_DDL
    return wanted


def _stale(conn: Connection, wanted: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    have = {(t, n): s for t, n, s in conn.exec_driver_sql("SELECT type, name, sql FROM sqlite_master")}
    return {key: sql for key, sql in wanted.items() if have.get(key) != sql}


TRGM_INDEXES = {
    "ix_articles_title_trgm": "ON articles USING gin (title gin_trgm_ops)",
    "ix_articles_body_trgm": "ON articles USING gin (body gin_trgm_ops)",
}
# Concurrent workers opening the store install one at a time.  Not the migration
# lock's id: Store.open holds that one on another connection while calling us.
_INSTALL_LOCK = 0x6175746F73726368  # "autosrch"


def install_search(conn: Connection) -> None:
    """Create ``pg_trgm`` and the trigram indexes if missing (a warning when it cannot).

    Runs inside the caller's transaction, under an advisory lock.
    """
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _INSTALL_LOCK})
    have = {r[0] for r in conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'articles'"))}
    if have >= set(TRGM_INDEXES):
        return
    try:
        with conn.begin_nested():
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except DBAPIError as exc:
        logger.warning("pg_trgm unavailable (%s): search reads every article", str(exc.orig).strip())
        return
    for name, sql in TRGM_INDEXES.items():
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} {sql}"))


def install_extras(engine: Engine) -> None:
    """Create or update the views and the search index (SQLite: FTS5 + triggers,
    PostgreSQL: pg_trgm indexes).  Idempotent.

    When nothing changed it only reads ``sqlite_master``, so read-only users and
    concurrent crawlers pay nothing.  A newly created index is filled at once.
    """
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            for name, sql in VIEWS.items():
                conn.execute(text(f"CREATE OR REPLACE VIEW {name} AS{sql}"))
            for name, sql in INDEXES.items():
                conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} {sql}"))
            if engine.dialect.name == "postgresql":
                install_search(conn)
        return
    wanted = _wanted("sqlite")
    with engine.connect() as conn:
        if not _stale(conn, wanted):
            return
    with engine.connect() as conn:
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # another process may be installing too
        stale = _stale(conn, wanted)
        backlog_lost = ("table", PENDING_TABLE) in stale and _exists(conn, PENDING_TABLE)
        for kind, name in stale:
            if kind == "table":
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
            elif kind in ("view", "index", "trigger"):
                conn.exec_driver_sql(f"DROP {kind.upper()} IF EXISTS {name}")
        for sql in stale.values():
            conn.exec_driver_sql(sql)
        if backlog_lost or stale.keys() & {("table", SEARCH_TABLE), ("view", SEGMENT_VIEW)}:
            _fill(conn)  # a new table or segmenting (old tokens would not match), or a dropped backlog
        conn.commit()


def index_articles(conn: Connection, rows: list[tuple[int, str | None, str | None]]) -> None:
    """Add (id, title, body) rows to the search index (they must not be in it yet)."""
    if rows:
        conn.exec_driver_sql(
            f"INSERT INTO {SEARCH_TABLE}(rowid, title, body) VALUES (?, ?, ?)",
            [(art_id, segment(title), segment(body)) for art_id, title, body in rows],
        )


_INSERT_TRIGGER = "articles_search_ai"


def suspend_insert_trigger(conn: Connection) -> str | None:
    """Drop the insert trigger inside the caller's open transaction; return its SQL.

    The store indexes its own inserts with ``index_articles`` (fast) and puts the
    trigger back with ``restore_trigger`` before committing.  SQLite DDL is
    transactional, so no other connection ever sees the trigger missing, and
    writes from any other client keep being indexed by the trigger.
    """
    if conn.dialect.name != "sqlite":
        return None
    sql = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_INSERT_TRIGGER,)
    ).scalar()
    if sql:
        if not conn.connection.driver_connection.in_transaction:
            # pysqlite opens transactions only before DML; a DROP issued first would autocommit.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        conn.exec_driver_sql(f"DROP TRIGGER {_INSERT_TRIGGER}")
    return sql


def restore_trigger(conn: Connection, sql: str | None) -> None:
    if sql:
        conn.exec_driver_sql(sql)


def mark_pending(conn: Connection, rows: list[tuple[int, str | None, str | None]]) -> None:
    """Queue (id, title, body) rows the caller just inserted, with the insert trigger
    suspended, for ``index_pending``.  A database whose extras predate the queue (opened
    without ``install_extras``) gets them indexed at once instead."""
    if not rows:
        return
    if _exists(conn, PENDING_TABLE):
        conn.exec_driver_sql(f"INSERT OR IGNORE INTO {PENDING_TABLE}(id) VALUES (?)", [(r[0],) for r in rows])
    else:
        index_articles(conn, rows)


def index_pending(engine: Engine, *, limit: int | None = None, chunk: int = 2000) -> int:
    """Index the articles queued by ``mark_pending`` (the oldest ``limit`` of them, or
    all); returns how many were indexed.

    One transaction per ``chunk`` articles, each taking its ids off the queue as it
    indexes them, so a crash part-way leaves the rest queued (and still searchable:
    search scans the queue).  A queued id whose article is gone is just dropped.
    """
    if engine.dialect.name != "sqlite":
        return 0
    count = taken = 0
    with engine.connect() as conn:
        if not _exists(conn, PENDING_TABLE):
            return 0
        while limit is None or taken < limit:
            size = chunk if limit is None else min(chunk, limit - taken)
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            ids = [
                r[0]
                for r in conn.exec_driver_sql(f"SELECT id FROM {PENDING_TABLE} ORDER BY id LIMIT ?", (size,))
            ]
            if not ids:
                conn.rollback()
                return count
            taken += len(ids)
            marks = ",".join("?" * len(ids))
            rows = conn.exec_driver_sql(
                f"SELECT id, title, body FROM articles WHERE id IN ({marks}) ORDER BY id", tuple(ids)
            ).fetchall()
            index_articles(conn, [tuple(r) for r in rows])
            conn.exec_driver_sql(f"DELETE FROM {PENDING_TABLE} WHERE id IN ({marks})", tuple(ids))
            conn.commit()
            count += len(rows)
    return count


def has_pending(conn: Connection) -> bool:
    """Are articles waiting in the queue for ``index_pending``?"""
    if conn.dialect.name != "sqlite" or not _exists(conn, PENDING_TABLE):
        return False
    return conn.exec_driver_sql(f"SELECT 1 FROM {PENDING_TABLE} LIMIT 1").first() is not None


def _exists(conn: Connection, table: str) -> bool:
    row = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,))
    return row.first() is not None


def _fill(conn: Connection) -> int:
    conn.exec_driver_sql(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('delete-all')")
    if _exists(conn, PENDING_TABLE):
        conn.exec_driver_sql(f"DELETE FROM {PENDING_TABLE}")  # everything is indexed below
    count, last = 0, 0
    while True:
        rows = conn.exec_driver_sql(
            "SELECT id, title, body FROM articles WHERE id > ? ORDER BY id LIMIT 2000", (last,)
        ).fetchall()
        if not rows:
            return count
        index_articles(conn, [tuple(r) for r in rows])
        count, last = count + len(rows), rows[-1][0]


def rebuild_search_index(engine: Engine) -> int:
    """Re-create the search index from ``articles`` (``autonews reindex``); returns rows indexed."""
    if engine.dialect.name == "postgresql":  # PostgreSQL maintains its indexes itself
        install_extras(engine)
        with engine.connect() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() or 0)
    if engine.dialect.name != "sqlite":
        raise NotImplementedError("the search index is for SQLite and PostgreSQL only")
    install_extras(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        count = _fill(conn)
        conn.commit()
    return count


def has_search_index(conn: Connection) -> bool:
    return _exists(conn, SEARCH_TABLE)
