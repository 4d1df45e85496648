"""How a crawler finds articles in a non-classic family: home, listings, sitemaps, feeds.

Absolute URLs (sitemaps, feeds, robots.txt) are built from the request's Host, because the
replica runs on a random local port that only the request knows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape as xml_escape

from .chrome import bare_header, esc, footer, head, header, sidebar
from .families import Family
from .model import CHANNEL_SLUGS, CHANNELS, REPLICA_LABEL
from .pages_html import ROBOTS_TXT
from .urls import CHANNEL_IDS, listing_prefix, pager_href

CST = timezone(timedelta(hours=8))
PAGER_WINDOW = 4  # page numbers shown either side of the current one
PREVIOUS = {"下一页": "上一页", "下页": "上页", ">": "<", "»": "«", "img": "上一页"}

# One listed article: (path in the family's shape, title, time).
Entry = tuple[str, str, datetime]


def robots_txt(family: Family, base: str) -> str:
    if family.discovery != "sitemap":
        return ROBOTS_TXT
    return ROBOTS_TXT + f"Sitemap: {base}/sitemap.xml\n"


def _items(family: Family, entries: Sequence[Entry]) -> str:
    css = f"{family.list_class}-d"
    out = []
    for path, title, when in entries:
        link = f'<a href="{path}">{esc(title)}</a>'
        if family.list_date == "bracket":
            out.append(f'<li><span class="{css}">[{when:%Y/%m/%d}]</span>{link}</li>')
        else:
            out.append(f'<li>{link}<span class="{css}">{when:%Y-%m-%d}</span></li>')
    return "".join(out)


def _hot(family: Family, entries: Sequence[Entry]) -> str:
    links = "".join(f'<li><a href="{p}">{esc(t)}</a></li>' for p, t, _ in entries)
    return f'<div class="{family.list_class}-hot"><h3>热门文章</h3><ul>{links}</ul></div>'


def render_home(family: Family, newest: Sequence[Entry], hot: Sequence[Entry]) -> str:
    title = "老虎车网_国内外新车资讯,行业动态、汽车图片、汽车评测"
    if family.discovery != "listings":
        # A bare page: the crawler must use robots.txt's sitemap or the head's feed link.
        extra = ""
        if family.discovery == "feed":
            kind, href = ("atom+xml", "/atom.xml") if family.feed == "atom" else ("rss+xml", "/rss.xml")
            extra = f'<link rel="alternate" type="application/{kind}" title="老虎车网" href="{href}">'
        return head(title, extra=extra, gbk=family.gbk) + bare_header() + footer()
    return "".join(
        [
            head(title, gbk=family.gbk),
            header(listing_prefix(family)),
            f'<div class="{family.wrap_class}"><div class="{family.list_class}-home"><h2>最新资讯</h2>',
            f'<ul class="{family.list_class}">{_items(family, newest)}</ul></div>\n',
            '<div class="links"><a href="/ask/">汽车问答</a> <a href="/plus/search.php?q=SU7">站内搜索</a> '
            '<a href="http://car.qi-che.com/">车型报价</a> <a href="http://www.example.org/">合作伙伴</a></div>\n',
            sidebar(_hot(family, hot)),
            "</div>\n",
            footer(),
        ]
    )


def _pager(family: Family, channel: str, page: int, last_page: int) -> str:
    def link(p: int, text: str) -> str:
        return f'<a href="{pager_href(family, channel, p)}">{esc(text)}</a>'

    def button(p: int, text: str) -> str:
        if family.pager != "img":
            return link(p, text)
        # An image button: the words are only in its alt text.
        icon = "next" if text == "下一页" else "prev"
        return f'<a href="{pager_href(family, channel, p)}"><img src="/images/{icon}.gif" alt="{text}"></a>'

    lo, hi = max(1, page - PAGER_WINDOW), min(last_page, page + PAGER_WINDOW)
    numbers = [
        f'<span class="current">{p}</span>' if p == page else link(p, str(p)) for p in range(lo, hi + 1)
    ]
    if family.pager == "numbers":
        if lo > 1:
            numbers.insert(0, link(1, "1") + "<span>...</span>")
        if hi < last_page:
            numbers.append("<span>...</span>" + link(last_page, str(last_page)))
        parts = numbers
    else:
        parts = [button(page - 1, PREVIOUS[family.pager])] if page > 1 else []
        parts += numbers
        if page < last_page:
            parts.append(button(page + 1, "下一页" if family.pager == "img" else family.pager))
    return f'<div class="{family.pager_class}">{" ".join(parts)}</div>\n'


def render_listing(
    family: Family, channel: str, page: int, last_page: int, entries: Sequence[Entry], hot: Sequence[Entry]
) -> str:
    name = CHANNELS[channel]
    suffix = "" if page == 1 else f"_第{page}页"
    return "".join(
        [
            head(f"{name}{suffix}_老虎车网", gbk=family.gbk),
            header(listing_prefix(family)),
            f'<div class="{family.wrap_class}"><div class="{family.list_class}-box"><h2>{name}</h2>\n',
            f'<ul class="{family.list_class}">{_items(family, entries)}</ul>\n',
            _pager(family, channel, page, last_page),
            "</div>\n",
            sidebar(_hot(family, hot)),
            "</div>\n",
            footer(),
        ]
    )


def sitemap_name(channel: str) -> str:
    """Per-channel child sitemap; every other channel's is gzipped, as big sites do."""
    ext = "xml.gz" if CHANNEL_IDS[channel] % 2 == 0 else "xml"
    return f"/sitemap_{channel}.{ext}"


def sitemap_index(base: str) -> str:
    items = "".join(f"<sitemap><loc>{base}{sitemap_name(ch)}</loc></sitemap>" for ch in CHANNEL_SLUGS)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {REPLICA_LABEL} -->\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>\n'
    )


def sitemap_urlset(base: str, entries: Iterable[Entry]) -> str:
    urls = "\n".join(
        f"<url><loc>{base}{path}</loc><lastmod>{when:%Y-%m-%d}</lastmod></url>" for path, _, when in entries
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {REPLICA_LABEL} -->\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n'
    )


def rss(base: str, entries: Iterable[Entry]) -> str:
    items = "\n".join(
        f"<item><title>{xml_escape(title)}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>{format_datetime(when.replace(tzinfo=CST))}</pubDate></item>"
        for path, title, when in entries
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<!-- {REPLICA_LABEL} -->\n<rss version="2.0"><channel>'
        f"<title>老虎车网</title><link>{base}/</link><description>{REPLICA_LABEL}</description>\n"
        f"{items}\n</channel></rss>\n"
    )


def atom(base: str, entries: Sequence[Entry]) -> str:
    def stamp(when: datetime) -> str:
        return when.replace(tzinfo=CST).isoformat()

    updated = stamp(max(when for _, _, when in entries)) if entries else "2024-11-21T00:00:00+08:00"
    items = "\n".join(
        f'<entry><title>{xml_escape(title)}</title><link href="{base}{path}"/><id>{base}{path}</id>'
        f"<updated>{stamp(when)}</updated></entry>"
        for path, title, when in entries
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<!-- {REPLICA_LABEL} -->\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>老虎车网</title><id>{base}/</id>'
        f'<link href="{base}/"/><updated>{updated}</updated>\n{items}\n</feed>\n'
    )
