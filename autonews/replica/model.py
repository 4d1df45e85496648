"""The replica's article record and the URL / time-text conventions of qi-che.com.

One ``Article`` describes an article completely (all pages, clean text); the HTML
renderers decorate it (indents, &nbsp;, disclaimers), and ``expected()`` gives the
ground truth a correct reader must recover from that HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

REPLICA_LABEL = "离线副本 / offline replica of qi-che.com for tests"
SITE_ORIGIN = "http://www.qi-che.com"

# slug -> Chinese name, in navigation order.
CHANNELS: dict[str, str] = {
    "xinche": "新车",
    "hangye": "行业",
    "pingce": "评测",
    "shehuiredia": "社会热点",
}
CHANNEL_SLUGS: tuple[str, ...] = tuple(CHANNELS)

TIME_STYLES = ("iso", "cn", "label", "yearless", "date")
# How each time style prints a wall-clock time ``w`` (str.format, so "cn" can drop the zero
# padding); article pages and family pages share it so the two never print a style apart.
_SLASH = "{w:%Y/%m/%d %H:%M}"
TIME_FORMATS: dict[str, str] = {
    "full": "{w:%Y-%m-%d %H:%M}",
    "cn": "{w.year}年{w.month}月{w.day}日 {w:%H:%M}",
    "slash": _SLASH,
    "label": "发布时间:" + _SLASH,
    "yearless": "{w:%m-%d %H:%M}",
    "date": "{w:%Y-%m-%d}",
}
TEASER_CHARS = 200

# Groups are named for urls.parse_article and numbered (channel, day, id, page) for the rest.
ARTICLE_RE = re.compile(
    r"^/(?P<channel>xinche|hangye|pingce|shehuiredia)/xinwen-(?P<day>\d{8})(?P<id>\d{6})(?:_(?P<page>\d+))?\.html$"
)


@dataclass(frozen=True, slots=True)
class Teaser:
    """One 相关阅读/最新内容 entry; in ``Article.missing`` its target page does not exist (404)."""

    path: str
    title: str
    text: str  # what the link shows, ending in "..."


@dataclass(frozen=True, slots=True)
class Article:
    """One article, clean text only; pages are tuples of paragraphs."""

    id: int
    channel: str
    when: datetime  # naive wall-clock time in Asia/Shanghai
    style: str  # one of TIME_STYLES: how the page prints the time
    title: str
    source: str | None
    author: str | None
    pages: tuple[tuple[str, ...], ...]
    encoding: str = "utf-8"  # "utf-8" or "gbk" (GBK pages are sent as GB18030 bytes)
    layout: str = "v1"  # "v1" (current) or "v0" (2016 table layout)
    related: tuple[str, ...] = ()  # paths of existing articles
    missing: tuple[Teaser, ...] = ()  # related entries pointing at 404 pages

    def as_teaser(self) -> Teaser:
        return Teaser(self.path, self.title, self.teaser)

    @property
    def path(self) -> str:
        return f"/{self.channel}/xinwen-{self.when:%Y%m%d}{self.id:06d}.html"

    def page_path(self, page: int) -> str:
        """Path of page ``page`` (1-based); page 1 is the article path itself."""
        if page == 1:
            return self.path
        return self.path[: -len(".html")] + f"_{page}.html"

    @property
    def paragraphs(self) -> list[str]:
        return [p for page in self.pages for p in page]

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def teaser(self) -> str:
        """What 相关阅读/最新内容 show: first 200 chars, paragraph breaks removed, plus '...'."""
        return "".join(self.paragraphs)[:TEASER_CHARS] + "..."

    @property
    def published_at(self) -> str:
        if self.style == "date":
            return f"{self.when:%Y-%m-%d}"
        return f"{self.when:%Y-%m-%dT%H:%M:00}+08:00"

    @property
    def time_text(self) -> str:
        """The text of ``<span class="time">`` in the v1 layout."""
        return format_time(self.style, self.when)

    def expected(self) -> dict[str, object]:
        """Ground truth for tests (the shape promised by ReplicaSite.expected_articles)."""
        return {
            "title": self.title,
            "published_at": self.published_at,
            "source": self.source,
            "author": self.author,
            "channel": self.channel,
            "body": self.body,
            "pages": len(self.pages),
        }


def format_time(style: str, when: datetime) -> str:
    """``when`` as ``style`` prints it; "iso" (and any style not in TIME_FORMATS) is the full time."""
    return TIME_FORMATS.get(style, TIME_FORMATS["full"]).format(w=when)


def sort_key(article: Article) -> tuple[datetime, int]:
    """Listing order key: newest first when sorted with reverse=True; id breaks ties."""
    return (article.when, article.id)
