"""``autonews copy-db``: copy a whole autonews database to another back-end (SQLite -> PostgreSQL).

Every table of the schema is copied row for row with its ids, parents before
children so foreign keys hold at every step; PostgreSQL's id sequences are then
moved past the copied ids, so the next crawl's rows do not collide.  At the
end the row counts of both sides are compared.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, func, select, text

from autonews.store import Store
from autonews.store.migrate import needs_upgrade
from autonews.store.models import Article, ArticleVersion, CrawlRun, Link

TABLES = (CrawlRun.__table__, Article.__table__, Link.__table__, ArticleVersion.__table__)
_CHUNK = 5000


class CopyError(Exception):
    """The copy cannot start, or its counts did not match."""


def copy_database(
    src_url: str, dst_url: str, *, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every table from ``src_url`` into the empty database ``dst_url``; returns row counts."""
    src = Store.open(src_url, migrate=False)
    try:
        if needs_upgrade(src.engine):
            raise CopyError(
                "the source database is not at this release's schema: run `autonews migrate` on it"
            )
        dst = Store.open(dst_url)  # creates the schema
        try:
            if _count(dst.engine, Article.__table__) or _count(dst.engine, CrawlRun.__table__):
                raise CopyError("the destination database already holds crawl data")
            counts = {}
            for table in TABLES:
                counts[table.name] = _copy_table(src.engine, dst.engine, table, progress)
            _reset_sequences(dst.engine)
            got = {table.name: _count(dst.engine, table) for table in TABLES}
            if got != counts:
                raise CopyError(f"row counts differ after the copy: source {counts}, destination {got}")
            return counts
        finally:
            dst.close()
    finally:
        src.close()


def _copy_table(src: Engine, dst: Engine, table, progress) -> int:
    copied = 0
    last_id = None
    with src.connect() as read, dst.begin() as write:
        while True:
            query = select(table).order_by(table.c.id).limit(_CHUNK)
            if last_id is not None:
                query = query.where(table.c.id > last_id)
            rows = [dict(r._mapping) for r in read.execute(query)]
            if not rows:
                return copied
            write.execute(table.insert(), rows)
            copied += len(rows)
            last_id = rows[-1]["id"]
            if progress:
                progress(table.name, copied)


def _count(engine: Engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def _reset_sequences(engine: Engine) -> None:
    """PostgreSQL hands out ids from a sequence that explicit ids did not advance."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        for table in TABLES:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                    f" COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"
                )
            )
