"""ReplicaSite: maps a request path to the bytes qi-che.com would send (offline replica).

Core articles are parsed once (about 60); generated ones are built on demand. The only
per-article state is one small index array per channel (listing order), built lazily on
the first listing/home request so that even a 100,000-article replica starts instantly.
Articles are named internally by their legacy path; the family's URL shape and markup are
applied only when a page, link or listing is rendered.
"""

from __future__ import annotations

import gzip
import threading
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import discovery
from .article_html import render_v0, render_v1
from .core import LATEST_COUNT, load_core
from .discovery import Entry
from .families import DEFAULT_FAMILY, get_family
from .family_article import Link, published_at, render_family
from .generator import GEN_ID_TOP, T_END, Generator, mix
from .model import ARTICLE_RE, CHANNEL_SLUGS, CHANNELS, Article, Teaser
from .pages_html import render_404, render_home, render_listing, render_misc, render_redirect
from .urls import article_path, legacy_date, parse_article, parse_legacy, parse_listing, translate

PER_PAGE = 20
HOME_LATEST = 20
HTML_UTF8 = "text/html; charset=utf-8"
REPLICA_HEADER = {"X-Replica": "offline replica of qi-che.com for tests"}
DEFAULT_HOST = "127.0.0.1"


@dataclass
class ReplicaResponse:
    status: int
    headers: dict[str, str]
    body: bytes


def _html(status: int, text: str, gbk: bool = False) -> ReplicaResponse:
    # GBK pages name no charset in the header (only in a <meta>), like the legacy CMS does.
    if gbk:
        return ReplicaResponse(
            status, {"Content-Type": "text/html", **REPLICA_HEADER}, text.encode("gb18030")
        )
    return ReplicaResponse(status, {"Content-Type": HTML_UTF8, **REPLICA_HEADER}, text.encode("utf-8"))


def _text(content_type: str, text: str) -> ReplicaResponse:
    return ReplicaResponse(200, {"Content-Type": content_type, **REPLICA_HEADER}, text.encode("utf-8"))


class ReplicaSite:
    """The offline replica: ``articles`` generated articles on top of the hand-made core set,
    rendered in markup family ``family`` (see families.py)."""

    def __init__(self, articles: int = 0, seed: int = 0, family: str = DEFAULT_FAMILY) -> None:
        self.family = get_family(family)
        self.seed = seed
        self._core = load_core()  # newest first
        self._core_by_id = {a.id: a for a in self._core}
        self._core_by_channel = {ch: [a for a in self._core if a.channel == ch] for ch in CHANNELS}
        self._gen = Generator(articles, seed, fallback_related=[a.path for a in self._core[LATEST_COUNT:]])
        # Generated articles all predate 2024-11-19 20:00, so the site's 最新内容 (newest 5)
        # are always the core's 2024-11-20/21 articles, whatever the size of the replica.
        self._latest_articles = self._core[:LATEST_COUNT]
        self._latest = [a.as_teaser() for a in self._latest_articles]
        self._index: dict[str, array] | None = None
        self._lock = threading.Lock()

    # ---- public API -------------------------------------------------------------------

    def get(self, path: str, host: str | None = None) -> ReplicaResponse | None:
        """The response for ``path`` (query allowed); unknown paths get a 404 page.
        ``host`` (the Host header) makes robots.txt, sitemaps and feeds print absolute URLs."""
        family = self.family
        base = f"http://{host or DEFAULT_HOST}"
        route = urlsplit(path).path or "/"
        if route == "/robots.txt":
            return _text("text/plain; charset=utf-8", discovery.robots_txt(family, base))
        if route == "/":
            return self._home()
        if route.startswith(("/ask/", "/plus/")):
            return _html(200, render_misc(path))
        if family.discovery == "sitemap" and (response := self._sitemap(route, base)) is not None:
            return response
        if family.discovery == "feed" and route == ("/atom.xml" if family.feed == "atom" else "/rss.xml"):
            return self._feed(base)
        if family.discovery == "listings":
            if route.strip("/") in CHANNELS and not route.endswith("/"):
                response = _html(301, render_redirect(route + "/"))
                response.headers["Location"] = route + "/"
                return response
            if listing := parse_listing(family, path):
                return self._listing(listing[0], listing[1], path)
        if found := self._page_at(route):
            return self._article_page(*found)
        return _html(404, render_404(path))

    def article_urls(self) -> list[str]:
        """Paths (first page) of every existing article: core first, then generated newest first."""
        return [self._path(a) for a in self._core] + [self._gen_path(k) for k in range(self._gen.count)]

    def expected_articles(self) -> dict[str, dict]:
        """path -> ground truth (title, published_at, source, author, channel, body, pages)."""
        return {self._path(a): self._truth(a) for a in self._all_articles()}

    def expected_links(self) -> dict[str, dict[str, list[str]]]:
        """First-page path -> the 相关阅读 / 最新内容 target paths, in page order (404s included)."""
        out: dict[str, dict[str, list[str]]] = {}
        for a in self._all_articles():
            related, latest = self._links(a)
            out[self._path(a)] = {"related": [t.path for t in related], "latest": [t.path for t in latest]}
        return out

    # ---- articles ---------------------------------------------------------------------

    def _all_articles(self) -> list[Article]:
        return self._core + [self._gen.article(k) for k in range(self._gen.count)]

    def _truth(self, article: Article) -> dict[str, object]:
        return article.expected() | {"published_at": published_at(self.family, article)}

    def _path(self, article: Article, page: int = 1) -> str:
        """Where the article is served: 2016 (v0) pages keep their old URL in every family."""
        if article.layout == "v0":
            return article.page_path(page)
        return article_path(self.family, article.channel, article.id, article.when, page)

    def _gen_path(self, k: int) -> str:
        return article_path(self.family, self._gen.channel(k), GEN_ID_TOP - k, self._gen.when(k))

    def _article_by_id(self, article_id: int) -> Article | None:
        if article_id in self._core_by_id:
            return self._core_by_id[article_id]
        k = self._gen.index_of(article_id)
        return None if k is None else self._gen.article(k)

    def _article_for_path(self, path: str) -> Article | None:
        """The article whose legacy first-page path matches (channel and URL date must agree)."""
        match = ARTICLE_RE.match(path)
        if not match:
            return None
        article = self._article_by_id(int(match.group(3)))
        if article is None or article.channel != match.group(1):
            return None
        return article if f"{article.when:%Y%m%d}" == match.group(2) else None

    def _page_at(self, route: str) -> tuple[Article, int] | None:
        """(article, page) served at ``route``: the family's shape, or the legacy one for v0."""
        legacy_family = self.family.url == "legacy"
        # (parsed path, whether this is the legacy xinwen shape): v0 pages answer only there.
        candidates = [(parse_article(self.family, route), legacy_family)]
        if not legacy_family:
            candidates.append((parse_legacy(route), True))
        for parsed, legacy_shape in candidates:
            if parsed is None:
                continue
            article_id, channel, ymd, page_text = parsed
            article = self._article_by_id(article_id)
            if article is None or (not legacy_family and (article.layout == "v0") != legacy_shape):
                continue
            if channel not in (None, article.channel) or ymd not in (None, f"{article.when:%Y%m%d}"):
                continue
            page = int(page_text or 1)
            if page_text != "1" and page <= len(article.pages):
                return article, page
        return None

    def _teasers(self, paths: tuple[str, ...]) -> list[Teaser]:
        found = (self._article_for_path(p) for p in paths)
        return [a.as_teaser() for a in found if a is not None]

    def _link(self, article: Article) -> Link:
        return Link(self._path(article), article.title, article.teaser, article.when)

    def _links(self, article: Article) -> tuple[list[Link], list[Link]]:
        """Related (existing, then the missing ones) and latest, in the family's URL shape."""
        found = (self._article_for_path(p) for p in article.related)
        related = [self._link(a) for a in found if a is not None]
        for t in article.missing:  # the 404 target: translated like any other link
            related.append(Link(translate(self.family, t.path), t.title, t.text, legacy_date(t.path)))
        latest = [] if article.layout == "v0" else [self._link(a) for a in self._latest_articles]
        return related, latest

    def _article_page(self, article: Article, page: int) -> ReplicaResponse:
        gbk = article.encoding == "gbk" or self.family.gbk
        if self.family.classic:
            related = self._teasers(article.related) + list(article.missing)
            if article.layout == "v0":
                return _html(200, render_v0(article, related), gbk=gbk)
            return _html(200, render_v1(article, page, related, self._latest), gbk=gbk)
        related_links, latest_links = self._links(article)
        if article.layout == "v0":
            teasers = [Teaser(t.path, t.title, t.text) for t in related_links]
            return _html(200, render_v0(article, teasers), gbk=gbk)
        return _html(200, render_family(self.family, article, page, related_links, latest_links), gbk=gbk)

    # ---- listings, sitemaps, feeds ------------------------------------------------------

    def _channel_index(self) -> dict[str, array]:
        """Per channel, listing order newest first: k >= 0 is generated article k,
        -(j + 1) is the channel's j-th core article. Built once, on first use."""
        with self._lock:
            if self._index is None:
                self._index = self._build_index()
            return self._index

    def _build_index(self) -> dict[str, array]:
        generated = {ch: array("l") for ch in CHANNELS}
        lists = [generated[ch] for ch in CHANNEL_SLUGS]
        seed = self.seed
        for k in range(self._gen.count):  # inlined Generator.channel: this loop is the start-up cost
            lists[mix(seed, k) % len(lists)].append(k)
        index: dict[str, array] = {}
        minutes = self._gen.minutes_before_end
        for ch, ks in generated.items():
            merged, start = array("l"), 0
            for j, article in enumerate(self._core_by_channel[ch]):
                m = int((T_END - article.when).total_seconds() // 60)
                # Equal minutes: the generated article has the larger id, so it lists first.
                pos = bisect_right(ks, m, lo=start, key=minutes)
                merged.extend(ks[start:pos])
                merged.append(-(j + 1))
                start = pos
            merged.extend(ks[start:])
            index[ch] = merged
        return index

    def _entry(self, channel: str, value: int) -> Article:
        return self._gen.article(value) if value >= 0 else self._core_by_channel[channel][-value - 1]

    def _listed(self, article: Article) -> Entry:
        return self._path(article), article.title, article.when

    def _newest(self, count: int) -> list[Article]:
        index = self._channel_index()
        candidates = [self._entry(ch, v) for ch, entries in index.items() for v in entries[:count]]
        candidates.sort(key=lambda a: (a.when, a.id), reverse=True)
        return candidates[:count]

    def _home(self) -> ReplicaResponse:
        if self.family.classic:
            return _html(200, render_home(self._newest(HOME_LATEST), self._newest(LATEST_COUNT)))
        if self.family.discovery != "listings":  # a bare page: no index needed
            return _html(200, discovery.render_home(self.family, [], []), gbk=self.family.gbk)
        newest = [self._listed(a) for a in self._newest(HOME_LATEST)]
        return _html(
            200, discovery.render_home(self.family, newest, newest[:LATEST_COUNT]), gbk=self.family.gbk
        )

    def _listing(self, channel: str, page: int, path: str) -> ReplicaResponse:
        entries = self._channel_index()[channel]
        last_page = max(1, -(-len(entries) // PER_PAGE))
        if page < 1 or page > last_page:
            return _html(404, render_404(path))
        chunk = entries[(page - 1) * PER_PAGE : page * PER_PAGE]
        articles = [self._entry(channel, v) for v in chunk]
        hot = self._newest(LATEST_COUNT)
        if self.family.classic:
            return _html(200, render_listing(channel, page, last_page, articles, hot))
        listed, hot_listed = [self._listed(a) for a in articles], [self._listed(a) for a in hot]
        page_html = discovery.render_listing(self.family, channel, page, last_page, listed, hot_listed)
        return _html(200, page_html, gbk=self.family.gbk)

    def _sitemap(self, route: str, base: str) -> ReplicaResponse | None:
        if route == "/sitemap.xml":
            return _text("application/xml; charset=utf-8", discovery.sitemap_index(base))
        channel = next((ch for ch in CHANNELS if discovery.sitemap_name(ch) == route), None)
        if channel is None:
            return None
        # Generated entries need only channel and time (cheap), not the article text.
        entries: list[Entry] = []
        for v in self._channel_index()[channel]:
            if v >= 0:
                entries.append((self._gen_path(v), "", self._gen.when(v)))
            else:
                entries.append(self._listed(self._core_by_channel[channel][-v - 1]))
        xml = discovery.sitemap_urlset(base, entries)
        if route.endswith(".gz"):
            body = gzip.compress(xml.encode("utf-8"), mtime=0)  # mtime=0: the same bytes every run
            return ReplicaResponse(200, {"Content-Type": "application/x-gzip", **REPLICA_HEADER}, body)
        return _text("application/xml; charset=utf-8", xml)

    def _feed(self, base: str) -> ReplicaResponse:
        # Generated titles come from Generator.title: building 100,000 bodies would take seconds.
        rows = [(a.when, a.id, self._path(a), a.title) for a in self._core]
        gen = self._gen
        rows += [(gen.when(k), GEN_ID_TOP - k, self._gen_path(k), gen.title(k)) for k in range(gen.count)]
        rows.sort(reverse=True)
        entries = [(path, title, when) for when, _, path, title in rows]
        if self.family.feed == "atom":
            return _text("application/atom+xml; charset=utf-8", discovery.atom(base, entries))
        return _text("application/rss+xml; charset=utf-8", discovery.rss(base, entries))
