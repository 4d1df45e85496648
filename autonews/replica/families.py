"""Markup families: the same articles, marked up the way different CMS templates would.

SITE.md knows little about the live site's markup, so the crawler must not depend on one
template. Each family is pure data (a frozen ``Family``); one renderer reads the choices.
Every family carries the same information (title, time, source, author, body, links), so a
reader that works by meaning recovers the same truth from all of them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields

URL_SHAPES = ("live", "legacy", "dated", "a_dated")
DISCOVERIES = ("listings", "sitemap", "feed")
LISTING_STYLES = ("list_htm", "index_htm", "list_cid", "query", "list_html", "folder2")
PAGERS = ("下一页", "下页", ">", "»", "numbers", "img")
HEAD_LINES = ("spans", "line", "p", "table", "clicks")
TIME_STYLES = ("article", "date", "yearless", "full")
BREADCRUMBS = ("live", "legacy", "nav", "bare", "none")
TITLE_TAGS = ("h1", "h2", "div")
BODIES = ("p", "div", "br")
TEASER_ITEMS = ("li_title", "li_h4", "dl", "bare")
HEADINGS = ("h3", "span", "div_hd", "dt")
PAGE_NEXTS = ("下一页", "下页", ">", "numbers")
LIST_DATES = ("iso", "bracket")
FEEDS = ("rss", "atom")
SOURCE_LABELS = ("来源", "来自")
COLONS = (":", "：")
TIME_LABELS = ("发布时间", "时间", "日期", "")
EXTRAS = ("share", "print", "editor")
# The allowed values of each checked field (Family.__post_init__), one table for the check
# and for random_family.
_CHOICES: dict[str, tuple[object, ...]] = {
    "url": URL_SHAPES, "discovery": DISCOVERIES, "listing": LISTING_STYLES, "pager": PAGERS,
    "head_line": HEAD_LINES, "time_style": TIME_STYLES, "breadcrumb": BREADCRUMBS,
    "title_tag": TITLE_TAGS, "body": BODIES, "teaser_item": TEASER_ITEMS, "heading": HEADINGS,
    "page_next": PAGE_NEXTS, "list_date": LIST_DATES, "feed": FEEDS, "source_label": SOURCE_LABELS,
    "colon": COLONS, "time_label": TIME_LABELS,
}  # fmt: skip


@dataclass(frozen=True)
class Family:
    """One template's choices; _CHOICES above holds the allowed values of the checked fields,
    and each of those defaults to its first value, so a default can never fall outside them."""

    name: str
    # When set, the article/home/listing pages are today's v1/v0 templates byte for byte,
    # so that "legacy" stays comparable with runs made before families existed.
    classic: bool = False
    url: str = URL_SHAPES[0]
    discovery: str = DISCOVERIES[0]
    listing: str = LISTING_STYLES[0]
    pager: str = PAGERS[0]
    pager_rooted: bool = False  # listing pager hrefs "/ch/list_2.htm" rather than "list_2.htm"
    list_date: str = LIST_DATES[0]  # "iso" 2024-11-21 or "bracket" [2024/11/21] next to listing links
    feed: str = FEEDS[0]  # "rss" (/rss.xml) or "atom" (/atom.xml), for discovery "feed"
    head_line: str = HEAD_LINES[0]
    source_label: str = SOURCE_LABELS[0]
    time_label: str = TIME_LABELS[0]  # "" prints the bare time
    colon: str = COLONS[0]
    time_style: str = TIME_STYLES[0]
    breadcrumb: str = BREADCRUMBS[0]
    title_tag: str = TITLE_TAGS[0]
    title_format: str = "{title}_汽车行业关注_老虎车网"
    body: str = BODIES[0]
    image_names: bool = False  # an image's file name follows it as a line of its own
    notes_inside: bool = True  # the last page's disclaimer lines sit inside the body container
    extras: tuple[str, ...] = ()
    teaser_item: str = TEASER_ITEMS[0]
    heading: str = HEADINGS[0]
    related_heading: str = "相关阅读"
    latest_heading: str = "最新内容"
    page_next: str = PAGE_NEXTS[0]  # the next-page link of multi-page articles
    # Container class names (CMS-like, different per family).
    wrap_class: str = "wrap"
    title_class: str = "title"
    info_class: str = "info"
    body_class: str = "content"
    related_class: str = "xgyd"
    latest_class: str = "zxnr"
    pages_class: str = "pagelist"
    statement_class: str = "shengming"
    list_class: str = "newslist"
    pager_class: str = "pager"
    # Pages in GBK that declare gb2312 in a <meta> only, as old Chinese CMSes serve them.
    gbk: bool = False

    def __post_init__(self) -> None:
        for key, values in _CHOICES.items():
            if getattr(self, key) not in values:
                raise ValueError(f"family {self.name}: {key}={getattr(self, key)!r} not in {values}")
        if not set(self.extras) <= set(EXTRAS):
            raise ValueError(f"family {self.name}: unknown extras {self.extras}")
        # Without a breadcrumb the channel must come from the URL.
        if self.breadcrumb == "none" and self.url in ("dated", "a_dated"):
            raise ValueError(f"family {self.name}: a dated URL needs a breadcrumb naming the channel")
        # The dated shape's breadcrumb links /{channel}/, so that listing must exist.
        if self.url == "dated" and self.discovery != "listings":
            raise ValueError(f"family {self.name}: dated URLs need channel listings")
        # A yearless page needs a full date from somewhere a crawler sees: the URL, the
        # listing's dates or the sitemap's lastmod (a feed is not counted on).
        yearless = self.time_style in ("yearless", "article") or self.head_line == "clicks"
        if yearless and self.url == "live" and self.discovery == "feed":
            raise ValueError(f"family {self.name}: yearless times need a full date in discovery")
        if self.head_line == "clicks" and self.time_style != "yearless":
            raise ValueError(f"family {self.name}: the clicks head line prints MM-DD HH:MM")

    def choices(self) -> tuple[object, ...]:
        """Every field but the name: two families must never be the same template."""
        return tuple(getattr(self, f.name) for f in fields(self) if f.name != "name")


DEFAULT_FAMILY = "live"

# A table: one family per entry, kept compact so families can be compared at a glance.
# fmt: off
_FAMILY_LIST = (
    # What SITE.md knows: /{ch}/{id}.htm, 您的位置 breadcrumb, 来自/作者/发布时间 date-only line.
    Family(
        "live", head_line="line", source_label="来自", time_style="date", image_names=True,
        wrap_class="main-wrap", title_class="arc-title", info_class="arc-info", body_class="arc-body",
        related_class="arc-related", latest_class="arc-latest", pages_class="arc-pages",
        statement_class="arc-statement", list_class="arc-list", pager_class="arc-pager",
    ),
    # Today's replica, unchanged: v1/v0 markup, xinwen URLs, list_{n}.html listings.
    Family("legacy", classic=True, url="legacy", listing="list_html", head_line="spans"),
    Family(
        "dated", url="dated", listing="index_htm", pager="下页", pager_rooted=True, list_date="bracket",
        head_line="spans", time_label="时间", colon="：", time_style="full", breadcrumb="legacy",
        title_tag="h2", title_format="{title}-老虎车网", body="div", extras=("share",),
        teaser_item="li_h4", heading="div_hd", related_heading="相关文章", latest_heading="最新文章",
        page_next="下页", wrap_class="w1000", title_class="news_title", info_class="news_info",
        body_class="news_con", related_class="news_xg", latest_class="news_new", pages_class="news_page",
    ),
    Family(
        "trs", discovery="sitemap", head_line="table", time_label="日期", breadcrumb="live",
        title_tag="div", title_format="{title}_老虎车网", body="br", image_names=True, notes_inside=False,
        teaser_item="dl", heading="dt", related_heading="延伸阅读", latest_heading="最新资讯",
        page_next="numbers", wrap_class="TRS_Wrap", title_class="TRS_Title", info_class="TRS_Info",
        body_class="TRS_Editor", related_class="TRS_Rel", latest_class="TRS_New", pages_class="TRS_Pages",
    ),
    Family(
        "rss", discovery="feed", head_line="p", time_label="日期", colon="：", time_style="full",
        breadcrumb="none", title_format="{title} - 老虎车网", extras=("print",), teaser_item="bare",
        heading="span", related_heading="相关新闻", wrap_class="container", title_class="h-title",
        info_class="h-info", body_class="content_txt", related_class="rel_news", latest_class="new_news",
        pages_class="page_nav",
    ),
    Family(
        "clicks", listing="list_cid", pager="numbers", pager_rooted=True, head_line="clicks",
        time_style="yearless", image_names=True, extras=("editor",), related_heading="相关文章",
        latest_heading="最新资讯", page_next=">", wrap_class="dede-main", title_class="dede-title",
        info_class="dede-info", body_class="dede-body", related_class="dede-like",
        latest_class="dede-new", pages_class="dede-pages", list_class="dede-list", pager_class="dede-pg",
    ),
    Family(
        "query", listing="query", pager="»", head_line="line", colon="：", breadcrumb="legacy",
        title_tag="h2", title_format="{title}-老虎车网", teaser_item="li_h4", heading="span",
        related_heading="延伸阅读", page_next="下页", wrap_class="cms-wrap", title_class="cms-h",
        info_class="cms-meta", body_class="cms-text", related_class="cms-rel", latest_class="cms-new",
        pages_class="cms-pg", list_class="cms-list", pager_class="cms-pager",
    ),
    Family(
        "sitemap_yearless", discovery="sitemap", head_line="spans", source_label="来自", time_label="",
        time_style="yearless", breadcrumb="none", body="div", extras=("share", "editor"),
        teaser_item="li_h4", heading="div_hd", related_heading="相关新闻", latest_heading="最新文章",
        page_next="下页", wrap_class="art-wrap", title_class="art-h1", info_class="art-meta",
        body_class="art-text", related_class="art-rel", latest_class="art-new", pages_class="art-pg",
    ),
    Family(
        "atom", discovery="feed", feed="atom", head_line="table", colon="：", time_style="full",
        breadcrumb="legacy", title_tag="h2", body="br", notes_inside=False, teaser_item="dl",
        heading="dt", related_heading="相关文章", latest_heading="最新资讯", page_next=">",
        wrap_class="page-wrap", title_class="page-title", info_class="page-meta", body_class="page-body",
        related_class="page-rel", latest_class="page-new", pages_class="page-pages",
    ),
    Family(
        "dated_gt", url="dated", listing="list_htm", pager=">", pager_rooted=True, list_date="bracket",
        head_line="clicks", time_style="yearless", breadcrumb="live", title_tag="div",
        title_format="{title}_老虎车网", image_names=True, extras=("print", "editor"),
        teaser_item="bare", heading="span", related_heading="延伸阅读", latest_heading="最新内容",
        page_next="numbers", wrap_class="newsbox", title_class="newstitle", info_class="newsinfo",
        body_class="newstext", related_class="newsrel", latest_class="newsnew", pages_class="newspg",
    ),
    Family(
        "index_gt", listing="index_htm", pager=">", head_line="table", source_label="来自",
        time_label="时间", time_style="date", breadcrumb="none", body="div", notes_inside=False,
        extras=("share", "print"), teaser_item="dl", heading="dt", related_heading="相关新闻",
        latest_heading="最新文章", wrap_class="bd", title_class="tit", info_class="tinfo",
        body_class="tcontent", related_class="trel", latest_class="tnew", pages_class="tpages",
    ),
    Family(
        "cid_raquo", listing="list_cid", pager="»", list_date="bracket", head_line="p", time_label="",
        time_style="full", breadcrumb="legacy", title_tag="h2", title_format="{title}-老虎车网",
        body="div", teaser_item="bare", heading="div_hd", related_heading="相关文章", page_next=">",
        wrap_class="zw-wrap", title_class="zw-tit", info_class="zw-info", body_class="zw-content",
        related_class="zw-xg", latest_class="zw-zx", pages_class="zw-page",
    ),
    Family(
        "br_xiaye", listing="list_htm", pager="下页", pager_rooted=True, head_line="line",
        time_label="时间", time_style="article", breadcrumb="live", body="br", extras=("editor",),
        teaser_item="li_title", heading="div_hd", related_heading="延伸阅读", latest_heading="最新资讯",
        page_next="numbers", wrap_class="detail", title_class="detail-t", info_class="detail-i",
        body_class="detail-c", related_class="detail-r", latest_class="detail-n", pages_class="detail-p",
    ),
    # Found only through its sitemap; the channel is only in an unlabelled HTML5 <nav> trail
    # whose listing link is a 404 (there are no listings).
    Family(
        "a_dated_nav", url="a_dated", discovery="sitemap", head_line="spans", source_label="来自",
        time_label="时间", colon="：", time_style="yearless", breadcrumb="nav", title_format="{title} | 老虎车网",
        image_names=True, extras=("share",), teaser_item="li_h4", heading="h3", related_heading="相关新闻",
        latest_heading="最新文章", page_next="numbers", wrap_class="site-main", title_class="entry-title",
        info_class="entry-meta", body_class="entry-content", related_class="entry-related",
        latest_class="entry-latest", pages_class="entry-pages",
    ),
    # An old GBK CMS: listings one folder down (/html/{ch}/), image pager buttons, a bare trail.
    Family(
        "gbk_folder", listing="folder2", pager="img", list_date="bracket", head_line="table",
        time_label="日期", time_style="date", breadcrumb="bare", title_tag="div",
        title_format="{title}--老虎车网", body="br", notes_inside=False, extras=("print",),
        teaser_item="bare", heading="dt", related_heading="相关阅读", latest_heading="最新资讯",
        page_next="下页", gbk=True, wrap_class="tb-main", title_class="tb-title", info_class="tb-info",
        body_class="tb-text", related_class="tb-xg", latest_class="tb-zx", pages_class="tb-pages",
        list_class="tb-list", pager_class="tb-pg",
    ),
)
# fmt: on

FAMILIES: dict[str, Family] = {f.name: f for f in _FAMILY_LIST}


RANDOM_PREFIX = "random-"


def get_family(name: str) -> Family:
    """A listed family, or ``random-N``: a template drawn from every choice with seed N."""
    if name.startswith(RANDOM_PREFIX) and name[len(RANDOM_PREFIX) :].isdigit():
        return random_family(int(name[len(RANDOM_PREFIX) :]))
    try:
        return FAMILIES[name]
    except KeyError:
        raise ValueError(
            f"unknown replica family {name!r}; known: {', '.join(FAMILIES)}, or {RANDOM_PREFIX}N"
        ) from None


# Every value a non-classic family may take, for templates nobody wrote by hand: the checked
# choices (no "legacy" URL: that shape is the classic family's), then free ones.  Draws follow
# this order, so it fixes what each seed gives.
_RANDOM_CHOICES: dict[str, tuple[object, ...]] = {
    **_CHOICES, "url": tuple(u for u in URL_SHAPES if u != "legacy"),
    "image_names": (True, False), "notes_inside": (True, False), "gbk": (True, False),
    "pager_rooted": (True, False), "related_heading": ("相关阅读", "相关文章", "延伸阅读", "相关新闻"),
    "latest_heading": ("最新内容", "最新文章", "最新资讯"),
    "title_format": ("{title}_汽车行业关注_老虎车网", "{title}-老虎车网", "{title}_老虎车网", "{title} | 老虎车网"),
}  # fmt: skip
# The container class names, which random_family makes up from one stem.
_CLASS_FIELDS = tuple(f.name.removesuffix("_class") for f in fields(Family) if f.name.endswith("_class"))


def random_family(seed: int) -> Family:
    """A valid template drawn at random (the same one for the same seed): combinations no
    listed family has, so a reader tuned on the list is checked on markup it never saw."""
    rng = random.Random(seed)
    while True:
        choices = {key: rng.choice(values) for key, values in _RANDOM_CHOICES.items()}
        choices["extras"] = tuple(x for x in EXTRAS if rng.random() < 0.4)
        stem = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3))
        choices |= {f"{name}_class": f"{stem}-{name}" for name in _CLASS_FIELDS}
        try:
            return Family(f"{RANDOM_PREFIX}{seed}", **choices)  # type: ignore[arg-type]
        except ValueError:
            continue  # a combination the site could not serve (see __post_init__)
