"""ReplicaSite: maps a request path to the bytes qi-che.com would send (offline replica).

Core articles are parsed once (about 60); generated ones are built on demand. The only
per-article state is one small index array per channel (listing order), built lazily on
the first listing/home request so that even a 100,000-article replica starts instantly.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from urllib.parse import urlsplit

from .article_html import render_v0, render_v1
from .core import LATEST_COUNT, load_core
from .generator import T_END, Generator, mix
from .model import ARTICLE_RE, CHANNEL_SLUGS, CHANNELS, LISTING_RE, Article, Teaser
from .pages_html import ROBOTS_TXT, render_404, render_home, render_listing, render_misc, render_redirect

PER_PAGE = 20
HOME_LATEST = 20
HTML_UTF8 = "text/html; charset=utf-8"
REPLICA_HEADER = {"X-Replica": "offline replica of qi-che.com for tests"}


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


class ReplicaSite:
    """The offline replica: ``articles`` generated articles on top of the hand-made core set."""

    def __init__(self, articles: int = 0, seed: int = 0) -> None:
        self.seed = seed
        self._core = load_core()  # newest first
        self._core_by_id = {a.id: a for a in self._core}
        self._core_by_channel = {ch: [a for a in self._core if a.channel == ch] for ch in CHANNELS}
        self._gen = Generator(articles, seed, fallback_related=[a.path for a in self._core[LATEST_COUNT:]])
        # Generated articles all predate 2024-11-19 20:00, so the site's 最新内容 (newest 5)
        # are always the core's 2024-11-20/21 articles, whatever the size of the replica.
        self._latest = [a.as_teaser() for a in self._core[:LATEST_COUNT]]
        self._index: dict[str, array] | None = None
        self._lock = threading.Lock()

    # ---- public API -------------------------------------------------------------------

    def get(self, path: str) -> ReplicaResponse | None:
        """The response for ``path`` (query allowed); unknown paths get a 404 page."""
        route = urlsplit(path).path or "/"
        if route == "/robots.txt":
            return ReplicaResponse(200, {"Content-Type": "text/plain; charset=utf-8"}, ROBOTS_TXT.encode())
        if route == "/":
            return _html(200, render_home(self._newest(HOME_LATEST), self._newest(LATEST_COUNT)))
        if route.startswith(("/ask/", "/plus/")):
            return _html(200, render_misc(path))
        if route.strip("/") in CHANNELS and not route.endswith("/"):
            response = _html(301, render_redirect(route + "/"))
            response.headers["Location"] = route + "/"
            return response
        if match := LISTING_RE.match(route):
            return self._listing(match.group(1), int(match.group(2) or 1), path)
        if match := ARTICLE_RE.match(route):
            article = self._article_for_path(route)
            page = int(match.group(4) or 1)
            if article is not None and match.group(4) != "1" and page <= len(article.pages):
                return self._article_page(article, page)
        return _html(404, render_404(path))

    def article_urls(self) -> list[str]:
        """Paths (first page) of every existing article: core first, then generated newest first."""
        return [a.path for a in self._core] + [self._gen.path_of(k) for k in range(self._gen.count)]

    def expected_articles(self) -> dict[str, dict]:
        """path -> ground truth (title, published_at, source, author, channel, body, pages)."""
        core = {a.path: a.expected() for a in self._core}
        return core | {self._gen.path_of(k): self._gen.article(k).expected() for k in range(self._gen.count)}

    # ---- articles ---------------------------------------------------------------------

    def _article_by_id(self, article_id: int) -> Article | None:
        if article_id in self._core_by_id:
            return self._core_by_id[article_id]
        k = self._gen.index_of(article_id)
        return None if k is None else self._gen.article(k)

    def _article_for_path(self, path: str) -> Article | None:
        """The article whose first-page path matches (channel and URL date must agree)."""
        match = ARTICLE_RE.match(path)
        if not match:
            return None
        article = self._article_by_id(int(match.group(3)))
        if article is None or article.channel != match.group(1):
            return None
        return article if f"{article.when:%Y%m%d}" == match.group(2) else None

    def _teasers(self, paths: tuple[str, ...]) -> list[Teaser]:
        found = (self._article_for_path(p) for p in paths)
        return [a.as_teaser() for a in found if a is not None]

    def _article_page(self, article: Article, page: int) -> ReplicaResponse:
        related = self._teasers(article.related) + list(article.missing)
        if article.layout == "v0":
            html = render_v0(article, related)
        else:
            html = render_v1(article, page, related, self._latest)
        return _html(200, html, gbk=article.encoding == "gbk")

    # ---- listings ---------------------------------------------------------------------

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

    def _newest(self, count: int) -> list[Article]:
        index = self._channel_index()
        candidates = [self._entry(ch, v) for ch, entries in index.items() for v in entries[:count]]
        candidates.sort(key=lambda a: (a.when, a.id), reverse=True)
        return candidates[:count]

    def _listing(self, channel: str, page: int, path: str) -> ReplicaResponse:
        entries = self._channel_index()[channel]
        last_page = max(1, -(-len(entries) // PER_PAGE))
        if page < 1 or page > last_page or path.split("?")[0].endswith("list_1.html"):
            return _html(404, render_404(path))
        chunk = entries[(page - 1) * PER_PAGE : page * PER_PAGE]
        articles = [self._entry(channel, v) for v in chunk]
        return _html(200, render_listing(channel, page, last_page, articles, self._newest(LATEST_COUNT)))
