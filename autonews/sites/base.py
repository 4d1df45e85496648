"""What every site profile provides.  A site is one module (after Fundus).

Profiles register themselves: defining a subclass with a ``name`` adds it to
``REGISTRY``, so adding a site is one module under ``autonews/sites/``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import ClassVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from autonews.dates.limits import SITE_TZ, valid_ymd
from autonews.dates.url import date_from_url
from autonews.sites.sources import Feeds, HomePage, Sitemaps, Source
from autonews.text.clean import COMMON_RULES, FurnitureRules

REGISTRY: dict[str, type[SiteProfile]] = {}
KEY_CHARS = 64  # articles.article_key


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What an article URL says about itself."""

    channel: str | None
    key: str  # stable article id across pages, e.g. "17206" or "20241021270778"
    page: int  # 1 for the first page


@dataclass(frozen=True, slots=True)
class ArticleUrl:
    """One article URL shape of a site: a regex on the path with named groups.

    ``key`` (required), ``channel`` and ``page`` (optional), and ``ymd`` when the
    shape carries the publish day (``20241021``).  ``page`` must be the only part
    that differs between the pages of one article, so the first page's URL is the
    URL with the page part removed.
    """

    name: str
    pattern: re.Pattern[str]

    def match(self, path: str) -> re.Match[str] | None:
        return self.pattern.match(path)


def _url_day(ymd: str | None) -> date | None:
    if not ymd or len(ymd) != 8:
        return None
    return valid_ymd(int(ymd[:4]), int(ymd[4:6]), int(ymd[6:]))


@lru_cache(maxsize=8192)
def url_host(url: str) -> str | None:
    """``urlsplit(url).hostname``, memoised: a crawl asks it of the same link URLs on page
    after page (is it on the site? is it this page's host?)."""
    return urlsplit(url).hostname


class SiteProfile:
    """Hosts, sources, URL shapes, readers and furniture rules of one publisher.

    Subclasses set the class constants; the methods here are shared logic that
    only reads them.  URL shapes are a fast path: the spider confirms them by
    reading pages, and finds articles that match none of them by meaning.
    """

    name: ClassVar[str]
    label: ClassVar[str]
    default_base_url: ClassVar[str]
    hosts: ClassVar[tuple[str, ...]]
    tz: ClassVar[ZoneInfo] = SITE_TZ
    SOURCES: ClassVar[tuple[Source, ...]] = (HomePage(), Sitemaps(), Feeds())
    ARTICLE_URLS: ClassVar[tuple[ArticleUrl, ...]] = ()
    LISTING_PATH: ClassVar[re.Pattern[str]] = re.compile(r"(?!)")
    NON_NEWS_SECTIONS: ClassVar[frozenset[str]] = frozenset()
    FURNITURE: ClassVar[FurnitureRules] = FurnitureRules()
    TITLE_SUFFIXES: ClassVar[tuple[str, ...]] = ()
    LAYOUTS: ClassVar[tuple[type, ...]] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "name" in cls.__dict__:
            REGISTRY[cls.name] = cls

    @classmethod
    def rules(cls) -> FurnitureRules:
        return cls.FURNITURE.merged(COMMON_RULES)

    @classmethod
    def matches_host(cls, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return host in cls.hosts

    @classmethod
    @lru_cache(maxsize=8192)
    def _match(cls, url: str) -> re.Match[str] | None:
        # Memoised by profile and URL (``ARTICLE_URLS`` is a class constant): one crawl
        # matches a page's URL and its links again and again (the spider, the reader,
        # start_item, the store's link resolution: ~8 times per article page), each a
        # urlsplit and a regex.
        path = urlsplit(url).path
        for shape in cls.ARTICLE_URLS:
            m = shape.match(path)
            if m is not None:
                return m
        return None

    @classmethod
    @lru_cache(maxsize=8192)  # as _match: an ArticleRef is frozen, so one can be shared
    def article_ref(cls, url: str) -> ArticleRef | None:
        m = cls._match(url)
        if m is None:
            return None
        groups = m.groupdict()
        channel = groups.get("channel")
        if channel in cls.NON_NEWS_SECTIONS:
            return None
        return ArticleRef(channel, m["key"], int(groups.get("page") or 1))

    @classmethod
    def url_date(cls, url: str) -> date | None:
        """The publish day an article URL carries, else None (the URL date rule).

        A URL of one of the site's shapes says it (``ymd``) or says there is none (an id
        URL); a URL of no known shape is read the generic way (``/2024/1121/``).
        """
        m = cls._match(url)
        if m is None:
            return date_from_url(url)
        return _url_day(m.groupdict().get("ymd"))

    @classmethod
    def listing_channel(cls, url: str) -> str | None:
        """The channel slug when ``url`` has the site's listing shape, else None (a fast path)."""
        m = cls.LISTING_PATH.match(urlsplit(url).path)
        if m is None or m["channel"] in cls.NON_NEWS_SECTIONS:
            return None
        return m["channel"]

    @classmethod
    @lru_cache(maxsize=8192)  # the store resolves each batch's link targets by it: the same URLs
    def article_key(cls, url: str) -> str:
        """What names one article whatever host, port or scheme serves it: the site's
        own id when a URL rule gives one, else the first page's path and query."""
        ref = cls.article_ref(url)
        if ref is not None:
            return ref.key
        parts = urlsplit(cls.first_page_url(url))
        key = parts.path + (f"?{parts.query}" if parts.query else "")
        # The column holds 64 characters: a longer path is kept as its digest.
        return key if len(key) <= KEY_CHARS else "sha1:" + hashlib.sha1(key.encode()).hexdigest()

    @classmethod
    def same_site(cls, url: str, page_url: str) -> bool:
        """``url`` is on this site as ``page_url`` sees it: the page's own host (a mirror,
        the replica) or one of the site's hosts."""
        host = url_host(url)
        return host is not None and (host == url_host(page_url) or host in cls.hosts)

    @classmethod
    def first_page_url(cls, url: str) -> str:
        """The URL of page 1 of a (possibly multi-page) article."""
        m = cls._match(url)
        if m is None or not m.groupdict().get("page"):
            return url
        start, end = m.span("page")
        parts = urlsplit(url)
        path = parts.path
        # Drop the page number with the one separator before it ("_2", "-2").
        cut = start - 1 if start > 0 and path[start - 1] in "_-" else start
        return parts._replace(path=path[:cut] + path[end:]).geturl()


class GenericSite(SiteProfile):
    """No profile: a page from a host no site module knows."""

    name = "generic"
    label = "generic reader"
    default_base_url = ""
    hosts = ()
