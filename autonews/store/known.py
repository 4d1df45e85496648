"""What the database already holds, for incremental crawls.

The spider asks once per listing page which of its article URLs are stored
and how old they are, so a scheduled run fetches only what is new or still
young enough to be edited.  It reads the shared database, never process
memory, so every worker of a distributed crawl sees the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, select

from autonews.store import sqlite
from autonews.store.backend import is_postgres
from autonews.store.models import Article, CrawlRun
from autonews.store.store import Store

_CHUNK = 500
# Built once: constructing the SELECT per call cost 3x the query itself.  "expanding"
# renders the IN list per call, so one statement (and one compiled-cache entry) serves
# every size.  PostgreSQL only: SQLite goes through the driver (``sqlite.rows_by_url``).
_LOOKUP = select(Article.url, Article.published_at, Article.first_seen_at, Article.last_seen_at).where(
    Article.url.in_(bindparam("urls", expanding=True))
)


@dataclass(frozen=True, slots=True)
class KnownArticle:
    url: str
    published_at: str | None
    first_seen_at: str
    last_seen_at: str | None = None  # the last fetch that stored or confirmed it (ISO UTC)

    def changed_since_fetched(self, lastmod: date) -> bool:
        """A sitemap says the page changed on ``lastmod``: after our last fetch of it?"""
        seen = self.last_seen_at or self.first_seen_at
        try:
            return lastmod > datetime.fromisoformat(seen).date()
        except ValueError:
            return True

    def is_young(self, now: datetime, window: timedelta) -> bool:
        """Published (or first seen) within ``window`` of ``now``: may still be edited."""
        stamp = self.published_at or self.first_seen_at
        try:
            when = datetime.fromisoformat(stamp)
        except ValueError:
            return True  # an unreadable date: safer to fetch again
        if when.tzinfo is None:  # a date-only published_at
            when = when.replace(tzinfo=now.tzinfo)
        return now - when < window


class KnownArticles:
    def __init__(self, store: Store) -> None:
        self.store = store

    def lookup(self, urls: Iterable[str]) -> dict[str, KnownArticle]:
        urls = list(dict.fromkeys(urls))
        found: dict[str, KnownArticle] = {}
        if not urls:
            return found
        with self.store.engine.connect() as conn:
            if not is_postgres(conn):
                rows = sqlite.rows_by_url(conn, "url, published_at, first_seen_at, last_seen_at", urls)
                return {row[0]: KnownArticle(*row) for row in rows}
            for i in range(0, len(urls), _CHUNK):
                rows = conn.execute(_LOOKUP, {"urls": urls[i : i + _CHUNK]})
                found.update({row[0]: KnownArticle(*row) for row in rows})
        return found

    def previous_run_complete(self, spider: str, base_url: str, before_run: int | None) -> bool:
        """Did the last earlier run of this spider over this site finish cleanly?

        Stopping at known listing pages is only safe when the runs before left no
        holes; after a killed or failed run the next one walks every listing page.
        """
        query = select(CrawlRun.status).where(CrawlRun.spider == spider, CrawlRun.base_url == base_url)
        if before_run is not None:
            query = query.where(CrawlRun.id < before_run)
        with self.store.engine.connect() as conn:
            status = conn.execute(query.order_by(CrawlRun.id.desc()).limit(1)).scalar()
        return status in (None, "ok")
