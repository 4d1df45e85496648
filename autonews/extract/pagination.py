"""Pagination by meaning: the link to the next page of a listing or of an article.

A next-page link is one whose text says so (下一页, 下页, 后页, ``>``, ``»``, "Next"), or,
where a pager shows only numbers, the link whose number is the current page plus
one.  The caller says which targets can be a next page (same listing, same article).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

from autonews.extract.dom import Element, text_of
from autonews.extract.links import absolute_url

NEXT_TEXTS = frozenset(
    {
        "下一页",
        "下页",
        "后页",
        "后一页",
        "下一页>",
        "下一页>>",
        "下一页»",
        ">",
        ">>",
        "»",
        "›",
        "next",
        "nextpage",
        "next»",
        "next>",
    }
)
_NUMBER = re.compile(r"\[?(\d{1,4})\]?")
# Page p of a document adds _p or -p before the extension, or a page= / p= query.
_PAGE_SUFFIX = re.compile(r"[_-](\d{1,4})(?=\.[A-Za-z]{2,5}$)")
_PAGE_QUERY = frozenset({"page", "p", "pn", "pageno", "pagenum"})


# Pure functions of the URL, asked of every article page and of each pager target (the
# accept test of a next-page link): memoised, each was a urlsplit and a query parse.
@lru_cache(maxsize=4096)
def page_number(url: str) -> int:
    """The page number a URL carries (``_3.htm``, ``?page=3``), 1 when none."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query):
        if key.lower() in _PAGE_QUERY and value.isdigit():
            return int(value)
    m = _PAGE_SUFFIX.search(parts.path)
    return int(m[1]) if m else 1


@lru_cache(maxsize=4096)
def document_of(url: str) -> str:
    """The URL without its page part: the same for every page of one article."""
    parts = urlsplit(url)
    query = "&".join(
        f"{k}={v}" for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in _PAGE_QUERY
    )
    return parts._replace(path=_PAGE_SUFFIX.sub("", parts.path), query=query, fragment="").geturl()


_MAX_PAGER_TEXT = 10


def _pager_links(root: Element, base_url: str) -> list[tuple[str, str]]:
    """(text, absolute URL) of the links that can be pager entries, in page order.

    Cheap tests first: an anchor's own text is read before its subtree's, and long
    texts (headlines, most of a page's links) are skipped without normalising them.
    """
    out = []
    for a in root.iter("a"):
        raw = a.text if len(a) == 0 else text_of(a)
        if not raw and len(a):
            # An image button (<a><img alt="下一页"></a>) says it in its alt text.
            img = next(a.iter("img"), None)
            raw = img.get("alt") if img is not None else None
        if not raw or len(raw) > 3 * _MAX_PAGER_TEXT:
            continue
        text = "".join(raw.split()).lower()
        if (
            not text
            or len(text) > _MAX_PAGER_TEXT
            or (text not in NEXT_TEXTS and not _NUMBER.fullmatch(text))
        ):
            continue
        href = (a.get("href") or "").strip()
        if href and not href.startswith(("javascript:", "mailto:", "#")):
            out.append((text, absolute_url(base_url, href)))
    return out


def next_page(
    root: Element, url: str, accept: Callable[[str], bool], current: int | None = None
) -> str | None:
    """The next page's URL, or None.  ``accept(target)``: may this URL be a next page?"""
    links = _pager_links(root, url)
    if not links:
        return None
    here = current if current is not None else page_number(url)
    for text, target in links:
        if text in NEXT_TEXTS and target != url and accept(target):
            return target
    # A pager of numbers only: the link reading current + 1 (``accept`` keeps numbers
    # that link elsewhere out).
    for text, target in links:
        m = _NUMBER.fullmatch(text)
        if m and int(m[1]) == here + 1 and target != url and accept(target):
            return target
    return None
