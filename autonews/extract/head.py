"""The article head by meaning: title, time, 来源, 作者 and 编辑.

Two readers share the label vocabulary below.  A site profile's pages go through
``find_title`` and ``head_text`` (the text after the title, read with the
``*_RE`` patterns); pages of no known layout through ``extract_title`` and
``extract_byline`` (the generic reader's byline zone, more labels and 记者 forms).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from autonews.extract.dom import Element, text_content, text_of
from autonews.text.normalize import normalize_inline

# Labels of the publication a story came from, and of its editor: never the author.
SOURCE_LABELS = ("来源", "来自", "稿源", "出处", "信息来源")
EDITOR_LABELS = ("责任编辑", "责编", "编辑", "编审")

_LABEL_STOP = r"(?=\s|$|[|/|,,;;]|来源|来自|作者|编辑|责任编辑|发布|时间|日期|点击|浏览|阅读)"
SOURCE_RE = re.compile(rf"(?:{'|'.join(SOURCE_LABELS)})\s*[:：]\s*(\S{{1,30}}?)" + _LABEL_STOP)
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


# Separators between an article title and the channel/site names CMSs append to <title>.
# "——" is a Chinese subtitle dash, not a separator; a bare "-" only before a short last part.
_TITLE_SEP = re.compile(r"\s*(?:_|\||｜|--|(?<!—)—(?!—)|–|－|::|»|\s-\s|-(?=[^-\s]{2,8}$))\s*")
_DOMAIN = re.compile(r"^[\w.-]+\.(?:com|cn|net|org)\b", re.I)
_SITE_WORD = re.compile(
    r"网|报|频道|新闻|在线|资讯|门户|社区|论坛|博客|官网|中心|汽车|\.com|\.cn|\bnews\b", re.I
)


def _text(el: Element) -> str:
    return normalize_inline(text_content(el)) or ""


def _is_site_part(part: str, site_name: str | None) -> bool:
    if site_name and (part in site_name or site_name in part):
        return True
    return len(part) <= 16 and bool(_SITE_WORD.search(part) or len(part) <= 4)


def _strip_site(title: str, site_name: str | None) -> str:
    """Drop '_频道_站名' suffixes and '站名--频道--' prefixes: short parts naming a site or
    channel around the longest part (the headline) are chrome."""
    parts = [p for p in _TITLE_SEP.split(title) if p]
    if len(parts) < 2:
        return title.strip()
    main = max(range(len(parts)), key=lambda i: len(parts[i]))
    if len(parts[main]) < 6 or _DOMAIN.match(parts[main]):
        return title.strip()
    lo, hi = 0, len(parts)
    while lo < main and _is_site_part(parts[lo], site_name):
        lo += 1
    while hi - 1 > main and _is_site_part(parts[hi - 1], site_name):
        hi -= 1
    if lo == 0 and hi == len(parts):
        return title.strip()
    # Keep the headline's own separators (a subtitle after "——" stays).
    seps = list(_TITLE_SEP.finditer(title))
    start = seps[lo - 1].end() if lo else 0
    stop = seps[hi - 1].start() if hi < len(parts) else len(title)
    return title[start:stop].strip()


def _meta(root: Element, *keys: str) -> str | None:
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        if key in keys and el.get("content"):
            return normalize_inline(el.get("content"))
    return None


def extract_title(root: Element) -> str | None:
    """An <h1>/<h2> that the <title> or og:title starts with wins (it is the article's own
    heading); else og:title, else <title>, with site-name suffixes stripped."""
    title_el = root.find(".//title")
    page_title = normalize_inline(text_content(title_el)) if title_el is not None else None
    og = _meta(root, "og:title", "twitter:title")
    site = _meta(root, "og:site_name", "application-name")
    refs = [t for t in (og, page_title) if t]
    best: tuple[bool, int, str] | None = None
    for tag in ("h1", "h2", "h3"):
        for el in root.iter(tag):
            text = _text(el)
            if 4 <= len(text) <= 100 and any(text in ref for ref in refs):
                # A heading that starts the <title> is the headline; one found later in
                # it is usually the site name ("<h1>松花江网</h1>").
                cand = (any(ref.startswith(text) for ref in refs), len(text), text)
                best = max(best, cand) if best else cand
    if best and (best[0] or best[1] * 2 >= len(_strip_site(refs[0], site))):
        return best[2]
    # An <h1> that shares no text with <title> is often the site logo; accept it only
    # when the page has no usable <title>.
    for ref in refs:
        stripped = _strip_site(ref, site)
        if stripped:
            return stripped
    for el in root.iter("h1"):
        text = _text(el)
        if 4 <= len(text) <= 100:
            return text
    return None


_LABELS = "|".join((*SOURCE_LABELS, "作者", "文", "撰文", "记者", "本报记者", "通讯员", *EDITOR_LABELS))
_NAME_CHARS = r"[^\s:：|｜/【】\[\]()（），,。;；“”\"=<>]"
# A label counts only at the start of a line or after a space/bracket, so "论文：" or
# "…的作者：" inside a sentence are not bylines.
_FIELD = re.compile(
    rf"(?:^|(?<=[\s(（【\[|｜,，;；]))(?P<label>{_LABELS})\s*[:：/]\s*"
    rf"(?P<value>{_NAME_CHARS}{{1,20}}(?:\s(?!(?:{_LABELS})\s*[:：/]){_NAME_CHARS}{{1,6}}){{0,4}})"
)
# "记者 张三" / "（记者：张三）": a space or colon must follow 记者 and the name must end
# the phrase, so "记者从…获悉" or "本报记者在广汽…了解到" yield no name.
_REPORTER = re.compile(
    r"(?:本报|新华社|本台|总台)?记者(?:\s+|[:：])(?P<value>[\u4e00-\u9fff]{2,4}(?:[ 、][\u4e00-\u9fff]{2,4}){0,4})"
    r"(?=$|[\s)）】\]，,。;；/])"
)
_STOP = re.compile(rf"\s*(?:(?:{_LABELS})\s*[:：]|发布|时间|日期|点击|阅读|浏览|\d{{4}}[-/年]).*$")
_NOT_NAME = re.compile(r"[=<>{}]|https?:|www\.")


@dataclass(slots=True)
class Byline:
    author: str | None = None
    source: str | None = None
    editor: str | None = None


# Spans such as <span>来源:甲</span>&nbsp;<span>作者:乙</span> lose the &nbsp; padding to
# normalisation, gluing the fields ("来源:甲作者:乙"); re-split a line that is already a byline.
_GLUED_LABEL = re.compile(r"(?<=\S)(?=(?:来源|来自|稿源|作者|责任编辑|责编|编辑)\s*[:：])")


def _clean(value: str) -> str | None:
    value = _STOP.sub("", value).strip(" ，,。;；、-—·")
    return value or None


def extract_byline(lines: list[str], root: Element) -> Byline:
    """Labelled fields from the byline zone lines (above and just below the body).
    来源 (the publication a story came from) is never taken as the author."""
    out = Byline()
    for line in lines:
        if len(line) > 160:
            continue
        if _FIELD.search(line):
            line = _GLUED_LABEL.sub(" ", line)
        for m in _FIELD.finditer(line):
            label, value = m["label"], _clean(m["value"])
            if not value or (label not in SOURCE_LABELS and len(value) > 24):
                continue
            if label in SOURCE_LABELS:
                out.source = out.source or value
            elif label in EDITOR_LABELS:
                out.editor = out.editor or value
            else:
                out.author = out.author or value
        if out.author is None:
            m = _REPORTER.search(line)
            if m:
                out.author = _clean(m["value"])
    if out.author is None:
        meta_author = _meta(root, "author", "article:author", "dc.creator")
        if (
            meta_author
            and len(meta_author) <= 30
            and not _NOT_NAME.search(meta_author)
            and meta_author != out.source
        ):
            out.author = meta_author
    return out
