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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from autonews.archive.reader import ArchiveIndex, RecordRef, read_at
from autonews.extract.furniture import FurnitureLearner
from autonews.extract.reader import LearningReader
from autonews.extract.stitch import add_page, start_item
from autonews.items import ArticleItem
from autonews.sites import SITES, site_for_url
from autonews.sites.anysite import profile_for
from autonews.sites.base import GenericSite, SiteProfile
from autonews.store import Store
from autonews.store.engine import utc_now
from autonews.store.sites import Learned
from autonews.text.validate import Rejected, finish_item

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
        stored = store.stored_context(site)
        learned = store.learned_furniture
        for item in _items(
            index, result, stored, learned, since=since, site=site, drop_mojibake=drop_mojibake
        ):
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
    stored: dict[str, tuple[str | None, str | None]],
    learned: Callable[[str], Learned],
    *,
    since: date | None,
    site: str | None,
    drop_mojibake: bool,
) -> Iterator[ArticleItem]:
    """``learned``: a site's stored furniture, which a site with no profile is read with."""
    firsts = _first_pages(index, stored, since=since, site=site)
    readers: dict[str, LearningReader] = {}  # per site: what its pages teach serves its other pages
    later: set[str] = set()  # pages read as later pages of an article, never articles themselves
    # File order, so reads go forward through each file instead of jumping around.
    for url, ref, profile in sorted(firsts, key=lambda f: (f[1].path, f[1].offset)):
        # The stored day is the year a yearless time had when it was crawled (from its
        # listing or sitemap): the archive alone would only have the fetch date's.
        published, channel = stored.get(url, (None, None))
        hint = date.fromisoformat(published[:10]) if published else None
        reader = readers.get(profile.name)
        if reader is None:
            reader = readers[profile.name] = _reader(profile, learned)
        if url in later:
            continue
        guess = url not in stored and issubclass(profile, GenericSite)
        item = _stitch(index, url, ref, profile, result, hint, reader, later, read_as_article=guess)
        if item is None:
            continue
        # Likewise the channel of the listing the crawl found it on, when the page does not say.
        item.channel = item.channel or channel
        try:
            yield finish_item(item, drop_mojibake=drop_mojibake)
        except Rejected as exc:
            result.dropped[exc.reason] += 1


def _first_pages(
    index: ArchiveIndex,
    stored: dict[str, tuple[str | None, str | None]],
    *,
    since: date | None,
    site: str | None,
) -> list[tuple[str, RecordRef, type[SiteProfile]]]:
    """First pages of articles: URLs the site's rules name as such, and URLs the crawl
    stored as articles after reading them (those no rule names included)."""
    out = []
    # Hosts the database holds articles of: there, what the crawl stored is what is an article.
    known_hosts = {urlsplit(url).hostname for url in stored}
    for url, ref in index.refs.items():
        if ref.status != 200 or (since is not None and ref.fetched_at.date() < since):
            continue
        profile = _profile(ref.site, url)
        if profile is None or (site is not None and profile.name != site):
            continue
        article = profile.article_ref(url)
        # A site with no profile names no URL as an article: into a database that holds
        # none of its articles, every page is a candidate that must read as one.
        fresh = issubclass(profile, GenericSite) and urlsplit(url).hostname not in known_hosts
        maybe = article is None and (url in stored or fresh)
        if (article is not None and article.page == 1) or maybe:
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
    later: set[str],
    *,
    read_as_article: bool = False,
) -> ArticleItem | None:
    """Page 1, then its 下一页 chain, as the spider follows it; a missing page drops the article.
    ``read_as_article``: page 1 is only a candidate; kept when it reads as an article."""
    item: ArticleItem | None = None
    seen: set[str] = set()
    while True:
        stored = read_at(ref.path, ref.offset)
        now = stored.fetched_at.astimezone(profile.tz)
        fields = reader.read(stored.body, url, now=now, content_type=stored.content_type, hint=hint)
        result.pages += 1
        result.fallbacks += fields.extractor == "generic"
        if item is None:
            if read_as_article and not fields.is_article():
                return None  # not an article: the crawl would not have stored it either
            item = start_item(fields, url, profile, fetched_at=now.isoformat(timespec="seconds"))
        else:
            add_page(item, fields)
            later.add(url)
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
        if name in SITES:
            return SITES[name]
        parts = urlsplit(url)
        # A site with no profile (``scrapy crawl news``) is named by its host.
        return profile_for(f"{parts.scheme}://{parts.netloc}") if name == parts.hostname else None
    return site_for_url(url)


def _reader(profile: type[SiteProfile], learned: Callable[[str], Learned]) -> LearningReader:
    if not issubclass(profile, GenericSite):
        return LearningReader(profile)
    # Read with everything learned of the site, and nothing more: a re-extraction over
    # part of an archive must not learn different furniture from that part.
    furniture = learned(profile.name)
    return LearningReader(profile, FurnitureLearner(furniture.lines, furniture.pages, frozen=True))
