"""qi-che.com (老虎车网): everything this project knows or assumes about the site.

See ``../shared/SITE.md``.  Known, from stored copies of two live pages: article
URLs ``/{channel}/{id}.htm`` on ``qi-che.com`` and ``www.qi-che.com``, the head
line ``来自:… 作者:… 发布时间:YYYY-MM-DD`` after a ``您的位置:`` breadcrumb, image
file names as body lines, and the disclaimer lines of the seed page.  Known from a
2016 link: the older ``xinwen-{yyyymmdd}{id}.html`` shape, which old pages and
old links still use.  Assumed: the listing URLs, pages ``_{p}`` of long articles,
sitemaps and feeds, and the markup.  The selectors and URL shapes here are a fast
path only; the spider and the reader find articles, heads, link blocks and
pagination by meaning when they miss.
"""

from __future__ import annotations

import re
from typing import ClassVar

from autonews.sites.base import ArticleUrl, SiteProfile
from autonews.sites.sources import Feeds, HomePage, Sitemaps, Source
from autonews.text.clean import FurnitureRules

_CHANNEL = r"(?P<channel>[A-Za-z][A-Za-z0-9_-]*)"


class QicheLayoutV1:
    """An assumed article layout (the replica's "legacy" family); a fast path only."""

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
    default_base_url = "https://www.qi-che.com"
    hosts = ("www.qi-che.com", "qi-che.com", "new.qi-che.com")
    SOURCES: ClassVar[tuple[Source, ...]] = (HomePage("/"), Sitemaps(("/sitemap.xml",)), Feeds())
    ARTICLE_URLS = (
        # Known (live, 2024): /guoneicheshi/17206.htm; page p assumed to add _{p}.
        ArticleUrl("live", re.compile(rf"^/{_CHANNEL}/(?P<key>\d+)(?:_(?P<page>\d+))?\.htm$")),
        # Known (2016 link): /shehuiredia/xinwen-20160706270778.html, the day in the URL.
        ArticleUrl(
            "xinwen",
            re.compile(rf"^/{_CHANNEL}/xinwen-(?P<key>(?P<ymd>\d{{8}})\d+?)(?:_(?P<page>\d+))?\.html$"),
        ),
    )
    # Assumed: /{channel}/ then list_{n}, index_{n} or list-{cid}-{n}; a fast path only.
    LISTING_PATH = re.compile(rf"^/{_CHANNEL}/(?:(?:list|index)[_-][\d-]+\.s?html?)?$")
    # Q&A, search and plugin paths are not news (robots.txt disallows some of them too).
    NON_NEWS_SECTIONS = frozenset({"ask", "plus", "search", "tags", "special", "uploads", "member"})
    LAYOUTS: ClassVar[tuple[type, ...]] = (QicheLayoutV1,)

    # From the seed page: the lines between the body and the teaser blocks.
    FURNITURE = FurnitureRules(
        tail=(
            r"如系本站原创文章[,，]?\s*转载请注明出处[:：]?.*",
            r"更多汽车新闻关注\s*请扫码.*",
            r"声明[:：].*",
            r"最新问答(?:\s*更多)?",
        ),
        drop=(
            r"·?凡注明为其他媒体来源的信息.*",
            r"·?您若对该稿件内容有任何疑问或质疑.*",
            r"邮箱[:：]?\s*\S+@\S+",
            r"处理时间[:：].*",
            r"请扫码.*公众微信号[:：]?",
        ),
    )
    TITLE_SUFFIXES = ("_汽车行业关注_老虎车网", "_老虎车网", "-老虎车网", "_汽车中国网")
