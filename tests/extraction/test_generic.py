"""Generic extractor on small hand-made pages (one behaviour per test)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from autonews.extract.generic import extract_generic_html
from autonews.extract.head import extract_title

NOW = datetime(2024, 11, 25, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

PARA1 = "9 月小米 SU7 交付量超 10000 台，创下新势力品牌单月交付纪录，市场反响热烈。"
PARA2 = "业内人士认为，随着产能爬坡，第四季度的交付量有望继续增长，价格战也将更加激烈。"
PARA3 = "比亚迪同期销量同样走高，新能源汽车渗透率已经超过百分之五十，成为市场主流。"
NAV = "".join(f'<li><a href="/c{i}">频道{i}</a></li>' for i in range(12))


def page(body: str, head: str = "<title>小米SU7交付破万_汽车行业关注_老虎车网</title>") -> str:
    return f"<html><head>{head}</head><body><ul class='menu'>{NAV}</ul>{body}<div>{NAV}</div></body></html>"


def run(html: str, url: str | None = None):
    return extract_generic_html(html, url, now=NOW)


def test_body_in_div_paragraphs_and_nav_dropped() -> None:
    res = run(
        page(f"<div class='article'><h1>小米SU7交付破万</h1><p>{PARA1}</p><p>{PARA2}</p><p>{PARA3}</p></div>")
    )
    assert res.paragraphs == [PARA1, PARA2, PARA3]
    assert res.title == "小米SU7交付破万"


def test_ascii_spacing_kept_and_layout_spaces_stripped() -> None:
    res = run(page(f"<div><p>\u3000\u3000{PARA1}\u200b</p><p>&nbsp;{PARA2}</p><p>{PARA3}</p></div>"))
    assert res.paragraphs[0] == PARA1
    assert "9 月小米 SU7 交付量超 10000 台" in res.paragraphs[0]


def test_body_in_table_cell_with_br_separated_lines() -> None:
    cell = f"{PARA1}<br><br>{PARA2}<br>{PARA3}"
    res = run(page(f"<table><tr><td width='20%'>{NAV}</td><td>{cell}</td></tr></table>"))
    assert res.paragraphs == [PARA1, PARA2, PARA3]


def test_h1_preferred_over_h2_when_title_starts_with_it() -> None:
    html = page(f"<h1>老虎车网</h1><h2>小米SU7交付破万</h2><p>{PARA1}</p><p>{PARA2}</p>")
    assert run(html).title == "小米SU7交付破万"
    html = page(f"<h2>热门车型</h2><h1>小米SU7交付破万</h1><p>{PARA1}</p><p>{PARA2}</p>")
    assert run(html).title == "小米SU7交付破万"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("小米SU7交付破万_汽车行业关注_老虎车网", "小米SU7交付破万"),
        ("理想L6降价两万元 - 新浪汽车", "理想L6降价两万元"),
        ("问界M9上市首月订单过万_网易新闻", "问界M9上市首月订单过万"),
        ("千龙网--汽车--广汽回应合资传闻 全面合作即将展开", "广汽回应合资传闻 全面合作即将展开"),
        ("凝聚强大力量——热烈祝贺车展开幕", "凝聚强大力量——热烈祝贺车展开幕"),
    ],
)
def test_title_site_suffix_stripped(title: str, expected: str) -> None:
    import lxml.html

    root = lxml.html.document_fromstring(
        f"<html><head><title>{title}</title></head><body><p>x</p></body></html>"
    )
    assert extract_title(root) == expected


def test_date_in_span_with_label() -> None:
    body = f"<h1>小米SU7交付破万</h1><div class='info'><span>发布时间：2024-10-22 10:30</span></div><p>{PARA1}</p><p>{PARA2}</p>"
    assert run(page(body)).published_at == "2024-10-22T10:30:00+08:00"


def test_date_in_span_without_label() -> None:
    body = f"<h1>小米SU7交付破万</h1><div><span>2024年10月22日 10:30</span> <span>来源：新浪汽车</span></div><p>{PARA1}</p><p>{PARA2}</p>"
    res = run(page(body))
    assert res.published_at is not None and res.published_at.startswith("2024-10-22")


def test_meta_and_jsonld_dates_win_over_text() -> None:
    head = '<title>t</title><meta property="article:published_time" content="2024-10-21T08:00:00+08:00">'
    body = f"<h1>小米SU7交付破万</h1><span>2024-10-23</span><p>{PARA1}</p><p>{PARA2}</p>"
    assert run(page(body, head)).published_at == "2024-10-21T08:00:00+08:00"
    head = '<title>t</title><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-10-20T09:00:00+08:00"}</script>'
    assert run(page(body, head)).published_at == "2024-10-20T09:00:00+08:00"


def test_time_element_and_url_date() -> None:
    body = f'<h1>标题标题</h1><time datetime="2024-09-01T07:00:00+08:00">9月1日</time><p>{PARA1}</p><p>{PARA2}</p>'
    assert run(page(body)).published_at == "2024-09-01T07:00:00+08:00"
    res = run(page(f"<p>{PARA1}</p><p>{PARA2}</p>"), "https://auto.example.cn/2024-08-30/doc-123.shtml")
    assert res.published_at == "2024-08-30"


def test_no_date_without_evidence_and_never_future() -> None:
    assert run(page(f"<p>{PARA1}</p><p>{PARA2}</p>")).published_at is None
    body = f"<h1>小米SU7交付破万</h1><span>发布时间：2025-03-01 10:00</span><p>{PARA1}</p><p>{PARA2}</p>"
    assert run(page(body)).published_at is None


def test_source_author_editor_are_separate() -> None:
    body = (
        "<h1>小米SU7交付破万</h1><div>2024-10-22 10:30 来源：新浪汽车 作者：张三</div>"
        f"<p>{PARA1}</p><p>{PARA2}</p><p>{PARA3}</p><p>责任编辑：李四</p>"
    )
    res = run(page(body))
    assert (res.source, res.author, res.editor) == ("新浪汽车", "张三", "李四")
    assert all("责任编辑" not in p for p in res.paragraphs)


def test_source_is_never_the_author() -> None:
    body = f"<h1>小米SU7交付破万</h1><div>来源：汽车之家</div><p>{PARA1}</p><p>{PARA2}</p>"
    res = run(page(body))
    assert res.source == "汽车之家" and res.author is None


def test_reporter_byline() -> None:
    body = f"<h1>小米SU7交付破万</h1><p>{PARA1}</p><p>{PARA2}记者从上海车展获悉。</p><p>（本报记者 王五）</p>"
    assert run(page(body)).author == "王五"


def test_boilerplate_lines_removed_and_related_list_cut() -> None:
    body = (
        f"<div><p>{PARA1}</p><p>{PARA2}</p><p>{PARA3}</p>"
        "<p>分享到：微信 微博</p><p>扫码关注我们</p><p>版权所有 © 2024 老虎车网</p>"
        "<p>相关阅读</p><p>理想L6降价，业内人士认为价格战将持续。</p>"
        "<p>上一篇：问界M9上市</p></div>"
    )
    res = run(page(body))
    assert res.paragraphs == [PARA1, PARA2, PARA3]


def test_sentences_mentioning_brands_or_copyright_words_kept() -> None:
    brand = "宝马、奔驰和奥迪三家德系品牌在华销量下滑，经销商声明将调整库存策略，分享到店客流数据。"
    res = run(page(f"<div><p>{PARA1}</p><p>{brand}</p><p>{PARA2}</p></div>"))
    assert brand in res.paragraphs


def test_blog_page_keeps_first_post_only() -> None:
    posts = ""
    for day, text in (("21", PARA1 + PARA2), ("18", PARA3 + PARA3)):
        posts += f"<div><b>第{day}篇</b></div><div>2005-03-{day} 01:20:44</div><div>{text}</div>"
    res = run(page(f"<div class='posts'>{posts}</div>"))
    assert "".join(res.paragraphs).endswith(PARA2)
    assert res.published_at == "2005-03-21T01:20:44+08:00"


def test_empty_and_broken_pages() -> None:
    assert run("").paragraphs == []
    assert run("<html><body></body></html>").title is None
