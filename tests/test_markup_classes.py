"""Markup classes a held-out check found unread: each with a page written here."""

from __future__ import annotations

import pytest

from autonews.clean import COMMON_RULES, clean_lines
from autonews.extract.dom import parse_html
from autonews.extract.links import link_blocks
from autonews.extract.pagination import next_page

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
