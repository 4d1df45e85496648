"""Pages a site with no profile links that are not articles read as not articles."""

from __future__ import annotations

from datetime import datetime

import pytest

from autonews.dates.limits import SITE_TZ
from autonews.extract.page import read_page
from autonews.sites.anysite import profile_for

SITE = profile_for("http://news.example.com")
NOW = datetime(2024, 11, 25, 12, 0, tzinfo=SITE_TZ)
PROSE = "本公司成立于二〇〇八年,是一家专注汽车资讯的媒体机构,致力于为读者提供及时、准确、深入的行业报道。"

PAGES = {
    "about": f"<html><head><title>关于我们</title></head><body><h1>关于我们</h1><p>{PROSE}</p>"
    f"<p>{PROSE}</p><p>联系电话:010-12345678</p></body></html>",
    "contact": "<html><head><title>联系我们</title></head><body><h1>联系我们</h1>"
    "<p>地址:北京市朝阳区某某路1号</p><p>邮箱:news@example.com</p></body></html>",
    "gallery": "<html><head><title>新车实拍图集</title></head><body><h1>新车实拍图集</h1>"
    "<div class='info'>2024-11-21 10:00</div>"
    + "".join(f"<img src='/p/{n}.jpg' alt='图{n}'>" for n in range(12))
    + "</body></html>",
    "tag": "<html><head><title>标签:新能源</title></head><body><h1>新能源</h1><ul>"
    + "".join(
        f"<li><a href='/hangye/{n}.htm'>第{n}条新能源新闻标题在这里</a> 2024-11-{n:02d}</li>"
        for n in range(1, 25)
    )
    + "</ul></body></html>",
    # Results with a date and a summary each: many short teasers, no article.
    "search": "<html><head><title>搜索:小米SU7</title></head><body><h1>搜索结果:小米SU7</h1>"
    "<p>找到相关结果约 24 条</p>"
    + "".join(
        f"<div class='r'><a href='/hangye/{n}.htm'>小米SU7第{n}条相关新闻的标题</a>"
        f"<p>小米SU7在第{n}周的交付量继续增长,多家门店表示订单排期已到明年。</p><span>2024-11-{n:02d}</span></div>"
        for n in range(1, 21)
    )
    + "</body></html>",
    # A player, a date and a one-line caption: a video page, no text to store.
    "video": "<html><head><title>试驾视频:全新小米SU7</title></head><body><h1>试驾视频:全新小米SU7</h1>"
    "<div class='info'>2024-11-21 10:00 来源:车讯</div><video src='/v/1.mp4' controls></video>"
    "<p>本期视频带你试驾全新小米SU7。</p></body></html>",
}


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_page_does_not_read_as_an_article(kind: str) -> None:
    fields = read_page(PAGES[kind].encode(), f"http://news.example.com/{kind}.html", now=NOW, site=SITE)
    assert not fields.is_article(), (fields.title, fields.published_at, fields.paragraphs)
