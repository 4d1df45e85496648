"""The incremental crawl policy: what a run fetches, and when a listing walk stops.

The spider asks, the policy answers; the policy is the only crawl part that reads
the database (through ``KnownArticles``).  Its clock is injected, so tests can
put an article inside or outside the refresh window without waiting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from autonews.store.known import KnownArticle, KnownArticles

Clock = Callable[[], datetime]


@dataclass
class CrawlPolicy:
    """One run's decisions.  ``known`` is None when no database is at hand (benchmarks)."""

    known: KnownArticles | None
    tz: ZoneInfo
    started_at: str  # ISO UTC, as the store's first_seen_at
    refresh_window: timedelta = timedelta(hours=48)
    full: bool = False
    refresh: bool = False
    since: date | None = None
    until: date | None = None
    max_pages: int | None = None
    clock: Clock = field(default=lambda: datetime.now(UTC))
    # Article URLs already requested or found stored in this run: related blocks repeat
    # the same few URLs across thousands of pages, and the database would say the same.
    checked: set[str] = field(default_factory=set)

    def now(self) -> datetime:
        return self.clock().astimezone(self.tz)

    def walk_everything_after(self, previous_complete: bool) -> bool:
        """After a killed or failed run, stopping at known listing pages could leave holes."""
        if not self.full and not previous_complete:
            self.full = True
            return True
        return False

    def lookup(self, urls: Sequence[str]) -> dict[str, KnownArticle]:
        if self.known is None or not urls:
            return {}
        return self.known.lookup(urls)

    def to_fetch(
        self, urls: Sequence[str], known: dict[str, KnownArticle], lastmod: dict[str, date] | None = None
    ) -> list[str]:
        """New articles, and stored ones that may have changed (or all, on refresh).

        A stored article may have changed when a sitemap's ``lastmod`` is later than our
        last fetch of it; without a lastmod, when it is still young enough to be edited.
        """
        if self.refresh:
            return list(urls)
        now, lastmod = self.now(), lastmod or {}
        out = []
        for url in urls:
            stored = known.get(url)
            if stored is None:
                out.append(url)
            elif url in lastmod:
                if stored.changed_since_fetched(lastmod[url]):
                    out.append(url)
            elif stored.is_young(now, self.refresh_window):
                out.append(url)
        return out

    def in_range(self, day: date | None) -> bool:
        """Inside since/until; an article whose day is unknown is fetched (its page decides)."""
        if day is None:
            return True
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def keep_paging(
        self, page: int, articles: Sequence[str], days: Sequence[date | None], known: dict[str, KnownArticle]
    ) -> tuple[bool, str | None]:
        """Walk on to the next listing page?  (False, why) when not."""
        if self.max_pages is not None and page >= self.max_pages:
            return False, "max_pages"
        if self.since is not None and days and all(d is not None and d < self.since for d in days):
            return False, "older_than_since"  # listings run newest first: older pages only get older
        # Stored by an earlier run, not by this one: an article this run (or another
        # worker of it) stored through a related link says nothing about whether the
        # older listing pages were walked before.
        if (
            not (self.full or self.refresh)
            and articles
            and all(u in known and known[u].first_seen_at < self.started_at for u in articles)
        ):
            return False, "stopped_at_known"
        return True, None
