"""SecondSite: a made-up auto-news site, 车讯速递, that no profile describes (offline replica).

It exists so that ``scrapy crawl news`` and ``autonews demo`` are tried on a site whose markup,
URL shape and furniture owe nothing to qi-che.com: HTML5 ``<article>`` pages, a ``<time>``
meta line, its own disclaimers and share bar. Eight of its 30 articles are reprints (转载) of
qi-che.com replica core articles, edited the way reprints are (a new title, a 原标题 lead,
a trimmed or added tail, an 编辑 line, paragraphs re-split), so that reprint clusters span
two sites. The pages are rendered by ``second_html``; this module holds the articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from . import second_html as html
from .core import load_core
from .generator import Generator
from .model import Article
from .site import ReplicaResponse

SITE_NAME = html.SITE_NAME
CHANNELS: dict[str, str] = {"xinche": "新车", "hangye": "行业", "shichang": "市场"}
REPRINT_SOURCES = ("老虎车网", "汽车行业关注")
OWN_SOURCES = (SITE_NAME, "车讯速递综合", "厂商供稿")
AUTHORS = ("林晓", "韩东", "苏悦", None)
EDITORS = ("程远", "许宁")
# The one body sentence naming the site: a reader must keep it (it is text, not furniture).
NAME_SENTENCE = f"{SITE_NAME}记者在现场看到,新车展台前一直排着试乘的队伍,不少观众专程从外地赶来。"
REPRINTS = 8
OWN = 22
PER_PAGE = 8
RELATED = 3
LATEST = 5
HTML_UTF8 = "text/html; charset=utf-8"


@dataclass(frozen=True, slots=True)
class Story:
    """One article of the site: what the page shows, and what a reader must recover."""

    id: int
    channel: str
    when: datetime  # naive wall-clock time in Asia/Shanghai
    title: str
    source: str
    author: str | None
    shown: tuple[str, ...]  # the body's lines as the page prints them
    body: tuple[str, ...]  # the article text (原标题 and 编辑 lines are credits, not text)
    original: str | None = None  # the reprinted qi-che.com replica path

    @property
    def path(self) -> str:
        return f"/news/{self.when:%Y%m%d}/{self.id}.html"

    @property
    def published_at(self) -> str:
        return f"{self.when:%Y-%m-%dT%H:%M:00}+08:00"


def _reprint(n: int, article: Article, channel: str) -> Story:
    """A reprint of ``article`` edited the way reprints are; ``n`` varies which edits."""
    paragraphs = list(article.paragraphs)
    if n % 2 == 0 and len(paragraphs) > 3:
        paragraphs = paragraphs[:-1]  # the tail trimmed
    else:
        paragraphs.append("目前,相关信息仍以官方发布为准,我们也将持续跟进后续进展。")
    if n % 3 == 1 and len(paragraphs) > 3:  # two paragraphs merged into one
        paragraphs[1:3] = [paragraphs[1] + paragraphs[2]]
    head, _, tail = article.title.partition(" ")
    title = f"{tail}:{head}" if tail else f"关注:{article.title}"
    lead = f"(原标题:{article.title})"
    shown = [lead, *paragraphs]
    if n % 2 == 1:
        shown.append(f"编辑:{EDITORS[n % len(EDITORS)]}")
    return Story(
        id=3000 + n,
        channel=channel,
        when=article.when + timedelta(hours=2, minutes=15 * n),
        title=title,
        source=REPRINT_SOURCES[n % len(REPRINT_SOURCES)],
        author=AUTHORS[n % len(AUTHORS)],
        shown=tuple(shown),
        body=tuple(paragraphs),
        original=article.path,
    )


def _own(k: int, generated: Article) -> Story:
    """One of the site's own articles, its text from the replica's generator."""
    channel = tuple(CHANNELS)[k % len(CHANNELS)]
    paragraphs = list(generated.paragraphs)
    if k == 4:
        paragraphs.insert(1, NAME_SENTENCE)
    when = datetime(2024, 11, 22, 9, 0) - timedelta(hours=7 * k, minutes=11 * k)
    return Story(
        id=5000 + k,
        channel=channel,
        when=when,
        title=generated.title,
        source=OWN_SOURCES[k % len(OWN_SOURCES)],
        author=AUTHORS[(k + 1) % len(AUTHORS)],
        shown=tuple(paragraphs),
        body=tuple(paragraphs),
    )


def _stories() -> list[Story]:
    core = [a for a in load_core() if a.layout == "v1" and a.encoding == "utf-8" and len(a.paragraphs) >= 3]
    channels = {"xinche": "xinche", "hangye": "hangye"}
    reprints = [_reprint(n, a, channels.get(a.channel, "shichang")) for n, a in enumerate(core[:REPRINTS])]
    gen = Generator(OWN, seed=15, fallback_related=[])
    own = [_own(k, gen.article(k)) for k in range(OWN)]
    return sorted(reprints + own, key=lambda s: (s.when, s.id), reverse=True)


class SecondSite:
    """车讯速递: home page, paginated channel listings, /sitemap.xml and 30 article pages."""

    def __init__(self) -> None:
        self.stories = _stories()  # newest first
        self._by_path = {s.path: s for s in self.stories}

    def get(self, path: str, host: str | None = None) -> ReplicaResponse | None:
        """The response for ``path``; unknown paths get a 404 page."""
        route = urlsplit(path).path or "/"
        base = f"http://{host or '127.0.0.1'}"
        if route == "/robots.txt":
            text = f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n"
            return ReplicaResponse(200, {"Content-Type": "text/plain; charset=utf-8"}, text.encode())
        if route == "/sitemap.xml":
            xml = html.sitemap(base, [(s.path, s.when) for s in self.stories])
            return ReplicaResponse(200, {"Content-Type": "application/xml; charset=utf-8"}, xml.encode())
        if route == "/":
            return self._page(200, html.home(self.stories[:10], self._latest()))
        if story := self._by_path.get(route):
            related, latest = self._links(story)
            return self._page(200, html.article(story, related, latest))
        if (listing := self._listing(route)) is not None:
            return listing
        return self._page(404, html.not_found(path))

    def expected_articles(self) -> dict[str, dict]:
        """path -> ground truth, in the keys and formats of ReplicaSite.expected_articles()."""
        return {
            s.path: {
                "title": s.title,
                "published_at": s.published_at,
                "source": s.source,
                "author": s.author,
                "channel": s.channel,
                "body": "\n".join(s.body),
                "pages": 1,
            }
            for s in self.stories
        }

    def expected_links(self) -> dict[str, dict[str, list[str]]]:
        """path -> the 相关新闻 (related) and 最新文章 (latest) target paths, in page order."""
        out: dict[str, dict[str, list[str]]] = {}
        for story in self.stories:
            related, latest = self._links(story)
            out[story.path] = {"related": [s.path for s in related], "latest": [s.path for s in latest]}
        return out

    def reprints(self) -> dict[str, str]:
        """This site's reprint path -> the qi-che.com core article it reprints (its legacy path)."""
        return {s.path: s.original for s in self.stories if s.original}

    def _latest(self) -> list[Story]:
        return self.stories[:LATEST]

    def _links(self, story: Story) -> tuple[list[Story], list[Story]]:
        # Related: the next older stories of the same channel, wrapping round to the newest.
        same = [s for s in self.stories if s.channel == story.channel]
        at = same.index(story)
        related = (same[at + 1 :] + same[:at])[:RELATED]
        return related, self._latest()

    def _listing(self, route: str) -> ReplicaResponse | None:
        parts = [p for p in route.split("/") if p]
        if not parts or parts[0] not in CHANNELS or len(parts) > 2:
            return None
        channel = parts[0]
        if len(parts) == 1:
            page = 1
        elif parts[1].startswith("p") and parts[1].endswith(".html") and parts[1][1:-5].isdigit():
            page = int(parts[1][1:-5])
        else:
            return None
        entries = [s for s in self.stories if s.channel == channel]
        last = max(1, -(-len(entries) // PER_PAGE))
        if not 1 <= page <= last:
            return None
        chunk = entries[(page - 1) * PER_PAGE : page * PER_PAGE]
        return self._page(200, html.listing(channel, CHANNELS[channel], page, last, chunk, self._latest()))

    @staticmethod
    def _page(status: int, text: str) -> ReplicaResponse:
        return ReplicaResponse(status, {"Content-Type": HTML_UTF8}, text.encode("utf-8"))
