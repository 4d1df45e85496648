"""The store: upserts articles and their links in batches, records crawl runs.

It never parses HTML; it takes cleaned ``ArticleItem``s.  Each ``save_batch``
is one transaction, so a crash leaves whole articles (with their links) or
none, and the run counters move in the same transaction.

A batch is written set-wise: one SELECT finds the stored rows, new articles go
in with one multi-row INSERT, links are diffed in memory against one SELECT of
the stored links and only the differences are written.  Rows are handled in a
fixed order (URL, then link key) so concurrent writers lock them in the same
order; a batch that collides with another writer is retried whole
(``autonews.store.backend`` picks what differs per back-end).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Integer, String, bindparam, delete, insert, literal, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from autonews.items import ArticleItem
from autonews.sites.base import REGISTRY
from autonews.store import backend, sites
from autonews.store.ddl import (
    index_pending,
    install_extras,
    mark_pending,
    restore_trigger,
    suspend_insert_trigger,
)
from autonews.store.engine import DatabaseUnusable, make_engine, utc_now
from autonews.store.migrate import needs_upgrade, upgrade
from autonews.store.models import Article, ArticleVersion, CrawlRun, Link

if TYPE_CHECKING:
    from autonews.reprints import CatchUp

_CHUNK = 500
NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"
LinkKey = tuple[str, str]  # (to_url, kind)


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
        try:
            with store.engine.connect():
                pass
        except OperationalError as exc:
            store.close()
            first = (
                str(exc.orig or exc).strip().splitlines()[0] if str(exc.orig or exc).strip() else "no answer"
            )
            raise DatabaseUnusable(f"cannot open the database {_safe(url)}: {first}") from exc
        if migrate:
            with backend.migration_lock(store.engine):
                if needs_upgrade(store.engine):
                    upgrade(store.engine)
                # Views, search index and triggers live outside the ORM models; a migration
                # that rebuilds a table (SQLite batch mode) drops its triggers, so they are
                # re-checked on every open (cheap: one read of the catalogue when intact).
                install_extras(store.engine)
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

    # -- sites ----------------------------------------------------------------
    def learned_furniture(self, site: str) -> sites.Learned:
        return sites.learned_furniture(self.engine, site)

    def record_site(self, site: str, **values: Any) -> sites.Learned:
        return sites.record_site(self.engine, site, **values)

    # -- articles -----------------------------------------------------------
    def save_batch(self, items: Sequence[ArticleItem], *, run_id: int | None = None) -> BatchResult:
        """Upsert ``items`` and their links in one transaction.

        The run's article counters move in the same transaction, so after a
        crash they still agree with the rows.  A batch that lost a race with
        another writer (deadlock, serialization failure, an article inserted
        meanwhile) is rolled back and redone from a fresh read.
        """
        batch = sorted(((it, content_hash(it)) for it in _last_per_identity(items)), key=lambda p: p[0].url)
        now = utc_now()
        for attempt in range(backend.RETRIES):
            try:
                with self.engine.begin() as conn:
                    result, ids, new_urls = _save(conn, batch, now, run_id)
                break
            except Exception as exc:
                if not backend.retryable(exc) or attempt == backend.RETRIES - 1:
                    raise
                backend.backoff(attempt)
        backend.sweep_links(self.engine, ids, new_urls)
        return result

    def stored_context(self, site: str | None = None) -> dict[str, tuple[str | None, str | None]]:
        """url -> (published_at, channel) of the stored articles (of ``site``)."""
        query = select(Article.url, Article.published_at, Article.channel)
        if site is not None:
            query = query.where(Article.site == site)
        with self.engine.connect() as conn:
            return {url: (published, channel) for url, published, channel in conn.execute(query)}

    def index_search(self, limit: int | None = None) -> int:
        """Add the articles ``save_batch`` queued (the oldest ``limit``, or all) to the SQLite
        search index; returns how many.

        ``save_batch`` keeps full-text indexing out of its transaction: on real
        Chinese text indexing costs more than the rest of the write, and SQLite has
        one writer at a time.  Until this runs, search still finds the queued
        articles (it scans them), unranked.  The crawl calls it every
        ``AUTONEWS_SEARCH_INDEX_EVERY`` articles and when it closes.
        """
        return index_pending(self.engine, limit=limit)

    def cluster_reprints(self, *, rebuild: bool = False) -> CatchUp:
        """Bring the reprint clusters up to date with the stored articles (``autonews.reprints``).

        Outside ``save_batch``, like the search index: sketching costs more than a write.
        A crawl runs it when it closes; ``autonews dupes`` before it lists.
        """
        from autonews.reprints import catch_up

        return catch_up(self.engine, rebuild=rebuild)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a message must never fail
        return "(unparsable URL)"


def _save(
    conn: Connection, batch: list[tuple[ArticleItem, str]], now: str, run_id: int | None
) -> tuple[BatchResult, list[int], list[str]]:
    """One attempt at a batch; returns the result, the stored ids and the new URLs."""
    result = BatchResult()
    by_url = backend.existing(conn, [it.url for it, _ in batch])
    existing = by_url | _aliases(conn, [it for it, _ in batch if it.url not in by_url])
    if fresh := backend.lock_articles(conn, [row[0] for row in existing.values()]):
        existing = {url: (art_id, fresh.get(art_id, digest)) for url, (art_id, digest) in existing.items()}
        by_url = {url: existing[url] for url in by_url}
    new, changed, same = [], [], []
    for it, digest in batch:
        row = existing.get(it.url)
        bucket = new if row is None else changed if row[1] != digest else same
        bucket.append((it, digest))
        result.statuses[it.url] = NEW if row is None else UPDATED if row[1] != digest else UNCHANGED
    if changed:
        _update_changed(conn, [(existing[it.url][0], it, d) for it, d in changed], now, run_id)
    same_ids = sorted({existing[it.url][0] for it, _ in same})
    for i in range(0, len(same_ids), _CHUNK):
        conn.execute(
            update(Article)
            .where(Article.id.in_(same_ids[i : i + _CHUNK]))
            .values(last_seen_at=now, last_run_id=run_id)
        )
    rows = [_article_values(it, d) | _first_seen(it.url, now, run_id) for it, d in new]
    trigger = suspend_insert_trigger(conn) if rows else None
    inserted = backend.insert_articles(conn, rows)
    if trigger:
        # Indexed by index_search(), after the write.
        mark_pending(conn, [(inserted[it.url], it.title, it.body) for it, _ in new])
        restore_trigger(conn, trigger)
    ids = {it.url: existing[it.url][0] for it, _ in batch if it.url in existing} | inserted
    # Articles stored under their own URL are link targets; an alias row keeps its old URL.
    targets = {url: row[0] for url, row in by_url.items()} | inserted
    _sync_links(conn, [(ids[it.url], it) for it, _ in batch], set(inserted.values()), targets)
    backend.resolve_incoming(conn, inserted)
    if run_id is not None:
        conn.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id)
            .values(
                articles_new=CrawlRun.articles_new + len(new),
                articles_updated=CrawlRun.articles_updated + len(changed),
                articles_unchanged=CrawlRun.articles_unchanged + len(same),
            )
        )
    return result, sorted(set(ids.values())), sorted(inserted)


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
    for url, (art_id, digest) in backend.existing(conn, list(canon)).items():
        found[canon[url]] = (art_id, digest)
    return found


# The item fields stored as article columns of the same name.
_FIELDS = ("site", "article_key", "canonical_url", "channel", "title", "published_at", "source", "author",
           "editor", "body", "extractor", "page_count")  # fmt: skip


def _article_values(item: ArticleItem, digest: str) -> dict[str, Any]:
    return {name: getattr(item, name) for name in _FIELDS} | {"content_hash": digest}


def _first_seen(url: str, now: str, run_id: int | None) -> dict[str, Any]:
    stamps = dict.fromkeys(("first_seen_at", "last_seen_at", "updated_at"), now)
    return {"url": url, "first_run_id": run_id, "last_run_id": run_id} | stamps


def _update_changed(
    conn: Connection, changed: list[tuple[int, ArticleItem, str]], now: str, run_id: int | None
) -> None:
    """Keep the stored state of each changed article in ``article_versions``, then overwrite it."""
    changed = sorted({art_id: (art_id, it, d) for art_id, it, d in changed}.values(), key=lambda c: c[0])
    ids = [art_id for art_id, _, _ in changed]
    old = select(
        Article.id,
        Article.content_hash,
        Article.title,
        Article.published_at,
        Article.source,
        Article.author,
        Article.body,
        Article.updated_at,
        literal(now, String),
        literal(run_id, Integer),
    ).where(Article.id.in_(ids))
    cols = ["article_id", "content_hash", "title", "published_at", "source", "author", "body"]
    conn.execute(
        insert(ArticleVersion).from_select([*cols, "valid_from", "replaced_at", "replaced_by_run_id"], old)
    )
    rows = [
        {"_id": art_id}
        | _article_values(it, d)
        | {"last_seen_at": now, "updated_at": now, "last_run_id": run_id}
        for art_id, it, d in changed
    ]
    conn.execute(update(Article).where(Article.id == bindparam("_id")), rows)


def _last_per_identity(items: Sequence[ArticleItem]) -> list[ArticleItem]:
    """One item per article (the last one wins) so a batch never inserts one twice."""
    by_identity: dict[tuple[str, str], ArticleItem] = {}
    for it in items:
        identity = (it.site, it.article_key) if it.article_key else ("url", it.url)
        by_identity[identity] = it
    return list(by_identity.values())


def _wanted_links(item: ArticleItem) -> dict[LinkKey, tuple[str, int, str | None]]:
    wanted: dict[LinkKey, tuple[str, int, str | None]] = {}
    for kind, links in (("related", item.related), ("latest", item.latest), ("other", item.other)):
        for pos, link in enumerate(links, start=1):
            wanted.setdefault((link.url, kind), (link.title, pos, link.heading))
    return wanted


def _sync_links(
    conn: Connection, articles: list[tuple[int, ArticleItem]], fresh: set[int], targets: dict[str, int]
) -> None:
    """Make each article's stored links equal to its item's, touching only the differences.

    ``fresh`` articles were inserted by this batch and have no links yet, so only
    the others cost a read (one SELECT for the whole batch).
    """
    # Two items of a batch can be one article (an alias: same site id, or a canonical link):
    # the last one's links win, as its text does in _update_changed.  Diffing both against
    # the stored links would insert their common new links twice.
    items = {art_id: item for art_id, item in articles}
    have: dict[int, dict[LinkKey, Any]] = defaultdict(dict)
    old_ids = sorted(art_id for art_id in items if art_id not in fresh)
    for i in range(0, len(old_ids), _CHUNK):
        query = select(Link.id, Link.from_id, Link.to_url, Link.kind, Link.title, Link.position, Link.heading)
        for row in conn.execute(query.where(Link.from_id.in_(old_ids[i : i + _CHUNK]))):
            have[row.from_id][(row.to_url, row.kind)] = row
    gone: list[int] = []
    changed: list[dict[str, Any]] = []
    added: list[dict[str, Any]] = []
    for art_id, item in items.items():
        wanted, stored = _wanted_links(item), have.get(art_id, {})
        gone += [row.id for key, row in stored.items() if key not in wanted]
        for key, (title, pos, heading) in wanted.items():
            row = stored.get(key)
            if row is None:
                added.append({"from_id": art_id, "to_url": key[0], "kind": key[1], "title": title,
                              "position": pos, "heading": heading})  # fmt: skip
            elif (row.title, row.position, row.heading) != (title, pos, heading):
                changed.append({"_id": row.id, "title": title, "position": pos, "heading": heading})
    for i in range(0, len(gone), _CHUNK):
        conn.execute(delete(Link).where(Link.id.in_(sorted(gone)[i : i + _CHUNK])))
    if changed:
        conn.execute(update(Link).where(Link.id == bindparam("_id")), sorted(changed, key=lambda r: r["_id"]))
    unknown = sorted({r["to_url"] for r in added} - targets.keys())
    targets = targets | _ids_for_urls(conn, unknown)
    # A link under another host, port or scheme than the stored article it names (a
    # mirror, the site moved to https, a re-crawl of the replica on another port) is
    # resolved by the article's identity, as the article itself was deduplicated.
    by_identity = _ids_for_identities(conn, [(item, r["to_url"]) for r in added if r["to_url"] not in targets
                                             for item in (items[r["from_id"]],)])  # fmt: skip
    for row in added:
        row["to_id"] = targets.get(row["to_url"]) or by_identity.get(row["to_url"])
    backend.insert_links(conn, sorted(added, key=lambda r: (r["from_id"], r["to_url"], r["kind"])))


def _ids_for_identities(conn: Connection, links: list[tuple[ArticleItem, str]]) -> dict[str, int]:
    """to_url -> id of the stored article of the linking item's site with that URL's key."""
    wanted: dict[tuple[str, str], str] = {}
    for item, url in links:
        profile = REGISTRY.get(item.site)
        if profile is not None and profile.same_site(url, item.url):
            wanted[(item.site, profile.article_key(url))] = url
    found: dict[str, int] = {}
    keys = sorted(wanted)
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i : i + _CHUNK]
        rows = conn.execute(
            select(Article.site, Article.article_key, Article.id).where(
                Article.article_key.in_(sorted({k for _, k in chunk}))
            )
        )
        for site, key, art_id in rows:
            if (site, key) in wanted:
                found[wanted[(site, key)]] = art_id
    return found


def _ids_for_urls(conn: Connection, urls: list[str]) -> dict[str, int]:
    return {url: art_id for url, (art_id, _) in backend.existing(conn, urls).items()}
