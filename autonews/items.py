"""The data that flows from the page readers to the store.

Items are plain dataclasses: no Scrapy Response, no parsel Selector, nothing that
holds on to the page after extraction is done.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Link:
    """One entry of a link block (相关阅读, 最新内容, or another such as 猜你喜欢)."""

    url: str
    title: str
    heading: str | None = None  # the block's heading, kept for blocks of kind "other"

    def to_dict(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {"url": self.url, "title": self.title}
        if self.heading is not None:
            out["heading"] = self.heading
        return out


@dataclass(slots=True, kw_only=True)
class ArticleFields:
    """What a reader finds of an article: on one page (``PageFields``) or over all of
    its pages (``ArticleItem``).

    ``published_at`` is ISO-8601 text in the site's zone (``2024-10-22T10:30:00+08:00``),
    or a bare date (``2024-10-22``) when the page gives no time, or None.
    """

    title: str | None = None
    published_at: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)
    latest: list[Link] = field(default_factory=list)
    other: list[Link] = field(default_factory=list)  # 猜你喜欢, 热门推荐 …: each link with its heading
    canonical_url: str | None = None
    mojibake: bool = False
    # The time has no year and the crawl's date gave it one; the spider holds the item
    # back until a listing or sitemap that names it gives a better year.  Not stored.
    year_guessed: bool = False


@dataclass(slots=True, kw_only=True)
class ArticleItem(ArticleFields):
    """An article as read from its page(s), before cleaning.

    ``paragraphs`` are the body's paragraphs in order; the clean pipeline turns them
    into ``body`` (paragraphs joined by a newline).
    """

    url: str
    site: str
    channel: str | None = None
    body: str = ""
    extractor: str = "site"  # "generic" when any page was read by meaning
    page_count: int = 1
    fetched_at: str | None = None
    article_key: str | None = None  # the site's own article id, e.g. "20241021270778"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
