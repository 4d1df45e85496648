"""Markup classes a held-out check found unread: each with a page written here."""

from __future__ import annotations

import pytest

from autonews.extract.breadcrumb import breadcrumb_channel
from autonews.extract.dom import parse_html
from autonews.extract.links import link_blocks
from autonews.extract.pagination import next_page
from autonews.text.clean import COMMON_RULES, clean_lines

BASE = "http://news.example.com/list/"


def test_an_image_name_in_capitals_is_not_prose() -> None:
    assert clean_lines(["IMG_20241121_0932.JPG", "车展现场人气很旺。"], COMMON_RULES) == [
        "车展现场人气很旺。"
    ]


HEADED_BLOCKS = {
    "an HTML5 header": (
        "latest",
        "<aside><section class='latest'><header>最新内容</header><ul>"
        "<li><a href='/a/1.html'>第一条</a> <time>11-21</time></li>"
        "<li><a href='/a/2.html'>第二条</a> <time>11-20</time></li></ul></section></aside>",
        ["1.html", "2.html"],
    ),
    "a table cell": (
        "related",
        "<table class='xgyd'><tr><td class='bt'>相关阅读</td></tr>"
        "<tr><td>· <a href='/a/3.html'>第三条</a> (2024-11-20)</td></tr>"
        "<tr><td>· <a href='/a/4.html'>第四条</a> (2024-11-19)</td></tr></table>",
        ["3.html", "4.html"],
    ),
}


@pytest.mark.parametrize("where", sorted(HEADED_BLOCKS))
def test_a_block_heading_in(where: str) -> None:
    kind, html, expected = HEADED_BLOCKS[where]
    links, _ = link_blocks(parse_html(html), BASE)[kind]
    assert [link.url.rsplit("/", 1)[1] for link in links] == expected


def test_an_image_button_to_the_next_page() -> None:
    root = parse_html("<div class='pages'><a href='list_12_2.html'><img src='/n.gif' alt='下一页'></a></div>")
    assert next_page(root, BASE + "list_12.html", lambda url: True) == BASE + "list_12_2.html"


PAGE = "http://news.example.com/a/2024/11/21/8801.shtml"
TRAILS = {
    "a label": "<div class='pos'>当前位置: <a href='/'>首页</a> &gt; <a href='/xinche/'>新车</a> &gt; 正文</div>",
    "an unlabelled HTML5 nav": (
        "<nav class='crumb'><a href='/'>首页</a> › <a href='/xinche/'>新车</a> › <span>标题</span></nav>"
    ),
    "links and arrows only": "<div class='loc'><a href='/'>首页</a> &gt; <a href='/html/xinche/'>新车</a></div>",
    "a list styled by CSS": (
        "<ol class='breadcrumb'><li><a href='/'>Home</a></li><li><a href='/news/xinche/'>新车</a></li></ol>"
    ),
    "an index page link": "<p><a href='/index.html'>首页</a> » <a href='/xinche/index.html'>新车</a> » 标题</p>",
}


@pytest.mark.parametrize("trail", sorted(TRAILS))
def test_the_channel_from_a_breadcrumb_written_as(trail: str) -> None:
    menu = (
        "<div class='menu'><a href='/'>首页</a><a href='/hangye/'>行业</a><a href='/pingce/'>评测</a></div>"
    )
    root = parse_html(f"<html><body>{menu}{TRAILS[trail]}<h1>标题</h1></body></html>")
    assert breadcrumb_channel(root, PAGE) == "xinche"


def test_a_menu_is_not_a_breadcrumb() -> None:
    menus = (
        "<div class='nav'><a href='/'>首页</a><a href='/xinche/'>新车</a><a href='/hangye/'>行业</a></div>",
        "<div class='nav'><a href='/'>首页</a> | <a href='/xinche/'>新车</a> | <a href='/hangye/'>行业</a></div>",
        "<div class='logo'><a href='/'>车讯</a></div>",
    )
    for menu in menus:
        assert breadcrumb_channel(parse_html(f"<html><body>{menu}<h1>标题</h1></body></html>"), PAGE) is None
