"""Related-link blocks (相关阅读, 最新内容), found by selector or by their heading."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree

from autonews.extract.dom import Element, text_of
from autonews.items import Link

# header: HTML5 blocks (<section><header>最新内容</header>); td: table layouts of old portals.
HEADING_TAGS = (
    *(f"h{n}" for n in range(1, 7)),
    "div",
    "span",
    "p",
    "strong",
    "b",
    "dt",
    "em",
    "a",
    "header",
    "td",
)
_MAX_LINKS = 50


def absolute_url(base_url: str, href: str) -> str:
    """``urldefrag(urljoin(base_url, href))[0]``, memoised where the base's path cannot matter.

    Link blocks repeat the same site-rooted hrefs (``/hangye/xinwen-….html``) on every
    page; joining them with urllib was a tenth of extraction time.  A rooted href's
    result depends only on the base's scheme and host, so those are cached by origin.
    """
    if href.startswith("/") and not href.startswith("//"):
        return _join_rooted(_origin(base_url), href)
    return urldefrag(urljoin(base_url, href))[0]


@lru_cache(maxsize=64)  # a page's links share its URL as their base: split it once, not per link
def _origin(base_url: str) -> str:
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}/"


@lru_cache(maxsize=4096)  # ~1 MB: a crawl's hot hrefs (nav, 最新内容, nearby articles)
def _join_rooted(origin: str, href: str) -> str:
    return urldefrag(urljoin(origin, href))[0]


def links_from_anchors(anchors: list, base_url: str) -> list[Link]:
    """Absolute, de-duplicated ``{url, title}`` in page order; title prefers @title."""
    seen: set[str] = set()
    out: list[Link] = []
    for a in anchors:
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        url = absolute_url(base_url, href)
        if url in seen:
            continue
        seen.add(url)
        title = (a.get("title") or "").strip() or text_of(a)
        out.append(Link(url=url, title=title))
        if len(out) >= _MAX_LINKS:
            break
    return out


# Headings of link blocks, by the kind of block they introduce.  First match wins, so
# a page's 相关阅读 and its 最新内容 are one block each even when both kinds repeat.
BLOCK_HEADINGS: dict[str, tuple[str, ...]] = {
    "related": (
        "相关阅读",
        "相关文章",
        "相关新闻",
        "延伸阅读",
        "相关推荐",
        "相关报道",
        "推荐阅读",
        "相关链接",
    ),
    "latest": ("最新内容", "最新文章", "最新资讯", "最新新闻", "最新动态"),
}
# Blocks that are neither: recommendation and ranking widgets, kept with their heading.
OTHER_HEADINGS = (
    "猜你喜欢",
    "热门推荐",
    "热门文章",
    "热门资讯",
    "热点推荐",
    "精彩推荐",
    "为你推荐",
    "热读排行",
)
_ALL_HEADINGS = tuple(h for hs in BLOCK_HEADINGS.values() for h in hs)


def link_blocks(
    root: Element, base_url: str, kinds: tuple[str, ...] = ("related", "latest")
) -> dict[str, tuple[list[Link], Element | None]]:
    """kind -> (links, their container) of the first block whose heading names that kind.

    A block is what follows its heading, in the smallest ancestor that holds links after
    it, up to the next heading of any kind (an ``<h4>`` around each item's title is no
    heading) — so ``<li><a>``, ``<li><h4><a>`` with a teaser, ``<dl><dd><a>`` and bare
    ``<a>`` with a date all read the same.
    """
    found = heading_elements(root, _ALL_HEADINGS)
    stops = {id(el) for els in found.values() for el in els}
    out: dict[str, tuple[list[Link], Element | None]] = {}
    for kind in kinds:
        out[kind] = ([], None)
        for heading in BLOCK_HEADINGS[kind]:
            block = next((b for el in found[heading] if (b := _block_under(el, base_url, stops))[0]), None)
            if block:
                out[kind] = block
                break
    return out


def other_blocks(root: Element, base_url: str) -> list[Link]:
    """The links of every block headed by one of ``OTHER_HEADINGS``, each with its heading."""
    found = heading_elements(root, (*_ALL_HEADINGS, *OTHER_HEADINGS))
    stops = {id(el) for els in found.values() for el in els}
    out: list[Link] = []
    for heading in OTHER_HEADINGS:
        for el in found[heading]:
            links, _ = _block_under(el, base_url, stops)
            out += [Link(link.url, link.title, heading) for link in links]
    return out


def _block_under(el: Element, base_url: str, stops: set[int]) -> tuple[list[Link], Element | None]:
    node = el
    for _ in range(4):
        anchors = _anchors_after(node, el, stops)
        if anchors:
            return links_from_anchors(anchors, base_url), node
        parent = node.getparent()
        if parent is None:
            break
        node = parent
    return [], None


def heading_elements(root: Element, headings: tuple[str, ...]) -> dict[str, list]:
    """heading -> the elements whose whole text is that heading, in page order.

    Text nodes that start like one of the headings are found in C first (a heading's
    text is its element's own); only their elements are read in Python.
    """
    found: dict[str, list] = {h: [] for h in headings}
    for text in _heading_texts(tuple(sorted({h[:2] for h in headings})))(root):
        if text.is_tail:
            continue
        el = text.getparent()
        if el.tag not in _HEADING_SET or len(el) > 2:
            continue
        whole = text_of(el).rstrip("::>》 ")  # noqa: B005 - a set of trailing marks
        if whole in found:
            found[whole].append(el)
    return found


_HEADING_SET = frozenset(HEADING_TAGS)


@lru_cache(maxsize=16)
def _heading_texts(prefixes: tuple[str, ...]) -> etree.XPath:
    # contains(), not starts-with(normalize-space()): no string is built per text node.
    test = " or ".join(f"contains(., '{p}')" for p in prefixes)
    return etree.XPath(f"//text()[{test}]")


def _anchors_after(container: Element, heading_el: Element, stops: set[int]) -> list:
    """Anchors following ``heading_el`` inside ``container`` until another block's heading."""
    anchors = []
    started = container is heading_el
    for el in container.iter():
        if el is heading_el:
            started = True
            continue
        if not started or not isinstance(el.tag, str):
            continue
        if anchors and (id(el) in stops or (el.tag in _H_TAGS and next(el.iter("a"), None) is None)):
            break
        if el.tag == "a" and el.get("href") and not _inside(el, heading_el):
            anchors.append(el)
    return anchors


_H_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _inside(el: Element, heading_el: Element) -> bool:
    return any(anc is heading_el for anc in el.iterancestors())
