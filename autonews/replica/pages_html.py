"""Non-article pages: home, channel listings, robots.txt, disallowed areas, 404."""

from __future__ import annotations

from collections.abc import Sequence

from .chrome import attr, esc, footer, head, header, sidebar
from .model import CHANNELS, REPLICA_LABEL, Article

ROBOTS_TXT = f"# {REPLICA_LABEL}\nUser-agent: *\nDisallow: /ask/\nDisallow: /plus/\n"


def _link_items(articles: Sequence[Article], with_date: bool) -> str:
    items = []
    for a in articles:
        date = f'<span class="date">{a.when:%Y-%m-%d}</span>' if with_date else ""
        items.append(f'<li><a href="{a.path}">{esc(a.title)}</a>{date}</li>')
    return "".join(items)


def _hot_links(articles: Sequence[Article]) -> str:
    return f'<div class="hot"><h3>热门文章</h3><ul>{_link_items(articles, False)}</ul></div>'


def render_home(latest: Sequence[Article], hot: Sequence[Article]) -> str:
    """Channel navigation, the newest articles, and links the crawler must not follow
    (robots-disallowed /ask/ and /plus/, other hosts)."""
    return "".join(
        [
            head("老虎车网_国内外新车资讯,行业动态、汽车图片、汽车评测"),
            header(),
            '<div class="main"><div class="home-latest"><h2>最新资讯</h2>',
            f'<ul class="news-list">{_link_items(latest, True)}</ul></div>\n',
            '<div class="home-links"><a href="/ask/">汽车问答</a> <a href="/plus/search.php?q=SU7">站内搜索</a> '
            '<a href="http://car.qi-che.com/">车型报价</a> <a href="http://www.example.org/">合作伙伴</a></div>\n',
            sidebar(_hot_links(hot)),
            "</div>\n",
            footer(),
        ]
    )


def render_listing(
    channel: str, page: int, last_page: int, articles: Sequence[Article], hot: Sequence[Article]
) -> str:
    """One listing page: 20 articles newest first, relative 上一页/下一页 links."""
    name = CHANNELS[channel]
    links = []
    if page > 1:
        links.append(f'<a href="{"./" if page == 2 else f"list_{page - 1}.html"}">上一页</a>')
    if page < last_page:
        links.append(f'<a href="list_{page + 1}.html">下一页</a>')
    suffix = "" if page == 1 else f"_第{page}页"
    return "".join(
        [
            head(f"{name}{suffix}_老虎车网"),
            header(),
            f'<div class="main"><div class="list-box"><h2>{name}</h2>\n',
            f'<ul class="news-list">{_link_items(articles, True)}</ul>\n',
            f'<div class="pages">{" ".join(links)}</div>\n</div>\n',
            sidebar(_hot_links(hot)),
            "</div>\n",
            footer(),
        ]
    )


def render_misc(path: str) -> str:
    """What /ask/ and /plus/ answer: a real 200 page, so obeying robots.txt is observable."""
    return "".join(
        [head("汽车问答_老虎车网"), header(), f'<div class="main"><p>{esc(path)}</p></div>\n', footer()]
    )


def render_404(path: str) -> str:
    return (
        f'<!DOCTYPE html>\n<!-- {REPLICA_LABEL} -->\n<html><head><meta charset="utf-8">'
        f"<title>404 页面不存在_老虎车网</title></head><body><h1>404</h1>"
        f'<p>您访问的页面不存在:{esc(path)}</p><p><a href="/">返回首页</a></p>'
        f"<p>{REPLICA_LABEL}</p></body></html>\n"
    )


def render_redirect(location: str) -> str:
    return f'<html><body><a href="{attr(location)}">{esc(location)}</a></body></html>\n'
