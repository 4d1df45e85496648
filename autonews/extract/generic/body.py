"""Body detection: cut the DOM into text blocks, score containers, keep the article's blocks.

Why this shape: Chinese article paragraphs are punctuated prose (，。) that is not link
text, while chrome (menus, lists of other articles, footers) is link text or short
unpunctuated labels.  Summing a signed per-block value over every ancestor and taking
the best-scoring element finds the smallest container holding the prose without the
chrome; a block filter then drops the chrome left inside it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from autonews.crawling.shapes import looks_like_headline
from autonews.extract.dom import BLOCK_TAGS as DOM_BLOCK_TAGS
from autonews.extract.dom import Element
from autonews.extract.generic.boilerplate import (
    CHROME_ATTR,
    CUT_MARKERS,
    SKIP_TAGS,
    is_cut_line,
    is_drop_line,
)
from autonews.extract.generic.boilerplate_latin import is_latin, words
from autonews.text.clean import FurnitureRules
from autonews.text.normalize import normalize_paragraph

# The page's block elements (``dom.BLOCK_TAGS``) as the generic reader scores them: a
# <br> or <footer> does not end a scored block, and the document's own containers do.
BLOCK_TAGS = (DOM_BLOCK_TAGS - {"br", "footer"}) | {"thead", "main", "body", "html", "fieldset", "address"}
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_PUNCT = re.compile(r"[，。！？；：、,.!?;:“”\"]")
_SENTENCE_END = re.compile(r"[。！？!?…”」]")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass(slots=True)
class Block:
    text: str
    chars: int
    link_chars: int
    punct: int
    el: Element
    heading: bool
    value: float = 0.0  # block_value(), computed once
    prose: bool | None = None  # is_prose(), computed on first use (asked many times a block)
    up: frozenset[Element] | None = None  # the block's element and its ancestors (container_scores)

    @property
    def link_ratio(self) -> float:
        return self.link_chars / self.chars if self.chars else 1.0


# The block walk recurses once per element level and libxml2 (huge_tree) keeps trees up
# to 2048 deep; Python 3.11 recursion between Python functions uses no C stack.
sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))

_P_TEXT = etree.XPath(".//p//text()", smart_strings=False)
# A chrome-named element holding this share of the page's paragraph text is a layout
# wrapper ("content-with-sidebar", "l-side-margins", "padding-bottom"), not chrome.
WRAPPER_SHARE = 0.5


def _p_chars(el: Element) -> int:
    return sum(len(t.strip()) for t in _P_TEXT(el))


def _text_chars(el: Element) -> int:
    return sum(len(t.strip()) for t in el.itertext())


class _Page:
    """The page's text, to tell a layout wrapper named like chrome from real chrome."""

    __slots__ = ("top", "p_chars", "_all")

    def __init__(self, top: Element) -> None:
        self.top, self.p_chars, self._all = top, _p_chars(top), -1

    def held_mostly_by(self, el: Element) -> bool:
        """``el`` holds most of the page's paragraph text, or (for an article told in lists,
        tables and <br> lines rather than <p>) most of all its text."""
        if self.p_chars and _p_chars(el) > WRAPPER_SHARE * self.p_chars:
            return True
        if self._all < 0:
            self._all = _text_chars(self.top)
        return self._all > 0 and _text_chars(el) > WRAPPER_SHARE * self._all


def _skip(el: Element, tag: str, page: _Page | None) -> bool:
    """``page`` None: class names are not read (the tolerant second reading)."""
    if tag in SKIP_TAGS:
        return True
    style = el.get("style")
    if style and _HIDDEN.search(style):
        return True
    if page is not None and tag in BLOCK_TAGS and tag not in ("body", "html", "td", "tr", "table", "tbody"):
        cls, ident = el.get("class"), el.get("id")
        if (cls or ident) and _chrome_named(f"{cls or ''} {ident or ''}"):
            return not page.held_mostly_by(el)
    return False


# A site repeats the same class names on every element of a kind and on every page, so
# the regex verdict is remembered (bounded: cleared when it grows past the limit).
_CHROME_MEMO: dict[str, bool] = {}
_CHROME_MEMO_MAX = 50_000


def _chrome_named(attrs: str) -> bool:
    hit = _CHROME_MEMO.get(attrs)
    if hit is None:
        if len(_CHROME_MEMO) >= _CHROME_MEMO_MAX:
            _CHROME_MEMO.clear()
        hit = _CHROME_MEMO[attrs] = CHROME_ATTR.search(attrs) is not None
    return hit


def collect_blocks(root: Element, *, chrome_names: bool = True) -> list[Block]:
    """Text between block boundaries (block tags and <br>), in document order.

    ``chrome_names=False`` keeps subtrees whose class/id names chrome: for a page whose
    whole text sits under such a name and in no ``<p>`` (``<br>`` lines of old portals)."""
    blocks: list[Block] = []
    parts: list[str] = []
    link_len = [0]

    def flush(container: Element, heading: bool = False) -> None:
        if not parts:
            return
        joined = "".join(parts)
        parts.clear()
        links, link_len[0] = link_len[0], 0
        # Most flushes hold only the indentation between two tags: no block, no regex.
        text = "" if joined.isspace() else normalize_paragraph(joined)
        if text:
            chars = len(text) - text.count(" ")  # normalised: single ASCII spaces only
            b = Block(text, chars, min(links, chars), len(_PUNCT.findall(text)), container, heading)
            b.value = block_value(b)
            blocks.append(b)

    def add(text: str, in_link: bool) -> None:
        parts.append(text)
        if in_link:
            link_len[0] += len("".join(text.split()))

    def walk(el: Element, container: Element, in_link: bool) -> None:
        tag = el.tag
        if not isinstance(tag, str):  # comment / processing instruction: only its tail is text
            if el.tail:
                add(el.tail, in_link)
            return
        tag = tag.lower()
        if _skip(el, tag, page):
            if el.tail:
                add(el.tail, in_link)
            return
        is_block = tag in BLOCK_TAGS
        if tag == "br" or is_block:
            flush(container)
        inner = el if is_block else container
        a = in_link or tag == "a"
        if el.text:
            add(el.text, a)
        for child in el:
            walk(child, inner, a)
        if is_block:
            flush(el, tag in HEADINGS)
        if el.tail:
            add(el.tail, in_link)

    body = root.find("body")
    top = body if body is not None else root
    page = _Page(top) if chrome_names else None
    walk(top, root, False)
    flush(root)
    return blocks


def block_value(b: Block) -> float:
    """Signed evidence that a block is article prose."""
    if b.link_ratio > 0.5 or is_drop_line(b.text) or is_cut_line(b.text):
        return -float(b.chars)
    own = b.chars - b.link_chars
    if b.punct == 0:
        # Unpunctuated labels (栏目, 日期, 用户名) are chrome unless long.
        return own * 0.3 if own >= 20 else -own * 0.5
    return float(own) - 2 * b.link_chars


# Chrome counts against a container at a fraction of its length: a list of related links
# under an article must not outweigh the article, but a page-wide wrapper that adds
# menus and columns to the prose must still lose to the prose's own container.
CHROME_WEIGHT = 0.4


def container_scores(blocks: list[Block]) -> dict[Element, float]:
    """Every element's summed block values (chrome at ``CHROME_WEIGHT``)."""
    scores: dict[Element, float] = {}
    for b in blocks:
        v = b.value
        if v < 0:
            v *= CHROME_WEIGHT
        chain = []
        el: Element | None = b.el
        while el is not None:
            scores[el] = scores.get(el, 0.0) + v
            chain.append(el)
            el = el.getparent()
        b.up = frozenset(chain)
    return scores


def holds(container: Element, b: Block) -> bool:
    """``b`` lies inside ``container``: a set lookup once ``container_scores`` has run."""
    return container in b.up if b.up is not None else inside(b.el, container)


def inside(el: Element | None, container: Element) -> bool:
    while el is not None:
        if el is container:
            return True
        el = el.getparent()
    return False


# A timestamp with a time of day: on blogs and forums each post starts or ends with one.
_STAMP = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?\s*\d{1,2}:\d\d")
_ANY_DATE = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
# Labels of the byline lines that sit between the title and the first paragraph.
_META_LABEL = re.compile(
    r"来源|来自|作者|记者|编辑|发布|时间|日期|点击|阅读|浏览|评论|字号|通讯员|本报|供图|摄影"
)
# Prose: a paragraph long enough and punctuated like a sentence.
PROSE_CHARS = 25


def _keep_short(b: Block) -> bool:
    """Short unpunctuated lines inside the body (sub-headings, captions) are text; in Latin
    script a one-word line ("Close", "Tags", "en") is a widget's label, not a sub-heading."""
    if b.punct or b.link_chars or not 2 <= b.chars < 20 or is_drop_line(b.text):
        return False
    return not is_latin(b.text) or words(b.text) >= 2


# A Latin-script sentence: as many words, and a full stop (one mark, where Chinese prose
# has a comma or two).
LATIN_SENTENCE_WORDS = 8
_LATIN_END = re.compile(r"[.!?…][\"'”’)]*$")


def _punctuated(b: Block) -> bool:
    if b.punct >= 2:
        return True
    return (
        is_latin(b.text) and words(b.text) >= LATIN_SENTENCE_WORDS and _LATIN_END.search(b.text) is not None
    )


def is_prose(b: Block) -> bool:
    if b.prose is None:
        b.prose = (
            b.chars >= PROSE_CHARS
            and b.link_ratio < 0.3
            and _punctuated(b)
            and not _is_byline(b)
            and not _BREADCRUMB_LINE.search(b.text)
        )
    return b.prose


# A list of other articles in summaries: TEASER_RUN linked headlines, each followed by a
# paragraph, once the article has had TEASER_AFTER characters of prose.
TEASER_RUN = 3
LISTING_TEASERS = 6
TEASER_AFTER = 400


def _is_headline_link(b: Block) -> bool:
    return 15 <= b.chars <= 150 and b.link_ratio >= 0.8


# "发布时间:2016-07-12 15:30 来源:…": long and punctuated enough to pass for prose.
_BYLINE_START = re.compile(r"\s*(?:发布|时间|日期|来源|作者|(?:19|20)\d\d\s*[-/.年])")


# "11-22 09:12 来源:新浪科技 作者:周琳 点击:次": two labelled fields make a byline wherever it starts.
_BYLINE_FIELD = re.compile(r"(?:来源|来自|作者|编辑|发布时间|时间|日期|点击|浏览)\s*[:：]")


def _is_byline(b: Block) -> bool:
    if b.chars >= 100:
        return False
    if len(_BYLINE_FIELD.findall(b.text)) >= 2:
        return True
    return bool(_BYLINE_START.match(b.text)) and bool(_ANY_DATE.search(b.text))


# "当前位置:首页 > 行业 > 正文", "Home » News": the trail above a title.
_BREADCRUMB_LINE = re.compile(r"^\s*(?:您的位置|当前位置|所在位置|位置)\s*[:：]|(?:首页|Home)\s*[>›»/]", re.I)
_HEADING_CHARS = 8
_SENTENCE_END = re.compile(r"[,，、].*[。！？!?]\s*$")


def _is_header_line(b: Block, title: str | None) -> bool:
    """Title, byline and date lines above the first paragraph: metadata, not body."""
    if b.chars >= 80:
        return False
    if title and (b.text in title or title in b.text):
        return True
    if _BREADCRUMB_LINE.search(b.text):
        return True
    if _SENTENCE_END.search(b.text):
        return False  # "2024年11月21日,广州车展正式开幕,展期十天。": a short sentence opening with a date
    return bool(_ANY_DATE.search(b.text) or _META_LABEL.search(b.text) or b.punct == 0 and b.chars <= 12)


def _teaser_wrapper(b: Block) -> Element | None:
    """The wrapper of a summary that stands under a linked headline of its own (a teaser of
    another article): the summary's parent, when it also holds a headline-long link."""
    parent = b.el.getparent()
    if parent is None or b.link_ratio > 0.2 or parent.tag in ("body", "html"):
        return None
    links = [a for a in parent.iter("a") if not inside(a, b.el)]
    # One teaser: its own headline (and perhaps a "more" link), not a list of them.
    if not 1 <= len(links) <= 2:
        return None
    texts = ("".join(a.itertext()).strip() for a in links)
    return parent if any(len(t) <= 150 and looks_like_headline(t) for t in texts) else None


def _leading_teasers(out: list[Block]) -> int:
    """How many blocks at the start are a run of other articles' teasers: TEASER_RUN or more
    summaries, each in its own wrapper beside its linked headline, the wrappers siblings,
    before prose that is no teaser (the article)."""
    wrappers: list[Element] = []
    end = 0
    for i, b in enumerate(out):
        wrapper = _teaser_wrapper(b) if b.value > 0 else None
        if wrapper is not None and (wrapper in wrappers or not wrappers or _siblings(wrapper, wrappers[0])):
            if wrapper not in wrappers:
                wrappers.append(wrapper)
            end = i + 1
        elif is_prose(b):
            return end if len(wrappers) >= TEASER_RUN else 0
    # Nothing but teasers, and many of them: a listing or a search page, no article.
    return len(out) if len(wrappers) >= LISTING_TEASERS else 0


def teaser_listing(blocks: list[Block]) -> bool:
    """Nearly every one of these blocks is another article's summary beside its linked
    headline, and there are many: a listing or search page, whose text is no article."""
    wrappers = [_teaser_wrapper(b) for b in blocks]
    found = [w for w in wrappers if w is not None]
    return len(set(found)) >= LISTING_TEASERS and len(found) >= 0.8 * len(blocks)


def _siblings(a: Element, b: Element) -> bool:
    return a.getparent() is b.getparent()


def _opens_head(b: Block, title: str | None) -> bool:
    # Two labelled fields, not a date alone: "2024年11月21日,广州车展开幕。" is a sentence.
    if b.chars >= 100:
        return False
    return (bool(title) and b.text.strip() == title.strip()) or len(_BYLINE_FIELD.findall(b.text)) >= 2


def body_blocks(
    blocks: list[Block], container: Element, title: str | None = None, rules: FurnitureRules | None = None
) -> list[Block]:
    """The container's blocks minus chrome; the body stops at a 相关阅读-style heading,
    at a legal notice, or at the timestamp that starts the next post of a blog/forum page.

    ``rules``: a known site's furniture, applied to the lines before the generic
    boilerplate tests, so the site's own end-of-body lines still end the body."""
    members = [b for b in blocks if holds(container, b)]
    total = sum(b.chars for b in members if b.value > 0)
    out: list[Block] = []
    seen = prose = 0
    teasers: list[int] = []  # where each linked headline + summary pair starts in out
    headline: int | None = None
    since_teaser = 0  # prose blocks since the last teaser began
    body_parent: Element | None = None  # the parent of the article's first paragraph
    for b in members:
        if prose >= TEASER_AFTER and _is_headline_link(b):
            if since_teaser > 1:
                teasers.clear()  # paragraphs between two linked lines: inline links, no list
            headline = len(out)
        if rules is not None:
            if rules.is_tail(b.text):
                break
            if rules.is_drop(b.text):
                continue
        late = seen > 0.5 * total
        if late and (is_cut_line(b.text) or (is_drop_line(b.text) and b.chars > 60)):
            break
        if prose and b.chars <= _HEADING_CHARS and b.text.rstrip(":： ") in CUT_MARKERS:
            break  # a whole-line 延伸阅读 / 最新文章 heading after the article's prose
        if prose >= 40 and b.chars <= 80 and _STAMP.search(b.text):
            # Next entry: its title line (short, just above the stamp) goes too.
            if out and out[-1].chars < 30 and not is_prose(out[-1]):
                out.pop()
            break
        if b.value <= 0 and not _keep_short(b):
            continue
        out.append(b)
        if b.value > 0:
            seen += b.chars
        if is_prose(b):
            # The breadcrumb and title above a body start no post of a forum page.
            prose += b.chars
            since_teaser += 1
            if body_parent is None:
                body_parent = b.el.getparent()
            # A summary under its own wrapper, not beside the article's paragraphs.
            if headline is not None and b.el.getparent() is not body_parent:
                teasers.append(headline)
                headline, since_teaser = None, 1
                if len(teasers) >= TEASER_RUN:
                    # Other articles, each a linked headline and its summary: the body
                    # ended where the first began.
                    del out[teasers[0] :]
                    break
    del out[: _leading_teasers(out)]
    # Leading byline/date/title lines before the first paragraph are metadata.  A long
    # title or a full byline passes for prose, so neither is the first paragraph.
    first = next((i for i, b in enumerate(out) if is_prose(b) and not _opens_head(b, title)), len(out))
    head = [b for b in out[:first] if not _is_header_line(b, title)]
    return head + out[first:]


@dataclass(slots=True)
class Body:
    paragraphs: list[str]
    blocks: list[Block]
    start: int  # index in blocks of the first body block (len(blocks) when none)
    end: int  # index after the last body block

    def byline_zone(self, title: str | None) -> list[Block]:
        """Lines where a byline/date sits: from the title's line (or a dozen lines above
        the body when the title is not found) to a few lines into the body, plus the
        lines just below it (forums sign a post under it)."""
        lo = max(0, self.start - 12)
        if title:
            for i in range(min(self.start + 6, len(self.blocks)) - 1, max(-1, self.start - 80), -1):
                b = self.blocks[i]
                if title in b.text and b.chars <= len(title) + 20:
                    lo = min(lo, i)
                    break
        return self.blocks[lo : self.start + 6] + self.blocks[self.end : self.end + 3]


def neutralise_rules(blocks: list[Block], rules: FurnitureRules | None) -> None:
    """A known site's furniture (its disclaimer sentences are long prose) never makes a
    block the body's container; it stands inside the real one too, so it counts for
    nothing rather than against."""
    if rules is None:
        return
    for b in blocks:
        if b.value > 0 and (rules.is_drop(b.text) or rules.is_tail(b.text)):
            b.value = 0.0


def neutralise_link_blocks(blocks: list[Block], link_blocks: Sequence[Element]) -> None:
    """Teasers under a 相关阅读 heading read like prose; with a site's furniture known
    (and worth nothing), a short article's own blocks could lose to them.  Their links
    still count against a container that would take them in."""
    if not link_blocks:
        return
    inside = {el for block in link_blocks for el in block.iter()}
    for b in blocks:
        if b.value > 0 and b.el in inside:
            b.value = 0.0


def make_body(blocks: list[Block], kept: list[Block]) -> Body:
    if not kept:
        return Body([], blocks, len(blocks), len(blocks))
    index = {id(b): i for i, b in enumerate(blocks)}
    return Body([b.text for b in kept], blocks, index[id(kept[0])], index[id(kept[-1])] + 1)
