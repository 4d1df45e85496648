"""What every site profile provides.  A site is one module (after Fundus)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from autonews.clean import COMMON_RULES, FurnitureRules


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What an article URL says about itself."""

    channel: str
    key: str  # stable article id across pages, e.g. "20241021270778"
    page: int  # 1 for the first page


class SiteProfile:
    """Hosts, URL patterns, readers and furniture rules of one publisher.

    Subclasses set the class constants; the methods here are shared logic
    that only reads them.
    """

    name: ClassVar[str]
    label: ClassVar[str]
    default_base_url: ClassVar[str]
    hosts: ClassVar[tuple[str, ...]]
    tz: ClassVar[ZoneInfo] = ZoneInfo("Asia/Shanghai")
    ARTICLE_PATH: ClassVar[re.Pattern[str]]
    LISTING_PATH: ClassVar[re.Pattern[str]]
    NON_NEWS_SECTIONS: ClassVar[frozenset[str]] = frozenset()
    NEXT_PAGE_TEXT: ClassVar[str] = "下一页"
    FURNITURE: ClassVar[FurnitureRules] = FurnitureRules()

    @classmethod
    def rules(cls) -> FurnitureRules:
        return cls.FURNITURE.merged(COMMON_RULES)

    @classmethod
    def matches_host(cls, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return host in cls.hosts

    @classmethod
    def article_ref(cls, url: str) -> ArticleRef | None:
        m = cls.ARTICLE_PATH.match(urlsplit(url).path)
        if m is None:
            return None
        return ArticleRef(m["channel"], m["key"], int(m["page"] or 1))

    @classmethod
    def listing_channel(cls, url: str) -> str | None:
        """The channel slug when ``url`` is a channel listing page, else None."""
        m = cls.LISTING_PATH.match(urlsplit(url).path)
        if m is None or m["channel"] in cls.NON_NEWS_SECTIONS:
            return None
        return m["channel"]

    @classmethod
    def first_page_url(cls, url: str) -> str:
        """The URL of page 1 of a (possibly multi-page) article."""
        return url


class GenericSite(SiteProfile):
    """No profile: a page from a host no site module knows."""

    name = "generic"
    label = "generic reader"
    default_base_url = ""
    hosts = ()
    ARTICLE_PATH = re.compile(r"(?!)")  # matches nothing
    LISTING_PATH = re.compile(r"(?!)")
