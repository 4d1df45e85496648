"""The article head by meaning: title, time, 来源, 作者 near the title."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from lxml import etree

from autonews.dates.text import iter_dates
from autonews.extract.dom import Element, text_of

_LABEL_STOP = r"(?=\s|$|[|/|,,;;]|来源|来自|作者|编辑|责任编辑|发布|时间|日期|点击|浏览|阅读)"
SOURCE_RE = re.compile(r"(?:来源|来自|稿源)\s*[:：]\s*(\S{1,30}?)" + _LABEL_STOP)
AUTHOR_RE = re.compile(r"(?<!责任)(?<!责任 )作者\s*[:：]\s*(\S{1,20}?)" + _LABEL_STOP)
EDITOR_RE = re.compile(r"(?:责任编辑|责编|(?<![\u4e00-\u9fff])编辑)\s*[:：]\s*(\S{1,20}?)" + _LABEL_STOP)
# "-" only with spaces around it: 21.59-29.99万元 is not a separator.
_TITLE_SEPARATORS = re.compile(r"\s*[_|｜]\s*|\s+[-—–]\s+")


def label_value(text: str, pattern: re.Pattern[str]) -> str | None:
    """The value after a label such as ``来源:``, or the whole text when it has no label."""
    m = pattern.search(text)
    if m:
        return m.group(1).strip() or None
    return None


def strip_label(text: str) -> str | None:
    """``来源:新浪科技`` → ``新浪科技``; text without a label is returned trimmed."""
    value = re.sub(
        r"^\s*(?:来源|来自|出处|稿源|作者|责任编辑|编辑|发布时间|时间)\s*[:：]\s*", "", text
    ).strip()
    return value or None


def head_text(title_el: Element | None, body_el: Element | None = None, limit: int = 40) -> str:
    """Text that follows the title in document order, up to the body: where heads put
    time and source.  The body is excluded so a sentence such as 转载请注明出处 or a
    date inside the article is never read as the head."""
    if title_el is None:
        return ""
    parts = []
    for count, (text, owner) in enumerate(_following_text(title_el), start=1):
        if count > limit:
            break
        if body_el is not None and (owner is body_el or any(a is body_el for a in owner.iterancestors())):
            break
        parts.append(" ".join(text.split()))
    return " ".join(parts)[:400]


def _following_text(el: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """XPath ``following::text()`` of ``el`` in document order, lazily: (text, owner).

    The owner is the element whose ``.text`` or ``.tail`` the text is, as lxml's
    ``getparent()`` of an XPath text result.  The XPath this replaces
    (``following::text()[position() <= 40]``) walked the whole rest of the page on
    every article before taking 40 nodes; the head is a few nodes away.
    """
    node: etree._Element | None = el
    while node is not None:
        if node.tail is not None:
            yield node.tail, node
        sibling = node.getnext()
        while sibling is not None:
            yield from _texts_within(sibling)
            if sibling.tail is not None:
                yield sibling.tail, sibling
            sibling = sibling.getnext()
        node = node.getparent()


def _texts_within(el: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """Text nodes inside ``el`` (not its tail), in document order."""
    if not isinstance(el.tag, str):  # a comment or processing instruction holds no text node
        return
    if el.text is not None:
        yield el.text, el
    for child in el:
        yield from _texts_within(child)
        if child.tail is not None:
            yield child.tail, child


def date_near(text: str, *, now: datetime, url_date: date | None, tz: ZoneInfo) -> str | None:
    """The first date in the head text (a time of day beats a bare date at the same spot)."""
    for hit in iter_dates(text, now=now, url_date=url_date, tz=tz):
        return hit.iso
    return None


def find_title(root: Element, suffixes: Sequence[str] = ()) -> tuple[str | None, object]:
    """The article title and its element (None when it came from ``<title>``).

    Prefers an ``<h1>``/``<h2>`` whose text the ``<title>`` starts with (site titles
    are "article title + site name"), then the first ``<h1>``, then ``<title>``.
    """
    page_title = strip_title_suffix(text_of(root.find(".//title")), suffixes)
    headings = [(el, text_of(el)) for el in root.iter("h1", "h2")]
    headings = [(el, t) for el, t in headings if 4 <= len(t) <= 120]
    if page_title:
        for el, text in headings:
            if page_title.startswith(text) or text.startswith(page_title):
                return text, el
    for el, text in headings:
        if el.tag == "h1":
            return text, el
    if page_title:
        # No heading tag: the title stands in a <div class="title"> or a table cell.
        for el in root.iter("div", "p", "td", "span", "strong", "h3", "b"):
            own = (el.text or "").strip()
            if own and not page_title.startswith(own[:4]):
                continue
            if text_of(el) == page_title:
                return page_title, el
    return (page_title or None), None


def strip_title_suffix(title: str, suffixes: Sequence[str] = ()) -> str:
    title = title.strip()
    for suffix in suffixes:
        if title.endswith(suffix):
            return title[: -len(suffix)].strip()
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and len(parts[0]) >= 6:
        return parts[0]
    return title
