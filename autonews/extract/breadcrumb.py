"""The channel a page's breadcrumb trail names (``首页 > 国内车市 > 标题``).

A trail is found by what it says or by its shape, never by one template's markup:

- a label, ``您的位置:`` or ``当前位置:``, in front of the links;
- a home link followed by links with separators between them (``>``, ``›``, ``»``,
  ``/``, ``→``), with or without a label or a telling class;
- a container whose class, id or ``aria-label`` says breadcrumb, or schema.org's
  ``BreadcrumbList``, where CSS draws the separators.

A navigation menu is a home link and channel links too, but with nothing between
them, so it never reads as a trail.  The channel is the last link in the trail that
points at a folder of the site (``/guoneicheshi/``, ``/html/shichang/``): its last
segment, when that is a word.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.etree import _Element as Element

from autonews.crawling.shapes import folder_slug

_LABEL = re.compile(r"^\s*(?:您的位置|当前位置|所在位置|位置)\s*[:：]")
_LABEL_TEXT = etree.XPath("//text()[contains(., '位置')]")
_HINTED = etree.XPath(
    "//*[contains(@class,'crumb') or contains(@class,'bread') or contains(@id,'crumb')"
    " or contains(@id,'bread') or contains(@aria-label,'readcrumb') or contains(@itemtype,'BreadcrumbList')]"
)
_HOME_PATHS = frozenset({"/", "/index.html", "/index.htm", "/index.shtml", "/index.php", "/default.htm"})
# Not "|": menus put it between their entries.
_SEPARATORS = re.compile(r"^[\s>›»/→》＞]*[>›»/→》＞][\s>›»/→》＞]*$")
MAX_TRAIL_LINKS = 5  # home and a few levels; a menu has more


def breadcrumb_channel(root: Element, url: str, skip: frozenset[str] = frozenset()) -> str | None:
    """The channel slug the page's breadcrumb names, or None.  ``skip``: folders that are
    not channels (search, tags)."""
    host = urlsplit(url).hostname
    for el in _labelled_trails(root):
        if slug := _channel_of(el, url, host, skip):
            return slug
    for el in _HINTED(root):
        if slug := _channel_of(el, url, host, skip):
            return slug
    for el in _shaped_trails(root, url, host):
        if slug := _channel_of(el, url, host, skip):
            return slug
    return None


def _labelled_trails(root: Element) -> list[Element]:
    found = []
    for text in _LABEL_TEXT(root):
        if not _LABEL.match(text):
            continue
        owner = text.getparent()
        el = owner.getparent() if text.is_tail else owner
        for _ in range(3):  # the label's own element, or the trail around it
            if el is None:
                break
            if el.find(".//a") is not None:
                found.append(el)
                break
            el = el.getparent()
    return found


def _shaped_trails(root: Element, url: str, host: str | None) -> list[Element]:
    """Containers that start with a home link and separate their links with arrows."""
    found = []
    for a in root.iter("a"):
        if not _is_home(a, url, host):
            continue
        el = a.getparent()
        # <li><a>首页</a></li> inside the trail's list: climb to the list.
        while (
            el is not None and len(el.findall(".//a")) == 1 and el.tag in ("li", "span", "em", "b", "strong")
        ):
            el = el.getparent()
        if el is not None and el.find(".//a") is a and _separated(el):
            found.append(el)
    return found


def _is_home(a: Element, url: str, host: str | None) -> bool:
    parts = urlsplit(urljoin(url, a.get("href") or ""))
    return parts.hostname == host and (parts.path or "/") in _HOME_PATHS and not parts.query


def _separated(el: Element) -> bool:
    links = el.findall(".//a")
    if not 2 <= len(links) <= MAX_TRAIL_LINKS:
        return False
    # Between consecutive links only separators: the text after each link but the last.
    for a in links[:-1]:
        between = a.tail or ""
        if not _SEPARATORS.match(between):
            return False
    return True


def _channel_of(el: Element, url: str, host: str | None, skip: frozenset[str]) -> str | None:
    slugs = []
    for a in el.iter("a"):
        parts = urlsplit(urljoin(url, a.get("href") or ""))
        if parts.hostname != host or parts.query:
            continue
        slug = folder_slug(parts.path)
        if slug and slug not in skip:
            slugs.append(slug)
    return slugs[-1] if slugs else None
