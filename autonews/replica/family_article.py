"""Article pages for every non-classic family: one renderer driven by a ``Family``.

The information on the page is always the same (title, time, source, author, paragraphs,
related and latest links); only the markup around it follows the family's choices. Noise is
chosen by article id, as in article_html, so every run sends the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .article_html import body_lines
from .chrome import (
    ORIGINAL_NOTE,
    QR_IMG,
    QR_NOTE,
    STATEMENT_LINES,
    attr,
    bare_header,
    esc,
    footer,
    head,
    header,
    sidebar,
)
from .families import Family
from .model import CHANNELS, SITE_ORIGIN, Article, format_time
from .urls import article_path, listing_prefix, listing_root

IMG_HOST = "http://img.qi-che.com/uploads"
EDITOR_LINE = "责任编辑:王磊"
SHARE_BAR = "分享到:微信 微博"
PRINT_BAR = "【打印】【关闭】"


class Link:
    """A teaser as a page shows it: target path (family shape), title, text, day."""

    __slots__ = ("path", "title", "text", "day")

    def __init__(self, path: str, title: str, text: str, day: datetime | None) -> None:
        self.path, self.title, self.text, self.day = path, title, text, day


def time_text(family: Family, article: Article) -> str:
    """The time as the family prints it (no label)."""
    style = family.time_style
    if style == "article":  # the article's own style, without the label v1 prints in front
        style = {"label": "slash"}.get(article.style, article.style)
    return format_time(style, article.when)


def published_at(family: Family, article: Article) -> str:
    """Ground truth of the time: a bare date only when the page shows nothing more."""
    if family.classic or article.layout == "v0" or family.time_style == "article":
        return article.published_at
    if family.time_style == "date":
        return f"{article.when:%Y-%m-%d}"
    return f"{article.when:%Y-%m-%dT%H:%M:00}+08:00"


def image_name(article_id: int) -> str:
    """A file name like the live site's WeChat / Weibo uploads."""
    if article_id % 2:
        return f"WechatIMG{article_id % 9000 + 1000}.jpeg"
    return f"{(article_id * 2654435761) & 0xFFFFFFFF:08x}gy1hv{article_id:07x}j20go0ls7ae.jpg"


def _blocks(family: Family, article: Article, paragraphs: Sequence[str], gbk: bool) -> list[str]:
    """Inner HTML of each body line; the family's body markup wraps them later."""
    images: list[str] = []
    if family.image_names or article.id % 3 == 1:
        name = image_name(article.id) if family.image_names else f"allimg/{article.id}.jpg"
        images.append(f'<img src="{IMG_HOST}/{name}" alt="">')
        if family.image_names:
            images.append(esc(name))
    return body_lines(article, paragraphs, gbk, str, images)


def _wrap_body(family: Family, blocks: Sequence[str]) -> str:
    if family.body == "br":
        return "<br>\n".join(blocks) + "<br>"
    tag = family.body
    return "\n".join(f"<{tag}>{b}</{tag}>" for b in blocks)


def _head_line(family: Family, article: Article) -> str:
    c = family.colon
    when = time_text(family, article)
    timed = f"{family.time_label}{c}{when}" if family.time_label and family.head_line != "clicks" else when
    parts = [timed]
    if article.source:
        parts.append(f"{family.source_label}{c}{esc(article.source)}")
    if article.author:
        parts.append(f"作者{c}{esc(article.author)}")
    css = family.info_class
    if family.head_line == "spans":
        return f'<div class="{css}">' + "".join(f"<span>{p}</span>" for p in parts) + "</div>\n"
    if family.head_line == "line":  # the live order: source, author, then the time
        return f'<div class="{css}">{" ".join(parts[1:] + parts[:1])}</div>\n'
    if family.head_line == "p":
        return f'<p class="{css}">{"&nbsp;&nbsp;".join(parts)}</p>\n'
    if family.head_line == "table":
        cells = "".join(f"<td>{p}</td>" for p in parts)
        return f'<table class="{css}"><tr>{cells}</tr></table>\n'
    return f'<div class="{css}">{" ".join(parts)} 点击{c}<span id="hits"></span>次</div>\n'


def _breadcrumb(family: Family, article: Article) -> str:
    name = CHANNELS[article.channel]
    if family.breadcrumb == "live":
        return (
            f'<div class="{family.wrap_class}-pos">您的位置: <a href="/">老虎车网</a>>'
            f'<a href="/{article.channel}/">{name}</a>>{esc(article.title)}</div>\n'
        )
    if family.breadcrumb == "legacy":
        return (
            f'<div class="{family.wrap_class}-pos">当前位置:<a href="/">首页</a> &gt; '
            f'<a href="/{article.channel}/">{name}</a> &gt; 正文</div>\n'
        )
    listing = listing_root(family, article.channel)
    if family.breadcrumb == "nav":  # HTML5, no label: only its class and shape say what it is
        return (
            f'<nav class="crumb"><a href="/">首页</a> › <a href="{listing}">{name}</a> › '
            f"<span>{esc(article.title)}</span></nav>\n"
        )
    if family.breadcrumb == "bare":  # no label and no telling class: links and separators
        return f'<div class="{family.wrap_class}-loc"><a href="/">首页</a> &gt; <a href="{listing}">{name}</a></div>\n'
    return ""


def _title(family: Family, article: Article) -> str:
    tag = family.title_tag
    return f'<{tag} class="{family.title_class}">{esc(article.title)}</{tag}>\n'


def _page_links(family: Family, article: Article, page: int) -> str:
    """共N页 block; hrefs are file names, relative to the article's own directory."""
    count = len(article.pages)
    if count == 1:
        return ""

    def href(p: int) -> str:
        return article_path(family, article.channel, article.id, article.when, p).rsplit("/", 1)[1]

    parts = [f"共{count}页"]
    for p in range(1, count + 1):
        parts.append(f'<span class="current">{p}</span>' if p == page else f'<a href="{href(p)}">{p}</a>')
    if page < count and family.page_next != "numbers":
        parts.append(f'<a href="{href(page + 1)}">{esc(family.page_next)}</a>')
    return f'<div class="{family.pages_class}">{" ".join(parts)}</div>\n'


def _heading(family: Family, text: str) -> str:
    if family.heading == "span":
        return f"<span>{text}</span>"
    if family.heading == "div_hd":
        return f'<div class="hd">{text}</div>'
    return f"<h3>{text}</h3>"


def link_block(family: Family, css: str, heading: str, links: Sequence[Link]) -> str:
    item = family.teaser_item
    if item == "dl":
        dds = "".join(f'<dd><a href="{attr(t.path)}">{esc(t.title)}</a></dd>' for t in links)
        return f'<div class="{css}"><dl><dt>{heading}</dt>{dds}</dl></div>\n'
    if item == "bare":
        rows = "".join(
            f'<a href="{attr(t.path)}">{esc(t.title)}</a><em>{t.day:%Y-%m-%d}</em><br>'
            if t.day
            else f'<a href="{attr(t.path)}">{esc(t.title)}</a><br>'
            for t in links
        )
        return f'<div class="{css}">{_heading(family, heading)}<div class="bd">{rows}</div></div>\n'
    if item == "li_h4":
        lis = "".join(
            f'<li><h4><a href="{attr(t.path)}">{esc(t.title)}</a></h4><span>{esc(t.text)}</span></li>'
            for t in links
        )
    else:
        lis = "".join(
            f'<li><a href="{attr(t.path)}" title="{attr(t.title)}">{esc(t.text)}</a></li>' for t in links
        )
    return f'<div class="{css}">{_heading(family, heading)}<ul>{lis}</ul></div>\n'


def _after_body(family: Family) -> str:
    lines = {"share": SHARE_BAR, "print": PRINT_BAR, "editor": EDITOR_LINE}
    return "".join(f'<div class="{family.wrap_class}-{x}">{lines[x]}</div>\n' for x in family.extras)


def render_family(
    family: Family, article: Article, page: int, related: Sequence[Link], latest: Sequence[Link]
) -> str:
    gbk = article.encoding == "gbk" or family.gbk
    path = article_path(family, article.channel, article.id, article.when, page)
    blocks = _blocks(family, article, article.pages[page - 1], gbk)
    notes: list[str] = []
    if page == len(article.pages):
        notes = [ORIGINAL_NOTE, f'{QR_NOTE}<img src="{QR_IMG}">']
    body = _wrap_body(family, blocks + notes if family.notes_inside else blocks)
    after = ""
    if notes and not family.notes_inside:
        after = f'<div class="{family.wrap_class}-note">{_wrap_body(family, notes)}</div>\n'

    statement = "".join(f"<p>{esc(line)}</p>" for line in STATEMENT_LINES)
    return "".join(
        [
            head(
                family.title_format.format(title=article.title),
                gbk=gbk,
                extra=f'<link rel="canonical" href="{SITE_ORIGIN}{path}">',
            ),
            header(listing_prefix(family)) if family.discovery == "listings" else bare_header(),
            f'<div class="{family.wrap_class}">',
            _breadcrumb(family, article),
            _title(family, article),
            _head_line(family, article),
            f'<div class="{family.body_class}">\n{body}\n</div>\n',
            after,
            _after_body(family),
            _page_links(family, article, page),
            f'<div class="{family.statement_class}">声明:{statement}</div>\n',
            link_block(family, family.related_class, family.related_heading, related),
            link_block(family, family.latest_class, family.latest_heading, latest),
            "</div>\n",
            sidebar(),
            footer(),
        ]
    )
