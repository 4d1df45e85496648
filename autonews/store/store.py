"""The store: upserts articles and their links in batches, records crawl runs.

It never parses HTML; it takes cleaned ``ArticleItem``s.  Each ``save_batch``
is one transaction, so a crash leaves whole articles (with their links) or
none, and the run counters move in the same transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, insert, select, update

from autonews.items import ArticleItem
from autonews.store.engine import make_engine, utc_now
from autonews.store.migrate import needs_upgrade, upgrade
from autonews.store.models import Article, ArticleVersion, CrawlRun, Link

_CHUNK = 500
NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"


@dataclass
class BatchResult:
    statuses: dict[str, str] = field(default_factory=dict)  # url -> new|updated|unchanged

    def count(self, status: str) -> int:
        return sum(1 for s in self.statuses.values() if s == status)


def content_hash(item: ArticleItem) -> str:
    """What makes an article "changed": its text and head, not when we saw it."""
    payload = [item.title, item.published_at, item.source, item.author, item.channel, item.body]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        """Open (and by default create or upgrade) the database at ``url``."""
        store = cls(make_engine(url))
        if migrate and needs_upgrade(store.engine):
            upgrade(store.engine)
        return store

    def close(self) -> None:
        self.engine.dispose()

    # -- runs -------------------------------------------------------------
    def start_run(self, spider: str, *, site: str | None, base_url: str | None, args: dict) -> int:
        with self.engine.begin() as conn:
            values = {
                "spider": spider,
                "site": site,
                "base_url": base_url,
                "args": json.dumps(args, ensure_ascii=False, sort_keys=True),
                "started_at": utc_now(),
                "status": "running",
            }
            return conn.execute(insert(CrawlRun).values(**values)).inserted_primary_key[0]

    def update_run(self, run_id: int, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(CrawlRun).where(CrawlRun.id == run_id).values(**values))

    # -- articles -----------------------------------------------------------
    def save_batch(self, items: Sequence[ArticleItem], *, run_id: int | None = None) -> BatchResult:
        """Upsert ``items`` and their links in one transaction.

        The run's article counters move in the same transaction, so after a
        crash they still agree with the rows.
        """
        result = BatchResult()
        now = utc_now()
        with self.engine.begin() as conn:
            items = _last_per_identity(items)
            existing = self._existing(conn, [it.url for it in items])
            existing.update(self._aliases(conn, [it for it in items if it.url not in existing]))
            for item in items:
                digest = content_hash(item)
                row = existing.get(item.url)
                if row is None:
                    art_id = self._insert_article(conn, item, digest, now, run_id)
                    existing[item.url] = (art_id, digest)
                    result.statuses[item.url] = NEW
                    _resolve_incoming(conn, art_id, item.url)
                elif row[1] != digest:
                    self._update_article(conn, row[0], item, digest, now, run_id)
                    existing[item.url] = (row[0], digest)
                    result.statuses[item.url] = UPDATED
                else:
                    conn.execute(
                        update(Article)
                        .where(Article.id == row[0])
                        .values(last_seen_at=now, last_run_id=run_id)
                    )
                    result.statuses[item.url] = UNCHANGED
                _sync_links(conn, existing[item.url][0], item)
            if run_id is not None:
                conn.execute(
                    update(CrawlRun)
                    .where(CrawlRun.id == run_id)
                    .values(
                        articles_new=CrawlRun.articles_new + result.count(NEW),
                        articles_updated=CrawlRun.articles_updated + result.count(UPDATED),
                        articles_unchanged=CrawlRun.articles_unchanged + result.count(UNCHANGED),
                    )
                )
        return result

    @staticmethod
    def _existing(conn: Connection, urls: list[str]) -> dict[str, tuple[int, str]]:
        found: dict[str, tuple[int, str]] = {}
        for i in range(0, len(urls), _CHUNK):
            chunk = urls[i : i + _CHUNK]
            rows = conn.execute(
                select(Article.url, Article.id, Article.content_hash).where(Article.url.in_(chunk))
            )
            found.update({url: (art_id, digest) for url, art_id, digest in rows})
        return found

    @staticmethod
    def _aliases(conn: Connection, items: list[ArticleItem]) -> dict[str, tuple[int, str]]:
        """Items stored before under another URL: same site article id, or their
        canonical link names a stored URL.  They update that row instead of adding one."""
        found: dict[str, tuple[int, str]] = {}
        keyed = [it for it in items if it.article_key]
        for i in range(0, len(keyed), _CHUNK):
            chunk = keyed[i : i + _CHUNK]
            rows = conn.execute(
                select(Article.site, Article.article_key, Article.id, Article.content_hash).where(
                    Article.article_key.in_([it.article_key for it in chunk])
                )
            )
            by_key = {(site, key): (art_id, digest) for site, key, art_id, digest in rows}
            for it in chunk:
                if (it.site, it.article_key) in by_key:
                    found[it.url] = by_key[(it.site, it.article_key)]
        canon = {it.canonical_url: it.url for it in items if it.canonical_url and it.url not in found}
        for url, (art_id, digest) in Store._existing(conn, list(canon)).items():
            found[canon[url]] = (art_id, digest)
        return found

    @staticmethod
    def _article_values(item: ArticleItem, digest: str) -> dict[str, Any]:
        return {
            "site": item.site,
            "article_key": item.article_key,
            "canonical_url": item.canonical_url,
            "channel": item.channel,
            "title": item.title,
            "published_at": item.published_at,
            "source": item.source,
            "author": item.author,
            "editor": item.editor,
            "body": item.body,
            "content_hash": digest,
            "extractor": item.extractor,
            "page_count": item.page_count,
        }

    def _insert_article(self, conn, item: ArticleItem, digest: str, now: str, run_id) -> int:
        values = self._article_values(item, digest) | {
            "url": item.url,
            "first_seen_at": now,
            "last_seen_at": now,
            "updated_at": now,
            "first_run_id": run_id,
            "last_run_id": run_id,
        }
        return conn.execute(insert(Article).values(**values)).inserted_primary_key[0]

    def _update_article(self, conn, art_id: int, item: ArticleItem, digest: str, now: str, run_id) -> None:
        _keep_version(conn, art_id, now, run_id)
        values = self._article_values(item, digest) | {
            "last_seen_at": now,
            "updated_at": now,
            "last_run_id": run_id,
        }
        conn.execute(update(Article).where(Article.id == art_id).values(**values))

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        with self.engine.connect() as conn:
            return set(self._existing(conn, list(urls)))


def _keep_version(conn: Connection, art_id: int, now: str, run_id: int | None) -> None:
    """Copy the stored state of an article into ``article_versions`` before it changes."""
    old = conn.execute(
        select(
            Article.content_hash,
            Article.title,
            Article.published_at,
            Article.source,
            Article.author,
            Article.body,
            Article.updated_at,
        ).where(Article.id == art_id)
    ).one()
    conn.execute(
        insert(ArticleVersion).values(
            article_id=art_id,
            content_hash=old.content_hash,
            title=old.title,
            published_at=old.published_at,
            source=old.source,
            author=old.author,
            body=old.body,
            valid_from=old.updated_at,
            replaced_at=now,
            replaced_by_run_id=run_id,
        )
    )


def _last_per_identity(items: Sequence[ArticleItem]) -> list[ArticleItem]:
    """One item per article (the last one wins) so a batch never inserts one twice."""
    by_identity: dict[tuple[str, str], ArticleItem] = {}
    for it in items:
        identity = (it.site, it.article_key) if it.article_key else ("url", it.url)
        by_identity[identity] = it
    return list(by_identity.values())


def _resolve_incoming(conn: Connection, art_id: int, url: str) -> None:
    """Links stored before this article existed now point at it."""
    conn.execute(update(Link).where(and_(Link.to_url == url, Link.to_id.is_(None))).values(to_id=art_id))


def _sync_links(conn: Connection, from_id: int, item: ArticleItem) -> None:
    """Make the article's stored links equal to the item's, touching only differences."""
    wanted: dict[tuple[str, str], tuple[str, int]] = {}
    for kind, links in (("related", item.related), ("latest", item.latest)):
        for pos, link in enumerate(links, start=1):
            wanted.setdefault((link.url, kind), (link.title, pos))
    have = {
        (row.to_url, row.kind): row
        for row in conn.execute(
            select(Link.id, Link.to_url, Link.kind, Link.title, Link.position).where(Link.from_id == from_id)
        )
    }
    gone = [row.id for key, row in have.items() if key not in wanted]
    if gone:
        conn.execute(delete(Link).where(Link.id.in_(gone)))
    new_keys = [key for key in wanted if key not in have]
    targets = _ids_for_urls(conn, {url for url, _ in new_keys})
    for key in new_keys:
        title, pos = wanted[key]
        conn.execute(
            insert(Link).values(
                from_id=from_id,
                to_url=key[0],
                kind=key[1],
                title=title,
                position=pos,
                to_id=targets.get(key[0]),
            )
        )
    for key, row in have.items():
        if key in wanted and (row.title, row.position) != wanted[key]:
            title, pos = wanted[key]
            conn.execute(update(Link).where(Link.id == row.id).values(title=title, position=pos))


def _ids_for_urls(conn: Connection, urls: set[str]) -> dict[str, int]:
    if not urls:
        return {}
    rows = conn.execute(select(Article.url, Article.id).where(Article.url.in_(list(urls))))
    return {url: art_id for url, art_id in rows}
