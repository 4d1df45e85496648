"""Read a replica back through each family's own markup: the tests' oracle.

This reader knows the family's class names, so it is no model for the crawler (which must
work by meaning); it only proves that every family's pages carry exactly the ground truth,
and that its discovery (listings, sitemaps, feeds) reaches every article.
"""

from __future__ import annotations

import gzip
import re
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import parsel
from scrapy.utils.sitemap import Sitemap

from autonews.replica.families import Family
from autonews.replica.model import CHANNELS
from autonews.replica.site import ReplicaResponse, ReplicaSite

NOISE = "\u3000\u00a0\u200b \t\r\n"
DISCLAIMER_PREFIXES = ("如系本站原创文章", "更多汽车新闻关注")
IMAGE_NAME = re.compile(r"^[\w.-]+\.(?:jpe?g|png|gif)$")
NEXT_WORDS = ("下一页", "下页", ">", "»")


def page_path(path: str, page: int) -> str:
    """Page ``page`` of the article at ``path`` (every shape adds ``_{p}`` before the extension)."""
    return path if page == 1 else re.sub(r"(\.\w+)$", rf"_{page}\1", path)


def decode(response: ReplicaResponse) -> str:
    gbk = "charset" not in response.headers["Content-Type"]
    return response.body.decode("gb18030" if gbk else "utf-8")


def selector(site: ReplicaSite, path: str) -> parsel.Selector:
    response = site.get(path)
    if response is None or response.status != 200:
        raise AssertionError(f"{path}: not 200")
    return parsel.Selector(decode(response))


def _clean(texts: list[str]) -> list[str]:
    cleaned = [t.strip(NOISE) for t in texts]
    return [t for t in cleaned if t and not t.startswith(DISCLAIMER_PREFIXES) and not IMAGE_NAME.match(t)]


def read_body(family: Family, sel: parsel.Selector) -> list[str]:
    """The paragraphs of one page, noise, disclaimers and image file names dropped."""
    if family.classic and sel.css(".article-content"):
        return _clean(["".join(p.css("::text").getall()) for p in sel.css(".article-content p")])
    if sel.css("td.nr"):  # v0, in every family
        return _clean(sel.css("td.nr p::text").getall() or sel.css("td.nr::text").getall())
    box = sel.css(f"div.{family.body_class}")
    if family.body != "br":
        return _clean(["".join(el.css("::text").getall()) for el in box.xpath(f"./{family.body}")])
    inner = box.get() or ""
    inner = inner[inner.index(">") + 1 : inner.rindex("</div>")]
    lines = (
        parsel.Selector(f"<div>{piece}</div>").xpath("string(//div)").get() for piece in inner.split("<br>")
    )
    return _clean(list(lines))


def read_head_line(family: Family, sel: parsel.Selector) -> str:
    if family.classic and sel.css(".article-info"):
        return " ".join(sel.css(".article-info ::text").getall())
    if sel.css("td.info"):
        return " ".join(sel.css("td.info ::text").getall())
    return " ".join(sel.css(f".{family.info_class} ::text").getall())


def read_links(family: Family, sel: parsel.Selector) -> tuple[list[str], list[str]]:
    """(related, latest) hrefs in page order."""
    if sel.css("td.xg"):
        return sel.css("td.xg a::attr(href)").getall(), []
    related, latest = ("related", "latest") if family.classic else (family.related_class, family.latest_class)
    return sel.css(f".{related} a::attr(href)").getall(), sel.css(f".{latest} a::attr(href)").getall()


def walk_listings(site: ReplicaSite) -> dict[str, str]:
    """Follow the home page's channel links, then each listing's pager page by page.
    Returns article path -> the full date printed next to its link (YYYY-MM-DD)."""
    family = site.family
    hrefs = selector(site, "/").css("a::attr(href)").getall()
    channel_links = [h for h in hrefs if h.strip("/").rsplit("/", 1)[-1] in CHANNELS and h.endswith("/")]
    found: dict[str, str] = {}
    item_css = "ul.news-list li" if family.classic else f"ul.{family.list_class} li"
    for start in channel_links:
        url, seen = start, set()
        while url and url not in seen:
            seen.add(url)
            sel = selector(site, url)
            for li in sel.css(item_css):
                date = re.search(r"(\d{4})[-/](\d{2})[-/](\d{2})", " ".join(li.css("::text").getall()))
                if date is None:
                    raise AssertionError(f"{url}: listing item without a full date")
                found[li.css("a::attr(href)").get()] = "-".join(date.groups())
            url = _next_listing(family, sel, url)
    return found


def _next_listing(family: Family, sel: parsel.Selector, url: str) -> str | None:
    """The next page's path, found by its link text (a next word or the following number)."""
    pager = sel.css("div.pages" if family.classic else f"div.{family.pager_class}")
    current = pager.css("span.current::text").get()
    for a in pager.css("a"):
        text = "".join(a.css("::text").getall()).strip() or a.css("img::attr(alt)").get("")
        if text in NEXT_WORDS or (current and text == str(int(current) + 1)):
            split = urlsplit(urljoin("http://x" + url, a.attrib["href"]))
            return split.path + (f"?{split.query}" if split.query else "")
    return None


def sitemap_entries(site: ReplicaSite, host: str) -> dict[str, str]:
    """robots.txt -> sitemap index -> child sitemaps: path -> lastmod."""
    robots = site.get("/robots.txt", host=host).body.decode()
    index_url = next(line.split(": ", 1)[1] for line in robots.splitlines() if line.startswith("Sitemap:"))
    base = f"http://{host}"
    if not index_url.startswith(base):
        raise AssertionError(f"robots.txt names {index_url}, not this host")
    index = Sitemap(site.get(index_url[len(base) :], host=host).body)
    if index.type != "sitemapindex":
        raise AssertionError("sitemap.xml is not an index")
    entries: dict[str, str] = {}
    for child in index:
        response = site.get(child["loc"][len(base) :], host=host)
        body = response.body
        if child["loc"].endswith(".gz"):
            if response.headers["Content-Type"] != "application/x-gzip":
                raise AssertionError("gzipped sitemap with the wrong Content-Type")
            body = gzip.decompress(body)
        for url in Sitemap(body):
            entries[url["loc"][len(base) :]] = url["lastmod"]
    return entries


def feed_entries(site: ReplicaSite, host: str) -> dict[str, tuple[str, str]]:
    """The home page's announced feed: path -> (publication datetime ISO +08:00, title)."""
    href = selector(site, "/").css("link[rel=alternate]::attr(href)").get()
    base = f"http://{host}"
    xml = parsel.Selector(site.get(href, host=host).body.decode("utf-8"), type="xml")
    xml.remove_namespaces()
    entries: dict[str, tuple[str, str]] = {}
    for item in xml.xpath("//item"):
        when = parsedate_to_datetime(item.xpath("pubDate/text()").get()).isoformat()
        entries[item.xpath("link/text()").get()[len(base) :]] = (when, item.xpath("title/text()").get())
    for entry in xml.xpath("//entry"):
        when = entry.xpath("updated/text()").get()
        entries[entry.xpath("link/@href").get()[len(base) :]] = (when, entry.xpath("title/text()").get())
    return entries
