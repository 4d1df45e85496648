"""qi-che.com (老虎车网): everything this project knows or assumes about the site.

See ``../shared/SITE.md``.  Known: the article URL shape, the disclaimer lines
and related-link blocks from the seed page.  Assumed (unknown until the live
site can be seen): the markup below.  The selectors are a fast path only;
when they miss, the reader falls back to finding things by meaning (headings,
dates near the title, text density), so a guessed class name never decides
alone.
"""

from __future__ import annotations

import re
from typing import ClassVar

from autonews.clean import FurnitureRules
from autonews.sites.base import SiteProfile


class QicheLayoutV1:
    """The current article layout (as assumed and served by the replica)."""

    name = "v1"
    DETECT = "//div[contains(@class,'article-content')]"
    TITLE = "//h1[contains(@class,'article-title')]"
    TIME = "//div[contains(@class,'article-info')]//span[contains(@class,'time')]"
    SOURCE = "//div[contains(@class,'article-info')]//span[contains(@class,'source')]"
    AUTHOR = "//div[contains(@class,'article-info')]//span[contains(@class,'author')]"
    BODY = "//div[contains(@class,'article-content')]"
    RELATED = "//div[contains(@class,'related')]//li/a[@href]"
    LATEST = "//div[contains(@class,'latest')]//li/a[@href]"
    NEXT_PAGE = "//div[contains(@class,'article-pages')]//a[normalize-space()='下一页']/@href"


class Qiche(SiteProfile):
    name = "qiche"
    label = "老虎车网 (qi-che.com)"
    default_base_url = "http://www.qi-che.com"
    hosts = ("www.qi-che.com", "qi-che.com", "new.qi-che.com")
    # /{channel}/xinwen-{yyyymmdd}{id}.html, page p of a long article adds _{p}.
    ARTICLE_PATH = re.compile(
        r"^/(?P<channel>[A-Za-z0-9_-]+)/xinwen-(?P<key>\d{8}\d+?)(?:_(?P<page>\d+))?\.html$"
    )
    # /{channel}/ and /{channel}/list_{n}.html
    LISTING_PATH = re.compile(r"^/(?P<channel>[A-Za-z0-9_-]+)/(?:list_(?P<page>\d+)\.html)?$")
    # Q&A, search and plugin paths are not news (robots.txt disallows some of them too).
    NON_NEWS_SECTIONS = frozenset({"ask", "plus", "search", "tags", "special", "uploads", "member"})
    LAYOUTS: ClassVar[tuple[type, ...]] = (QicheLayoutV1,)

    # From the seed page: the lines between the body and the teaser blocks.
    FURNITURE = FurnitureRules(
        tail=(
            r"如系本站原创文章[,,]?\s*转载请注明出处[::]?.*",
            r"更多汽车新闻关注\s*请扫码.*",
            r"声明[::].*",
            r"最新问答(?:\s*更多)?",
        ),
        drop=(
            r"·?凡注明为其他媒体来源的信息.*",
            r"·?您若对该稿件内容有任何疑问或质疑.*",
            r"邮箱[::]?\s*\S+@\S+",
            r"处理时间[::].*",
            r"请扫码.*公众微信号[::]?",
        ),
    )
    TITLE_SUFFIXES = ("_汽车行业关注_老虎车网", "_老虎车网", "-老虎车网", "_汽车中国网")

    @classmethod
    def first_page_url(cls, url: str) -> str:
        return re.sub(r"_\d+\.html$", ".html", url) if cls.article_ref(url) else url
