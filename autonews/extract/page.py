"""One article page in, its fields out: site selectors first, meaning second.

The page is decoded and parsed once.  A site layout's selectors are the fast
path; every field they miss is found by meaning (head text near the title,
headings of link blocks), and a page whose body the selectors cannot find goes
through the generic extractor, recorded in ``extractor``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from lxml import etree

from autonews.clean import COMMON_RULES, FurnitureRules, clean_lines
from autonews.dates import SITE_TZ, date_from_url, parse_published
from autonews.decoding import Decoded, decode_html
from autonews.extract.dom import Element, block_paragraphs, parse_html, text_of
from autonews.extract.head import (
    AUTHOR_RE,
    EDITOR_RE,
    SOURCE_RE,
    date_near,
    find_title,
    head_text,
    label_value,
    strip_label,
)
from autonews.extract.links import heading_elements, links_from_anchors, links_under_heading
from autonews.items import Link
from autonews.sites.base import SiteProfile
from autonews.textnorm import normalize_inline

RELATED_HEADING = "相关阅读"
_NEXT_PREFILTER = "//a[@href][contains(., '{}')]"
# An <a>'s text is a stretch of the page's text: no label in the page, no link bearing it.
# Most pages are last pages, and this is half the prefilter's cost.
_PAGE_HAS_TEXT = "contains(string(/), '{}')"
LATEST_HEADING = "最新内容"


@dataclass(slots=True)
class PageFields:
    url: str
    title: str | None = None
    published_at: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)
    latest: list[Link] = field(default_factory=list)
    next_page: str | None = None
    canonical_url: str | None = None
    extractor: str = "generic"
    encoding: str = "utf-8"
    mojibake: bool = False


def parse_page(body: bytes, content_type: str | None = None) -> tuple[Decoded, Element]:
    """The page decoded (header charset, then <meta>, then detection) and parsed once."""
    decoded = decode_html(body, content_type)
    return decoded, parse_html(decoded.text)


def read_page(
    body: bytes,
    url: str,
    *,
    now: datetime,
    content_type: str | None = None,
    site: type[SiteProfile] | None = None,
    force_generic: bool = False,
) -> PageFields:
    """Decode, parse once and read one article page."""
    decoded, root = parse_page(body, content_type)
    fields = read_tree(root, url, now=now, site=site, force_generic=force_generic)
    fields.encoding = decoded.encoding
    fields.mojibake = decoded.mojibake
    return fields


def read_tree(
    root: Element,
    url: str,
    *,
    now: datetime,
    site: type[SiteProfile] | None = None,
    force_generic: bool = False,
) -> PageFields:
    tz: ZoneInfo = site.tz if site else SITE_TZ
    rules: FurnitureRules = _site_rules(site) if site else COMMON_RULES
    url_date = date_from_url(url)
    out = PageFields(url=url)
    out.canonical_url = _canonical(root, url)
    sel = _Selectors(root)
    layout, detected = (None, []) if (site is None or force_generic) else _detect_layout(sel, site)
    out.related, out.latest = _link_blocks(sel, url, layout)
    if layout is not None:
        suffixes = getattr(site, "TITLE_SUFFIXES", ())
        # A layout whose DETECT selector is its BODY selector has already found the body.
        body_el = detected[0] if layout.BODY == layout.DETECT else sel.first(layout.BODY)
        _read_with_layout(sel, layout, out, body_el, now=now, url_date=url_date, tz=tz, suffixes=suffixes)
        out.next_page = sel.first_attr(layout.NEXT_PAGE, url)
        out.paragraphs = clean_lines(out.paragraphs, rules)
        if out.paragraphs:
            out.extractor = f"site:{site.name}:{layout.name}"
    if not out.next_page and site is not None:
        out.next_page = _next_article_page(root, url, site)
    if out.extractor == "generic":
        _read_generic(root, url, out, now=now, rules=rules, site=site)
    if out.published_at is None and url_date is not None and site is not None:
        # The site puts the publish day in its article URLs: weaker than a time on the
        # page, better than nothing.
        out.published_at = url_date.isoformat()
    return out


@lru_cache(maxsize=32)
def _site_rules(site: type[SiteProfile]) -> FurnitureRules:
    # The site's rules merged with the common ones: built (and compiled) once per site,
    # not once per page.
    return site.rules()


@lru_cache(maxsize=256)
def _compiled(expr: str) -> etree.XPath:
    # Layout selectors are class constants: compile each once, not once per page.
    return etree.XPath(expr)


def _xpath(root, expr: str) -> list:
    return _compiled(expr)(root)


# A layout selector ``//tag[contains(@class,'name')]`` with nothing after it or a
# descendant path (``//span[…]``, ``//li/a[@href]``, ``//a[…]/@href``) and no union, axis
# or parent step: answered from one pass over the page's elements that have a class.
_CLASS_STEP = re.compile(r"//([a-z][a-z0-9]*)\[contains\(@class,\s*'([^']+)'\)\](//.*)?")
_PLAIN_PATH_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-/@*()")


@lru_cache(maxsize=256)
def _class_step(expr: str) -> tuple[str, str, str] | None:
    m = _CLASS_STEP.fullmatch(expr)
    if m is None:
        return None
    rest = m[3] or ""
    depth, quote = 0, None
    for ch in rest:  # outside predicates and strings only a plain path is allowed
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif depth == 0 and ch not in _PLAIN_PATH_CHARS:
            return None
    return (m[1], m[2], rest) if depth == 0 and quote is None else None


class _Selectors:
    """A page's layout selectors, each an XPath over the whole page (~15 µs a walk).

    The layouts' ``//div[contains(@class,'x')]…`` selectors (eight per article page)
    share one walk that collects the elements with a class; each then filters that
    list and runs its remaining path inside the matching elements only.  Results are
    the XPath's: in document order, without duplicates (a match nested inside an
    earlier one finds a subset of what the outer one found, so it is skipped).
    Anything else is evaluated as the XPath it is.
    """

    __slots__ = ("root", "_classed")

    def __init__(self, root: Element) -> None:
        self.root = root
        self._classed: list[tuple[str, str, Element]] | None = None

    def __call__(self, expr: str) -> list:
        step = _class_step(expr)
        if step is None:
            return _xpath(self.root, expr)
        tag, name, rest = step
        if self._classed is None:
            self._classed = [(el.tag, el.get("class"), el) for el in _xpath(self.root, "//*[@class]")]
        hits = [el for t, cls, el in self._classed if t == tag and name in cls]
        if not rest:
            return hits
        path, found, outer = _compiled("." + rest), [], None
        for el in hits:
            if outer is not None and any(a is outer for a in el.iterancestors()):
                continue
            outer = el
            found.extend(path(el))
        return found

    def first(self, expr: str):
        found = self(expr)
        return found[0] if found else None

    def first_attr(self, expr: str, base: str) -> str | None:
        found = self(expr)
        return urljoin(base, str(found[0]).strip()) if found else None


def _detect_layout(sel: _Selectors, site: type[SiteProfile]) -> tuple[type | None, list]:
    """The first layout whose DETECT selector matches, with what it matched."""
    for layout in getattr(site, "LAYOUTS", ()):
        found = sel(layout.DETECT)
        if found:
            return layout, found
    return None, []


def _read_with_layout(sel, layout, out: PageFields, body_el, *, now, url_date, tz, suffixes) -> None:
    title_el = sel.first(layout.TITLE)
    title_text = text_of(title_el)
    if title_text:
        out.title = title_text
    else:
        out.title, title_el = find_title(sel.root, suffixes)
    head = head_text(title_el, body_el)
    time_el = sel.first(layout.TIME)
    time_text = text_of(time_el)
    if time_text:
        out.published_at = parse_published(time_text, now=now, url_date=url_date, tz=tz)
    if out.published_at is None:
        out.published_at = date_near(head, now=now, url_date=url_date, tz=tz)
    source_el, author_el = sel.first(layout.SOURCE), sel.first(layout.AUTHOR)
    out.source = strip_label(text_of(source_el)) if source_el is not None else label_value(head, SOURCE_RE)
    out.author = strip_label(text_of(author_el)) if author_el is not None else label_value(head, AUTHOR_RE)
    out.editor = label_value(head, EDITOR_RE)
    out.paragraphs = block_paragraphs(body_el) if body_el is not None else []
    out.title = normalize_inline(out.title)


def _read_generic(root, url, out: PageFields, *, now, rules, site) -> None:
    # Imported here: the generic extractor is the heavier path and most pages never need it.
    from autonews.extract.generic import extract_generic

    result = extract_generic(root, url, now=now)
    out.paragraphs = clean_lines(result.paragraphs, rules)
    out.title = out.title or result.title
    if site is not None and out.title:
        for suffix in getattr(site, "TITLE_SUFFIXES", ()):
            out.title = out.title.removesuffix(suffix)
    out.published_at = out.published_at or result.published_at
    out.source = out.source or result.source
    out.author = out.author or result.author
    out.editor = out.editor or result.editor


def _link_blocks(sel, url, layout) -> tuple[list[Link], list[Link]]:
    related = latest = None
    if layout is not None:
        related = links_from_anchors(sel(layout.RELATED), url)
        latest = links_from_anchors(sel(layout.LATEST), url)
    if related and latest:
        return related, latest
    wanted = tuple(h for h, have in ((RELATED_HEADING, related), (LATEST_HEADING, latest)) if not have)
    by_heading = heading_elements(sel.root, wanted)
    related = related or links_under_heading(sel.root, RELATED_HEADING, url, by_heading[RELATED_HEADING])
    latest = latest or links_under_heading(sel.root, LATEST_HEADING, url, by_heading[LATEST_HEADING])
    return related, latest


def _next_article_page(root, url: str, site: type[SiteProfile]) -> str | None:
    """A 下一页 link to a later page of the same article, found by its text and URL."""
    ref = site.article_ref(url)
    if ref is None or not _xpath(root, _PAGE_HAS_TEXT.format(site.NEXT_PAGE_TEXT)):
        return None
    # contains() is a cheap prefilter (any <a> whose text_of is the label contains it);
    # the exact test below decides, as before.
    for a in _xpath(root, _NEXT_PREFILTER.format(site.NEXT_PAGE_TEXT)):
        if text_of(a) != site.NEXT_PAGE_TEXT or not a.get("href"):
            continue
        target = urljoin(url, a.get("href"))
        tref = site.article_ref(target)
        if tref is not None and tref.key == ref.key and tref.page > ref.page:
            return target
    return None


def _canonical(root, url: str) -> str | None:
    hrefs = _xpath(root, "//link[@rel='canonical']/@href")
    return urljoin(url, hrefs[0].strip()) if hrefs and hrefs[0].strip() else None
