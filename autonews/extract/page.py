"""One article page in, its fields out: site selectors first, meaning second.

The page is decoded and parsed once.  A site layout's selectors are the fast
path; every field they miss is found by meaning (head text near the title,
headings of link blocks), and a page whose body the selectors cannot find goes
through the generic extractor, recorded in ``extractor``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from lxml import etree

from autonews.dates.limits import SITE_TZ
from autonews.dates.text import iter_dates
from autonews.dates.url import date_from_url
from autonews.extract.breadcrumb import breadcrumb_channel
from autonews.extract.dom import Element, block_paragraphs, parse_html, parse_utf8, text_of
from autonews.extract.head import (
    AUTHOR_RE,
    EDITOR_RE,
    SOURCE_RE,
    find_title,
    head_text,
    label_value,
    strip_label,
)
from autonews.extract.learned import Layout, learned_layout
from autonews.extract.links import OTHER_HEADINGS, link_blocks, links_from_anchors, other_blocks
from autonews.extract.pagination import document_of, next_page, page_number
from autonews.items import ArticleFields, Link
from autonews.sites.base import SiteProfile
from autonews.text.clean import COMMON_RULES, FurnitureRules, clean_lines
from autonews.text.decoding import Decoded, decode_html
from autonews.text.normalize import normalize_inline

MIN_ARTICLE_CHARS = 30


@dataclass(slots=True, kw_only=True)
class PageFields(ArticleFields):
    """What one page holds; the stitching (``extract.stitch``) makes items of them."""

    url: str
    next_page: str | None = None
    extractor: str = "generic"
    encoding: str = "utf-8"
    channel: str | None = None  # the channel slug the breadcrumb links to
    signature: Layout | None = None  # read by meaning: the selectors that would find the same

    def is_article(self) -> bool:
        """Reads as an article: a title, a publish time and a body of real text."""
        chars = sum(len(p) for p in self.paragraphs)
        return bool(self.title) and self.published_at is not None and chars >= MIN_ARTICLE_CHARS


def parse_page(body: bytes, content_type: str | None = None) -> tuple[Decoded, Element]:
    """The page decoded (header charset, then <meta>, then detection) and parsed once."""
    decoded = decode_html(body, content_type)
    if decoded.encoding == "utf-8" and decoded.source != "bom" and "\ufffd" not in decoded.text:
        # Valid UTF-8 without a BOM (no replacement character came out): the bytes parse
        # to the same tree as the text, for less.
        return decoded, parse_utf8(body, decoded.text)
    return decoded, parse_html(decoded.text)


def read_page(
    body: bytes,
    url: str,
    *,
    now: datetime,
    content_type: str | None = None,
    site: type[SiteProfile] | None = None,
    force_generic: bool = False,
    hint: date | None = None,
    learned: Sequence[Layout] = (),
    rules: FurnitureRules | None = None,
) -> PageFields:
    """Decode, parse once and read one article page.

    ``hint``: the day a listing, sitemap or feed gave for this page, the year of a
    yearless time when neither the URL nor the page carries one.
    """
    decoded, root = parse_page(body, content_type)
    return read_decoded(
        decoded, root, url, now=now, site=site, force_generic=force_generic, hint=hint, learned=learned,
        rules=rules,
    )  # fmt: skip


def read_decoded(decoded: Decoded, root: Element, url: str, **kwargs: Any) -> PageFields:
    """``read_page`` on a page already decoded and parsed (``parse_page``)."""
    fields = read_tree(root, url, html=decoded.text, **kwargs)
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
    hint: date | None = None,
    learned: Sequence[Layout] = (),
    html: str | None = None,
    rules: FurnitureRules | None = None,
) -> PageFields:
    """``learned``: layouts the crawl learned from the site's own pages (``extract.learned``).
    ``html``: the decoded page, when the caller has it (cheap substring tests).
    ``rules``: furniture rules in place of the site's own (with what was learned of it)."""
    tz: ZoneInfo = site.tz if site else SITE_TZ
    if rules is None:
        rules = _site_rules(site) if site else COMMON_RULES
    url_date = site.url_date(url) if site else date_from_url(url)
    out = PageFields(url=url)
    out.canonical_url = _canonical(root, url)
    # The year of a yearless time: the URL's day, the page's own full date, then the
    # listing's or sitemap's day for this page; only then the crawl's date.
    dates = _HeadDates(now, tz, url_date, hint, root)
    sel = _Selectors(root)
    layout, detected = (None, []) if (site is None or force_generic) else _detect_layout(sel, site, learned)
    out.related, out.latest, blocks = _link_blocks(sel, url, layout)
    if html is None or any(h in html for h in OTHER_HEADINGS):  # a substring test spares the scan
        out.other = other_blocks(root, url)
    ref = site.article_ref(url) if site is not None else None
    if site is not None and (ref is None or ref.channel is None):
        out.channel = breadcrumb_channel(root, url, site.NON_NEWS_SECTIONS)  # the URL does not say
    if layout is not None:
        suffixes = site.TITLE_SUFFIXES
        # A layout whose DETECT selector is its BODY selector has already found the body.
        body_el = detected[0] if layout.BODY == layout.DETECT else sel.first(layout.BODY)
        _read_with_layout(sel, layout, out, body_el, dates=dates, suffixes=suffixes)
        out.next_page = sel.first_attr(layout.NEXT_PAGE, url)
        out.paragraphs = clean_lines(out.paragraphs, rules)
        if out.paragraphs:
            if isinstance(layout, Layout):
                out.extractor, out.signature = "learned", layout
            else:
                out.extractor = f"site:{site.name}:{layout.name}"
    if not out.next_page and site is not None:
        out.next_page = _next_article_page(root, url, html)
    if out.extractor == "generic":
        container = _read_generic(root, url, out, now=now, rules=rules, site=site, dates=dates, blocks=blocks)
        if site is not None:
            out.signature = learned_layout(root, container, blocks, out)
    if out.published_at is None and url_date is not None and site is not None:
        # The site puts the publish day in its article URLs: weaker than a time on the
        # page, better than nothing.
        out.published_at = url_date.isoformat()
    out.year_guessed = dates.guessed and out.published_at == dates.last
    return out


class _HeadDates:
    """Reads the head's time.  A yearless one takes the year of the URL's day, else of
    the page's own full date (read only then), else of the listing's or sitemap's day;
    only then the crawl's, which ``guessed`` records."""

    __slots__ = ("now", "tz", "url_date", "hint", "root", "guessed", "last")

    def __init__(
        self, now: datetime, tz: ZoneInfo, url_date: date | None, hint: date | None, root: Element
    ) -> None:
        self.now, self.tz, self.url_date, self.hint, self.root = now, tz, url_date, hint, root
        self.guessed = False
        self.last: str | None = None

    def _first(self, text: str, reference: date | None):
        return next(iter_dates(text, now=self.now, url_date=reference, tz=self.tz), None)

    def read(self, text: str) -> str | None:
        hit = self._first(text, self.url_date or self.hint)
        if hit is None:
            return None
        if not hit.has_year and not hit.relative and self.url_date is None:
            page_day = _structured_day(self.root, self.now)
            if page_day is not None:
                hit = self._first(text, page_day) or hit
            self.guessed = page_day is None and self.hint is None
        self.last = hit.iso
        return hit.iso


def _structured_day(root: Element, now: datetime) -> date | None:
    """The page's own full publish date in its markup (JSON-LD, meta, <time>), if any."""
    from autonews.extract.generic.published import structured_date

    iso = structured_date(root, now)
    return date.fromisoformat(iso[:10]) if iso else None


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


# ``/descendant::x`` selects what ``//x`` does, in the same order, from any context node;
# libxml2 answers ``//x`` by first gathering every node (text nodes too) for a
# ``child::x`` step, which takes half again as long on an article page.
_CLASSED = etree.XPath("/descendant::*[@class]")
_CANONICAL = etree.XPath("/descendant::link[@rel='canonical']/@href")


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
            self._classed = [(el.tag, el.get("class"), el) for el in _CLASSED(self.root)]
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

    def first(self, expr: str | None):
        found = self(expr) if expr else None
        return found[0] if found else None

    def first_attr(self, expr: str | None, base: str) -> str | None:
        found = self(expr) if expr else None
        return urljoin(base, str(found[0]).strip()) if found else None


def _detect_layout(
    sel: _Selectors, site: type[SiteProfile], learned: Sequence[Layout] = ()
) -> tuple[Any, list]:
    """The first layout whose DETECT selector matches, with what it matched: the
    profile's, then those learned from the site's pages in this crawl."""
    for layout in (*site.LAYOUTS, *learned):
        found = sel(layout.DETECT)
        if found:
            return layout, found
    return None, []


def _read_with_layout(sel, layout, out: PageFields, body_el, *, dates: _HeadDates, suffixes) -> None:
    title_el = sel.first(layout.TITLE)
    title_text = text_of(title_el)
    if title_text:
        out.title = title_text
    else:
        out.title, title_el = find_title(sel.root, suffixes)
    head = head_text(title_el, body_el)
    time_text = text_of(sel.first(layout.TIME))
    if time_text:
        out.published_at = dates.read(time_text)
    if out.published_at is None:
        out.published_at = dates.read(head)
    source_el, author_el = sel.first(layout.SOURCE), sel.first(layout.AUTHOR)
    out.source = strip_label(text_of(source_el)) if source_el is not None else label_value(head, SOURCE_RE)
    out.author = strip_label(text_of(author_el)) if author_el is not None else label_value(head, AUTHOR_RE)
    out.editor = label_value(head, EDITOR_RE)
    out.paragraphs = block_paragraphs(body_el) if body_el is not None else []
    out.title = normalize_inline(out.title)


def _read_generic(
    root, url, out: PageFields, *, now, rules, site, dates: _HeadDates, blocks
) -> Element | None:
    """Fill ``out`` by meaning; returns the body's container."""
    # Imported here: the generic extractor is the heavier path and most pages never need it.
    from autonews.extract.generic import extract_generic

    result = extract_generic(
        root,
        url,
        now=now,
        rules=rules if site is not None else None,
        link_blocks=[b for b in blocks if b is not None],
    )
    out.paragraphs = clean_lines(result.paragraphs, rules)
    out.title = out.title or result.title
    if site is not None and out.title:
        for suffix in site.TITLE_SUFFIXES:
            out.title = out.title.removesuffix(suffix)
    if site is not None:
        # A known site's head line (来自:… 作者:… 发布时间:…) sits between the title and
        # the body: its time beats any date in the body text, and a yearless one gets the
        # year of the URL, the page or the listing.
        head = " ".join(result.head_lines)
        out.published_at = out.published_at or dates.read(head)
        out.source = out.source or label_value(head, SOURCE_RE)
        out.author = out.author or label_value(head, AUTHOR_RE)
        out.editor = out.editor or label_value(head, EDITOR_RE)
    out.published_at = out.published_at or result.published_at
    out.source = out.source or result.source
    out.author = out.author or result.author
    out.editor = out.editor or result.editor
    return result.container


def _link_blocks(sel, url, layout) -> tuple[list[Link], list[Link], tuple[Element | None, Element | None]]:
    """Related and latest links, by the layout's selectors, else by their headings; and,
    for the latter, the blocks' containers (what a learned layout can select next time)."""
    related = latest = None
    if layout is not None:
        related = links_from_anchors(sel(layout.RELATED), url) if layout.RELATED else None
        latest = links_from_anchors(sel(layout.LATEST), url) if layout.LATEST else None
    if related and latest:
        return related, latest, (None, None)
    wanted = tuple(k for k, have in (("related", related), ("latest", latest)) if not have)
    found = link_blocks(sel.root, url, wanted)
    rel, rel_el = found.get("related", ([], None))
    lat, lat_el = found.get("latest", ([], None))
    return related or rel, latest or lat, (rel_el, lat_el)


# Links to another page of this document: its file name followed by a page part.  A
# C-side check that most (single-page) articles fail, before any anchor is read.
_LINKS_TO_PAGES = etree.XPath(
    "//a[contains(@href, $under) or contains(@href, $dash) or contains(@href, 'page=')][1]"
)


def _next_article_page(root, url: str, html: str | None = None) -> str | None:
    """The link to the next page of the same article, found by its text (下一页, 下页, >)
    or, in a pager of numbers, by its number; the target must be a page of this URL."""
    here = document_of(url)
    stem = urlsplit(here).path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if not stem:
        return None
    under, dash = stem + "_", stem + "-"
    if html is not None and under not in html and dash not in html and "page=" not in html:
        return None  # the page's text names no other page of this document: most pages
    if not _LINKS_TO_PAGES(root, under=under, dash=dash):
        return None
    current = page_number(url)
    return next_page(root, url, lambda u: document_of(u) == here and page_number(u) > current, current)


def _canonical(root, url: str) -> str | None:
    hrefs = _CANONICAL(root)
    return urljoin(url, hrefs[0].strip()) if hrefs and hrefs[0].strip() else None
