"""Link blocks that are neither 相关阅读 nor 最新内容 are kept as ``other``, with their heading."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from autonews.dates.limits import SITE_TZ
from autonews.extract.page import read_page
from autonews.extract.stitch import start_item
from autonews.sites.anysite import profile_for
from autonews.store import Store

SITE = profile_for("http://news.example.com")
BODY = "".join(
    f"<p>第{n}段:新能源汽车市场持续增长,多家车企公布了最新的销量数据,行业竞争日趋激烈。</p>" for n in range(4)
)
PAGE = f"""<html><head><title>某车企公布十月销量</title></head><body>
<h1>某车企公布十月销量</h1><div class="info">2024-11-21 10:30 来源:车讯</div>
<div class="content">{BODY}</div>
<div class="box"><h3>相关新闻</h3><ul><li><a href="/a/1.html">相关的第一条新闻标题</a></li></ul></div>
<div class="box"><h3>猜你喜欢</h3><ul><li><a href="/a/2.html">猜你喜欢的第一条</a></li>
<li><a href="/a/3.html">猜你喜欢的第二条</a></li></ul></div>
<div class="box"><h3>热门推荐</h3><ul><li><a href="/a/3.html">热门的第一条</a></li></ul></div>
</body></html>"""
URL = "http://news.example.com/a/9.html"


def _fields():
    return read_page(PAGE.encode(), URL, now=datetime(2024, 11, 25, tzinfo=SITE_TZ), site=SITE)


def test_other_blocks_keep_their_heading_and_leave_the_body() -> None:
    fields = _fields()
    assert [link.url.rsplit("/", 1)[1] for link in fields.related] == ["1.html"]
    assert [(link.url.rsplit("/", 1)[1], link.heading) for link in fields.other] == [
        ("2.html", "猜你喜欢"), ("3.html", "猜你喜欢"), ("3.html", "热门推荐")
    ]  # fmt: skip
    assert not any("猜你喜欢" in p or "热门" in p for p in fields.paragraphs)


def test_other_links_are_stored_with_kind_and_heading(tmp_path) -> None:
    db = tmp_path / "a.db"
    store = Store.open(f"sqlite:///{db}")
    item = start_item(_fields(), URL, SITE, fetched_at=None)
    item.body = "\n".join(item.paragraphs)
    store.save_batch([item])
    store.save_batch([item])  # unchanged: the same rows, none added
    store.close()
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select to_url, kind, heading, position from links order by kind, position"
        ).fetchall()
    assert [(u.rsplit("/", 1)[1], k, h, p) for u, k, h, p in rows] == [
        ("2.html", "other", "猜你喜欢", 1), ("3.html", "other", "猜你喜欢", 2), ("1.html", "related", None, 1)
    ]  # fmt: skip
