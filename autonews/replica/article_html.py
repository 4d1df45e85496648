"""Article pages: the current layout "v1" and the 2016 table layout "v0".

Both take clean paragraphs and add the noise a real CMS page carries (U+3000 indents,
&nbsp; paragraphs, zero-width spaces, images, bold subheadings), chosen by article id
so every run produces the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .chrome import ORIGINAL_NOTE, QR_IMG, QR_NOTE, attr, esc, footer, head, header, nav, sidebar, statement
from .model import CHANNELS, SITE_ORIGIN, Article, Teaser

INDENT = "\u3000\u3000"
SUBHEADING_MAX = 20  # short paragraphs without closing punctuation print as <strong> subheadings


def body_lines(
    article: Article, paragraphs: Sequence[str], gbk: bool, wrap: Callable[[str], str], images: Sequence[str]
) -> list[str]:
    """One page's body lines with the noise a CMS adds (indents, &nbsp;, zero-width spaces:
    whitespace a reader must strip, never text), each passed through ``wrap``; after the
    first paragraph, by article id, an empty line, then ``images`` as they are."""
    zwsp = "&#8203;" if gbk else "\u200b"  # U+200B is not in GBK: send it as an entity there
    out: list[str] = []
    last = len(paragraphs) - 1
    for i, text in enumerate(paragraphs):
        inner = esc(text)
        if len(text) <= SUBHEADING_MAX and text[-1] not in "。!?”":
            inner = f"<strong>{inner}</strong>"
        if (article.id + i) % 4 != 0:
            inner = INDENT + inner
        if i == 1 and article.id % 7 in (0, 3):
            inner = zwsp + inner
        if i == last and article.id % 5 in (2, 3):
            inner += "&nbsp;"
        out.append(wrap(inner))
        if i == 0:
            if article.id % 4 in (0, 1):
                out.append(wrap("&nbsp;"))
            out.extend(images)
    return out


def _paragraphs_html(article: Article, paragraphs: Sequence[str], gbk: bool) -> list[str]:
    """<p> elements for one page, a centred image after the first for some ids."""
    images = []
    if article.id % 3 == 1:
        images.append(
            f'<p style="text-align:center"><img src="http://img.qi-che.com/uploads/allimg/'
            f'{article.id}.jpg" alt="{attr(article.title)}"></p>'
        )
    return body_lines(article, paragraphs, gbk, lambda inner: f"<p>{inner}</p>", images)


def _page_links(article: Article, page: int) -> str:
    """共N页 block: relative hrefs to the other pages, 下一页 except on the last page."""
    count = len(article.pages)
    if count == 1:
        return ""
    parts = [f"共{count}页"]
    for p in range(1, count + 1):
        href = article.page_path(p).rsplit("/", 1)[1]
        parts.append(f'<span class="current">{p}</span>' if p == page else f'<a href="{href}">{p}</a>')
    if page < count:
        parts.append(f'<a href="{article.page_path(page + 1).rsplit("/", 1)[1]}">下一页</a>')
    return f'<div class="article-pages">{" ".join(parts)}</div>\n'


def _teaser_list(css: str, heading: str, teasers: Sequence[Teaser]) -> str:
    items = "".join(
        f'<li><a href="{attr(t.path)}" title="{attr(t.title)}">{esc(t.text)}</a></li>' for t in teasers
    )
    return f'<div class="{css}"><h3>{heading}</h3><ul>{items}</ul></div>\n'


def render_v1(article: Article, page: int, related: Sequence[Teaser], latest: Sequence[Teaser]) -> str:
    """The current layout. Disclaimers sit inside article-content on the last page only;
    statement, 相关阅读 and 最新内容 are on every page (they are part of the page template)."""
    gbk = article.encoding == "gbk"
    path = article.page_path(page)
    description = "".join(article.paragraphs)[:80]
    extra = (
        f'<link rel="canonical" href="{SITE_ORIGIN}{path}">'
        f'<meta name="description" content="{attr(description)}">'
    )
    info = [f'<span class="time">{esc(article.time_text)}</span>']
    if article.source:
        info.append(f'<span class="source">来源:{esc(article.source)}</span>')
    if article.author:
        info.append(f'<span class="author">作者:{esc(article.author)}</span>')
    paragraphs = _paragraphs_html(article, article.pages[page - 1], gbk)
    if page == len(article.pages):
        paragraphs.append(f"<p>{ORIGINAL_NOTE}</p>")
        paragraphs.append(f'<p>{QR_NOTE}<img src="{QR_IMG}"></p>')
    channel_name = CHANNELS[article.channel]
    return "".join(
        [
            head(f"{article.title}_汽车行业关注_老虎车网", gbk=gbk, extra=extra),
            header(),
            '<div class="main">',
            f'<div class="position">当前位置:<a href="/">首页</a> &gt; '
            f'<a href="/{article.channel}/">{channel_name}</a> &gt; 正文</div>\n',
            '<div class="article">\n',
            f'<h1 class="article-title">{esc(article.title)}</h1>\n',
            f'<div class="article-info">{"".join(info)}</div>\n',
            '<div class="article-content">\n',
            "\n".join(paragraphs),
            "\n</div>\n",
            _page_links(article, page),
            statement(),
            _teaser_list("related", "相关阅读", related),
            _teaser_list("latest", "最新内容", latest),
            "</div>\n",
            sidebar(),
            "</div>\n",
            footer(),
        ]
    )


def render_v0(article: Article, related: Sequence[Teaser]) -> str:
    """The 2016 archive layout: tables, <h2> title, one <td> with time and source, body in
    <td class="nr"> as <br>-separated text (even ids) or <p>s (odd ids). Single page only."""
    gbk = article.encoding == "gbk"
    paragraphs = [esc(p) for p in article.paragraphs] + [ORIGINAL_NOTE, f'{QR_NOTE}<img src="{QR_IMG}">']
    if article.id % 2 == 0:
        body = "<br>\n".join(INDENT + p for p in paragraphs)
    else:
        body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    info = f"发布时间:{article.when:%Y-%m-%d %H:%M}"
    if article.source:
        info += f" 来源:{esc(article.source)}"
    links = "".join(f'<a href="{attr(t.path)}">{esc(t.title)}</a><br>' for t in related)
    return "".join(
        [
            head(f"{article.title}_汽车中国网", gbk=gbk),
            f'<table width="960" align="center"><tr><td class="top">{nav()}</td></tr></table>\n',
            '<table width="960" align="center"><tr><td width="680" valign="top">\n<table width="100%">\n',
            f'<tr><td align="center"><h2>{esc(article.title)}</h2></td></tr>\n',
            f'<tr><td align="center" class="info">{info}</td></tr>\n',
            f'<tr><td class="nr">\n{body}\n</td></tr>\n',
            f"<tr><td>{statement()}</td></tr>\n",
            f'<tr><td class="xg"><b>相关阅读</b><br>{links}</td></tr>\n',
            '</table>\n</td><td width="260" valign="top">',
            sidebar(),
            "</td></tr></table>\n",
            footer(),
        ]
    )
