"""Rebuild articles and links from the WARC archive with today's extraction code.

Nothing is fetched.  Each article's pages come from the archive (the newest
record per URL), are read (``LearningReader``) against their own fetch time, are
stitched and cleaned exactly as in a crawl, and go through ``Store.save_batch``,
which says per article whether it is new, updated or unchanged.  The pass is
recorded in ``crawl_runs`` as spider ``reextract``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from autonews.archive.reader import ArchiveIndex, RecordRef, read_at
from autonews.extract.reader import LearningReader
from autonews.extract.stitch import add_page, start_item
from autonews.items import ArticleItem
from autonews.sites import get_site, site_for_url
from autonews.sites.base import SiteProfile
from autonews.store import Store
from autonews.store.engine import utc_now
from autonews.validate import Rejected, finish_item

MAX_PAGES = 50  # a 下一页 chain longer than this is a loop, not an article


@dataclass
class ReextractResult:
    records: int = 0  # URLs in the archive
    pages: int = 0  # article pages read
    articles: int = 0  # items built and handed to the store
    statuses: Counter[str] = field(default_factory=Counter)  # new / updated / unchanged
    dropped: Counter[str] = field(default_factory=Counter)  # reason -> count
    fallbacks: int = 0
    seconds: float = 0.0
    run_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "pages": self.pages,
            "articles": self.articles,
            "new": self.statuses["new"],
            "updated": self.statuses["updated"],
            "unchanged": self.statuses["unchanged"],
            "dropped": dict(self.dropped),
            "fallbacks": self.fallbacks,
            "seconds": round(self.seconds, 2),
            "articles_per_second": round(self.articles / self.seconds, 1) if self.seconds else None,
            "run_id": self.run_id,
        }


def reextract(
    warc_dir: Path | str,
    database_url: str,
    *,
    since: date | None = None,
    site: str | None = None,
    batch_size: int = 500,
    drop_mojibake: bool = True,
) -> ReextractResult:
    """Re-read every archived article (fetched on/after ``since``, of ``site``) into the database."""
    started = time.perf_counter()
    index = ArchiveIndex.build(warc_dir)
    result = ReextractResult(records=len(index))
    store = Store.open(database_url)
    try:
        args = {"warc_dir": str(warc_dir), "since": since.isoformat() if since else None, "site": site}
        result.run_id = store.start_run("reextract", site=site, base_url=None, args=args)
        batch: list[ArticleItem] = []
        stored = store.published_by_url(site)
        for item in _items(index, result, stored, since=since, site=site, drop_mojibake=drop_mojibake):
            batch.append(item)
            if len(batch) >= batch_size:
                _save(store, batch, result)
        _save(store, batch, result)
        store.index_search()
        store.update_run(
            result.run_id,
            finished_at=utc_now(),
            finish_reason="finished",
            status="ok",
            pages=result.pages,
            dropped=sum(result.dropped.values()),
            fallbacks=result.fallbacks,
        )
    finally:
        store.close()
    result.seconds = time.perf_counter() - started
    return result


def _save(store: Store, batch: list[ArticleItem], result: ReextractResult) -> None:
    if batch:
        saved = store.save_batch(batch, run_id=result.run_id)
        result.statuses.update(saved.statuses.values())
        result.articles += len(batch)
        batch.clear()


def _items(
    index: ArchiveIndex,
    result: ReextractResult,
    stored: dict[str, str | None],
    *,
    since: date | None,
    site: str | None,
    drop_mojibake: bool,
) -> Iterator[ArticleItem]:
    firsts = _first_pages(index, stored, since=since, site=site)
    readers: dict[str, LearningReader] = {}  # per site: what its pages teach serves its other pages
    # File order, so reads go forward through each file instead of jumping around.
    for url, ref, profile in sorted(firsts, key=lambda f: (f[1].path, f[1].offset)):
        # The stored day is the year a yearless time had when it was crawled (from its
        # listing or sitemap): the archive alone would only have the fetch date's.
        published = stored.get(url)
        hint = date.fromisoformat(published[:10]) if published else None
        reader = readers.setdefault(profile.name, LearningReader(profile))
        item = _stitch(index, url, ref, profile, result, hint, reader)
        if item is None:
            continue
        try:
            yield finish_item(item, drop_mojibake=drop_mojibake)
        except Rejected as exc:
            result.dropped[exc.reason] += 1


def _first_pages(
    index: ArchiveIndex, stored: dict[str, str | None], *, since: date | None, site: str | None
) -> list[tuple[str, RecordRef, type[SiteProfile]]]:
    """First pages of articles: URLs the site's rules name as such, and URLs the crawl
    stored as articles after reading them (those no rule names included)."""
    out = []
    for url, ref in index.refs.items():
        if ref.status != 200 or (since is not None and ref.fetched_at.date() < since):
            continue
        profile = _profile(ref.site, url)
        if profile is None or (site is not None and profile.name != site):
            continue
        article = profile.article_ref(url)
        if (article is not None and article.page == 1) or (article is None and url in stored):
            out.append((url, ref, profile))
    return out


def _stitch(
    index: ArchiveIndex,
    url: str,
    ref: RecordRef,
    profile: type[SiteProfile],
    result: ReextractResult,
    hint: date | None,
    reader: LearningReader,
) -> ArticleItem | None:
    """Page 1, then its 下一页 chain, as the spider follows it; a missing page drops the article."""
    item: ArticleItem | None = None
    seen: set[str] = set()
    while True:
        stored = read_at(ref.path, ref.offset)
        now = stored.fetched_at.astimezone(profile.tz)
        fields = reader.read(stored.body, url, now=now, content_type=stored.content_type, hint=hint)
        result.pages += 1
        result.fallbacks += fields.extractor == "generic"
        if item is None:
            item = start_item(fields, url, profile, fetched_at=now.isoformat(timespec="seconds"))
        else:
            add_page(item, fields)
        seen.add(url)
        if not fields.next_page:
            return item
        url = fields.next_page
        next_ref = index.refs.get(url)
        if next_ref is None or next_ref.status != 200 or url in seen or len(seen) >= MAX_PAGES:
            result.dropped["incomplete_article"] += 1
            return None
        ref = next_ref


def _profile(name: str | None, url: str) -> type[SiteProfile] | None:
    if name:
        try:
            return get_site(name)
        except KeyError:
            return None
    return site_for_url(url)
