"""Title and byline fields (作者 / 来源 / 编辑) of a page, without site knowledge."""

from __future__ import annotations

import re
from dataclasses import dataclass

from autonews.extract.dom import Element, text_content
from autonews.text.normalize import normalize_inline

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


_LABELS = r"来源|来自|稿源|出处|信息来源|作者|文|撰文|记者|本报记者|通讯员|责任编辑|责编|编辑|编审"
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
_SOURCE_LABELS = {"来源", "来自", "稿源", "出处", "信息来源"}
_EDITOR_LABELS = {"责任编辑", "责编", "编辑", "编审"}


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
            if not value or (label not in _SOURCE_LABELS and len(value) > 24):
                continue
            if label in _SOURCE_LABELS:
                out.source = out.source or value
            elif label in _EDITOR_LABELS:
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
