"""The offline replica of qi-che.com serves what SITE.md says the site serves."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

import parsel
import pytest

from autonews.replica.server import ReplicaServer
from autonews.replica.site import ReplicaSite

SEED = Path(__file__).parent / "fixtures" / "seed" / "000_a923c0f58dc518cb.txt"
SEED_PATH = "/hangye/xinwen-20241022341208.html"
GBK_PATH = "/hangye/xinwen-20240228312764.html"  # GBK, 2 pages, author 王喆, body has 李堃
MISSING_RELATED_PATH = "/hangye/xinwen-20240305313320.html"
THREE_PAGE_PATH = "/pingce/xinwen-20240515316823.html"
DISCLAIMER_PREFIXES = ("如系本站原创文章", "更多汽车新闻关注")
NOISE = "\u3000\u00a0\u200b \t\r\n"


@pytest.fixture(scope="module")
def site() -> ReplicaSite:
    return ReplicaSite()


def _sel(site: ReplicaSite, path: str) -> parsel.Selector:
    response = site.get(path)
    assert response is not None and response.status == 200, path
    encoding = "gb18030" if "charset" not in response.headers["Content-Type"] else "utf-8"
    return parsel.Selector(response.body.decode(encoding))


def _body_from_html(sel: parsel.Selector) -> list[str]:
    """What a correct reader recovers: paragraph texts, noise stripped, disclaimers dropped."""
    if sel.css(".article-content"):
        texts = ["".join(p.css("::text").getall()) for p in sel.css(".article-content p")]
    else:  # v0: <td class="nr"> holds <p>s or <br>-separated text
        texts = sel.css("td.nr p::text").getall() or sel.css("td.nr::text").getall()
    cleaned = [t.strip(NOISE) for t in texts]
    return [t for t in cleaned if t and not t.startswith(DISCLAIMER_PREFIXES)]


def test_robots_txt(site: ReplicaSite) -> None:
    response = site.get("/robots.txt")
    assert response is not None and response.status == 200
    lines = response.body.decode().splitlines()
    assert "User-agent: *" in lines and "Disallow: /ask/" in lines and "Disallow: /plus/" in lines


def test_gbk_page_has_no_header_charset_and_gbk_only_characters(site: ReplicaSite) -> None:
    response = site.get(GBK_PATH)
    assert response is not None and response.headers["Content-Type"] == "text/html"
    with pytest.raises(UnicodeDecodeError):
        response.body.decode("utf-8")
    text = response.body.decode("gb18030")
    assert 'charset=gb2312"' in text and "喆" in text and "堃" in text
    with pytest.raises(UnicodeEncodeError):
        "喆堃".encode("gb2312")  # the point: GBK, not GB2312
    response.body.decode("gbk")  # strictly GBK (no GB18030-only sequences)


def test_seed_article_teasers_and_body_match_the_seed(site: ReplicaSite) -> None:
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    sel = _sel(site, SEED_PATH)
    assert sel.css(".related a::text").getall() == seed_lines[seed_lines.index("相关阅读") + 1 :][:3]
    assert sel.css(".latest a::text").getall() == seed_lines[seed_lines.index("最新内容") + 1 :][:5]
    clean = SEED.with_suffix("").with_suffix(".clean.txt").read_text(encoding="utf-8").strip()
    assert site.expected_articles()[SEED_PATH]["body"] == clean
    assert "\n".join(_body_from_html(sel)) == clean


def test_every_core_page_yields_its_expected_body(site: ReplicaSite) -> None:
    for path, truth in site.expected_articles().items():
        paragraphs: list[str] = []
        for page in range(1, truth["pages"] + 1):
            page_path = path if page == 1 else path.replace(".html", f"_{page}.html")
            paragraphs += _body_from_html(_sel(site, page_path))
        assert "\n".join(paragraphs) == truth["body"], path


def test_listing_pagination_links(site: ReplicaSite) -> None:
    first = _sel(site, "/hangye/")
    assert len(first.css("ul.news-list li")) == 20
    assert first.css(".pages a::text").getall() == ["下一页"]
    assert first.css(".pages a::attr(href)").get() == "list_2.html"
    second = _sel(site, "/hangye/list_2.html")
    assert second.css(".pages a::attr(href)").getall() == ["./", "list_3.html"]
    third = _sel(site, "/hangye/list_3.html")
    assert third.css(".pages a::text").getall() == ["上一页"]
    assert third.css(".pages a::attr(href)").get() == "list_2.html"
    assert site.get("/hangye/list_4.html").status == 404
    dates = first.css("span.date::text").getall()
    assert dates == sorted(dates, reverse=True)


def test_multi_page_article_links(site: ReplicaSite) -> None:
    base = THREE_PAGE_PATH.rsplit("/", 1)[1][: -len(".html")]
    one = _sel(site, THREE_PAGE_PATH)
    assert one.css(".article-pages::text").get().startswith("共3页")
    assert one.css(".article-pages a:last-child::attr(href)").get() == f"{base}_2.html"
    last = _sel(site, THREE_PAGE_PATH.replace(".html", "_3.html"))
    assert "下一页" not in last.css(".article-pages a::text").getall()
    assert "如系本站原创文章" in last.css(".article-content").get()
    assert "如系本站原创文章" not in one.css(".article-content").get()
    for bad in ("_1.html", "_4.html"):
        assert site.get(THREE_PAGE_PATH.replace(".html", bad)).status == 404


def test_missing_related_target_is_404(site: ReplicaSite) -> None:
    hrefs = _sel(site, MISSING_RELATED_PATH).css(".related a::attr(href)").getall()
    statuses = [site.get(h).status for h in hrefs]
    assert len(hrefs) == 3 and statuses.count(404) == 1


def test_yearless_time_and_url_date_agree(site: ReplicaSite) -> None:
    sel = _sel(site, "/hangye/xinwen-20241015324011.html")
    assert sel.css("span.time::text").get() == "10-15 10:30"
    truth = site.expected_articles()["/hangye/xinwen-20241015324011.html"]
    assert truth["published_at"] == "2024-10-15T10:30:00+08:00"


def test_legacy_page_and_home(site: ReplicaSite) -> None:
    legacy = _sel(site, "/shehuiredia/xinwen-20160706270778.html")
    assert legacy.css("h2::text").get() and not legacy.css("h1, .article-content")
    assert "发布时间:2016-07-06 09:00" in legacy.css("td.info::text").get()
    home = _sel(site, "/?from=test")
    hrefs = home.css("a::attr(href)").getall()
    for href in ("/xinche/", "/hangye/", "/pingce/", "/shehuiredia/", "/ask/", "http://car.qi-che.com/"):
        assert href in hrefs
    assert any(h.startswith("/plus/search.php") for h in hrefs)
    assert site.get("/no/such/page.html").status == 404


def test_server_records_requests() -> None:
    with ReplicaServer(ReplicaSite()) as server:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server.base_url)
        with urllib.request.urlopen(server.base_url + "/robots.txt") as response:
            assert b"Disallow: /ask/" in response.read()
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(server.base_url + "/missing.html")
        assert error.value.code == 404
        assert server.requests == ["/robots.txt", "/missing.html"]
        base = server.base_url
    with pytest.raises(OSError):
        urllib.request.urlopen(base + "/robots.txt", timeout=2)


def test_generated_replica_is_lazy_and_deterministic() -> None:
    big = ReplicaSite(articles=50_000)
    last = big.article_urls()[-1]  # generated article 49,999 (the oldest)
    assert len(big.article_urls()) == 50_000 + len(ReplicaSite().article_urls())
    response = big.get(last)
    assert response is not None and response.status == 200
    assert ReplicaSite(articles=50_000).get(last).body == response.body
    assert re.search(r"xinwen-2023\d{4}\d{6}\.html$", last)


def test_generated_pages_have_teaser_blocks_pointing_at_existing_articles() -> None:
    small = ReplicaSite(articles=300, seed=7)
    truth = small.expected_articles()
    generated = [p for p in small.article_urls() if int(p[-11:-5]) > 400_000]
    encodings = set()
    for path in generated[:40]:
        response = small.get(path)
        encodings.add(response.headers["Content-Type"])
        sel = _sel(small, path)
        links = sel.css(".related a::attr(href)").getall() + sel.css(".latest a::attr(href)").getall()
        assert len(links) == 8 and all(link in truth for link in links)
    assert len({truth[p]["pages"] for p in generated}) > 1
    assert any(truth[p]["published_at"] and len(truth[p]["published_at"]) == 10 for p in generated)
    assert encodings == {"text/html", "text/html; charset=utf-8"}
