"""Finding articles by meaning: sitemaps, feeds, listing dates, pagination, URL shapes."""

from __future__ import annotations

import gzip
from datetime import date, datetime

import pytest

from autonews.crawling.shapes import CONFIRM, UrlShapes, looks_like_channel, looks_like_headline
from autonews.crawling.sitemaps import read_feed, read_sitemap, robots_sitemaps, sitemap_body
from autonews.dates.limits import SITE_TZ
from autonews.dates.text import with_year_near
from autonews.extract.dom import parse_html
from autonews.extract.navigation import read_links
from autonews.extract.pagination import document_of, next_page, page_number

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://h/sitemap-hangye.xml.gz</loc></sitemap></sitemapindex>"""
URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://h/hangye/17206.htm</loc><lastmod>2024-10-22</lastmod></url>
<url><loc>http://h/hangye/17370.htm</loc><lastmod>2024-11-21T10:00:00+08:00</lastmod></url>
<url><loc>http://h/hangye/17371.htm</loc></url></urlset>"""


def test_sitemap_index_and_gzipped_urlset() -> None:
    index = read_sitemap(INDEX)
    assert index is not None and index.is_index
    assert [e.url for e in index.entries] == ["http://h/sitemap-hangye.xml.gz"]
    urlset = read_sitemap(sitemap_body(gzip.compress(URLSET), max_size=1 << 20))
    assert urlset is not None and not urlset.is_index
    assert [(e.url, e.day) for e in urlset.entries] == [
        ("http://h/hangye/17206.htm", date(2024, 10, 22)),
        ("http://h/hangye/17370.htm", date(2024, 11, 21)),
        ("http://h/hangye/17371.htm", None),
    ]


def test_not_a_sitemap() -> None:
    assert read_sitemap(b"<html><body>404</body></html>") is None
    assert read_sitemap(b"\x00\x01junk") is None


def test_robots_sitemap_lines() -> None:
    robots = "User-agent: *\nDisallow: /ask/\nSitemap: /sitemap.xml\nSitemap: http://h/more.xml\n"
    assert robots_sitemaps(robots.encode(), "http://h") == ["http://h/sitemap.xml", "http://h/more.xml"]


def test_rss_and_atom_feeds() -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>http://h/hangye/1.htm</link><pubDate>Thu, 21 Nov 2024 23:30:00 +0800</pubDate></item>
<item><title>b</title><link>/hangye/2.htm</link></item></channel></rss>"""
    assert [(e.url, e.day) for e in read_feed(rss, "http://h/rss.xml")] == [
        ("http://h/hangye/1.htm", date(2024, 11, 21)),
        ("http://h/hangye/2.htm", None),
    ]
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>a</title><link rel="alternate" href="http://h/x/3.htm"/><updated>2024-11-20T08:00:00+08:00</updated></entry>
</feed>"""
    assert [(e.url, e.day) for e in read_feed(atom, "http://h/atom.xml")] == [
        ("http://h/x/3.htm", date(2024, 11, 20))
    ]
    assert read_feed(b"<html><body>no</body></html>", "http://h/") is None


def test_listing_links_carry_the_date_printed_beside_them() -> None:
    html = """<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>
    <ul><li><a href="/a/1.htm">第一篇文章的标题在这里</a><span>2024-11-22</span></li>
    <li><h4><a href="/a/2.htm">第二篇</a></h4><span>[2024/11/21]</span></li></ul>
    <div><a href="/a/3.htm">第三篇</a><em>2024-11-20</em><br><a href="/a/4.htm">第四篇</a><br></div>
    </body></html>""".encode()
    page = read_links(html, "http://h/a/")
    assert [(a.url, a.day) for a in page.anchors] == [
        ("http://h/a/1.htm", date(2024, 11, 22)),
        ("http://h/a/2.htm", date(2024, 11, 21)),
        ("http://h/a/3.htm", date(2024, 11, 20)),
        ("http://h/a/4.htm", None),
    ]
    assert page.feeds == ["http://h/rss.xml"]


@pytest.mark.parametrize(
    ("pager", "expected"),
    [
        ('<a href="list_2.htm">下一页</a>', "http://h/c/list_2.htm"),
        ('<a href="list_2.htm">下页</a>', "http://h/c/list_2.htm"),
        ('<a href="list_2.htm">&gt;</a>', "http://h/c/list_2.htm"),
        ('<a href="list_2.htm">»</a>', "http://h/c/list_2.htm"),
        (
            '<span class="current">1</span> <a href="list_2.htm">2</a> <a href="list_3.htm">3</a>',
            "http://h/c/list_2.htm",
        ),
        ('<span class="current">1</span>', None),
    ],
)
def test_the_next_listing_page_by_meaning(pager: str, expected: str | None) -> None:
    root = parse_html(f"<html><body><p>正文 3 页</p><div>{pager}</div></body></html>")
    assert next_page(root, "http://h/c/", lambda u: u.startswith("http://h/c/"), current=1) == expected


def test_numbers_count_from_the_current_page() -> None:
    root = parse_html('<html><body><a href="./">1</a><span>2</span><a href="list_3.htm">3</a></body></html>')
    assert next_page(root, "http://h/c/list_2.htm", lambda u: True, current=2) == "http://h/c/list_3.htm"


def test_pages_of_one_document() -> None:
    assert page_number("http://h/a/17206_3.htm") == 3
    assert page_number("http://h/a/17206.htm") == 1
    assert page_number("http://h/a/?page=4") == 4
    assert document_of("http://h/a/17206_3.htm") == document_of("http://h/a/17206.htm")
    assert document_of("http://h/news/2024/1121/a1001_2.shtml") == "http://h/news/2024/1121/a1001.shtml"


def test_url_shapes_are_learned_from_pages_and_settle_after_a_few() -> None:
    shapes = UrlShapes()
    for i in range(CONFIRM - 1):
        shapes.record(f"http://h/news/2024/1121/a{i}.shtml", True)
    assert shapes.says("http://h/news/2024/1122/a99.shtml") is None
    shapes.record("http://h/news/2024/1121/a77.shtml", True)
    assert shapes.says("http://h/news/2024/1122/a99.shtml") is True
    shapes.record("http://h/news/2024/1121/a78.shtml", False)  # one contrary page unsettles it
    assert shapes.says("http://h/news/2024/1122/a99.shtml") is None
    for i in range(CONFIRM):
        shapes.record(f"http://h/tag/{i}.htm", False)
    assert shapes.says("http://h/tag/5.htm") is False
    assert shapes.says("http://h/about.htm") is None  # no id: one page, not a kind


def test_headlines_and_channels_by_their_text() -> None:
    assert looks_like_headline("小米汽车销交服部并入中国区 人车家生态再进一步")
    assert not looks_like_headline("国内车市") and not looks_like_headline("下一页")
    assert looks_like_headline("Xiaomi merges its sales and service arm into China")
    assert looks_like_channel("http://h/guoneicheshi/", "国内车市") == "guoneicheshi"
    assert looks_like_channel("http://h/guoneicheshi/17206.htm", "国内车市") is None
    # A folder one level down is a channel too (old CMSes file listings under /html/).
    assert looks_like_channel("http://h/html/shichang/", "市场") == "shichang"
    assert looks_like_channel("http://h/xinche/index.html", "新车") == "xinche"
    assert looks_like_channel("http://h/2024/11/", "十一月") is None  # a date folder, not a word
    assert looks_like_channel("http://h/a/b/c/d/", "新车") is None  # deeper than any menu goes
    assert looks_like_channel("http://h/list.php?cid=3", "新车") is None


def test_a_yearless_time_takes_the_year_nearest_its_listing_date() -> None:
    now = datetime(2026, 12, 2, 12, 0, tzinfo=SITE_TZ)
    assert (
        with_year_near("2026-11-22T09:12:00+08:00", date(2024, 11, 22), now=now)
        == "2024-11-22T09:12:00+08:00"
    )
    assert with_year_near("2026-01-02", date(2024, 12, 31), now=now) == "2025-01-02"
    # Never in the future.
    assert with_year_near("2025-12-25", date(2026, 12, 1), now=now) == "2025-12-25"
