"""车讯速递's pages: HTML5 markup unlike every qi-che.com family, and its own furniture.

The furniture (a reprint notice, a QR caption, a share bar, a disclaimer) is printed inside
the article on every page, so a reader can tell it from the text only by its repetition.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .second_site import Story

SITE_NAME = "车讯速递"
NOTICE = "本文由车讯速递整理发布,转载请注明出处及原文链接。"
QR_CAPTION = "扫描二维码关注车讯速递公众号,第一时间获取汽车资讯。"
SHARE = "分享到: 微信 | 微博 | QQ空间"
DISCLAIMER = "免责声明:本站部分内容来自网络,仅供读者参考,不构成任何投资或购车建议。"
FURNITURE = (NOTICE, QR_CAPTION, SHARE, DISCLAIMER)
NAV = (("xinche", "新车"), ("hangye", "行业"), ("shichang", "市场"))


def _shell(title: str, main: str, side: str) -> str:
    nav = "".join(f'<li><a href="/{slug}/">{name}</a></li>' for slug, name in NAV)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)} - {SITE_NAME}</title></head>\n<body>\n"
        f'<nav class="top"><a href="/" class="logo">{SITE_NAME}</a><ul>{nav}</ul></nav>\n'
        f'<main class="wrap">\n{main}\n<div class="side">{side}</div>\n</main>\n'
        f"<footer><p>© 2024 {SITE_NAME} 离线副本 / offline test site</p></footer>\n</body></html>\n"
    )


def _side_block(heading: str, stories: Sequence[Story]) -> str:
    items = "".join(f'<li><a href="{s.path}">{escape(s.title)}</a></li>' for s in stories)
    return f"<h3>{heading}</h3><ul>{items}</ul>"


def _cn_time(when: datetime) -> str:
    return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}"


def article(story: Story, related: Sequence[Story], latest: Sequence[Story]) -> str:
    byline = f" <span>作者:{escape(story.author)}</span>" if story.author else ""
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in story.shown)
    related_items = "".join(f'<li><a href="{s.path}">{escape(s.title)}</a></li>' for s in related)
    main = (
        f'<div class="crumb">当前位置: <a href="/">首页</a> &gt; '
        f'<a href="/{story.channel}/">{dict(NAV)[story.channel]}</a> &gt; 正文</div>\n'
        f"<article>\n<header><h1>{escape(story.title)}</h1>\n"
        f'<p class="meta"><time datetime="{story.published_at}">{_cn_time(story.when)}</time> '
        f"<span>来源:{escape(story.source)}</span>{byline}</p></header>\n"
        f'<div class="content">\n{paragraphs}\n'
        f'<p class="notice">{NOTICE}</p>\n'
        f'<figure><img src="/img/qrcode.png" alt=""><figcaption>{QR_CAPTION}</figcaption></figure>\n'
        f"</div>\n"
        f'<div class="sharebar">{SHARE}</div>\n'
        f'<p class="statement">{DISCLAIMER}</p>\n'
        f'<section class="xgxw"><h2>相关新闻</h2><ul>{related_items}</ul></section>\n'
        f"</article>"
    )
    return _shell(story.title, main, _side_block("最新文章", latest))


def home(newest: Sequence[Story], latest: Sequence[Story]) -> str:
    items = "\n".join(
        f'<li><a href="{s.path}">{escape(s.title)}</a> <span>{s.when:%m-%d}</span></li>' for s in newest
    )
    main = f'<section class="headlines"><h2>要闻</h2><ul>\n{items}\n</ul></section>'
    return _shell(f"{SITE_NAME} - 汽车资讯", main, _side_block("最新文章", latest))


def listing(
    slug: str, name: str, page: int, last: int, stories: Sequence[Story], latest: Sequence[Story]
) -> str:
    items = "\n".join(
        f'<li><a href="{s.path}">{escape(s.title)}</a> <span>{s.when:%Y-%m-%d}</span></li>' for s in stories
    )
    numbers = []
    for n in range(1, last + 1):
        href = f"/{slug}/" if n == 1 else f"/{slug}/p{n}.html"
        numbers.append(f"<b>{n}</b>" if n == page else f'<a href="{href}">{n}</a>')
    main = (
        f'<section class="list"><h2>{name}</h2><ul>\n{items}\n</ul>'
        f'<div class="pages">{" ".join(numbers)}</div></section>'
    )
    return _shell(f"{name} 第{page}页", main, _side_block("最新文章", latest))


def not_found(path: str) -> str:
    return _shell("页面不存在", f"<h1>404</h1><p>页面不存在: {escape(path)}</p>", "")


def sitemap(base: str, entries: Sequence[tuple[str, datetime]]) -> str:
    urls = "".join(
        f"<url><loc>{base}{path}</loc><lastmod>{when:%Y-%m-%dT%H:%M:00}+08:00</lastmod></url>"
        for path, when in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
    )
