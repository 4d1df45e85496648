"""The offline replica of qi-che.com serves what SITE.md says the site serves, in every family."""

from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.request

import pytest

from autonews.replica.families import DEFAULT_FAMILY, FAMILIES, Family, get_family, random_family
from autonews.replica.family_article import time_text
from autonews.replica.server import ReplicaServer
from autonews.replica.site import ReplicaSite
from tests.conftest import FIXTURES
from tests.support import replica_oracle as check
from tests.support.crawling import family_names

SEED = FIXTURES / "seed" / "000_a923c0f58dc518cb.txt"
SEED_PATH = "/hangye/341208.htm"
GBK_PATH = "/hangye/312764.htm"  # GBK, 2 pages, author 王喆, body has 李堃
MISSING_RELATED_PATH = "/hangye/313320.htm"
THREE_PAGE_PATH = "/pingce/316823.htm"
YEARLESS_ID = 324011  # core article dated 2024-10-15 10:30, style yearless
V0_PATHS = ("/shehuiredia/xinwen-20160706270778.html", "/hangye/xinwen-20160712271035.html")
HOST = "127.0.0.1:8765"
SHAPES = {
    "live": r"/(xinche|hangye|pingce|shehuiredia)/\d+\.htm",
    "legacy": r"/(xinche|hangye|pingce|shehuiredia)/xinwen-\d{14}\.html",
    "dated": r"/news/\d{4}/\d{4}/a\d+\.shtml",
    "a_dated": r"/a/\d{4}/\d{2}/\d{2}/\d+\.shtml",
}
# sha256[:16] of family "legacy" pages, captured from the replica before families existed.
LEGACY_BYTES = {
    "/": "bd3e1d495bae0e01",
    "/robots.txt": "5a21ed0d2e1c755b",
    "/hangye/": "11ad9dad81607211",
    "/hangye/list_2.html": "08db9a7bc5fc0ecc",
    "/hangye/xinwen-20241022341208.html": "c90e623a919b2919",
    "/hangye/xinwen-20240228312764_2.html": "2f8eaaaad972737b",
    "/pingce/xinwen-20240515316823_3.html": "1c630092a07729f9",
    "/shehuiredia/xinwen-20160706270778.html": "f2124ddd377d3936",
    "/hangye/xinwen-20240305313320.html": "8335d85cbc2f5cf6",
}
LEGACY_GENERATED_BYTES = {
    "/hangye/": "43d3dbbcfe354171",
    "/hangye/xinwen-20241115499701.html": "054b722c11a476ab",
}


@pytest.fixture(scope="module")
def site() -> ReplicaSite:
    return ReplicaSite()


@pytest.fixture(scope="module", params=family_names())
def fsite(request: pytest.FixtureRequest) -> ReplicaSite:
    return ReplicaSite(family=request.param)


def _path_for_id(site: ReplicaSite, article_id: int) -> str:
    return next(p for p in site.article_urls() if re.search(rf"\D{article_id}\D|{article_id:06d}\.", p))


# ---- the default (live) family ---------------------------------------------------------


def test_default_family_is_live_and_unknown_names_fail() -> None:
    assert ReplicaSite().family is FAMILIES[DEFAULT_FAMILY] and DEFAULT_FAMILY == "live"
    with pytest.raises(ValueError, match="legacy"):
        ReplicaSite(family="nope")


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
    sel = check.selector(site, SEED_PATH)
    fam = site.family
    assert (
        sel.css(f".{fam.related_class} a::text").getall()
        == seed_lines[seed_lines.index("相关阅读") + 1 :][:3]
    )
    assert (
        sel.css(f".{fam.latest_class} a::text").getall() == seed_lines[seed_lines.index("最新内容") + 1 :][:5]
    )
    clean = SEED.with_suffix("").with_suffix(".clean.txt").read_text(encoding="utf-8").strip()
    assert site.expected_articles()[SEED_PATH]["body"] == clean
    assert "\n".join(check.read_body(fam, sel)) == clean
    # The live head line, as SITE.md quotes it: 来自 … 作者 … 发布时间:date.
    assert check.read_head_line(fam, sel) == "来自:新浪科技 作者:周琳 发布时间:2024-10-22"
    assert (
        sel.css(".main-wrap-pos").xpath("string()").get()
        == f"您的位置: 老虎车网>行业>{sel.css('h1::text').get()}"
    )


def test_listing_pagination_links(site: ReplicaSite) -> None:
    first = check.selector(site, "/hangye/")
    assert len(first.css("ul.arc-list li")) == 20
    assert first.css(".arc-pager a::attr(href)").getall() == ["list_2.htm", "list_3.htm", "list_2.htm"]
    second = check.selector(site, "/hangye/list_2.htm")
    assert second.css(".arc-pager a::attr(href)").getall() == ["./", "./", "list_3.htm", "list_3.htm"]
    third = check.selector(site, "/hangye/list_3.htm")
    assert "下一页" not in third.css(".arc-pager a::text").getall()
    for gone in ("/hangye/list_4.htm", "/hangye/list_1.htm", "/hangye/list_2.html"):
        assert site.get(gone).status == 404
    dates = first.css("span.arc-list-d::text").getall()
    assert dates == sorted(dates, reverse=True)


def test_multi_page_article_links(site: ReplicaSite) -> None:
    one = check.selector(site, THREE_PAGE_PATH)
    assert one.css(".arc-pages::text").get().startswith("共3页")
    assert one.css(".arc-pages a:last-child::attr(href)").get() == "316823_2.htm"
    last = check.selector(site, "/pingce/316823_3.htm")
    assert "下一页" not in last.css(".arc-pages a::text").getall()
    assert "如系本站原创文章" in last.css(".arc-body").get()
    assert "如系本站原创文章" not in one.css(".arc-body").get()
    for bad in ("_1.htm", "_4.htm"):
        assert site.get(THREE_PAGE_PATH.replace(".htm", bad)).status == 404


def test_missing_related_target_is_404(site: ReplicaSite) -> None:
    hrefs = check.selector(site, MISSING_RELATED_PATH).css(".arc-related a::attr(href)").getall()
    statuses = [site.get(h).status for h in hrefs]
    assert len(hrefs) == 3 and statuses.count(404) == 1
    assert "/hangye/309001.htm" in hrefs  # the missing target, in the live shape


def test_yearless_time_needs_the_listing_date() -> None:
    clicks = ReplicaSite(family="clicks")
    path = _path_for_id(clicks, YEARLESS_ID)
    sel = check.selector(clicks, path)
    assert re.fullmatch(
        r"10-15 10:30 来源:\S+ .*点击:\s*次", check.read_head_line(clicks.family, sel).strip()
    )
    assert clicks.expected_articles()[path]["published_at"] == "2024-10-15T10:30:00+08:00"
    assert check.walk_listings(clicks)[path] == "2024-10-15"
    legacy = ReplicaSite(family="legacy")  # unchanged: the year is in the URL
    assert (
        check.selector(legacy, "/hangye/xinwen-20241015324011.html").css("span.time::text").get()
        == "10-15 10:30"
    )


def test_v0_pages_keep_their_legacy_url_in_every_family(site: ReplicaSite) -> None:
    legacy = check.selector(site, V0_PATHS[0])
    assert legacy.css("h2::text").get() and not legacy.css("h1, .article-content")
    assert "发布时间:2016-07-06 09:00" in legacy.css("td.info::text").get()
    assert all(p in site.expected_articles() for p in V0_PATHS)
    assert site.get("/shehuiredia/270778.htm").status == 404  # not in the new shape
    assert site.get("/hangye/xinwen-20241022341208.html").status == 404  # new pages only in the new shape


def test_home_links(site: ReplicaSite) -> None:
    hrefs = check.selector(site, "/?from=test").css("a::attr(href)").getall()
    for href in ("/xinche/", "/hangye/", "/pingce/", "/shehuiredia/", "/ask/", "http://car.qi-che.com/"):
        assert href in hrefs
    assert any(h.startswith("/plus/search.php") for h in hrefs)
    assert site.get("/no/such/page.html").status == 404


def test_server_records_requests_and_passes_the_host() -> None:
    with ReplicaServer(ReplicaSite(family="trs")) as server:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server.base_url)
        with urllib.request.urlopen(server.base_url + "/robots.txt") as response:
            robots = response.read().decode()
        assert "Disallow: /ask/" in robots and f"Sitemap: {server.base_url}/sitemap.xml" in robots
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
    assert last == "/" + last.split("/")[1] + "/450001.htm"
    assert ReplicaSite(articles=50_000, family="dated").article_urls()[-1].startswith("/news/2023/")


@pytest.mark.parametrize("family", ["live", "trs", "dated_gt", "legacy"])
def test_generated_pages_read_back_and_link_existing_articles(family: str) -> None:
    small = ReplicaSite(articles=300, seed=7, family=family)
    truth, links = small.expected_articles(), small.expected_links()
    generated = small.article_urls()[-300:]
    encodings = set()
    for path in generated[:40]:
        encodings.add(small.get(path).headers["Content-Type"])
        _check_article(small, path, truth[path])
        related, latest = check.read_links(small.family, check.selector(small, path))
        assert [related, latest] == [links[path]["related"], links[path]["latest"]]
        assert len(related + latest) == 8 and all(link in truth for link in related + latest)
    assert len({truth[p]["pages"] for p in generated}) > 1
    assert encodings == {"text/html", "text/html; charset=utf-8"}


# ---- every family ------------------------------------------------------------------------


def _check_article(site: ReplicaSite, path: str, truth: dict) -> None:
    """All pages are served; body, title, source, author and time read back from the markup."""
    family = site.family
    paragraphs: list[str] = []
    for page in range(1, truth["pages"] + 1):
        sel = check.selector(site, check.page_path(path, page))
        paragraphs += check.read_body(family, sel)
        head = check.read_head_line(family, sel)
        for value in (truth["source"], truth["author"]):
            assert value is None or value in head, (path, value)
        assert truth["title"] in sel.css("title::text").get()
    assert "\n".join(paragraphs) == truth["body"], path
    assert site.get(check.page_path(path, truth["pages"] + 1)).status == 404


def test_families_are_distinct_and_cover_the_cases() -> None:
    assert len(FAMILIES) >= 12
    assert len({f.choices() for f in FAMILIES.values()}) == len(FAMILIES)
    fams = list(FAMILIES.values())
    assert sum(f.discovery == "sitemap" for f in fams) >= 2 and any(f.discovery == "feed" for f in fams)
    assert {f.pager for f in fams if f.discovery == "listings"} >= {"numbers", "下一页", "下页", ">", "»"}
    assert sum(f.image_names for f in fams) >= 3
    for field in (
        "url",
        "listing",
        "head_line",
        "time_style",
        "breadcrumb",
        "title_tag",
        "body",
        "teaser_item",
    ):
        assert len({getattr(f, field) for f in fams}) >= 3, field
    classes = {"article-content", "article-info", "related", "latest", "article-pages"}
    for f in fams:
        if not f.classic:
            assert not classes & {f.body_class, f.info_class, f.related_class, f.latest_class, f.pages_class}


def test_family_legacy_sends_the_bytes_of_before() -> None:
    for site, pages in ((ReplicaSite(family="legacy"), LEGACY_BYTES),
                        (ReplicaSite(articles=300, seed=7, family="legacy"), LEGACY_GENERATED_BYTES)):  # fmt: skip
        for path, digest in pages.items():
            assert hashlib.sha256(site.get(path).body).hexdigest()[:16] == digest, path


def test_every_article_reads_back(fsite: ReplicaSite) -> None:
    family: Family = fsite.family
    truth = fsite.expected_articles()
    assert list(truth) == fsite.article_urls()
    for path, expected in truth.items():
        assert re.fullmatch(SHAPES["legacy"] if path in V0_PATHS else SHAPES[family.url], path), path
        _check_article(fsite, path, expected)


def test_time_shown_matches_the_truth(fsite: ReplicaSite) -> None:
    family = fsite.family
    for path, expected in fsite.expected_articles().items():
        if path in V0_PATHS:
            continue
        article = fsite._article_by_id(int(re.findall(r"\d+", path)[-1][-6:]))
        head = check.read_head_line(family, check.selector(fsite, path))
        assert time_text(family, article) in head, path
        if family.time_style == "date" or (family.time_style == "article" and article.style == "date"):
            assert expected["published_at"] == f"{article.when:%Y-%m-%d}"
        else:
            assert expected["published_at"] == f"{article.when:%Y-%m-%dT%H:%M:00}+08:00"


def test_expected_links_are_on_the_page_and_exist(fsite: ReplicaSite) -> None:
    truth = fsite.expected_articles()
    missing = set()
    for path, links in fsite.expected_links().items():
        related, latest = check.read_links(fsite.family, check.selector(fsite, path))
        assert [related, latest] == [links["related"], links["latest"]], path
        missing |= {t for t in related + latest if t not in truth}
    assert len(missing) == 1
    (target,) = missing
    assert fsite.get(target).status == 404
    if fsite.family.url != "legacy":
        assert "xinwen" not in target  # translated into the family's shape


def test_discovery_reaches_every_article(fsite: ReplicaSite) -> None:
    family = fsite.family
    truth = fsite.expected_articles()
    robots = fsite.get("/robots.txt", host=HOST).body.decode().splitlines()
    assert "Disallow: /ask/" in robots and "Disallow: /plus/" in robots
    home_hrefs = set(check.selector(fsite, "/").css("a::attr(href)").getall())
    if family.discovery == "listings":
        found = check.walk_listings(fsite)
        wanted = {p for p in truth if p not in V0_PATHS}
        assert wanted <= set(found)
        assert all(found[p] == truth[p]["published_at"][:10] for p in wanted)
        return
    assert not home_hrefs & (set(truth) | {"/hangye/", "/xinche/"})
    assert fsite.get("/hangye/").status == 404 and fsite.get("/hangye/list_2.htm").status == 404
    if family.discovery == "sitemap":
        entries = check.sitemap_entries(fsite, HOST)
        assert entries == {p: t["published_at"][:10] for p, t in truth.items()}
    else:
        entries = check.feed_entries(fsite, HOST)
        assert set(entries) == set(truth)
        for path, (when, title) in entries.items():
            assert when.endswith("+08:00") and when[:10] == truth[path]["published_at"][:10]
            assert title == truth[path]["title"]


@pytest.mark.parametrize("family", ["rss", "atom"])
def test_feed_lists_generated_articles_with_their_titles(family: str) -> None:
    small = ReplicaSite(articles=120, seed=3, family=family)
    truth = small.expected_articles()
    entries = check.feed_entries(small, HOST)
    assert {p: e[1] for p, e in entries.items()} == {p: t["title"] for p, t in truth.items()}
    whens = [e[0] for e in entries.values()]
    assert whens == sorted(whens, reverse=True)  # newest first


def test_a_random_family_is_the_same_for_its_seed_and_like_no_listed_one() -> None:
    drawn = [random_family(seed) for seed in range(40)]
    assert random_family(7) == get_family("random-7") == drawn[7]
    listed = {f.choices() for f in FAMILIES.values()}
    assert not listed & {f.choices() for f in drawn}
    for field in ("url", "listing", "pager", "breadcrumb", "head_line", "gbk"):
        assert len({getattr(f, field) for f in drawn}) >= 2, field
    with pytest.raises(ValueError, match="random-N"):
        get_family("random-x")
